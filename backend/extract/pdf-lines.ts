import type { LetterText, Span, TextCell, TextLine } from '../../shared/domain/letter';
import { findRunningLines } from './running-lines';

/** One positioned run of text as pdf.js reports it (already in page space). */
export interface PositionedText {
  str: string;
  /** Left edge and baseline, PDF points (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** Font size in points. */
  size: number;
  bold: boolean;
}

export interface PageText {
  page: number;
  items: PositionedText[];
}

interface BuiltLine {
  text: string;
  page: number;
  cells: { start: number; end: number; x: number }[];
  boldRuns: Span[];
  boldChars: number;
  chars: number;
}

/**
 * Items whose baselines are within this fraction of the font size share a
 * line: headers set label and value in different fonts whose baselines differ
 * by a fraction of a point.
 */
const SAME_LINE = 0.45;
/** A horizontal gap wider than this (× font size) separates table cells / header columns. */
const CELL_GAP = 0.9;
/** A gap wider than this (× font size) between glyph runs is a word space. */
const WORD_GAP = 0.15;
/** Vertical distance (× font size) beyond which a blank line marks a new paragraph. */
const PARAGRAPH_GAP = 1.75;

/**
 * Rebuild reading-order lines from positioned text: group by baseline, order
 * left to right, put spaces where glyph runs are apart, and record wide gaps
 * as cell boundaries (joined with a tab in the text) so the parser can tell
 * the label and value columns of the header block apart.
 */
export function buildLetterText(pages: PageText[]): LetterText {
  const built: BuiltLine[] = [];
  const grouped = pages.map(({ items }) => groupIntoLines(items));
  const running = findRunningLines(grouped.map((lines) => lines.map((l) => l.map((it) => it.str).join(' '))));
  for (const [pageIndex, { page }] of pages.entries()) {
    const lines = grouped[pageIndex]!.filter((_, i) => !running[pageIndex]!.has(i));
    let previousY: number | null = null;
    let previousSize = 12;
    for (const line of lines) {
      const first = line[0]!;
      if (previousY !== null && previousY - first.y > PARAGRAPH_GAP * Math.max(previousSize, first.size)) {
        built.push({ text: '', page, cells: [], boldRuns: [], boldChars: 0, chars: 0 });
      }
      built.push(joinLine(line, page));
      previousY = first.y;
      previousSize = first.size;
    }
  }
  while (built.length && built[built.length - 1]!.text === '') built.pop();

  const lines: TextLine[] = [];
  let offset = 0;
  for (const line of built) {
    const textLine: TextLine = {
      start: offset,
      end: offset + line.text.length,
      page: line.page,
      bold: line.chars > 0 && line.boldChars / line.chars > 0.5,
    };
    if (line.cells.length > 0) {
      textLine.cells = line.cells.map((c): TextCell => ({ start: c.start + offset, end: c.end + offset, x: c.x }));
    }
    if (line.boldRuns.length)
      textLine.boldRuns = line.boldRuns.map((r) => ({ start: r.start + offset, end: r.end + offset }));
    lines.push(textLine);
    offset += line.text.length + 1;
  }
  const pageCount = pages.reduce((max, p) => Math.max(max, p.page), 0);
  return { text: built.map((l) => l.text).join('\n'), lines, pageCount: Math.max(pageCount, 1), kind: 'pdf' };
}

function groupIntoLines(items: PositionedText[]): PositionedText[][] {
  const visible = items.filter((it) => it.str.length > 0 && Number.isFinite(it.x) && Number.isFinite(it.y));
  // Top of page first; stable for equal baselines so content-stream order breaks ties.
  const ordered = visible
    .map((it, index) => ({ it, index }))
    .sort((a, b) => b.it.y - a.it.y || a.index - b.index)
    .map((e) => e.it);
  const lines: PositionedText[][] = [];
  let current: PositionedText[] = [];
  let baseline = Number.NaN;
  let size = 0;
  for (const it of ordered) {
    const tolerance = SAME_LINE * Math.max(size, it.size, 1);
    if (current.length && Math.abs(baseline - it.y) <= tolerance) {
      current.push(it);
      continue;
    }
    if (current.some((c) => c.str.trim())) lines.push(current);
    current = [it];
    baseline = it.y;
    size = it.size;
  }
  if (current.some((c) => c.str.trim())) lines.push(current);
  return lines.map((line) => line.sort((a, b) => a.x - b.x));
}

function joinLine(items: PositionedText[], page: number): BuiltLine {
  let text = '';
  const cells: { start: number; end: number; x: number }[] = [];
  const boldRuns: Span[] = [];
  let boldChars = 0;
  let chars = 0;
  let previousEnd: number | null = null;
  let pendingSpace = false;
  for (const it of items) {
    if (!it.str.trim()) {
      // Whitespace items only tell us there is a gap; the geometry decides how wide.
      pendingSpace = text.length > 0;
      continue;
    }
    const gap = previousEnd === null ? 0 : it.x - previousEnd;
    const size = Math.max(it.size, 1);
    const str = it.str.replace(/\s+/g, ' ');
    if (previousEnd === null) {
      cells.push({ start: 0, end: 0, x: it.x });
    } else if (gap > CELL_GAP * size) {
      text = text.trimEnd();
      cells[cells.length - 1]!.end = text.length;
      text += '\t';
      cells.push({ start: text.length, end: 0, x: it.x });
    } else if ((pendingSpace || gap > WORD_GAP * size) && !text.endsWith(' ') && !str.startsWith(' ')) {
      text += ' ';
    }
    const trimmed = text.endsWith('\t') || text.length === 0 ? str.trimStart() : str;
    const start = text.length;
    text += trimmed;
    const nonSpace = trimmed.replace(/\s/g, '').length;
    chars += nonSpace;
    if (it.bold && nonSpace) {
      boldChars += nonSpace;
      const last = boldRuns[boldRuns.length - 1];
      const runStart = start + (trimmed.length - trimmed.trimStart().length);
      const runEnd = start + trimmed.trimEnd().length;
      // Merge with the previous bold run when only spaces separate them.
      if (last && /^\s*$/.test(text.slice(last.end, runStart))) last.end = runEnd;
      else boldRuns.push({ start: runStart, end: runEnd });
    }
    previousEnd = it.x + it.width;
    pendingSpace = false;
  }
  text = text.trimEnd();
  if (cells.length) cells[cells.length - 1]!.end = text.length;
  return { text, page, cells, boldRuns, boldChars, chars };
}
