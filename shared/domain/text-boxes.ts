/**
 * Where every character of a PDF letter's extracted text sits on its page, so
 * the letter pane can draw a box exactly over a value (field → box) and turn a
 * selection on the page back into text offsets (selection → field).
 *
 * Model. A line is read in a frame: PDF page space (points, y up) rotated by
 * `angle` so that the line's text runs left to right (0 for an ordinary page;
 * 90° for a page whose text is drawn sideways). In that frame the line has a
 * top and a bottom and one left edge per character plus the right edge of the
 * last: character i spans [edges[i], edges[i + 1]]. A space or tab the
 * extractor inserted spans the gap it stands for.
 *
 * Encoding: TextLine.boxes, base64 of varints in tenths of a point — angle
 * (hundredths of a degree), top, height, first edge (zigzag), then one delta
 * per character, biased so that a step of -1.5 to +11 points (every
 * character of body text) takes one byte. backend/extract/README.md has the
 * measured size. Stored with the line map (document_content.lines_json), so
 * it travels wherever the lines do.
 */
import type { TextLine } from './letter';

/** Coordinates are stored in tenths of a point (1/720 inch): under a third of a pixel at 200 % zoom. */
const UNIT = 10;
/** Deltas are stored plus this, so small backward steps stay one byte; 0 escapes a larger one. */
const DELTA_BIAS = 16;

export interface LineBoxes {
  /** The frame's rotation from page space, degrees counter-clockwise. */
  angle: number;
  /** Frame coordinates, points. */
  top: number;
  bottom: number;
  /** Left edge of each character of the line, then the right edge of the last (length = line length + 1). */
  edges: number[];
}

export function encodeLineBoxes(boxes: LineBoxes): string {
  const out: number[] = [];
  svarint(out, Math.round(boxes.angle * 100));
  const top = Math.round(boxes.top * UNIT);
  svarint(out, top);
  svarint(out, top - Math.round(boxes.bottom * UNIT));
  let previous = Math.round((boxes.edges[0] ?? 0) * UNIT);
  svarint(out, previous);
  for (let i = 1; i < boxes.edges.length; i++) {
    const value = Math.round(boxes.edges[i]! * UNIT);
    const delta = value - previous;
    if (delta + DELTA_BIAS >= 1) {
      uvarint(out, delta + DELTA_BIAS);
    } else {
      out.push(0);
      svarint(out, delta);
    }
    previous = value;
  }
  return base64FromBytes(out);
}

/**
 * Decodes TextLine.boxes for a line of `length` characters. Returns null when
 * the data is malformed or does not match the line (a box must never be drawn
 * over the wrong characters).
 */
export function decodeLineBoxes(encoded: string, length: number): LineBoxes | null {
  let bytes: Uint8Array;
  try {
    bytes = bytesFromBase64(encoded);
  } catch {
    return null;
  }
  const input = { bytes, at: 0 };
  const angle = readSvarint(input);
  const top = readSvarint(input);
  const height = readSvarint(input);
  if (angle === null || top === null || height === null) return null;
  let value = readSvarint(input);
  if (value === null) return null;
  const edges: number[] = [value / UNIT];
  for (let i = 1; i <= length; i++) {
    const biased = readUvarint(input);
    const delta = biased === 0 ? readSvarint(input) : biased === null ? null : biased - DELTA_BIAS;
    if (delta === null) return null;
    value += delta;
    edges.push(value / UNIT);
  }
  if (input.at !== bytes.length) return null;
  return { angle: angle / 100, top: top / UNIT, bottom: (top - height) / UNIT, edges };
}

/** A box in a line's frame, points; `angle` turns it into page space (frameToPage). */
export interface FrameRect {
  page: number;
  angle: number;
  left: number;
  right: number;
  bottom: number;
  top: number;
}

/**
 * The boxes covering text offsets [start, end) of the letter text: one per
 * line the span touches, trimmed to the span's characters. Lines without
 * boxes (text letters, letters imported before boxes existed) give none.
 */
