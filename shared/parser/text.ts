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
  return s.replace(HYPHEN_BREAK, '').replace(/\s+/g, ' ').trim();
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
/** Checked on the last two characters only (a regex anchored at $ would rescan the whole value each time). */
const endsWithWordHyphen = (value: string) =>
  value.length >= 2 && value[value.length - 1] === '-' && WORD_CHAR.test(value[value.length - 2]!);

/**
 * A whitespace-folded view of a stretch of the letter that remembers where
 * each folded character came from, so a match in the folded value (a body
 * region inside a treatment) maps back to a span in the letter.
 */
export class FoldedText {
  readonly value: string;
  private readonly origins: number[];

  constructor(source: string, start: number, end: number) {
    let value = '';
    const origins: number[] = [];
    let pendingSpace = false;
    let breaks = 0;
    for (let i = start; i < end; i++) {
      const ch = source[i]!;
      if (/\s/.test(ch)) {
        pendingSpace = value.length > 0;
        if (ch === '\n') breaks++;
        continue;
      }
      // Same rule as foldWhitespace: a word-ending hyphen at a line end joins the next line without a space.
      if (pendingSpace && !(breaks === 1 && endsWithWordHyphen(value))) {
        value += ' ';
        origins.push(i - 1);
      }
      pendingSpace = false;
      breaks = 0;
      value += ch;
      origins.push(i);
    }
    this.value = value;
    this.origins = origins;
  }

  /** Span in the letter of folded range [from, to). */
  spanOf(from: number, to: number): Span | undefined {
    if (to <= from || from < 0 || to > this.origins.length) return undefined;
    return { start: this.origins[from]!, end: this.origins[to - 1]! + 1 };
  }
}

/** Case-insensitive regex for a phrase whose words may be split by any white space (line wraps). */
export function phrasePattern(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
}
