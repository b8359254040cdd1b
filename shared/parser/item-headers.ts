import type { Decision, Span } from '../domain/letter';
import type { LineIndex } from './lines';
import { trimSpan } from './text';

export interface ItemHeader {
  /** The header text before the colon that precedes the decision. */
  header: Span;
  /** Null when the letter states no decision for the item (it may still be inferred from the rationale). */
  decision: Decision | null;
  decisionSpan: Span | null;
  /** The decision was implied ("is not medically necessary") rather than stated as Upheld/Overturned. */
  decisionInferred?: boolean;
  /**
   * Confidence of the decision when the strategy knows better than the
   * defaults (1 stated, 0.8 inferred): a determination stated in words
   * ("has determined the request … is not medically necessary") is 0.95.
   */
  decisionConfidence?: number;
  /** From after the decision to the next item header (or the end of the section). */
  body: Span;
  /** Header start was found by a weaker rule (no blank line / bold boundary). */
  uncertainStart: boolean;
}

/**
 * "<item>: Upheld" / "<item>: Overturned" — the decision follows the colon on
 * the same line or alone on the next line, and ends its line (or is followed
 * directly by the first guideline label when lines were joined).
 */
const DECISION_MARKER =
  /:[ \t]*(?:\n[ \t]*){0,3}(Upheld|Overturned)\b\.?(?=[ \t]*(?:\n|$)|\s+(?:(?:Claims\s+Administrator|MAXIMUS)\s+guideline|Decision\s+rationale)\s*:)/dgi;

const INTRO =
  /set\s+forth\s+below\s*:|IMR\s+ISSUES,?\s+DECISIONS,?\s+AND\s+RATIONALES|IMR\s+DECISION\(?S?\)?\s+AND\s+RATIONALE\(?S?\)?/gi;
/** Sentence endings that close a rationale, never an item header. */
const RATIONALE_END =
  /(?:(?:necessary|certified)\.?|(?:recommended|supported|warranted|established|appropriate|indicated|guidelines?)\.)\s*$/i;
/** Sentence endings that do occur inside modified-request headers. */
const HEADER_SENTENCE_END = /(?:original\s+request|Claims\s+Administrator|IMR\s+eligible)\.\s*$/i;
const MAX_HEADER_LINES = 10;

/**
 * Find every item header in the items section, in letter order. `bodyLabel`
 * matches the labels of an item's body (guidelines, rationale) in the
 * letter's layout: a header never contains one.
 */
export function findItemHeaders(text: string, region: Span, lines: LineIndex, bodyLabel: RegExp): ItemHeader[] {
  const area = text.slice(region.start, region.end);
  const markers: { colon: number; decision: Decision; decisionSpan: Span; end: number }[] = [];
  DECISION_MARKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DECISION_MARKER.exec(area))) {
    const [ds, de] = m.indices![1]!;
    const word = m[1]!.toLowerCase() === 'upheld' ? 'Upheld' : 'Overturned';
    markers.push({
      colon: region.start + m.index,
      decision: word,
      decisionSpan: { start: region.start + ds, end: region.start + de },
      end: region.start + m.index + m[0].length,
    });
  }

  const headers: ItemHeader[] = [];
  let floor = region.start;
  for (const marker of markers) {
    const { start, uncertain } = headerStart(text, lines, marker.colon, floor, bodyLabel);
    const header = trimSpan(text, start, marker.colon);
    floor = marker.end;
    if (header.end <= header.start || bodyLabel.test(text.slice(header.start, header.end))) continue;
    headers.push({
      header,
      decision: marker.decision,
      decisionSpan: marker.decisionSpan,
      body: { start: marker.end, end: marker.end },
      uncertainStart: uncertain,
    });
  }
  headers.forEach((h, i) => {
    h.body = { start: h.body.start, end: headers[i + 1]?.header.start ?? region.end };
  });
  return headers;
}

