import type { ConfidenceMap, Span, SpanMap } from '../domain/letter';

/** Collects where each field was read and how sure the parser is about it. */
export class Provenance<K extends string> {
  readonly spans: SpanMap<K> = {};
  readonly confidence: ConfidenceMap<K> = {};

  /** Record the source of `field`; confidence below 1 marks an inferred value. */
  note(field: K, span: Span | undefined, confidence = 1): void {
    if (span && span.end > span.start) this.spans[field] = { start: span.start, end: span.end };
    if (confidence < 1) this.confidence[field] = Math.round(confidence * 100) / 100;
  }
}

/** A value read from the letter together with where it was read. */
export interface Located<T> {
  value: T;
  span: Span;
  /** 1 when read from a labelled place; lower when inferred from prose. */
  confidence: number;
}
