import type { Span } from '../domain/letter';
import { FoldedText } from './text';

export interface HeaderParts {
  treatment: { value: string; span: Span } | null;
  originalRequest: { value: string; span: Span } | null;
  authorized: { value: string; span: Span } | null;
  /** Set when the header mentions an original request but matched neither known wording. */
  warning?: string;
}

/**
 * When utilization review modified a request, the header says so in one of
 * two wordings:
 *   "X was the original request. Y was authorized by the Claims
 *    Administrator. The remaining IMR eligible portion of the original
 *    request, Z is"
 *   "X was the original request. The Claims Administrator authorized Y,
 *    leaving the original request IMR eligible. The original request, Z is"
 * Then X is the original request, Y what was authorized and Z the treatment
 * under review. Otherwise the whole header (minus a trailing "is") is the
 * treatment.
 */
const REMAINING_PORTION =
  /^([\s\S]+?)\s+was\s+the\s+original\s+request\.\s+([\s\S]+?)\s+(?:was|were)\s+authorized\s+by\s+the\s+Claims\s+Administrator\.\s+The\s+remaining\s+(?:IMR\s+eligible\s+)?portion\s+of\s+the\s+original\s+request,?\s+([\s\S]+?)(?:\s+(?:is|are))?$/d;
const LEAVING_ELIGIBLE =
  /^([\s\S]+?)\s+was\s+the\s+original\s+request\.\s+The\s+Claims\s+Administrator\s+authorized\s+([\s\S]+?),?\s+leaving\s+the\s+original\s+request\s+IMR\s+eligible\.\s+The\s+original\s+request,?\s+([\s\S]+?)(?:\s+(?:is|are))?$/d;

export function splitItemHeader(text: string, header: Span): HeaderParts {
  const folded = new FoldedText(text, header.start, header.end);
  const value = folded.value;
  const part = (m: RegExpExecArray, group: number) => {
    const [s, e] = m.indices![group]!;
    const span = folded.spanOf(s, e);
    return span ? { value: value.slice(s, e), span } : null;
  };
  const m = REMAINING_PORTION.exec(value) ?? LEAVING_ELIGIBLE.exec(value);
  if (m) return { originalRequest: part(m, 1), authorized: part(m, 2), treatment: part(m, 3) };

  const trailingIs = /\s+(?:is|are)$/.exec(value);
  const end = trailingIs ? trailingIs.index : value.length;
  const span = folded.spanOf(0, end);
  const treatment = span && end > 0 ? { value: value.slice(0, end), span } : null;
  const parts: HeaderParts = { treatment, originalRequest: null, authorized: null };
  if (/original\s+request/i.test(value)) {
    parts.warning =
      'the header mentions an original request in an unfamiliar wording; original request and authorized portion were not split out';
  }
  return parts;
}
