import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  escapeInvisible,
  invisibleCharacter,
  VIRAMA_SCRIPTS,
  withoutInvisible,
} from '../../../shared/domain/control-characters';
import { VIRAMAS } from '../../../shared/domain/unicode-tables';

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

describe('joiners where Unicode gives them a meaning (UAX #31 §2.3), emoji sequences (RGI)', () => {
  it.each([
    ['an emoji ZWJ sequence', '👩\u200d⚕\ufe0f Dr. Lee'],
    ['a family emoji', 'family 👨\u200d👩\u200d👧'],
    ['a skin-toned ZWJ emoji', 'Sam 👩🏽\u200d💻'],
    ['Sinhala "Sri": ZWJ after a virama (B)', 'ශ්\u200dරී'],
    ['a Malayalam chillu written with a final ZWJ (B)', 'ണ്\u200d'],
    ['a Malayalam chillu inside a sentence', 'അവന്\u200d വന്നു'],
    ['Persian with ZWNJ between joining letters (A1)', 'می\u200cخواهم'],
    ['Persian with ZWNJ after a letter with a vowel mark (A1, $T)', 'بِ\u200cب'],
    ['Hindi with ZWNJ after a virama (A2)', 'क्\u200cष'],
  ])('accepts %s', (_, text) => {
    expect(invisibleCharacter(text, { lines: false })).toBeNull();
    expect(withoutInvisible(text)).toBe(text);
    expect(escapeInvisible(text)).toBe(text);
  });

  it.each([
    ['a lone joiner', '\u200d'],
    ['a joiner at the start', '\u200dAna'],
    ['a joiner at the end', 'Ana\u200c'],
    ['a joiner between spaces', 'Ana \u200d Lee'],
    ['ZWJ between two Latin letters', 'Da\u200dna'],
    ['ZWNJ between two Latin letters', 'Da\u200cna'],
    ['ZWNJ after an Arabic letter that does not join forwards', 'ر\u200cب'],
    ['ZWJ between Arabic letters (no UAX #31 context)', 'ب\u200dب'],
    ['ZWJ after a virama with no letter before it', '\u094d\u200d'],
    ['ZWJ joining two emoji into no RGI sequence', '😀\u200d😀'],
  ])('refuses %s', (_, text) => {
    expect(invisibleCharacter(text, { lines: false })).toMatch(
      /^U\+200[CD] \(a joiner not between characters it joins\)$/,
    );
    expect(invisibleCharacter(withoutInvisible(text), { lines: false })).toBeNull();
  });
});

it('letter text assigned to a field keeps the joiners its words are spelled with', () => {
  expect(withoutInvisible('می\u200cخواهم\u200b')).toBe('می\u200cخواهم');
  expect(withoutInvisible('Da\u200dna ണ്\u200d')).toBe('Dana ണ്\u200d');
});

describe('escapeInvisible (how imr verify shows a value)', () => {
  it('writes every character invisibleCharacter refuses as \\u{XXXX}, and a backslash doubled', () => {
    expect(escapeInvisible('Norco\u200b 10\u202emg\nx\ty\\u{200B}')).toBe(
      'Norco\\u{200B} 10\\u{202E}mg\\u{A}x\\u{9}y\\\\u{200B}',
    );
    expect(escapeInvisible('Dana\ufe0f Da\u200dna 李\ufe0f \\')).toBe('Dana\\u{FE0F} Da\\u{200D}na 李\\u{FE0F} \\\\');
  });

  it('leaves the joiners and selectors a value is spelled with, which change what it shows', () => {
    const text = 'plain text, Ünïcode, 👩‍⚕️ 👩🏽‍💻 می‌خواهم ണ്‍ ❤️';
    expect(escapeInvisible(text)).toBe(text);
  });
});

