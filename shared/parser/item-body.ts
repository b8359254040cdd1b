import type { Span } from '../domain/letter';
import { LAYOUTS, type Layout } from './layouts';
import type { BodyLabels } from './layouts/types';
import { foldParagraphs, foldWhitespace, trimSpan } from './text';

export interface ItemBody {
  claimsAdministratorGuideline?: { value: string; span: Span };
  maximusGuideline?: { value: string; span: Span };
  rationale?: { value: string; span: Span };
}

type BodyField = keyof ItemBody;
const FIELDS: BodyField[] = ['claimsAdministratorGuideline', 'maximusGuideline', 'rationale'];

/**
 * Other wordings of the same labels, accepted in every layout beside the
 * layout's own: letters of one layout vary ("Rationale:", "IMR guideline:",
 * "Expert Reviewer guideline:", "Guidelines Relied Upon:").
 */
const OTHER_WORDINGS: BodyLabels = {
  claimsAdministratorGuideline: [],
  maximusGuideline: [
    "(?:MAXIMUS|IMR|Expert\\s+Reviewer|Physician\\s+Reviewer|Reviewer'?s?)\\s+guidelines?",
    'Guidelines?\\s+(?:\\(s\\)\\s+)?(?:Used|Relied\\s+Upon)(?:\\s*\\/\\s*Relied\\s+Upon)?',
  ],
  rationale: ['(?:Decision\\s+)?rationale', 'Rationale\\s+(?:for\\s+the\\s+Decision|Used)'],
};

/** One pattern per body field, the colon included. */
export type BodyLabelPatterns = Record<BodyField, RegExp | null>;

const compiled = new Map<Layout | undefined, BodyLabelPatterns>();

/** The label patterns of a layout's item bodies (every layout's when it is not known). */
export function bodyLabelPatterns(layout: Layout | undefined): BodyLabelPatterns {
  let patterns = compiled.get(layout);
  if (!patterns) {
    const sources = layout
      ? [layout.bodyLabels, OTHER_WORDINGS]
      : [...LAYOUTS.map((l) => l.bodyLabels), OTHER_WORDINGS];
    patterns = Object.fromEntries(
      FIELDS.map((field) => {
        const alternatives = [...new Set(sources.flatMap((s) => s[field]))];
        return [field, alternatives.length ? new RegExp(`\\b(?:${alternatives.join('|')})\\s*:`, 'gi') : null];
      }),
    ) as BodyLabelPatterns;
    compiled.set(layout, patterns);
  }
  return patterns;
}

const anyLabel = new WeakMap<BodyLabelPatterns, RegExp>();

/** Any body label of the layout: where an item header cannot start (built once per layout). */
export function anyBodyLabel(labels: BodyLabelPatterns): RegExp {
  let pattern = anyLabel.get(labels);
  if (!pattern) {
    pattern = new RegExp(
      FIELDS.map((f) => labels[f]?.source)
        .filter(Boolean)
        .join('|'),
      'i',
    );
    anyLabel.set(labels, pattern);
  }
  return pattern;
}

/**
 * The labelled parts of one item: each value runs from its label to the next
 * label (whatever the order) or the end of the item. Guidelines are folded to
 * one line; the rationale keeps its paragraphs.
 */
export function readItemBody(text: string, body: Span, labels: BodyLabelPatterns): ItemBody {
  const area = text.slice(body.start, body.end);
  const found: { field: BodyField; labelStart: number; valueStart: number }[] = [];
  for (const field of FIELDS) {
    const pattern = labels[field];
    if (!pattern) continue;
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
