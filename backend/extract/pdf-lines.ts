import type { LetterText, Span, TextCell, TextLine } from '../../shared/domain/letter';
import { encodeLineBoxes, type LineBoxes } from '../../shared/domain/text-boxes';
import { ExtractionError } from './errors';
import type { PageGlyphs } from './pdfium/glyphs';
import { findRunningLines } from './running-lines';

/**
 * Items whose baselines are within this fraction of the font size share a
 * line: headers set label and value in different fonts whose baselines differ
 * by a fraction of a point.
 */
const SAME_LINE = 0.45;
/** A horizontal gap wider than this (× font size) separates table cells / header columns. */
const CELL_GAP = 0.9;
/** A gap wider than this (× font size) between characters is a word space. */
const WORD_GAP = 0.15;
/** Vertical distance (× font size) beyond which a blank line marks a new paragraph. */
const PARAGRAPH_GAP = 1.75;
/** Runs within this many degrees of the page's main writing direction are read with it. */
const SAME_DIRECTION_DEGREES = 3;

/**
 * A page's characters in its reading frame (text runs along +x, y up),
 * struct-of-arrays: a letter has thousands of characters, and an object per
 * character cost more in allocation and garbage collection than the rest of
 * line building.
 */
interface FramePage {
  page: number;
  text: string;
  left: Float64Array;
  right: Float64Array;
  bottom: Float64Array;
  top: Float64Array;
  /** Index into `runs` of each character's run; -1 when left out (other direction). */
  runOf: Int32Array;
  runs: { start: number; end: number; y: number; size: number; bold: boolean; confidence?: number }[];
  angleDegrees: number;
  /** Characters in other directions than the main one (left out of the lines). */
  otherDirectionChars: number;
}

interface BuiltLine {
  text: string;
  page: number;
  cells: { start: number; end: number; x: number }[];
  boldRuns: Span[];
  boldChars: number;
  chars: number;
  boxes: LineBoxes | null;
  /** OCR'd lines: the mean confidence of their characters' words (0–1). */
  ocr: number | null;
  /** Baseline and size of the leftmost character, for paragraph gaps. */
  y: number;
  size: number;
}

/**
 * Rebuild reading-order lines from positioned characters, as the page is
 * read: each page's main writing direction becomes the reading frame (a page
 * whose text is drawn sideways reads like any other), characters are grouped
 * by baseline, ordered left to right, spaces put where characters are apart,
 * and wide gaps recorded as cell boundaries (joined with a tab in the text) so
 * the parser can tell the label and value columns of the header block apart.
 * Every line keeps its characters' boxes (TextLine.boxes).
 *
 * Throws ExtractionError('unreadable-layout') for a page whose text cannot be
 * put into lines (large parts drawn in other directions, characters scattered
 * rather than set in lines): better rejected with a reason than imported as
 * nonsense.
 */
export function buildLetterText(pages: PageGlyphs[], fileName?: string): LetterText {
  const pageLines: BuiltLine[][] = [];
  for (const glyphs of pages) {
    const frame = readingFrame(glyphs);
    const lines = groupIntoLines(frame).map((chars) => joinLine(frame, chars));
    checkReadable(frame, lines, fileName);
    pageLines.push(lines);
  }

  const running = findRunningLines(pageLines.map((lines) => lines.map((l) => l.text)));
  const built: BuiltLine[] = [];
  pageLines.forEach((lines, pageIndex) => {
    let previous: BuiltLine | null = null;
    for (const [i, line] of lines.entries()) {
      if (running[pageIndex]!.has(i)) continue;
      if (previous && previous.y - line.y > PARAGRAPH_GAP * Math.max(previous.size, line.size)) {
        built.push(blankLine(line.page));
      }
      built.push(line);
      previous = line;
    }
  });
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
    if (line.boxes) textLine.boxes = encodeLineBoxes(line.boxes);
    if (line.ocr !== null) textLine.ocr = Math.round(line.ocr * 100) / 100;
    lines.push(textLine);
    offset += line.text.length + 1;
  }
  const pageCount = Math.max(
    1,
    pages.reduce((max, p) => Math.max(max, p.page), 0),
  );
  return { text: built.map((l) => l.text).join('\n'), lines, pageCount, kind: 'pdf' };
}

function blankLine(page: number): BuiltLine {
  return { text: '', page, cells: [], boldRuns: [], boldChars: 0, chars: 0, boxes: null, ocr: null, y: 0, size: 12 };
}

function normalizeDegrees(degrees: number): number {
  return ((degrees % 360) + 360) % 360;
}

/**
 * The page's main writing direction (the direction most characters are drawn
 * in), and every character in that direction moved into the frame where it
 * runs along +x. Runs in other directions (a sideways margin note) are left out.
 */
