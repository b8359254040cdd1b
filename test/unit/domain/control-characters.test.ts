import { describe, expect, it } from 'vitest';
import { escapeInvisible, invisibleCharacter, withoutInvisible } from '../../../shared/domain/control-characters';

describe('letter text assigned to a field', () => {
  it('loses the soft hyphens and zero-width spaces a PDF typesets with, so the value is accepted', () => {
    const selected = 'Physical ther\u00ADapy\u200B 2x\u2060/week';
    const assigned = withoutInvisible(selected);
    expect(assigned).toBe('Physical therapy 2x/week');
    expect(invisibleCharacter(assigned, { lines: false })).toBeNull();
  });

  it('keeps the lines of free text and every visible character', () => {
    expect(withoutInvisible('Norco 10/325 mg\n\tfor the lumbar spine — café')).toBe(
      'Norco 10/325 mg\n\tfor the lumbar spine — café',
    );
  });

  it('removes what reorders or hides text: bidi overrides, controls, fillers', () => {
    expect(withoutInvisible('\u202Eevil\u0000\u001b[31m\u3164')).toBe('evil[31m');
  });
});

describe('joiners inside a word or an emoji', () => {
  it.each([
    ['an emoji sequence', '👩\u200d⚕\ufe0f Dr. Lee'],
    ['a family emoji', 'family 👨\u200d👩\u200d👧'],
    ['Sinhala "Sri"', 'ශ්\u200dරී'],
    ['Persian with ZWNJ', 'می\u200cخواهم'],
  ])('accepts %s', (_, text) => {
    expect(invisibleCharacter(text, { lines: false })).toBeNull();
  });

  it.each([
    ['a lone joiner', '\u200d'],
    ['a joiner at the start', '\u200dAna'],
    ['a joiner at the end', 'Ana\u200c'],
    ['a joiner between spaces', 'Ana \u200d Lee'],
  ])('refuses %s', (_, text) => {
    expect(invisibleCharacter(text, { lines: false })).toMatch(/^U\+200[CD]/);
  });
});

it('letter text assigned to a field keeps the joiners its words are spelled with', () => {
  expect(withoutInvisible('می\u200cخواهم\u200b')).toBe('می\u200cخواهم');
});

describe('escapeInvisible (how imr verify shows a value)', () => {
  it('writes every invisible character as \\u{XXXX}, and a backslash doubled', () => {
    expect(escapeInvisible('Norco\u200b 10\u202emg\nx\ty\\u{200B}')).toBe(
      'Norco\\u{200B} 10\\u{202E}mg\\u{A}x\\u{9}y\\\\u{200B}',
    );
    expect(escapeInvisible('plain text, Ünïcode, 👩‍⚕️')).toBe('plain text, Ünïcode, 👩\\u{200D}⚕\\u{FE0F}');
  });
});

describe('variation selectors and the combining grapheme joiner', () => {
  it.each([
    ['a heart in emoji style', 'Dana ❤\ufe0f'],
    ['a smiley in text style', 'Lee ☺\ufe0e'],
    ['a keycap', 'Room 1\ufe0f\u20e3'],
    ['an emoji joined by U+200D', '👩\u200d⚕\ufe0f Dr. Lee'],
    ['a flag', '🏳\ufe0f\u200d🌈 Sam'],
    ['an ideographic variant (Japanese name)', '葛\u{e0100}飾 北斎'],
    ['a standardized CJK variant', '渡\ufe00辺'],
    ['a Mongolian letter with its free variation selector', 'ᠠ\u180bᠨ'],
  ])('accepts %s', (_, text) => {
    expect(invisibleCharacter(text, { lines: false })).toBeNull();
    expect(withoutInvisible(text)).toBe(text);
  });

  it.each([
    ['U+FE0F after a Latin letter: looks exactly like "Dana"', 'Dana\ufe0f', 'U+FE0F'],
    ['U+FE00 inside a word', 'Da\ufe00na', 'U+FE00'],
    ['an ideographic selector after a Latin letter', 'Lee\u{e0100}', 'U+E0100'],
    ['a selector at the start', '\ufe0fDana', 'U+FE0F'],
    ['a second selector after the first', '❤\ufe0f\ufe0f', 'U+FE0F'],
    ['a keycap base without its keycap', 'Room 1\ufe0f', 'U+FE0F'],
    ['a selector after a space', 'Dana \ufe0e', 'U+FE0E'],
    ['a Mongolian selector after a Latin letter', 'Dana\u180b', 'U+180B'],
  ])('refuses %s', (_, text, codePoint) => {
    expect(invisibleCharacter(text, { lines: false })).toBe(
      `${codePoint} (a variation selector not after a character it varies)`,
    );
  });

  it('refuses the combining grapheme joiner, which shows nothing wherever it is', () => {
    for (const text of ['Dana\u034f', 'Da\u034fna', 'e\u0301\u034f\u0323']) {
      expect(invisibleCharacter(text, { lines: true })).toBe('U+034F (an invisible combining character)');
    }
  });

  it('letter text assigned to a field loses the stray ones and keeps those after what they vary', () => {
    expect(withoutInvisible('Dana\ufe0f Lee\u034f ❤\ufe0f 渡\ufe00辺')).toBe('Dana Lee ❤\ufe0f 渡\ufe00辺');
  });
});