export function rectsForSpan(lines: readonly TextLine[], start: number, end: number): FrameRect[] {
  const rects: FrameRect[] = [];
  for (const line of lines) {
    if (line.end <= start) continue;
    if (line.start >= end) break;
    if (!line.boxes) continue;
    const boxes = decodeLineBoxes(line.boxes, line.end - line.start);
    if (!boxes) continue;
    const from = Math.max(start, line.start) - line.start;
    const to = Math.min(end, line.end) - line.start;
    if (to <= from) continue;
    const a = boxes.edges[from]!;
    const b = boxes.edges[to]!;
    rects.push({
      page: line.page,
      angle: boxes.angle,
      left: Math.min(a, b),
      right: Math.max(a, b),
      bottom: boxes.bottom,
      top: boxes.top,
    });
  }
  return rects;
}

/**
 * The text offset nearest to a point in PDF page space: the line on that page
 * whose box contains (or is nearest to) the point's height in its frame, then
 * the character boundary nearest to the point along it. Null when the page's
 * lines have no boxes.
 */
export function offsetAtPoint(lines: readonly TextLine[], page: number, x: number, y: number): number | null {
  let best: { line: TextLine; boxes: LineBoxes; frameX: number; distance: number } | null = null;
  for (const line of lines) {
    if (line.page !== page || !line.boxes) continue;
    const boxes = decodeLineBoxes(line.boxes, line.end - line.start);
    if (!boxes) continue;
    const [frameX, frameY] = pageToFrame(boxes.angle, x, y);
    const vertical = frameY > boxes.top ? frameY - boxes.top : frameY < boxes.bottom ? boxes.bottom - frameY : 0;
    const first = boxes.edges[0]!;
    const last = boxes.edges[boxes.edges.length - 1]!;
    const horizontal = frameX < first ? first - frameX : frameX > last ? frameX - last : 0;
    // Height decides the line; along the line, being beside it costs less than being above or below.
    const distance = vertical * 4 + horizontal;
    if (!best || distance < best.distance) best = { line, boxes, frameX, distance };
  }
  if (!best) return null;
  const { edges } = best.boxes;
  let nearest = 0;
  for (let k = 1; k < edges.length; k++) {
    if (Math.abs(edges[k]! - best.frameX) < Math.abs(edges[nearest]! - best.frameX)) nearest = k;
  }
  return best.line.start + nearest;
}

/** A frame point in PDF page space (rotate by the frame's angle). */
export function frameToPage(angleDegrees: number, x: number, y: number): [number, number] {
  if (angleDegrees === 0) return [x, y];
  const r = (angleDegrees * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  return [x * cos - y * sin, x * sin + y * cos];
}

/** A PDF page-space point in a frame (the inverse of frameToPage). */
export function pageToFrame(angleDegrees: number, x: number, y: number): [number, number] {
  return frameToPage(-angleDegrees, x, y);
}

function uvarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function svarint(out: number[], value: number): void {
  uvarint(out, value >= 0 ? value * 2 : -value * 2 - 1);
}

function readUvarint(input: { bytes: Uint8Array; at: number }): number | null {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 6; i++) {
    if (input.at >= input.bytes.length) return null;
    const b = input.bytes[input.at++]!;
    result += (b & 0x7f) * scale;
    if (b < 0x80) return result;
    scale *= 128;
  }
  return null;
}

function readSvarint(input: { bytes: Uint8Array; at: number }): number | null {
  const v = readUvarint(input);
  return v === null ? null : v % 2 === 0 ? v / 2 : -(v + 1) / 2;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Standard base64 (padded, as btoa writes it) of byte values. Written out rather than through btoa: a
 * line's few dozen bytes spread into String.fromCharCode and then btoa cost ~3× as much, and every line
 * of every imported PDF is encoded (~0.3 ms of a letter's extraction).
 */
function base64FromBytes(bytes: readonly number[]): string {
  let text = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    text += BASE64[v >> 18]! + BASE64[(v >> 12) & 63]! + BASE64[(v >> 6) & 63]! + BASE64[v & 63]!;
  }
  if (i < n) {
    const two = i + 1 < n;
    const v = (bytes[i]! << 16) | ((two ? bytes[i + 1]! : 0) << 8);
    text += BASE64[v >> 18]! + BASE64[(v >> 12) & 63]! + (two ? BASE64[(v >> 6) & 63]! : '=') + '=';
  }
  return text;
}

function bytesFromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