/**
 * Walk back from the line holding the colon over the lines of the same
 * header block: stop at a blank line, the section intro, a body label, a
 * change from bold to regular (PDF headers are bold, rationales are not), a
 * sentence that closes a rationale, or the previous item.
 */
function headerStart(
  text: string,
  lines: LineIndex,
  colon: number,
  floor: number,
  bodyLabel: RegExp,
): { start: number; uncertain: boolean } {
  const last = lines.indexAt(colon);
  const markerLine = lines.lines[last]!;
  const markerBold = lines.isBold(text, Math.max(markerLine.start, floor), colon);
  let start = Math.max(markerLine.start, floor);
  let uncertain = false;
  for (let i = last - 1; i >= 0 && last - i < MAX_HEADER_LINES; i--) {
    const line = lines.lines[i]!;
    if (line.end <= floor) break;
    const content = text.slice(Math.max(line.start, floor), line.end);
    if (!content.trim()) break;
    if (bodyLabel.test(content)) break;
    // A regular line above a bold header line is the previous rationale's end — unless nothing says so
    // (it ends no sentence and no body label precedes it in its paragraph): then it is more of this
    // header, set in regular type, as when only the decision line is bold.
    const regularAboveBold = markerBold === true && lines.isBold(text, Math.max(line.start, floor), line.end) === false;
    if (regularAboveBold && endsRationale(text, lines, i, floor, bodyLabel)) break;
    if (regularAboveBold) uncertain = true;
    if (markerBold !== true && RATIONALE_END.test(content)) break;
    if (markerBold !== true && /\.\s*$/.test(content) && !HEADER_SENTENCE_END.test(content)) {
      uncertain = true;
      break;
    }
    start = Math.max(line.start, floor);
    if (last - i === MAX_HEADER_LINES - 1) uncertain = true;
  }
  // Text before the section intro, or the intro itself, is not part of the first header.
  const stretch = text.slice(start, colon);
  let cut = 0;
  INTRO.lastIndex = 0;
  let intro: RegExpExecArray | null;
  while ((intro = INTRO.exec(stretch))) cut = intro.index + intro[0].length;
  // Without blank lines or fonts to go by, a header that swallowed sentences of the previous
  // rationale starts after its last sentence end (modified-request headers excepted: they are sentences).
  if (markerBold === undefined) {
    const tail = stretch.slice(cut);
    // A modified-request header is itself sentences: it starts with the one naming the original request.
    const originalAt = lastMatch(/\bwas\s+the\s+original\s+request\b/gi, tail);
    const before = originalAt >= 0 ? tail.slice(0, originalAt) : tail;
    const sentenceEnd = /(?<!\b(?:Dr|Mr|Mrs|Ms|St|vs|No|approx|e\.g|i\.e))[.!?]\s+(?=[A-Z0-9"])/g;
    let last = -1;
    let e: RegExpExecArray | null;
    while ((e = sentenceEnd.exec(before))) last = e.index + e[0].length;
    if (last > 0) {
      cut += last;
      uncertain = true;
    }
  }
  return { start: start + cut, uncertain };
}

/** Line `index` ends a sentence, or belongs to a paragraph that a body label opened (a rationale or guideline). */
function endsRationale(text: string, lines: LineIndex, index: number, floor: number, bodyLabel: RegExp): boolean {
  const own = lines.lines[index]!;
  const content = text.slice(Math.max(own.start, floor), own.end);
  if (/[.:;!?]\s*$/.test(content) && !HEADER_SENTENCE_END.test(content)) return true;
  for (let i = index; i >= 0; i--) {
    const line = lines.lines[i]!;
    if (line.end <= floor) return false;
    const above = text.slice(Math.max(line.start, floor), line.end);
    if (!above.trim()) return false;
    if (bodyLabel.test(above)) return true;
  }
  return false;
}

function lastMatch(pattern: RegExp, text: string): number {
  let at = -1;
  let m: RegExpExecArray | null;
  pattern.lastIndex = 0;
  while ((m = pattern.exec(text))) at = m.index;
  return at;
}
