import type { Span } from '../domain/letter';
import type { ItemHeader } from './item-headers';
import { sectionOf, type Section } from './sections';
import { findStatementItems, type Statement } from './statement-items';
import { foldWhitespace, trimSpan } from './text';

/**
 * The 2013 "Notice of Independent Medical Review Determination": the
 * decisions are a numbered list of determinations ("1) MAXIMUS Federal
 * Services, Inc. has determined the request for X is not medically necessary
 * and appropriate."), printed twice — after the header and again under
 * INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE — and each item has a
 * section "1) Regarding the request for X:" with its guidelines and rationale.
 *
 * An item is one Regarding section with the determination of the same item
 * (same treatment, else same number, else same position). A determination
 * without a section is still an item (no guidelines or rationale); a section
 * without a determination gets its decision from the rationale's conclusion.
 * The list is read once (the copy under the decision heading when there is
 * one), so the repeated list does not double the items.
 */
export function findRegardingItems(text: string, sections: Section[]): ItemHeader[] {
  const regarding = findRegardingSections(text);
  const determinations = findDeterminations(text, sections, regarding[0]?.start ?? text.length);

  const unused = new Set(determinations);
  const take = (d: Statement | undefined) => (d && unused.delete(d) ? d : undefined);
  const paired = regarding.map((section, index) => {
    const key = treatmentKey(text, section.treatment);
    const determination =
      take([...unused].find((d) => treatmentKey(text, d.header) === key)) ??
      take(section.number === null ? undefined : [...unused].find((d) => d.number === section.number)) ??
      take(determinations[index]);
    return { section, determination };
  });

  // In the letter's numbering; a section without a determination just before the item its number names.
  const items: { order: number; header: ItemHeader }[] = [];
  paired.forEach(({ section, determination }, index) => {
    const order = determination ? determination.number : (section.number ?? index + 1) - 0.5;
    items.push({
      order,
      header: {
        header: section.treatment,
        decision: determination?.decision ?? null,
        decisionSpan: determination?.decisionSpan ?? null,
        decisionConfidence: determination?.decisionConfidence,
        decisionInferred: determination?.decisionInferred,
        body: section.body,
        uncertainStart: false,
      },
    });
  });
  for (const d of unused) {
    items.push({ order: d.number, header: { ...d, body: { start: d.body.end, end: d.body.end } } });
  }
  return items.sort((a, b) => a.order - b.order).map((i) => i.header);
}

interface RegardingSection {
  number: number | null;
  /** Where the section starts (its number included). */
  start: number;
  treatment: Span;
  /** From after the header's colon to the next section (or the letter's closing lines). */
  body: Span;
}

/**
 * "1) Regarding the request for 12 sessions of aquatic therapy:" — the header
 * may wrap; it ends at the colon that ends its line (or that a guideline or
 * rationale label follows, when lines were joined).
 */
const REGARDING =
  /(?:^|\n)[ \t]*(?:\(?(\d{1,2})\s*[.)](?!\d)\s*)?Regarding\s*the\s*(?:requests?\s*for|requested)\s*([\s\S]{1,600}?)\s*:[ \t]*(?=\n|$|\s*(?:Medical\s*Treatment\s*Guideline|Rationale\s*Used))/dgi;

/** Lines that close the letter after the last rationale: "cc:" lists, typist's initials ("/js"). */
const CLOSING = /\n[ \t]*(?:cc\s*:|\/[a-z]{2,4}[ \t]*(?:\n|$))/i;

function findRegardingSections(text: string): RegardingSection[] {
  const out: RegardingSection[] = [];
  REGARDING.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REGARDING.exec(text))) {
    const te = m.indices![2]![1];
    let ts = m.indices![2]![0];
    ts += /^(?:an?|the)\s+(?=\S)/i.exec(m[2]!)?.[0].length ?? 0;
    const start = m.index + (text[m.index] === '\n' ? 1 : 0);
    out.push({
      number: m[1] ? Number(m[1]) : null,
      start,
      treatment: trimSpan(text, ts, te),
      body: { start: m.index + m[0].length, end: text.length },
    });
  }
  out.forEach((s, i) => {
    const next = out[i + 1]?.start;
    if (next !== undefined) s.body = { start: s.body.start, end: next };
    else {
      const closing = CLOSING.exec(text.slice(s.body.start));
      if (closing) s.body = { start: s.body.start, end: s.body.start + closing.index };
    }
  });
  return out;
}

/**
 * The determinations, each item once: the list under the decision heading
 * when the letter has one, otherwise the first list before the sections.
 */
function findDeterminations(text: string, sections: Section[], sectionsStart: number): Statement[] {
  const decisions = sectionOf(sections, 'decisions');
  const underHeading = decisions
    ? findStatementItems(text, { start: decisions.heading.start, end: Math.min(decisions.body.end, sectionsStart) })
    : [];
  const list = underHeading.length ? underHeading : findStatementItems(text, { start: 0, end: sectionsStart });
  const seen = new Set<string>();
  return list.filter((d) => {
    // The first list repeated without the heading in between: keep the first of each item.
    const key = `${d.number}:${treatmentKey(text, d.header)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A treatment compared without case, white space, punctuation or a leading article. */
function treatmentKey(text: string, span: Span): string {
  return foldWhitespace(text.slice(span.start, span.end))
    .toLowerCase()
    .replace(/^(?:an?|the)\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