function readingFrame(glyphs: PageGlyphs): FramePage {
  const weight = new Map<number, number>();
  for (const run of glyphs.runs) {
    const degrees = normalizeDegrees(Math.round((run.angle * 180) / Math.PI));
    weight.set(degrees, (weight.get(degrees) ?? 0) + run.end - run.start);
  }
  let main = 0;
  let mainWeight = -1;
  for (const [degrees, w] of weight) {
    if (w > mainWeight || (w === mainWeight && degrees === 0)) {
      main = degrees;
      mainWeight = w;
    }
  }
  const r = (main * Math.PI) / 180;
  // Exact quarter turns keep boxes exact (no floating-point noise from cos(90°)).
  const cos = Math.abs(Math.cos(r)) < 1e-9 ? 0 : Math.cos(r);
  const sin = Math.abs(Math.sin(r)) < 1e-9 ? 0 : Math.sin(r);
  const n = glyphs.text.length;
  const frame: FramePage = {
    page: glyphs.page,
    text: glyphs.text,
    left: new Float64Array(n),
    right: new Float64Array(n),
    bottom: new Float64Array(n),
    top: new Float64Array(n),
    runOf: new Int32Array(n).fill(-1),
    runs: [],
    angleDegrees: main,
    otherDirectionChars: 0,
  };
  const b = glyphs.boxes;
  for (const run of glyphs.runs) {
    const degrees = (run.angle * 180) / Math.PI;
    if (Math.abs(normalizeDegrees(degrees - main + 180) - 180) > SAME_DIRECTION_DEGREES) {
      frame.otherDirectionChars += run.end - run.start;
      continue;
    }
    const runIndex = frame.runs.length;
    frame.runs.push({
      start: run.start,
      end: run.end,
      y: -run.x * sin + run.y * cos,
      size: run.size,
      bold: run.bold,
      confidence: run.confidence,
    });
    for (let i = run.start; i < run.end; i++) {
      const l = b[i * 4]!;
      const bo = b[i * 4 + 1]!;
      const ri = b[i * 4 + 2]!;
      const t = b[i * 4 + 3]!;
      frame.runOf[i] = runIndex;
      if (main === 0) {
        frame.left[i] = l;
        frame.right[i] = ri;
        frame.bottom[i] = bo;
        frame.top[i] = t;
        continue;
      }
      // The box's corners in the frame: for quarter turns the rotated box is the box.
      const xa = l * cos + bo * sin;
      const xb = ri * cos + t * sin;
      const xc = l * cos + t * sin;
      const xd = ri * cos + bo * sin;
      const ya = -l * sin + bo * cos;
      const yb = -ri * sin + t * cos;
      const yc = -l * sin + t * cos;
      const yd = -ri * sin + bo * cos;
      frame.left[i] = Math.min(xa, xb, xc, xd);
      frame.right[i] = Math.max(xa, xb, xc, xd);
      frame.bottom[i] = Math.min(ya, yb, yc, yd);
      frame.top[i] = Math.max(ya, yb, yc, yd);
    }
  }
  return frame;
}

/** Group runs by baseline (top of the page first); each line's characters ordered left to right. */
function groupIntoLines(frame: FramePage): number[][] {
  // Top of page first; stable for equal baselines so content-stream order breaks ties.
  const ordered = frame.runs
    .map((run, index) => ({ run, index }))
    .filter(({ run }) => Number.isFinite(run.y))
    .sort((a, b) => b.run.y - a.run.y || a.index - b.index)
    .map((e) => e.run);
  const lines: number[][] = [];
  let current: number[] = [];
  let baseline = Number.NaN;
  let size = 0;
  const hasText = (chars: number[]) => chars.some((i) => !isSpace(frame.text.charCodeAt(i)));
  for (const run of ordered) {
    const tolerance = SAME_LINE * Math.max(size, run.size, 1);
    if (!(current.length && Math.abs(baseline - run.y) <= tolerance)) {
      if (hasText(current)) lines.push(current);
      current = [];
      baseline = run.y;
      size = run.size;
    }
    for (let i = run.start; i < run.end; i++) current.push(i);
  }
  if (hasText(current)) lines.push(current);
  // Left to right; characters at the same x keep their drawing order (indices ascend in drawing order).
  const left = frame.left;
  return lines.map((line) => line.sort((a, b) => left[a]! - left[b]! || a - b));
}

/** White space as the text shows it (PDFs use U+00A0 and the U+2000 spaces too). */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x0c ||
    code === 0x0b ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0x1680 ||
    code === 0xfeff
  );
}

