/**
 * Term lists matched as whole words — `(?<![\p{L}\p{N}])(?:terms)(?![\p{L}\p{N}])`,
 * case-insensitive unless `caps` — the way body regions (body-region.ts) and
 * categories (category.ts) are found. The matches are exactly those of that
 * pattern run as a global regex over the text (test/unit/parser/word-terms.test.ts);
 * what this module adds is speed, in two ways measured on the import path:
 *
 * 1. **Only the lists a text can match are run.** Each list is a large
 *    regular expression that V8 tries at every position of the text (the
 *    lookbehind and /iu leave it no literal to skip ahead to): ~6 ns per
 *    character per list, so ~40 lists over a 1,500-character rationale cost
 *    ~0.4 ms, then the largest part of parsing a letter. A match starts at
 *    the start of a word (a run of letters and digits) with one of its
 *    list's leading literals ("knee" for `knees?`, "menisc" for `menisc\w*`),
 *    so one pass over the text's words tells which lists can match at all.
 * 2. **Letters and digits outside ASCII are the exception.** Compiling one
 *    such pattern with `[\p{L}\p{N}]` under /iu costs V8 3–7 ms (it builds
 *    the case closure of every letter in Unicode), ~60 patterns 200–300 ms in
 *    every thread that parses — the first letters of each import worker and
 *    of `imr parse`. In a text whose letters and digits are all ASCII, the
 *    same pattern with `[A-Za-z0-9]` boundaries and the plain /i flag finds
 *    exactly the same matches and compiles in under 1 ms; the Unicode
 *    pattern is compiled only when a text needs it.
 */

/** One list of terms; `caps` lists are case-sensitive (abbreviations that are words only in capitals). */
export interface TermList {
  terms: string;
  caps?: boolean;
}

interface Lead {
  list: number;
  /** Lower case for a case-insensitive list. */
  literal: string;
  caseInsensitive: boolean;
}

