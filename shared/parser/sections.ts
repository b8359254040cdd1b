import type { LetterFormat, Span } from '../domain/letter';
import { phrasePattern } from './text';

/**
 * Section headings of the letter layouts MAXIMUS has used. Headings are found
 * in the text with any white space between words (a heading may wrap or sit
 * mid-line after a bad extraction), case-insensitively.
 */
export type SectionKind =
  | 'letterhead' // "MAXIMUS FEDERAL SERVICES, INC." + "Independent Medical Review"
  | 'professionalReview' // "MEDICAL PROFESSIONAL REVIEW"
  | 'howMade'
  | 'credentials'
  | 'summary'
  | 'documents'
  | 'items'
  | 'issueAtDispute'
  | 'guidelinesRelied' // "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:"
  | 'rationaleWhy'; // "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:"

const HEADINGS: { kind: SectionKind; pattern: RegExp }[] = [
  {
    kind: 'letterhead',
    pattern: re('MAXIMUS\\s+FEDERAL\\s+SERVICES,?\\s+INC\\.?(?:\\s*[-–,]?\\s*)Independent\\s+Medical\\s+Review'),
  },
  { kind: 'professionalReview', pattern: re(phrasePattern('MEDICAL PROFESSIONAL REVIEW')) },
  { kind: 'howMade', pattern: re(phrasePattern('HOW THE IMR FINAL DETERMINATION WAS MADE')) },
  { kind: 'credentials', pattern: re('MEDICAL\\s+REVIEWER\\s+QUALIFICATIONS\\s*:?') },
  { kind: 'summary', pattern: re('(?:CLINICAL\\s+)?CASE\\s+SUMMARY\\s*:?', true) },
  { kind: 'documents', pattern: re('DOCUMENTS\\s+REVIEWED(?:\\s+FOR\\s+DETERMINATION)?\\s*:?', true) },
  {
    kind: 'items',
    pattern: re(
      'IMR\\s+ISSUES,?\\s+DECISIONS,?\\s+AND\\s+RATIONALES|IMR\\s+DECISION\\(?S?\\)?\\s+AND\\s+RATIONALE\\(?S?\\)?',
      true,
    ),
  },
  {
    kind: 'guidelinesRelied',
    pattern: re(
      'MEDICAL\\s+TREATMENT\\s+GUIDELINE\\(?S?\\)?\\s+RELIED\\s+UPON(?:\\s+BY\\s+(?:THE\\s+)?PROFESSIONAL\\s+REVIEWER)?(?:\\s+AND\\s+WHY)?\\s*:?',
      true,
    ),
  },
  {
    kind: 'rationaleWhy',
    pattern: re(
      'RATIONALE\\s+FOR\\s+WHY\\s+THE\\s+REQUESTED\\s+[A-Z/ ]+?\\s+(?:IS|WAS|IS\\/WAS)\\s+(?:NOT\\s+)?MEDICALLY\\s+NECESSARY\\s*:?',
      true,
    ),
  },
  { kind: 'issueAtDispute', pattern: re('ISSUES?\\s+AT\\s+DISPUTE\\s*:?', true) },
];

function re(source: string, upperOnly = false): RegExp {
  // Upper-case-only headings ("CASE SUMMARY") would otherwise match ordinary prose ("the case summary").
  return new RegExp(source, upperOnly ? 'g' : 'gi');
}

export interface Section {
  kind: SectionKind;
  /** The heading itself. */
  heading: Span;
  /** From after the heading to the next heading (or the end of the text). */
  body: Span;
}

/** First occurrence of each heading kind, in text order, with the body up to the next heading. */
export function findSections(text: string): Section[] {
  const found: { kind: SectionKind; start: number; end: number }[] = [];
  for (const { kind, pattern } of HEADINGS) {
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text))) {
      if (isHeadingPosition(text, m.index)) {
        found.push({ kind, start: m.index, end: m.index + m[0].length });
        break;
      }
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }
  // "CLINICAL CASE SUMMARY" also contains "CASE SUMMARY"; overlapping matches keep the earliest, longest.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const distinct = found.filter((f, i) => !found.slice(0, i).some((g) => f.start < g.end && g.start < f.end));
  return distinct.map((f, i) => ({
    kind: f.kind,
    heading: { start: f.start, end: f.end },
    body: { start: f.end, end: distinct[i + 1]?.start ?? text.length },
  }));
}

/**
 * A heading stands at the start of a line (after optional spaces). Labels
 * such as "CASE SUMMARY:" may be followed by text on the same line; full-line
 * headings are also accepted mid-line when preceded by a sentence end, which
 * is what joined lines look like.
 */
function isHeadingPosition(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 200), start);
  const lineStart = before.lastIndexOf('\n');
  const prefix = before.slice(lineStart + 1);
  return prefix.trim() === '' || /[.:]\s*$/.test(prefix);
}

export function sectionOf(sections: Section[], kind: SectionKind): Section | undefined {
  return sections.find((s) => s.kind === kind);
}

/** Layout from the headings present; `unknown` when none of the known sets match. */
export function detectFormat(text: string, sections: Section[], hasHeaderBlock: boolean): LetterFormat {
  const has = (k: SectionKind) => sections.some((s) => s.kind === k);
  if (has('professionalReview') && (has('issueAtDispute') || has('credentials') || has('documents'))) {
    return 'medical-professional-review';
  }
  if (
    has('letterhead') ||
    (has('documents') && has('items') && /IMR\s+DECISION\(?S?\)?\s+AND\s+RATIONALE/i.test(text))
  ) {
    return 'maximus-imr';
  }
  if (has('items') && (has('howMade') || has('summary'))) return hasHeaderBlock ? 'imr-2016' : 'imr-2013';
  return 'unknown';
}
