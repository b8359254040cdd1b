import type { Span } from '../domain/letter';
import { foldParagraphs, foldWhitespace, trimSpan } from './text';

export interface ItemBody {
  claimsAdministratorGuideline?: { value: string; span: Span };
  maximusGuideline?: { value: string; span: Span };
  rationale?: { value: string; span: Span };
}

type BodyField = keyof ItemBody;

const LABELS: { field: BodyField; pattern: RegExp }[] = [
  { field: 'claimsAdministratorGuideline', pattern: /\bClaims\s+Administrator(?:'s)?\s+guidelines?\s*:/gi },
  {
    field: 'maximusGuideline',
    pattern:
      /\b(?:(?:MAXIMUS|IMR|Expert\s+Reviewer|Physician\s+Reviewer|Reviewer'?s?)\s+guidelines?|Guidelines?\s+(?:\(s\)\s+)?(?:Used|Relied\s+Upon)(?:\s*\/\s*Relied\s+Upon)?)\s*:/gi,
  },
  { field: 'rationale', pattern: /\b(?:(?:Decision\s+)?rationale|Rationale\s+(?:for\s+the\s+Decision|Used))\s*:/gi },
];

/**
 * The labelled parts of one item: each value runs from its label to the next
 * label (whatever the order) or the end of the item. Guidelines are folded to
 * one line; the rationale keeps its paragraphs.
 */
export function readItemBody(text: string, body: Span): ItemBody {
  const area = text.slice(body.start, body.end);
  const found: { field: BodyField; labelStart: number; valueStart: number }[] = [];
  for (const { field, pattern } of LABELS) {
    pattern.lastIndex = 0;
    const m = pattern.exec(area);
    if (m) found.push({ field, labelStart: body.start + m.index, valueStart: body.start + m.index + m[0].length });
  }
  found.sort((a, b) => a.labelStart - b.labelStart);
  const out: ItemBody = {};
  found.forEach((f, i) => {
    const end = found[i + 1]?.labelStart ?? body.end;
    const span = trimSpan(text, f.valueStart, end);
    const raw = text.slice(span.start, span.end);
    const value = f.field === 'rationale' ? foldParagraphs(raw) : foldWhitespace(raw);
    if (value) out[f.field] = { value, span };
  });
  return out;
}
