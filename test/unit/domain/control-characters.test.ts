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
    expect(escapeInvisible('plain text, Ünïcode, 👩‍⚕️')).toBe('plain text, Ünïcode, 👩\\u{200D}⚕️');
  });
});