function joinLine(frame: FramePage, chars: number[]): BuiltLine {
  const codes: number[] = [];
  const edges: number[] = [];
  const cells: { start: number; end: number; x: number }[] = [];
  const boldRuns: Span[] = [];
  let boldChars = 0;
  let count = 0;
  let previousRight: number | null = null;
  let pendingSpace = false;
  let top = -Infinity;
  let bottom = Infinity;
  let firstRun = -1;
  let confidenceSum = 0;
  let confidenceChars = 0;
  const SPACE = 0x20;
  const trimEnd = () => {
    while (codes.length && codes[codes.length - 1] === SPACE) {
      codes.pop();
      edges.pop();
    }
  };
  for (const i of chars) {
    const code = frame.text.charCodeAt(i);
    if (isSpace(code)) {
      // White space only tells us there is a gap; the geometry decides how wide.
      pendingSpace = codes.length > 0;
      continue;
    }
    const run = frame.runs[frame.runOf[i]!]!;
    if (firstRun < 0) firstRun = frame.runOf[i]!;
    const size = Math.max(run.size, 1);
    const left = frame.left[i]!;
    if (previousRight === null) {
      cells.push({ start: 0, end: 0, x: left });
    } else {
      const gap = left - previousRight;
      if (gap > CELL_GAP * size) {
        trimEnd();
        cells[cells.length - 1]!.end = codes.length;
        codes.push(0x09);
        edges.push(previousRight);
        cells.push({ start: codes.length, end: 0, x: left });
      } else if ((pendingSpace || gap > WORD_GAP * size) && codes[codes.length - 1] !== SPACE) {
        codes.push(SPACE);
        edges.push(previousRight);
      }
    }
    const at = codes.length;
    codes.push(code);
    edges.push(left);
    count++;
    if (run.confidence !== undefined) {
      confidenceSum += run.confidence;
      confidenceChars++;
    }
    if (run.bold) {
      boldChars++;
      const last = boldRuns[boldRuns.length - 1];
      // Merge with the previous bold run when only white space separates them.
      if (last && onlySpaceBetween(codes, last.end, at)) last.end = at + 1;
      else boldRuns.push({ start: at, end: at + 1 });
    }
    previousRight = frame.right[i]!;
    if (frame.top[i]! > top) top = frame.top[i]!;
    if (frame.bottom[i]! < bottom) bottom = frame.bottom[i]!;
    pendingSpace = false;
  }
  trimEnd();
  if (cells.length) cells[cells.length - 1]!.end = codes.length;
  let text = '';
  for (let i = 0; i < codes.length; i += 4096) text += String.fromCharCode(...codes.slice(i, i + 4096));
  const boxes: LineBoxes | null =
    codes.length > 0 && previousRight !== null
      ? { angle: frame.angleDegrees, top, bottom, edges: [...edges, previousRight] }
      : null;
  const first = firstRun >= 0 ? frame.runs[firstRun]! : null;
  return {
    text,
    page: frame.page,
    cells,
    boldRuns,
    boldChars,
    chars: count,
    boxes,
    ocr: confidenceChars > 0 ? confidenceSum / confidenceChars : null,
    y: first?.y ?? 0,
    size: first?.size ?? 12,
  };
}

function onlySpaceBetween(codes: number[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (codes[k] !== 0x20 && codes[k] !== 0x09) return false;
  return true;
}

/** Thresholds for "this page cannot be read into lines". */
const MIN_CHARS_TO_JUDGE = 200;
const MAX_OTHER_DIRECTION_SHARE = 0.25;
const MIN_MEDIAN_LINE_CHARS = 4;
const MIN_LINES_TO_JUDGE = 20;

function checkReadable(frame: FramePage, lines: BuiltLine[], fileName?: string): void {
  const chars = frame.text.length;
  if (chars < MIN_CHARS_TO_JUDGE) return;
  if (frame.otherDirectionChars > MAX_OTHER_DIRECTION_SHARE * chars) {
    throw new ExtractionError(
      'unreadable-layout',
      `text on page ${frame.page} runs in several directions (${Math.round((100 * frame.otherDirectionChars) / chars)} % of it not in the main direction): its lines cannot be read reliably`,
      fileName,
    );
  }
  if (lines.length >= MIN_LINES_TO_JUDGE) {
    const lengths = lines.map((l) => l.chars).sort((a, b) => a - b);
    if (lengths[Math.floor(lengths.length / 2)]! < MIN_MEDIAN_LINE_CHARS) {
      throw new ExtractionError(
        'unreadable-layout',
        `the characters on page ${frame.page} are scattered rather than set in lines: its text cannot be read reliably`,
        fileName,
      );
    }
  }
}
