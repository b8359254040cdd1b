import type { LetterText, TextLine } from '../domain/letter';

/**
 * Line lookup over the letter text. Uses the extractor's lines when they are
 * consistent with the text (they carry bold and page); otherwise rebuilds
 * plain lines from "\n" so a hand-made LetterText still parses.
 */
export class LineIndex {
  readonly lines: TextLine[];
  readonly hasBold: boolean;

  constructor(input: LetterText) {
    const usable = Array.isArray(input.lines) && input.lines.length > 0 && linesMatchText(input.text, input.lines);
    this.lines = usable ? input.lines : splitLines(input.text);
    this.hasBold = usable && this.lines.some((l) => l.bold);
  }

  /** Index of the line containing offset (the last line starting at or before it). */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** True when the stretch [start, end) is mostly bold (PDF); undefined when the source has no font information. */
  isBold(text: string, start: number, end: number): boolean | undefined {
    if (!this.hasBold) return undefined;
    let bold = 0;
    let total = 0;
    for (let i = this.indexAt(start); i < this.lines.length && this.lines[i]!.start < end; i++) {
      const line = this.lines[i]!;
      const s = Math.max(start, line.start);
      const e = Math.min(end, line.end);
      if (e <= s) continue;
      const chars = text.slice(s, e).replace(/\s/g, '').length;
      total += chars;
      if (line.boldRuns) {
        for (const run of line.boldRuns) {
          const rs = Math.max(run.start, s);
          const re = Math.min(run.end, e);
          if (re > rs) bold += text.slice(rs, re).replace(/\s/g, '').length;
        }
      } else if (line.bold) {
        bold += chars;
      }
    }
    return total > 0 ? bold / total > 0.6 : undefined;
  }
}

function linesMatchText(text: string, lines: TextLine[]): boolean {
  let previousEnd = -1;
  for (const l of lines) {
    if (
      !(Number.isInteger(l.start) && Number.isInteger(l.end)) ||
      l.start < previousEnd ||
      l.end < l.start ||
      l.end > text.length
    ) {
      return false;
    }
    previousEnd = l.end;
  }
  return true;
}

function splitLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    out.push({ start, end, page: 1, bold: false });
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}