/** Letters and digits: a leading literal is cut at anything else, so it lies inside one word. */
const LITERAL = /[A-Za-z0-9]/;
const QUANTIFIER = /[?*{]/;
const NON_ASCII = /[^\0-\x7f]/;
/** A letter or digit outside ASCII: the text needs the Unicode patterns. */
const NON_ASCII_WORD_CHAR = /(?![\0-\x7f])[\p{L}\p{N}]/u;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

class CompiledList {
  private unicodePattern: RegExp | null = null;
  private asciiPattern: RegExp | null = null;
  /**
   * The ASCII form is the same pattern only if the terms never match a
   * character by exclusion (`.` or `[^…]`), which under /u takes a whole
   * astral character and without /u half of one.
   */
  private readonly asciiSafe: boolean;

  constructor(
    private readonly terms: string,
    private readonly caps: boolean,
  ) {
    this.asciiSafe = !/(^|[^\\])(\\\\)*(\.|\[\^)/.test(terms);
  }

  /** The pattern for a text; compiled on first use (global: callers reset lastIndex). */
  pattern(asciiWords: boolean): RegExp {
    if (asciiWords && this.asciiSafe) {
      this.asciiPattern ??= new RegExp(`(?<![A-Za-z0-9])(?:${this.terms})(?![A-Za-z0-9])`, this.caps ? 'g' : 'gi');
      return this.asciiPattern;
    }
    this.unicodePattern ??= new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${this.terms})(?![\\p{L}\\p{N}])`,
      this.caps ? 'gu' : 'giu',
    );
    return this.unicodePattern;
  }
}

export class WordTermLists {
  private readonly lists: readonly CompiledList[];
  /** Lists with a term of unknown leading literal: always run. */
  private readonly alwaysRun: readonly number[];
  /** Leading literals of case-insensitive lists by their first (lower-case) character. */
  private readonly foldedLeads = new Map<string, Lead[]>();
  /** Leading literals of `caps` lists by their first character. */
  private readonly capsLeads = new Map<string, Lead[]>();
  private readonly capsLists: readonly number[];

  constructor(lists: readonly TermList[]) {
    this.lists = lists.map(({ terms, caps }) => new CompiledList(terms, Boolean(caps)));
    const alwaysRun: number[] = [];
    lists.forEach(({ terms, caps }, list) => {
      const literals = leadsOf(terms);
      if (!literals) {
        alwaysRun.push(list);
        return;
      }
      for (const found of literals) {
        const literal = caps ? found : found.toLowerCase();
        const index = caps ? this.capsLeads : this.foldedLeads;
        const bucket = index.get(literal[0]!) ?? [];
        bucket.push({ list, literal, caseInsensitive: !caps });
        index.set(literal[0]!, bucket);
      }
    });
    this.alwaysRun = alwaysRun;
    this.capsLists = lists.flatMap((l, i) => (l.caps ? [i] : []));
  }

  /**
   * Calls `found` for every match of every list, list by list in order, each
   * list's matches as a global `exec` loop finds them (leftmost first, then
   * after the end of the previous match).
   */
  forEachMatch(text: string, found: (list: number, m: RegExpExecArray) => void): void {
    const run = this.listsToRun(text);
    const asciiWords = !NON_ASCII.test(text) || !NON_ASCII_WORD_CHAR.test(text);
    this.lists.forEach((compiled, list) => {
      if (!run[list]) return;
      const pattern = compiled.pattern(asciiWords);
      pattern.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = pattern.exec(text))) {
        if (!m[0]) {
          pattern.lastIndex++;
          continue;
        }
        found(list, m);
      }
    });
  }

  /** Which lists can match: those with a leading literal at the start of a word, and those always run. */
  private listsToRun(text: string): Uint8Array {
    const run = new Uint8Array(this.lists.length);
    for (const list of this.alwaysRun) run[list] = 1;
    // Under /iu, besides A–Z, only U+017F (long s) and U+212A (Kelvin sign) match ASCII letters:
    // toLowerCase makes the Kelvin sign "k", the long s is mapped here.
    let lowered = text.toLowerCase();
    if (lowered.includes('\u017f')) lowered = lowered.replace(/\u017f/g, 's');
    // Where lowering changed the length, offsets in `lowered` are not offsets in `text`: run every caps list.
    const sameOffsets = lowered.length === text.length;
    if (!sameOffsets) for (const list of this.capsLists) run[list] = 1;
    let inWord = false;
    for (let i = 0; i < lowered.length; i++) {
      const code = lowered.charCodeAt(i);
      const word =
        code < 128
          ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57)
          : WORD_CHAR.test(String.fromCodePoint(lowered.codePointAt(i)!));
      if (word && !inWord) {
        mark(run, this.foldedLeads.get(lowered[i]!), lowered, i);
        if (sameOffsets) mark(run, this.capsLeads.get(text[i]!), text, i);
      }
      inWord = word;
      if (code >= 0xd800 && code <= 0xdbff) i++; // the rest of an astral character
    }
    return run;
  }
}

function mark(run: Uint8Array, leads: Lead[] | undefined, text: string, at: number): void {
  if (!leads) return;
  for (const lead of leads) if (!run[lead.list] && text.startsWith(lead.literal, at)) run[lead.list] = 1;
}

/** The leading literals of every top-level alternative of `source`, or null if one has none known. */
function leadsOf(source: string): string[] | null {
  const out: string[] = [];
  for (const alternative of splitAlternatives(source)) {
    const leads = leadsOfAlternative(alternative);
    if (!leads) return null;
    out.push(...leads);
  }
  return out;
}

function leadsOfAlternative(alternative: string): string[] | null {
  let i = 0;
  while (i < alternative.length && LITERAL.test(alternative[i]!)) i++;
  let lead = alternative.slice(0, i);
  // A quantifier that allows zero applies to the last literal character: it is not always there.
  if (lead && QUANTIFIER.test(alternative[i] ?? '')) lead = lead.slice(0, -1);
  if (lead) return [lead];
  if (alternative.startsWith('(?:')) {
    const close = closingParen(alternative, 0);
    if (close < 0 || QUANTIFIER.test(alternative[close + 1] ?? '')) return null;
    return leadsOf(alternative.slice(3, close));
  }
  return null;
}

/** Splits a regex source at its top-level `|` (outside groups, classes and escapes). */
function splitAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** Index of the `)` closing the group that opens at `open`, or -1. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}