describe('variation selectors, tags and the Mongolian vowel separator', () => {
  it.each([
    ['a heart in emoji style', 'Dana ❤\ufe0f'],
    ['a smiley in text style', 'Lee ☺\ufe0e'],
    ['a thumbs up in text style', '👍\ufe0e'],
    ['a keycap', 'Room 1\ufe0f\u20e3'],
    ['an emoji joined by U+200D', '👩\u200d⚕\ufe0f Dr. Lee'],
    ['a rainbow flag', '🏳\ufe0f\u200d🌈 Sam'],
    ['the flag of Scotland (a tag sequence)', 'Sam 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}'],
    ['an ideographic variant (Japanese name)', '葛\u{e0100}飾 北斎'],
    ['a CJK compatibility variant (StandardizedVariants: 神 U+FA19)', '神\ufe00田'],
    ['a Myanmar standardized variant (dotted KA)', 'က\ufe00'],
    ['a Mongolian letter with its free variation selector', 'ᠠ\u180bᠨ'],
    ['the Mongolian vowel separator before a final a', 'ᠭᠠᠷ\u180eᠠ'],
    ['the Mongolian vowel separator before a final e', 'ᠨᠣᠮ\u180eᠡ'],
  ])('accepts %s', (_, text) => {
    expect(invisibleCharacter(text, { lines: false })).toBeNull();
    expect(withoutInvisible(text)).toBe(text);
    expect(escapeInvisible(text)).toBe(text);
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
    ['U+FE0F after a CJK ideograph', '李\ufe0f', 'U+FE0F'],
    ['U+FE0E after a CJK ideograph', '李\ufe0e', 'U+FE0E'],
    ['U+FE00 after an ideograph with no standardized variant', '渡\ufe00辺', 'U+FE00'],
    ['U+FE0F after an emoji that has no text style', 'Dana 😀\ufe0f', 'U+FE0F'],
    ['U+FE0F after a skin-tone modifier', '👍🏽\ufe0f', 'U+FE0F'],
    ['U+FE0F after a flag', '🇫🇷\ufe0f', 'U+FE0F'],
    ['a standardized selector after a base it is not defined for (Myanmar KA with FE01)', 'က\ufe01', 'U+FE01'],
  ])('refuses %s', (_, text, codePoint) => {
    expect(invisibleCharacter(text, { lines: false })).toBe(
      `${codePoint} (a variation selector not after a character it varies)`,
    );
  });

  it.each([
    [
      'tags after a Latin letter: they show nothing',
      'Dana\u{e0067}\u{e0062}\u{e007f}',
      'U+E0067 (a tag character not in an emoji flag)',
    ],
    [
      'a black flag with an unfinished tag sequence',
      '🏴\u{e0067}\u{e0062}',
      'U+E0067 (a tag character not in an emoji flag)',
    ],
    [
      'the Mongolian vowel separator between Latin letters',
      'Da\u180ena',
      'U+180E (a Mongolian vowel separator not before a final a or e)',
    ],
    [
      'the Mongolian vowel separator before another letter',
      'ᠭᠠ\u180eᠨ',
      'U+180E (a Mongolian vowel separator not before a final a or e)',
    ],
  ])('refuses %s', (_, text, refusal) => {
    expect(invisibleCharacter(text, { lines: false })).toBe(refusal);
  });

  it('refuses the combining grapheme joiner, which shows nothing wherever it is', () => {
    for (const text of ['Dana\u034f', 'Da\u034fna', 'e\u0301\u034f\u0323']) {
      expect(invisibleCharacter(text, { lines: true })).toBe('U+034F (an invisible combining character)');
    }
  });

  it('letter text assigned to a field loses the stray ones and keeps those after what they vary', () => {
    expect(withoutInvisible('Dana\ufe0f Lee\u034f ❤\ufe0f 神\ufe00 李\ufe0f 😀\ufe0f')).toBe(
      'Dana Lee ❤\ufe0f 神\ufe00 李 😀',
    );
  });
});

/**
 * Samples of the UCD files the tables were made from (test/fixtures/unicode, one data line in N, verbatim: written
 * by scripts/unicode-tables.mjs), parsed here on their own: the rule must agree with Unicode's words, not only with
 * the generated table.
 */
