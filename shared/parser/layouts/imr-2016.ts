import { defineLayout, type Heading, type HeaderLabel, type BodyLabels } from './types';

export const HOW_MADE: Heading = {
  kind: 'howMade',
  pattern: 'HOW\\s+THE\\s+IMR\\s+FINAL\\s+DETERMINATION\\s+WAS\\s+MADE',
};
export const CLINICAL_CASE_SUMMARY: Heading = {
  kind: 'summary',
  pattern: 'CLINICAL\\s+CASE\\s+SUMMARY\\s*:?',
  upperOnly: true,
};

/** "The expert reviewer developed the following clinical case summary …": the summary's first sentence. */
export const REVIEWER_SUMMARY_PREAMBLE =
  'The\\s+(?:expert|physician|medical)\\s+reviewer\\s+developed\\s+the\\s+following\\s+clinical\\s+case\\s+summary\\s+based\\s+on\\s+a\\s+review\\s+of\\s+the\\s+case\\s+file,?\\s+including\\s+all\\s+medical\\s+records\\s*:?';

/** Headings of the 2013–2017 IMR final determination letters (with or without the header block). */
const IMR_HEADINGS: Heading[] = [
  HOW_MADE,
  CLINICAL_CASE_SUMMARY,
  { kind: 'items', pattern: 'IMR\\s+ISSUES,?\\s+DECISIONS,?\\s+AND\\s+RATIONALES', upperOnly: true },
];

/** "Claims Administrator guideline:", "MAXIMUS guideline:", "Decision rationale:". */
export const IMR_BODY_LABELS: BodyLabels = {
  claimsAdministratorGuideline: ["Claims\\s+Administrator(?:'s)?\\s+guidelines?"],
  maximusGuideline: ['MAXIMUS\\s+guidelines?'],
  rationale: ['Decision\\s+rationale'],
};

/**
 * The two-column header block: "Case Number:", "Date Assigned:", "Decision
 * Date:", "Date of Injury:", "UR Denial Date:", "Priority:", "Application
 * Received:" (the last wraps over two lines in the PDFs).
 */
export const IMR_HEADER_LABELS: HeaderLabel[] = [
  { field: 'dateAssigned', words: ['Date', 'Assigned'] },
  { field: 'decisionDate', words: ['Decision', 'Date'] },
  { field: 'dateOfInjury', words: ['Date', 'of', 'Injury'] },
  { field: 'urDenialDate', words: ['UR', 'Denial', 'Date'] },
  { field: 'applicationReceived', words: ['Application', 'Received'] },
];

export default defineLayout({
  format: 'imr-2016',
  label: '2016–2017 layout',
  description:
    'IMR final determination letters of 2016–2017: a two-column header block (case number, dates, priority), ' +
    'then HOW THE IMR FINAL DETERMINATION WAS MADE, CLINICAL CASE SUMMARY and IMR ISSUES, DECISIONS AND RATIONALES ' +
    'with one "<item>: Upheld / Overturned" header per item',
  headings: IMR_HEADINGS,
  recognition: {
    requires: [{ section: 'items' }, [{ section: 'howMade' }, { section: 'summary' }], { headerBlock: true }],
  },
  items: { strategy: 'decision-headers', section: 'items' },
  headerLabels: IMR_HEADER_LABELS,
  bodyLabels: IMR_BODY_LABELS,
  summaryPreamble: REVIEWER_SUMMARY_PREAMBLE,
  expectsCaseNumber: true,
});
