import {
  JOINS_AFTER,
  JOINS_BEFORE,
  JOIN_TRANSPARENT,
  MARKS_NOT_ZERO,
  VARIATION_BASES,
  VIRAMAS,
} from './unicode-tables';

/**
 * The bidirectional-text controls, defined once: the embeddings, overrides and
 * isolates that reorder everything after them up to the end of a paragraph
 * (U+202A–U+202E, U+2066–U+2069), and the implicit marks that reorder the
 * neutral characters beside them (left-to-right and right-to-left marks
 * U+200E/U+200F, the Arabic letter mark U+061C). U+202E turns the rest of a
 * cell or a terminal line around ("Trojan source", CVE-2021-42574): a case
 * number or a decision would read as another. As a character class body, for
 * the terminal's escapes below, the refusal of typed text (invisibleKind) and
 * the exports (shared/domain/export-characters.ts).
 */
export const DIRECTION_CONTROLS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const DIRECTION_CONTROL = new RegExp(`^[${DIRECTION_CONTROLS}]$`);

/**
 * Characters that act instead of showing: C0 controls other than tab and
 * newline (ESC starts the sequences that clear a terminal, move its cursor up
 * and erase lines, set its window title), DEL, C1 controls (U+009B is a
 * one-character CSI), and the text-direction controls (DIRECTION_CONTROLS).
 *
 * What the CLI's human output (backend/hosts/cli/output.ts) writes as a
 * visible escape. A subset of INVISIBLE below.
 */
const SOURCE = `[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${DIRECTION_CONTROLS}]`;

/** True when `text` holds a control character or bidi override (tab and newline excepted). */
export function hasControlCharacters(text: string): boolean {
  return new RegExp(SOURCE).test(text);
}