describe("Unicode's data, sampled", () => {
  const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/unicode');
  const lines = (file: string) =>
    fs
      .readFileSync(path.join(FIXTURES, file), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) =>
        line
          .split('#')[0]!
          .split(';')
          .map((field) => field.trim()),
      );
  const text = (hex: string) => String.fromCodePoint(...hex.split(' ').map((h) => parseInt(h, 16)));
  const accepted = (value: string) => {
    expect(invisibleCharacter(value, { lines: false }), value).toBeNull();
    expect(withoutInvisible(value)).toBe(value);
    expect(escapeInvisible(value)).toBe(value);
  };
  const refused = (value: string) => {
    expect(invisibleCharacter(value, { lines: false }), value).not.toBeNull();
    expect(invisibleCharacter(withoutInvisible(value), { lines: false })).toBeNull();
  };
  const KEYCAP_BASE = /^[0-9#*]$/;

  it.each(lines('StandardizedVariants.txt'))(
    '%s: accepted as a standardized variant; the selector after "x" is not',
    (sequence) => {
      accepted(text(sequence!));
      refused(`x${text(sequence!).slice(-1)}`);
    },
  );

  it.each(lines('emoji-variation-sequences.txt'))('%s (%s): accepted, a keycap base only in its keycap', (sequence) => {
    const [base, selector] = Array.from(text(sequence!));
    if (KEYCAP_BASE.test(base!)) {
      refused(`${base}${selector}`);
      if (selector === '\ufe0f') accepted(`${base}${selector}\u20e3`);
    } else {
      accepted(`Dana ${base}${selector} Lee`);
    }
  });

  it.each([...lines('emoji-sequences.txt'), ...lines('emoji-zwj-sequences.txt')].filter(([s]) => !s!.includes('..')))(
    '%s (%s): an RGI emoji, accepted whole, its joiners refused once it is broken up',
    (sequence) => {
      const emoji = text(sequence!);
      accepted(`Dr. ${emoji} Lee`);
      // Its first character, a space, then the rest: a ZWJ or tag that now starts a word joins nothing.
      const [first, ...rest] = Array.from(emoji);
      if (/^[\u200d\u{e0020}-\u{e007f}]/u.test(rest[0] ?? '')) refused(`${first} ${rest.join('')}`);
    },
  );

  it.each(lines('DerivedCombiningClass.txt'))(
    '%s: a virama after a letter takes ZWJ and ZWNJ (UAX #31 A2, B)',
    (field) => {
      const virama = parseInt(field!, 16);
      // The nearest letter below it in the code charts: a consonant of its script.
      let letter = virama - 1;
      while (!/\p{L}/u.test(String.fromCodePoint(letter))) letter--;
      const cluster = String.fromCodePoint(letter, virama);
      accepted(`${cluster}\u200d`);
      accepted(`${cluster}\u200c`);
      refused(`${String.fromCodePoint(virama)}\u200d`);
    },
  );

  const joining = lines('DerivedJoiningType.txt');
  const first = (type: string) =>
    joining.filter(([, t]) => t === type).map(([field]) => String.fromCodePoint(parseInt(field!.split('..')[0]!, 16)));
  const BEH = '\u0628'; // Dual_Joining

  it.each(first('D'))('%s (Dual_Joining) takes ZWNJ on either side of a dual-joining letter (A1)', (letter) => {
    accepted(`${letter}\u200c${BEH}`);
    accepted(`${BEH}\u200c${letter}`);
  });
  it.each(first('R'))('%s (Right_Joining) takes ZWNJ after a dual-joining letter, not before one (A1)', (letter) => {
    accepted(`${BEH}\u200c${letter}`);
    refused(`${letter}\u200c${BEH}`);
  });
  it.each(
    first('T').filter(
      // Visible marks: the selectors and U+034F are Mn and transparent too, but judged on their own (above).
      (mark) => /\p{Mn}/u.test(mark) && !/[\u034f\u180b-\u180f\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/u.test(mark),
    ),
  )('%s (Transparent) is passed over (A1 $T)', (mark) => {
    accepted(`${BEH}${mark}\u200c${BEH}`);
  });
});

it('a possible emoji that is no RGI emoji as a whole keeps the joiners of its RGI parts', () => {
  // '👩‍💻' is RGI; the ZWJ joining it to '😀' joins nothing Unicode defines.
  expect(invisibleCharacter('👩\u200d💻\u200d😀', { lines: false })).toBe(
    'U+200D (a joiner not between characters it joins)',
  );
  expect(withoutInvisible('👩\u200d💻\u200d😀 👩🏽\u200d💻')).toBe('👩\u200d💻😀 👩🏽\u200d💻');
  expect(escapeInvisible('👩\u200d💻\u200d😀')).toBe('👩\u200d💻\\u{200D}😀');
});

describe('every Default_Ignorable_Code_Point (a review sweep found U+17B4, U+2065, U+FFF0, U+E0000… accepted)', () => {
  const ignorable = /^\p{Default_Ignorable_Code_Point}$/u;
  const all: number[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) if (ignorable.test(String.fromCodePoint(cp))) all.push(cp);

  it('is refused between two Latin letters, and removed from letter text', () => {
    expect(all.length).toBeGreaterThan(4000);
    const accepted = all.filter((cp) => invisibleCharacter(`a${String.fromCodePoint(cp)}b`, { lines: false }) === null);
    expect(accepted.map((cp) => cp.toString(16))).toEqual([]);
    const kept = all.filter((cp) => withoutInvisible(`a${String.fromCodePoint(cp)}b`) !== 'ab');
    expect(kept.map((cp) => cp.toString(16))).toEqual([]);
  });

  it('names the ones no other kind covers as shown as nothing', () => {
    expect(invisibleCharacter('a\u17b4b', { lines: false })).toBe('U+17B4 (a character shown as nothing)');
    expect(invisibleCharacter('a\ufff0b', { lines: false })).toBe('U+FFF0 (a character shown as nothing)');
    expect(invisibleCharacter('a\u{e0000}b', { lines: false })).toBe('U+E0000 (a tag character not in an emoji flag)');
  });
});

describe('ZWJ before a virama (The Unicode Standard §12.2 Bengali ya-phalaa after ra, §12.1 Devanagari eyelash RA)', () => {
  it.each([
    ['Bengali RAB: ra, ZWJ, virama, ya', '\u09b0\u200d\u09cd\u09af\u09be\u09ac'],
    ['Devanagari ra, ZWJ, virama, ya', '\u0930\u200d\u094d\u092f'],
  ])('accepts %s', (_, text) => {
    expect(invisibleCharacter(text, { lines: false })).toBeNull();
    expect(withoutInvisible(text)).toBe(text);
    expect(escapeInvisible(text)).toBe(text);
  });

  it.each([
    ['after a Latin letter', 'a\u200d\u094d'],
    ['between letter and virama of two scripts', '\u0930\u200d\u09cd'],
    ['after a digit', '1\u200d\u094d'],
    ['before a letter', '\u0930\u200d\u092f'],
  ])('refuses it %s', (_, text) => {
    expect(invisibleCharacter(text, { lines: false })).toContain('U+200D');
  });

  it('knows the script of every virama Unicode has', () => {
    const scripts = VIRAMA_SCRIPTS.map((name) => new RegExp(`^\\p{Script=${name}}$`, 'u'));
    const unknown: string[] = [];
    for (const run of VIRAMAS.split(' ')) {
      const [from, to = from] = run.split('-').map((h) => parseInt(h, 16));
      for (let cp = from!; cp <= to!; cp++) {
        if (!scripts.some((script) => script.test(String.fromCodePoint(cp)))) unknown.push(cp.toString(16));
      }
    }
    expect(unknown).toEqual([]);
  });
});

describe('256 KiB of adversarial text (a review froze the service 9 s on 24 KB of viramas): the right answer', () => {
  const K = 256 * 1024;
  it('a digit, viramas, ZWJ: the ZWJ is refused (no letter before the viramas)', () => {
    const text = '1' + '\u094d'.repeat(K - 2) + '\u200d';
    expect(invisibleCharacter(text, { lines: false })).toContain('U+200D');
    expect(withoutInvisible(text)).toBe(text.slice(0, -1));
    expect(escapeInvisible(text)).toBe(text.slice(0, -1) + '\\u{200D}');
  });

  it('a letter, viramas, ZWJ: the ZWJ follows a virama after a letter ($L $M* $V), kept', () => {
    const text = '\u0915' + '\u094d'.repeat(K - 2) + '\u200d';
    expect(invisibleCharacter(text, { lines: false })).toBeNull();
    expect(withoutInvisible(text)).toBe(text);
  });

  it('viramas and joiners alternating: every joiner after the first virama-letter context goes', () => {
    const text = '\u0915' + '\u094d\u200d'.repeat(K / 2 - 1);
    // the first ZWJ follows क + virama; every later one follows ZWJ + virama, no letter
    const expected = '\u0915\u094d\u200d' + '\u094d'.repeat(K / 2 - 2);
    expect(withoutInvisible(text)).toBe(expected);
    expect(invisibleCharacter(expected, { lines: false })).toBeNull();
  });

  it('a chain of ZWJ-joined emoji that is no RGI emoji: every joiner refused', () => {
    const text = '😀\u200d'.repeat(K / 3 - 1) + '😀';
    expect(invisibleCharacter(text, { lines: false })).toContain('U+200D');
    expect(withoutInvisible(text)).toBe('😀'.repeat(K / 3));
  });

  it('a chain of RGI ZWJ emoji joined by ZWJ: each keeps its own joiner, the ones between them go', () => {
    const coder = '👩\u200d💻';
    const text = Array.from({ length: K / 6 }, () => coder).join('\u200d');
    expect(withoutInvisible(text)).toBe(coder.repeat(K / 6));
  });

  it('selectors after letters and after what they vary, and tags outside a flag', () => {
    const stray = 'a\ufe0f'.repeat(K / 2);
    expect(withoutInvisible(stray)).toBe('a'.repeat(K / 2));
    const varied = '\u2764\ufe0f'.repeat(K / 2);
    expect(invisibleCharacter(varied, { lines: false })).toBeNull();
    const tags = '🏴' + '\u{e0067}'.repeat(K / 2 - 1);
    expect(withoutInvisible(tags)).toBe('🏴');
  });
});
