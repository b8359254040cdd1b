import type { Span } from '../domain/letter';

/**
 * A line break right after a hyphen that ends a word ("Non-" / "MTUS",
 * "follow-" / "up", a URL split at its hyphen): the letters wrap at existing
 * hyphens (they do not hyphenate words), so the hyphen is kept and the two
 * lines join without a space. One line break only: a blank line is a
 * paragraph break, and a dash after a space ("pain -") is not a hyphen.
 */
const HYPHEN_BREAK = /(?<=[\p{L}\p{N}]-)[ \t]*\n[ \t]*(?=\S)/gu;

/** Collapse every run of white space to one space and trim: how values are compared and shown. */
export function foldWhitespace(s: string): string {
  // Most values have no hyphen at a line end: skip the (slower) join then.
  const joined = /-[ \t]*\n/.test(s) ? s.replace(HYPHEN_BREAK, '') : s;
  return joined.replace(/\s+/g, ' ').trim();
}

/** Like foldWhitespace, but a blank line (paragraph break) survives as "\n\n". */
export function foldParagraphs(s: string): string {
  return s
    .split(/\n[ \t\f\r]*\n\s*/)
    .map(foldWhitespace)
    .filter(Boolean)
    .join('\n\n');
}

/** Shrink [start, end) so it starts and ends on non-space characters of `text`. */
export function trimSpan(text: string, start: number, end: number): Span {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

/** `/\s/` for one character code, without a regex call for the usual ASCII characters. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(String.fromCharCode(code));
}

/**
 * A whitespace-folded view of a stretch of the letter that remembers where
 * each folded character came from, so a match in the folded value (a body
 * region inside a treatment) maps back to a span in the letter. Folded as
 * `foldWhitespace` folds (a word-ending hyphen at a line end joins the next
 * line without a space). Where characters came from is kept per run of
 * non-space characters, not per character.
 */
export class FoldedText {
  readonly value: string;
  /** Run k: folded [foldedStarts[k], foldedStarts[k] + lengths[k]) came from source [sourceStarts[k], …). */
  private readonly foldedStarts: number[] = [];
  private readonly sourceStarts: number[] = [];
  private readonly lengths: number[] = [];

  constructor(source: string, start: number, end: number) {
    const parts: string[] = [];
    let length = 0;
    let i = Math.max(0, start);
    const stop = Math.min(end, source.length);
    while (i < stop) {
      // White space before the run: a folded space, unless a word-ending hyphen meets a single line break.
      let breaks = 0;
      const spaceStart = i;
      while (i < stop && isSpace(source.charCodeAt(i))) {
        if (source.charCodeAt(i) === 10) breaks++;
        i++;
      }
      if (i >= stop) break;
      const runStart = i;
      while (i < stop && !isSpace(source.charCodeAt(i))) i++;
      if (length > 0 && i > runStart && spaceStart < runStart) {
        const previous = parts[parts.length - 1]!;
        const hyphenJoin =
          breaks === 1 &&
          previous.endsWith('-') &&
          WORD_CHAR.test(previous.length >= 2 ? lastCodePoint(previous.slice(0, -1)) : lastCharBefore(parts));
        if (!hyphenJoin) {
          // The folded space stands for the last white-space character before the run.
          parts.push(' ');
          this.foldedStarts.push(length);
          this.sourceStarts.push(runStart - 1);
          this.lengths.push(1);
          length += 1;
        }
      }
      parts.push(source.slice(runStart, i));
      this.foldedStarts.push(length);
      this.sourceStarts.push(runStart);
      this.lengths.push(i - runStart);
      length += i - runStart;
    }
    this.value = parts.join('');
  }

  /** Source offset of folded character k. */
  private origin(k: number): number {
    let lo = 0;
    let hi = this.foldedStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.foldedStarts[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return this.sourceStarts[lo]! + (k - this.foldedStarts[lo]!);
  }

  /** Span in the letter of folded range [from, to). */
  spanOf(from: number, to: number): Span | undefined {
    if (to <= from || from < 0 || to > this.value.length) return undefined;
    return { start: this.origin(from), end: this.origin(to - 1) + 1 };
  }
}

/** The character before the last part ("-" alone in its run): the end of the part before it. */
function lastCharBefore(parts: string[]): string {
  const before = parts[parts.length - 2];
  return before && before !== ' ' ? lastCodePoint(before) : ' ';
}

/**
 * The last character of `s` as a code point (both halves of a surrogate pair): a letter outside the Basic
 * Multilingual Plane before a line-end hyphen ("𐀀-") is a letter to HYPHEN_BREAK's `\p{L}`, and a lone low
 * surrogate is not — FoldedText kept a space that foldWhitespace dropped, so a value and its span disagreed (found by
 * the parser's property test).
 */
function lastCodePoint(s: string): string {
  if (s.length >= 2) {
    const low = s.charCodeAt(s.length - 1);
    const high = s.charCodeAt(s.length - 2);
    if (low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff) return s.slice(-2);
  }
  return s.slice(-1);
}

/** Case-insensitive regex for a phrase whose words may be split by any white space (line wraps). */
export function phrasePattern(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
}
