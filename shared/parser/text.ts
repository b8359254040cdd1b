import type { Span } from '../domain/letter';

/** Collapse every run of white space to one space and trim: how values are compared and shown. */
export function foldWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
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
    for (let i = start; i < end; i++) {
      const ch = source[i]!;
      if (/\s/.test(ch)) {
        pendingSpace = value.length > 0;
        continue;
      }
      if (pendingSpace) {
        value += ' ';
        origins.push(i - 1);
        pendingSpace = false;
      }
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
