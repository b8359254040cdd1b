import type { Decision, Span } from '../domain/letter';
import type { ItemBody } from './item-body';
import type { ItemHeader } from './item-headers';
import type { Section } from './sections';
import { foldParagraphs, foldWhitespace, trimSpan } from './text';

/**
 * Items written as numbered statements of necessity rather than
 * "<item>: Upheld" headers, as in the MAXIMUS letterhead layout:
 *   "1. Physical therapy twice a week for six weeks is not medically necessary and appropriate."
 * or, in the 2013 Notice layout, as MAXIMUS's determination:
 *   "1) MAXIMUS Federal Services, Inc. has determined the request for 12 sessions of
 *    aquatic therapy is not medically necessary and appropriate."
 * "Not medically necessary" upholds the denial, "medically necessary"
 * overturns it. A plain statement implies the decision (marked inferred);
 * MAXIMUS's determination states it in words (confidence 0.95). Words may be
 * glued by text extraction ("isnot", "notmedically").
 */
const STATEMENT =
  /(?:^|\n)[ \t]*\(?(\d{1,2})\s*[.)](?!\d)\s*(MAXIMUS\s*Federal\s*Services,?\s*Inc\.?,?\s*(?:has\s*)?determined\s*(?:that\s*)?the\s*(?:requests?\s*for|requested)\s*)?([\s\S]{3,600}?)\s*(?:is|are|was|were)\s*(not\s*)?medically\s*necessary(?:\s*and\s*appropriate)?\s*\.?/dg;

export interface Statement extends ItemHeader {
  /** The number the letter gives the item ("1." / "1)"). */
  number: number;
}

export function findStatementItems(text: string, region: Span): Statement[] {
  const area = text.slice(region.start, region.end);
  const headers: Statement[] = [];
  const entryStarts: number[] = [];
  STATEMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = STATEMENT.exec(area))) {
    const determination = Boolean(m[2]);
    const te = m.indices![3]![1];
    let ts = m.indices![3]![0];
    // "the request for a lumbar support brace": the article is not part of the treatment.
    if (determination) ts += /^(?:an?|the)\s+(?=\S)/i.exec(m[3]!)?.[0].length ?? 0;
    const decision: Decision = m[4] ? 'Upheld' : 'Overturned';
    entryStarts.push(region.start + m.index);
    headers.push({
      number: Number(m[1]),
      header: trimSpan(text, region.start + ts, region.start + te),
      decision,
      decisionSpan: trimSpan(text, region.start + te, region.start + m.index + m[0].length),
      decisionInferred: !determination,
      ...(determination ? { decisionConfidence: 0.95 } : {}),
      body: { start: region.start + m.index + m[0].length, end: region.end },
      uncertainStart: false,
    });
  }
  // An item's text ends where the next numbered statement (number included) begins.
  headers.forEach((h, i) => (h.body = { start: h.body.start, end: entryStarts[i + 1] ?? region.end }));
  return headers;
}

/**
 * The "MEDICAL PROFESSIONAL REVIEW" layout: the disputed items are listed
 * under "ISSUE AT DISPUTE:" (numbered, one per line, or as "Is the request
 * for ... medically necessary?" questions); one guideline section and one
 * rationale section follow for the whole letter. Each item gets those shared
 * sections; its decision comes from an explicit "Upheld"/"Overturned" if the
 * issue states one, otherwise from the rationale's conclusion (inferred).
 */
export function findIssueItems(
  text: string,
  issue: Section,
  sections: Section[],
): { header: ItemHeader; body: ItemBody }[] {
  const guideline = sections.find((s) => s.kind === 'guidelinesRelied');
  const rationale = sections.find((s) => s.kind === 'rationaleWhy');
  const body: ItemBody = {};
  if (guideline) {
    const span = trimSpan(text, guideline.body.start, guideline.body.end);
    const value = foldWhitespace(text.slice(span.start, span.end));
    if (value) body.maximusGuideline = { value, span };
  }
  if (rationale) {
    const span = trimSpan(text, rationale.body.start, rationale.body.end);
    const value = text.slice(span.start, span.end).trim();
    if (value) body.rationale = { value: foldParagraphs(value), span };
  }
  const area = text.slice(issue.body.start, issue.body.end);
  const entries: Span[] = [];
  const numbered = /(?:^|\n)[ \t]*\d{1,2}[.)][ \t]+([^\n]+(?:\n(?![ \t]*\d{1,2}[.)]\s)(?![ \t]*\n)[^\n]+)*)/g;
  let m: RegExpExecArray | null;
  while ((m = numbered.exec(area))) {
    const start = issue.body.start + m.index + m[0].indexOf(m[1]!);
    entries.push({ start, end: start + m[1]!.length });
  }
  if (!entries.length) {
    const span = trimSpan(text, issue.body.start, issue.body.end);
    if (span.end > span.start) entries.push(span);
  }
  return entries.map((entry) => ({ header: issueHeader(text, entry), body }));
}

function issueHeader(text: string, entry: Span): ItemHeader {
  const raw = text.slice(entry.start, entry.end);
  const explicit = /:\s*(Upheld|Overturned)\b\.?\s*$/di.exec(raw);
  let start = 0;
  let end = explicit ? explicit.index : raw.length;
  const lead =
    /^\s*(?:(?:Is|Was|Were|Are)\s+(?:the\s+)?(?:request(?:ed)?\s+(?:for\s+)?)?|Whether\s+(?:the\s+)?(?:request(?:ed)?\s+(?:for\s+)?)?|(?:The\s+)?Request(?:ed)?\s+(?:for\s+)?)/i.exec(
      raw,
    );
  if (lead) start = lead[0].length;
  const tail = /\s+(?:is|are|was|were)?\s*(?:medically\s+necessary(?:\s+and\s+appropriate)?)?\s*[?.]?\s*$/i.exec(
    raw.slice(start, end),
  );
  if (tail && tail[0].trim()) end = start + tail.index;
  const header = trimSpan(text, entry.start + start, entry.start + end);
  if (explicit) {
    const [ds, de] = explicit.indices![1]!;
    return {
      header,
      decision: explicit[1]!.toLowerCase() === 'upheld' ? 'Upheld' : 'Overturned',
      decisionSpan: { start: entry.start + ds, end: entry.start + de },
      body: { start: entry.end, end: entry.end },
      uncertainStart: false,
    };
  }
  return {
    header,
    decision: null,
    decisionSpan: null,
    body: { start: entry.end, end: entry.end },
    uncertainStart: false,
  };
}
