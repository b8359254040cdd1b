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
 *   (MODIFIERS): the combining grapheme joiner U+034F, the variation selectors
 *   U+FE00–U+FE0F and U+E0100–U+E01EF and the Mongolian ones U+180B–U+180D,
 *   U+180F. 'Dana' followed by U+FE0F looks exactly like 'Dana' and is another
 *   name; so they are refused unless they follow a character they modify
 *   (isModifierOfPrevious: '❤️', '1️⃣', an ideographic variant).
 * Unicode spaces are not here: a name is trimmed and must have something
 * else; a value may hold spaces.
 */
const MODIFIERS = '\\u034f\\u180b-\\u180d\\u180f\\ufe00-\\ufe0f\\u{e0100}-\\u{e01ef}';
const INVISIBLE = `[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}\\p{Noncharacter_Code_Point}\\u115f\\u1160\\u3164\\uffa0\\u2800${MODIFIERS}]`;
const MODIFIER = new RegExp(`^[${MODIFIERS}]$`, 'u');
/** Tab, line feed, carriage return: in free text (rationale, notes) they are its lines. */
const LINE_CHARACTERS = /^[\t\n\r]$/;
const FILLERS = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x2800]);

/** "U+200B": how a refusal names a character nobody can see. */
export function codePointText(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What kind of character it is, for the refusal. */
function invisibleKind(c: string): string {
  const cp = c.codePointAt(0)!;
  if (DIRECTION_CONTROL.test(c)) return 'a text-direction control';
  if (FILLERS.has(cp)) return 'a blank filler character';
  if (cp === 0x034f) return 'an invisible combining character';
  if (MODIFIER.test(c)) return 'a variation selector not after a character it varies';
  if (/\p{Cc}/u.test(c)) return 'a control character';
  if (/\p{Cf}/u.test(c)) return 'an invisible formatting character';
  if (/\p{Zl}|\p{Zp}/u.test(c)) return 'a line separator';
  return 'not a character';
}

/**
 * The first character of `text` a reader cannot see (INVISIBLE), as
 * "U+200B (an invisible formatting character)", or null when there is none.
 * `lines`: tab, line feed and carriage return are allowed (free text);
 * without it they are refused too (a one-line name).
 */
export function invisibleCharacter(text: string, options: { lines: boolean }): string | null {
  // The class matches variation selectors on their own, by design: they are what is looked for (MODIFIERS).
  // eslint-disable-next-line no-misleading-character-class
  for (const match of text.matchAll(new RegExp(INVISIBLE, 'gu'))) {
    const c = match[0];
    if (options.lines && LINE_CHARACTERS.test(c)) continue;
    if (isJoinerInWord(text, c, match.index) || isModifierOfPrevious(text, c, match.index)) continue;
    return `${codePointText(c.codePointAt(0)!)} (${invisibleKind(c)})`;
  }
  return null;
}

/**
 * Zero-width non-joiner U+200C and joiner U+200D between two letters, marks,
 * digits or emoji: part of how a word or an emoji is spelled, not a hiding
 * place — Persian and Indic spelling need them ('می‌خواهم', Sinhala 'ශ්‍රී'),
 * and emoji sequences are joined by U+200D ('👩‍⚕️'). Alone or at an edge they
 * show nothing and stay refused.
 */
const JOINERS = new Set([0x200c, 0x200d]);
const WORD_PART = /[\p{L}\p{M}\p{N}\p{Extended_Pictographic}]/u;
function isJoinerInWord(text: string, c: string, at: number): boolean {
  if (!JOINERS.has(c.codePointAt(0)!) || at === 0) return false;
  return WORD_PART.test(characterBefore(text, at)) && WORD_PART.test(characterAfter(text, at, c));
}

/** The code point before index `at` ('' at the start); it may be two UTF-16 units (an emoji). */
function characterBefore(text: string, at: number): string {
  if (at === 0) return '';
  const beforeAt = at >= 2 && /[\udc00-\udfff]/.test(text[at - 1]!) ? at - 2 : at - 1;
  return String.fromCodePoint(text.codePointAt(beforeAt)!);
}

/** The code point after `c`, which is at `at` ('' at the end). */
function characterAfter(text: string, at: number, c: string): string {
  const next = at + c.length;
  return next < text.length ? String.fromCodePoint(text.codePointAt(next)!) : '';
}

/**
 * A variation selector right after a character it selects a form of: U+FE0E/U+FE0F (text or emoji style) after
 * an emoji ('❤️', '☺︎', and a keycap's digit, '#' or '*' when the keycap U+20E3 follows: '1️⃣'); U+FE00–U+FE0F and
 * the ideographic variation selectors U+E0100–U+E01EF after a CJK ideograph (standardized and registered
 * ideographic variants, e.g. in Japanese names); U+180B–U+180D, U+180F after a Mongolian letter. Anywhere else —
 * after a Latin letter, a space, another selector, at the start — it changes nothing a reader sees and is refused,
 * as is the combining grapheme joiner U+034F, whose only use is between combining marks in scholarly text.
 */
const EMOJI_STYLE = /^[\ufe0e\ufe0f]$/;
const KEYCAP_BASE = /^[0-9#*]$/;
function isModifierOfPrevious(text: string, c: string, at: number): boolean {
  if (!MODIFIER.test(c)) return false;
  const before = characterBefore(text, at);
  const cp = c.codePointAt(0)!;
  if (cp >= 0x180b && cp <= 0x180f) return /\p{Script=Mongolian}/u.test(before);
  if (cp === 0x034f) return false;
  if (EMOJI_STYLE.test(c) && /\p{Emoji}/u.test(before)) {
    return !KEYCAP_BASE.test(before) || characterAfter(text, at, c) === '\u20e3';
  }
  return /\p{Ideographic}/u.test(before);
}

/**
 * `text` without the characters `invisibleCharacter` refuses (tab, line feed,
 * carriage return, joiners inside a word and variation selectors after what they vary kept). For letter text that becomes a typed value — a
 * selection assigned to a field: a PDF's soft hyphens and zero-width spaces
 * are how it was typeset, not what it says, and the value would be refused.
 */
export function withoutInvisible(text: string): string {
  // eslint-disable-next-line no-misleading-character-class -- variation selectors on their own, as above
  return text.replace(new RegExp(INVISIBLE, 'gu'), (c: string, at: number) =>
    LINE_CHARACTERS.test(c) || isJoinerInWord(text, c, at) || isModifierOfPrevious(text, c, at) ? c : '',
  );
}

/**
 * `text` with every character INVISIBLE names — controls (tab and line feed too), format characters such as
 * U+200B, the bidi controls U+202A–U+202E and U+2066–U+2069, blank fillers, line separators, lone surrogates,
 * noncharacters — written as a visible `\u{XXXX}` escape, and a backslash as `\\` so that an escape typed in the
 * text itself is told apart. For reports that must show exactly what a value holds (`imr verify`'s differences):
 * two values that print alike then read alike only when they are alike.
 */
export function escapeInvisible(text: string): string {
  // eslint-disable-next-line no-misleading-character-class -- variation selectors on their own, as above
  return text.replace(new RegExp(`${INVISIBLE}|\\\\`, 'gu'), (c) =>
    c === '\\' ? '\\\\' : `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`,
  );
}
