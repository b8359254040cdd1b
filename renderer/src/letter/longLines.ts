/**
 * Which parts of a letter's text the text view lays out. Chromium lays out a
 * line as one unit: a letter with a 10,000,000-character line froze the page
 * for 12–17 s (style and layout, not script). So each line longer than
 * LINE_SHOWN characters shows its first LINE_SHOWN, the highlighted source
 * (its first LINE_SHOWN when longer) and what the reviewer chose to reveal;
 * the rest is a gap the view names ("9,995,000 more characters") with a way
 * to show more. Offsets are UTF-16 indices into `LetterText.text`, as spans are.
 */

/** Characters of a long line shown before its first gap, and of a highlighted source. */
export const LINE_SHOWN = 4_000;
/** Characters one "show more" reveals. */
export const REVEAL_STEP = 50_000;

/** Half-open range [start, end) of the letter text. */
export interface TextRange {
  start: number;
  end: number;
}

export type TextPiece =
  | { kind: 'text'; start: number; end: number; marked: boolean }
  /** Characters not laid out; `lineStart`/`lineEnd` bound the line they belong to. */
  | { kind: 'gap'; start: number; end: number; lineStart: number; lineEnd: number };

/**
 * The text as pieces in order: shown text (split where the highlight begins
 * and ends, `marked` inside it) and gaps. A letter without a line longer than
 * LINE_SHOWN gives its text whole (one piece, or three around a highlight).
 * `revealed`: ranges the reviewer asked to see; `highlight` may be null.
 */
export function textPieces(text: string, highlight: TextRange | null, revealed: readonly TextRange[]): TextPiece[] {
  const shown: TextRange[] = [];
  const gaps: { start: number; end: number; lineStart: number; lineEnd: number }[] = [];
  let lineStart = 0;
  let plainFrom = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    if (lineEnd - lineStart > LINE_SHOWN) {
      if (lineStart > plainFrom) shown.push({ start: plainFrom, end: lineStart });
      const inLine: TextRange[] = [{ start: lineStart, end: lineStart + LINE_SHOWN }];
      if (highlight && highlight.end > lineStart && highlight.start < lineEnd) {
        const from = Math.max(highlight.start, lineStart);
        inLine.push({ start: from, end: Math.min(lineEnd, highlight.end, from + LINE_SHOWN) });
      }
      for (const r of revealed) {
        if (r.end > lineStart && r.start < lineEnd) {
          inLine.push({ start: Math.max(r.start, lineStart), end: Math.min(r.end, lineEnd) });
        }
      }
      let at = lineStart;
      for (const r of mergeRanges(inLine)) {
        if (r.start > at) gaps.push({ start: at, end: r.start, lineStart, lineEnd });
        shown.push(r);
        at = r.end;
      }
      if (at < lineEnd) gaps.push({ start: at, end: lineEnd, lineStart, lineEnd });
      plainFrom = lineEnd;
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  if (plainFrom < text.length || shown.length === 0) shown.push({ start: plainFrom, end: text.length });

  const pieces: TextPiece[] = [];
  const cuts = highlight ? [highlight.start, highlight.end] : [];
  for (const r of mergeRanges(shown)) {
    let from = r.start;
    for (const cut of [...cuts.filter((c) => c > r.start && c < r.end), r.end]) {
      const marked = highlight !== null && from >= highlight.start && from < highlight.end;
      pieces.push({ kind: 'text', start: from, end: cut, marked });
      from = cut;
    }
  }
  for (const gap of gaps) pieces.push({ kind: 'gap', ...gap });
  return pieces.sort((a, b) => a.start - b.start || (a.kind === 'gap' ? 1 : -1));
}

/** Sorted, with touching and overlapping ranges joined; empty ranges dropped. */
function mergeRanges(ranges: readonly TextRange[]): TextRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