/** `text` with each such character written as a visible `\uXXXX` escape. */
export function escapeControlCharacters(text: string): string {
  return text.replace(new RegExp(SOURCE, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Characters a person cannot see in what they typed, defined once for every
 * text a reviewer types into the record (a reviewer's name, a correction's
 * value, a treatment, a note, a reason; shared/api/contract.ts):
 * - controls (Cc): NUL, BEL, ESC… — tab, line feed and carriage return are
 *   kept apart below, since free text may hold lines;
 * - format characters (Cf): zero-width space U+200B, word joiner U+2060, soft
 *   hyphen U+00AD, the BOM, and the bidi controls U+202A–U+202E and
 *   U+2066–U+2069 (U+202E turns the rest of a cell around in Excel);
 * - the blank fillers that count as letters but show nothing: Hangul fillers
 *   U+115F, U+1160, U+3164, U+FFA0 and the empty Braille pattern U+2800 (the
 *   usual ways to make a "name" that looks blank);
 * - line and paragraph separators U+2028/U+2029, lone surrogate halves, and the
 *   noncharacters (U+FFFE, U+FFFF…), which no text needs;
 * - the invisible marks that combine with the character before them
 *   (SELECTORS): the combining grapheme joiner U+034F, the variation selectors
 *   U+FE00–U+FE0F and U+E0100–U+E01EF and the Mongolian ones U+180B–U+180D,
 *   U+180F. 'Dana' followed by U+FE0F looks exactly like 'Dana' and is another
 *   name.
 * Some of them are how a word or an emoji is spelled — the joiners U+200C/U+200D, the variation selectors, the
 * Mongolian vowel separator U+180E (Cf), the tag characters U+E0020–U+E007F of a flag (Cf) — and are kept where
 * Unicode says they do something (isSpelling); anywhere else they are refused like the rest.
 * - every other Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters a renderer shows nothing for
 *   unless it supports them, such as the Khmer inherent vowels U+17B4/U+17B5, U+2065, U+FFF0–U+FFF8 and the
 *   tag block U+E0000–U+E0FFF. Unicode reserves the unassigned ones as ignorable, so what is added there later
 *   is refused already.
 * Unicode spaces are not here: a name is trimmed and must have something
 * else; a value may hold spaces.
 */
const SELECTORS = '\\u034f\\u180b-\\u180d\\u180f\\ufe00-\\ufe0f\\u{e0100}-\\u{e01ef}';
const INVISIBLE = `[\\p{Default_Ignorable_Code_Point}\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}\\p{Noncharacter_Code_Point}\\u115f\\u1160\\u3164\\uffa0\\u2800${SELECTORS}]`;
const SELECTOR = new RegExp(`^[${SELECTORS}]$`, 'u');
/** Tab, line feed, carriage return: in free text (rationale, notes) they are its lines. */
const LINE_CHARACTERS = /^[\t\n\r]$/;
const FILLERS = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x2800]);
const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const MVS = 0x180e;
const CGJ = 0x034f;
const isTag = (cp: number) => cp >= 0xe0000 && cp <= 0xe007f;
const isMongolianSelector = (cp: number) => (cp >= 0x180b && cp <= 0x180d) || cp === 0x180f;

/** "U+200B": how a refusal names a character nobody can see. */
export function codePointText(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What kind of character it is, for the refusal. */
function invisibleKind(c: string): string {
  const cp = c.codePointAt(0)!;
  if (DIRECTION_CONTROL.test(c)) return 'a text-direction control';
  if (FILLERS.has(cp)) return 'a blank filler character';
  if (cp === CGJ) return 'an invisible combining character';
  if (SELECTOR.test(c)) return 'a variation selector not after a character it varies';
  if (cp === ZWNJ || cp === ZWJ) return 'a joiner not between characters it joins';
  if (cp === MVS) return 'a Mongolian vowel separator not before a final a or e';
  if (isTag(cp)) return 'a tag character not in an emoji flag';
  if (/\p{Cc}/u.test(c)) return 'a control character';
  if (/\p{Cf}/u.test(c)) return 'an invisible formatting character';
  if (/\p{Zl}|\p{Zp}/u.test(c)) return 'a line separator';
  if (/\p{Default_Ignorable_Code_Point}/u.test(c)) return 'a character shown as nothing';
  return 'not a character';
}

/**
 * The characters of `text` INVISIBLE names that are not part of how it is spelled (isSpelling), in order, with
 * their UTF-16 index. `lines`: tab, line feed and carriage return are text (free text); without it they are
 * hidden characters too (a one-line name, an escaped value). The one rule behind invisibleCharacter,
 * withoutInvisible and escapeInvisible.
 */
function* hiddenCharacters(text: string, lines: boolean): Generator<{ c: string; at: number }> {
  let emoji: EmojiSpans | null = null;
  let viramas: ViramaContexts | null = null;
  // The class matches variation selectors on their own, by design: they are what is looked for (SELECTORS).
  // eslint-disable-next-line no-misleading-character-class
  for (const match of text.matchAll(new RegExp(INVISIBLE, 'gu'))) {
    const c = match[0];
    const at = match.index;
    if (lines && LINE_CHARACTERS.test(c)) continue;
    if (EMOJI_PART.test(c) && (emoji ??= new EmojiSpans(text)).inside(at)) continue;
    const cp = c.codePointAt(0)!;
    const joiner = cp === ZWJ || cp === ZWNJ;
    if (isSpelling(text, cp, at, joiner && (viramas ??= new ViramaContexts(text)).before(at))) continue;
    yield { c, at };
  }
}

/**
 * The first character of `text` a reader cannot see (INVISIBLE, and not part of how the text is spelled), as
 * "U+200B (an invisible formatting character)", or null when there is none.
 * `lines`: tab, line feed and carriage return are allowed (free text);
 * without it they are refused too (a one-line name).
 */
export function invisibleCharacter(text: string, options: { lines: boolean }): string | null {
  for (const { c } of hiddenCharacters(text, options.lines)) {
    return `${codePointText(c.codePointAt(0)!)} (${invisibleKind(c)})`;
  }
  return null;
}

/**
 * `text` without the characters `invisibleCharacter` refuses (tab, line feed, carriage return, and the joiners,
 * selectors and tags of its words and emoji kept). For letter text that becomes a typed value — a selection
 * assigned to a field: a PDF's soft hyphens and zero-width spaces are how it was typeset, not what it says, and
 * the value would be refused. Repeated until nothing more goes, so the result is always accepted (a joiner kept
 * beside a removed character is judged again without it).
 */
export function withoutInvisible(text: string): string {
  for (;;) {
    let kept = '';
    let from = 0;
    for (const { c, at } of hiddenCharacters(text, true)) {
      kept += text.slice(from, at);
      from = at + c.length;
    }
    if (from === 0) return text;
    text = kept + text.slice(from);
  }
}

/**
 * `text` with every character INVISIBLE names that is not part of how it is spelled — controls (tab and line
 * feed too), format characters such as U+200B, the bidi controls U+202A–U+202E and U+2066–U+2069, blank fillers,
 * line separators, lone surrogates, noncharacters, stray joiners and selectors — written as a visible `\u{XXXX}`
 * escape, and a backslash as `\\` so that an escape typed in the text itself is told apart. For reports that must
 * show exactly what a value holds (`imr verify`'s differences): two values that print alike then read alike only
 * when they are alike. The joiners and selectors Unicode gives a meaning where they stand ('👩🏽‍💻', 'می‌خواهم')
 * are left as they are: they change what is shown, and are what invisibleCharacter accepts.
 */
export function escapeInvisible(text: string): string {
  let shown = '';
  let from = 0;
  for (const { c, at } of hiddenCharacters(text, false)) {
    shown += text.slice(from, at).replaceAll('\\', '\\\\') + `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`;
    from = at + c.length;
  }
  return shown + text.slice(from).replaceAll('\\', '\\\\');
}

/**
 * Whether the format character or selector `cp` at `at` is part of how `text` is spelled, by Unicode's own data
 * (shared/domain/unicode-tables.ts, made by scripts/unicode-tables.mjs from the UCD):
 * - a variation selector right after a base Unicode defines a variation sequence for (StandardizedVariants.txt:
 *   Myanmar 'က︀', CJK compatibility ideographs, maths, Mongolian free variation selectors; emoji-variation-
 *   sequences.txt: '❤️', '☺︎'); an ideographic variation selector U+E0100–U+E01EF after a unified ideograph, the
 *   only base the Ideographic Variation Database registers sequences for (UTS #37 §3; the database itself, tens of
 *   thousands of sequences and open to new collections, is not copied: '葛󠄀' in a Japanese name);
 * `followsVirama`: whether a letter, nonspacing marks, a virama and marks of a class other than 0 come just before
 * `at` (ViramaContexts; asked only for the joiners).
 * - ZWNJ and ZWJ in the contexts of UAX #31 §2.3: ZWNJ between letters that would otherwise join (A1:
 *   /$LJ $T* ZWNJ $T* $RJ/ — Persian 'می‌خواهم'), ZWNJ or ZWJ after a virama that follows a letter (A2, B:
 *   /$L $M* $V $M₁* ZW(N)J/ — Sinhala 'ශ්‍රී', Malayalam chillu 'ണ്‍', Hindi 'क्‌ष');
 * - ZWJ between a letter and a virama of the same script (precedesVirama): Bengali ra + ZWJ + virama + ya,
 *   'র‍্যাব', Devanagari 'र‍्य';
 * - the Mongolian vowel separator after a Mongolian letter (and its selector) and before the final a or e it
 *   separates (U+1820, U+1821; The Unicode Standard §13.5).
 * Joiners, selectors and tags inside an RGI emoji ('👩🏽‍💻', a keycap, the flag of Scotland) are kept before this
 * (EmojiSpans). Everything else — a selector after a Latin letter or after an emoji that has no text style ('😀️'),
 * a joiner between Latin letters, the combining grapheme joiner anywhere — changes nothing a reader sees.
 */
function isSpelling(text: string, cp: number, at: number, followsVirama: boolean): boolean {
  if (cp === ZWNJ) return followsVirama || joinsAcross(text, at);
  if (cp === ZWJ) return followsVirama || precedesVirama(text, at);
  if (cp === MVS) return separatesFinalVowel(text, at);
  if (cp === CGJ || !SELECTOR.test(String.fromCodePoint(cp))) return false;
  const before = codePointBefore(text, at);
  if (before === null) return false;
  if (cp >= 0xe0100) return /\p{Unified_Ideograph}/u.test(String.fromCodePoint(before.cp));
  return variationBases(cp)(before.cp);
}

/** A1: a letter joining forwards, transparent marks, ZWNJ at `at`, transparent marks, a letter joining backwards. */
function joinsAcross(text: string, at: number): boolean {
  const sets = tables();
  let before = codePointBefore(text, at);
  while (before && sets.joinTransparent(before.cp)) before = codePointBefore(text, before.at);
  if (!before || !sets.joinsAfter(before.cp)) return false;
  let after = codePointAt(text, at + 1);
  while (after && sets.joinTransparent(after.cp)) after = codePointAt(text, after.at + after.length);
  return !!after && sets.joinsBefore(after.cp);
}

/**
 * A2, B, read in one pass forwards: whether the text before a UTF-16 index ends with a letter, nonspacing marks, a
 * virama, then nonspacing marks of a class other than 0 ($L $M* $V $M₁*). A virama is itself such a mark (class 9),
 * so after several the last may be the $V. Walking back from each joiner instead (as this once did, and again
 * from each virama passed to find its letter) took time quadratic in a run of marks: a digit and 8,000 viramas
 * before a ZWJ, a 24 KB value, held the service 9 s.
 */
class ViramaContexts {
  /** UTF-16 index read up to. */
  private read = 0;
  /** The text up to `read` ends with $L $M*. */
  private letterMarks = false;
  /** The text up to `read` ends with $L $M* $V $M₁*. */
  private afterVirama = false;
  constructor(private readonly text: string) {}
  /** Whether the text before `at` ends with $L $M* $V $M₁*. `at` never decreases from one call to the next. */
  before(at: number): boolean {
    const sets = tables();
    while (this.read < at) {
      const cp = this.text.codePointAt(this.read)!;
      const c = String.fromCodePoint(cp);
      const mark = NONSPACING_MARK.test(c);
      this.afterVirama = (this.letterMarks && sets.viramas(cp)) || (this.afterVirama && sets.marksNotZero(cp));
      this.letterMarks = LETTER.test(c) || (this.letterMarks && mark);
      this.read += c.length;
    }
    return this.afterVirama;
  }
}
const LETTER = /^\p{L}$/u;
const NONSPACING_MARK = /^\p{Mn}$/u;

/**
 * ZWJ at `at` right after a letter and right before a virama of the letter's script. The Unicode Standard, ch. 12
 * (South and Central Asia-I): §12.2 Bengali, "Ya-phalaa" — ra + ZWJ + virama + ya shows ra with the ya-phalaa,
 * where ra + virama + ya would show a reph ('র‍্যাব', RAB); §12.1 Devanagari, the same sequence ra + ZWJ + virama
 * for the eyelash RA ('र‍्य'). UAX #31 §2.3 lists only the joiner after the virama; the core spec spells these
 * with it before.
 */
function precedesVirama(text: string, at: number): boolean {
  const before = codePointBefore(text, at);
  const after = codePointAt(text, at + 1);
  if (!before || !after || !tables().viramas(after.cp)) return false;
  const letter = String.fromCodePoint(before.cp);
  if (!LETTER.test(letter)) return false;
  return viramaScripts().some((script) => script.test(letter) && script.test(String.fromCodePoint(after.cp)));
}

/**
 * The scripts with a virama (Canonical_Combining_Class 9, VIRAMAS), by their Script property value names; a test
 * checks that every virama of VIRAMAS is in one of them.
 */
export const VIRAMA_SCRIPTS = [
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Tagalog',
  'Hanunoo',
  'Khmer',
  'Tai_Tham',
  'Balinese',
  'Sundanese',
  'Batak',
  'Tifinagh',
  'Syloti_Nagri',
  'Saurashtra',
  'Rejang',
  'Javanese',
  'Meetei_Mayek',
  'Kharoshthi',
  'Brahmi',
  'Kaithi',
  'Chakma',
  'Sharada',
  'Khojki',
  'Khudawadi',
  'Grantha',
  'Newa',
  'Tirhuta',
  'Siddham',
  'Modi',
  'Takri',
  'Ahom',
  'Dogra',
  'Dives_Akuru',
  'Nandinagari',
  'Zanabazar_Square',
  'Soyombo',
  'Bhaiksuki',
  'Masaram_Gondi',
  'Gunjala_Gondi',
  'Kawi',
  'Tai_Viet',
  'Buhid',
  'Tagbanwa',
  'Limbu',
  'Phags_Pa',
  'Mongolian',
  'Cham',
  'Lepcha',
];
let scriptTests: RegExp[] | null = null;
/** A membership test per VIRAMA_SCRIPTS name, made on first use. */
function viramaScripts(): RegExp[] {
  return (scriptTests ??= VIRAMA_SCRIPTS.map((name) => new RegExp(`^\\p{Script=${name}}$`, 'u')));
}

const MONGOLIAN_LETTER = /^(?=\p{Script=Mongolian})\p{L}$/u;
/** U+180E at `at`: after a Mongolian letter (and its free variation selector), before a final a or e. */
function separatesFinalVowel(text: string, at: number): boolean {
  let before = codePointBefore(text, at);
  if (before && isMongolianSelector(before.cp)) before = codePointBefore(text, before.at);
  const after = codePointAt(text, at + 1);
  return (
    !!before &&
    MONGOLIAN_LETTER.test(String.fromCodePoint(before.cp)) &&
    !!after &&
    (after.cp === 0x1820 || after.cp === 0x1821)
  );
}

/** The code point that ends just before UTF-16 index `at`, and where it starts; null at the start. */
function codePointBefore(text: string, at: number): { cp: number; at: number } | null {
  if (at <= 0) return null;
  const start =
    at >= 2 && /[\udc00-\udfff]/.test(text[at - 1]!) && /[\ud800-\udbff]/.test(text[at - 2]!) ? at - 2 : at - 1;
  return { cp: text.codePointAt(start)!, at: start };
}

/** The code point at UTF-16 index `at` and its length in UTF-16 units; null at the end. */
function codePointAt(text: string, at: number): { cp: number; at: number; length: number } | null {
  if (at >= text.length) return null;
  const cp = text.codePointAt(at)!;
  return { cp, at, length: cp > 0xffff ? 2 : 1 };
}

/**
 * The characters that may be inside an RGI emoji: ZWJ, the emoji selector and the tag characters. Only when the text
 * holds one are its emoji looked for.
 */
// A class of single joiners and selectors, by design (the rule would have them be in a sequence).
// eslint-disable-next-line no-misleading-character-class
const EMOJI_PART = /^[\u200d\ufe0f\u{e0020}-\u{e007f}]$/u;
// eslint-disable-next-line no-misleading-character-class -- as above
const HOLDS_EMOJI_PART = /[\u200d\ufe0f\u{e0020}-\u{e007f}]/u;

/**
 * One emoji element of UTS #51's "possible emoji" (§1.4.9, ED-27): a pair of regional indicators (a flag), or an
 * emoji with a skin tone, U+FE0F (and the keycap U+20E3), or tags ending in the cancel tag U+E007F.
 */
const EMOJI_ELEMENT =
  '(?:\\p{Regional_Indicator}{2}|\\p{Emoji}(?:\\p{Emoji_Modifier}|\\ufe0f\\u20e3?|[\\u{e0020}-\\u{e007e}]+\\u{e007f})?)';
/** Possible emoji: elements joined by ZWJ. Cheap to scan for; whether one is RGI is asked of each found. */
const POSSIBLE_EMOJI = new RegExp(`${EMOJI_ELEMENT}(?:\\u200d${EMOJI_ELEMENT})+|${EMOJI_ELEMENT}`, 'gu');
let rgiEmoji: RegExp | null = null;
/** Answers already given (emoji repeat), up to RGI_ANSWERS_KEPT. */
const rgiAnswers = new Map<string, boolean>();
const RGI_ANSWERS_KEPT = 1000;
/**
 * Whether `sequence` is one RGI emoji (UTS #51 "recommended for general interchange": emoji-sequences.txt and
 * emoji-zwj-sequences.txt), as the JavaScript engine's `\p{RGI_Emoji}` knows them (`v` flag: Node ≥ 20 — Unicode 17
 * in Node 20.20 —, Chromium ≥ 112; checked in Debian's Chromium 150, which the e2e use). The pattern holds thousands
 * of sequences: made on first use (about 0.3 s to build and compile in Node 20.20, once per process), then about
 * 0.2 ms a test, so it is only asked about possible emoji that hold a joiner, a selector or a tag, and each
 * answer is kept.
 */
function isRgiEmoji(sequence: string): boolean {
  let answer = rgiAnswers.get(sequence);
  if (answer === undefined) {
    answer = (rgiEmoji ??= new RegExp('^\\p{RGI_Emoji}$', 'v')).test(sequence);
    if (rgiAnswers.size >= RGI_ANSWERS_KEPT) rgiAnswers.clear();
    rgiAnswers.set(sequence, answer);
  }
  return answer;
}

/**
 * Bounds on an RGI emoji, so that a long chain of joined emoji costs time in proportion to its length: the longest
 * (a kiss or a couple with two skin tones, a family of four, a subdivision flag) have 4 elements and 15 UTF-16
 * units; twice that leaves room for later emoji versions. Without them a chain of 200 '😀' took 132 ms, and 256 KiB
 * of one would take hours.
 */
const RGI_MOST_ELEMENTS = 8;
const RGI_LONGEST = 64;
/** isRgiEmoji for a run no longer than RGI_LONGEST; a longer one is none. */
const isRgiRun = (run: string) => run.length <= RGI_LONGEST && isRgiEmoji(run);

/**
 * Where the RGI emoji of a text are: keycaps, flags, skin tones, ZWJ sequences and the tag sequences of subdivision
 * flags. A joiner, selector or tag strictly inside one is part of it. Each possible emoji (POSSIBLE_EMOJI) that
 * holds one is asked whole ('👩🏽‍💻' is one RGI emoji, not '👩🏽' and '💻'); one that is no RGI emoji as a whole
 * ('👩‍💻' + ZWJ + '😀') is split at its joiners into the longest RGI runs of elements, so '👩‍💻' keeps its joiner
 * and the one joining it to '😀', which joins nothing Unicode defines, is refused.
 */
class EmojiSpans {
  private readonly spans: Array<[number, number]> = [];
  constructor(text: string) {
    for (const match of text.matchAll(POSSIBLE_EMOJI)) {
      const sequence = match[0];
      if (!HOLDS_EMOJI_PART.test(sequence)) continue;
      if (sequence.length <= RGI_LONGEST && isRgiEmoji(sequence)) {
        this.spans.push([match.index, match.index + sequence.length]);
        continue;
      }
      const elements = sequence.split('\u200d');
      let from = match.index;
      for (let first = 0; first < elements.length;) {
        let last = Math.min(elements.length, first + RGI_MOST_ELEMENTS);
        while (last > first + 1 && !isRgiRun(elements.slice(first, last).join('\u200d'))) last--;
        const run = elements.slice(first, last).join('\u200d');
        if (last > first + 1 || isRgiRun(run)) this.spans.push([from, from + run.length]);
        from += run.length + 1;
        first = last;
      }
    }
  }
  /** How many spans end before the last index asked about: indexes are asked in increasing order. */
  private passed = 0;
  /** Whether UTF-16 index `at` is strictly inside an RGI emoji. `at` never decreases from one call to the next. */
  inside(at: number): boolean {
    while (this.passed < this.spans.length && this.spans[this.passed]![1] <= at) this.passed++;
    const span = this.spans[this.passed];
    return !!span && at > span[0] && at < span[1];
  }
}

/** A code point set read from a table's text ("0300-036F 0483"): a membership test by halving its runs. */
function codePointSet(text: string): (cp: number) => boolean {
  const runs = text.split(' ').map((run) => {
    const [from, to = from] = run.split('-');
    return [parseInt(from!, 16), parseInt(to!, 16)] as const;
  });
  return (cp) => {
    let low = 0;
    let high = runs.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [from, to] = runs[middle]!;
      if (cp < from) high = middle - 1;
      else if (cp > to) low = middle + 1;
      else return true;
    }
    return false;
  };
}

let joiningTables: {
  joinsAfter: (cp: number) => boolean;
  joinsBefore: (cp: number) => boolean;
  joinTransparent: (cp: number) => boolean;
  viramas: (cp: number) => boolean;
  marksNotZero: (cp: number) => boolean;
} | null = null;
/** The joining tables, read on first use. */
function tables(): NonNullable<typeof joiningTables> {
  return (joiningTables ??= {
    joinsAfter: codePointSet(JOINS_AFTER),
    joinsBefore: codePointSet(JOINS_BEFORE),
    joinTransparent: codePointSet(JOIN_TRANSPARENT),
    viramas: codePointSet(VIRAMAS),
    marksNotZero: codePointSet(MARKS_NOT_ZERO),
  });
}
const basesBySelector = new Map<number, (cp: number) => boolean>();
/** The bases variation selector `selector` may follow (VARIATION_BASES), read on first use. */
function variationBases(selector: number): (cp: number) => boolean {
  let bases = basesBySelector.get(selector);
  if (!bases) {
    const text = VARIATION_BASES[selector];
    bases = text ? codePointSet(text) : () => false;
    basesBySelector.set(selector, bases);
  }
  return bases;
}
