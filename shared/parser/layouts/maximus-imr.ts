import {
  CLINICAL_CASE_SUMMARY,
  HOW_MADE,
  IMR_BODY_LABELS,
  IMR_HEADER_LABELS,
  REVIEWER_SUMMARY_PREAMBLE,
} from './imr-2016';
import { defineLayout, type Heading } from './types';

/** "MAXIMUS FEDERAL SERVICES, INC." over "Independent Medical Review": the letterhead of the older letters. */
export const MAXIMUS_LETTERHEAD: Heading = {
  kind: 'letterhead',
  pattern: 'MAXIMUS\\s+FEDERAL\\s+SERVICES,?\\s+INC\\.?(?:\\s*[-–,]?\\s*)Independent\\s+Medical\\s+Review',
};

export default defineLayout({
  format: 'maximus-imr',
  label: 'MAXIMUS letterhead layout',
  description:
    'Letters under the MAXIMUS FEDERAL SERVICES, INC. / Independent Medical Review letterhead with DOCUMENTS ' +
    'REVIEWED and IMR DECISION(S) AND RATIONALE(S): items are numbered statements ("1. X is not medically ' +
    'necessary and appropriate.") followed by "Guidelines Used:" and "Rationale for the Decision:"',
  headings: [
    MAXIMUS_LETTERHEAD,
    HOW_MADE,
    { kind: 'documents', pattern: 'DOCUMENTS\\s+REVIEWED\\s*:?', upperOnly: true },
    CLINICAL_CASE_SUMMARY,
    { kind: 'items', pattern: 'IMR\\s+DECISION\\(?S?\\)?\\s+AND\\s+RATIONALE\\(?S?\\)?', upperOnly: true },
  ],
  recognition: {
    requires: [[{ section: 'letterhead' }, { section: 'items' }]],
    supports: [{ section: 'letterhead' }, { section: 'items' }, { section: 'documents' }],
  },
  items: { strategy: 'numbered-statements', section: 'items' },
  headerLabels: [
    ...IMR_HEADER_LABELS,
    // "Dated:" heads the older letters; in prose ("report dated: 11/20/14") it means something else.
    { field: 'decisionDate', words: ['Dated'], confidence: 0.7, atLineStart: true },
  ],
  bodyLabels: {
    claimsAdministratorGuideline: IMR_BODY_LABELS.claimsAdministratorGuideline,
    maximusGuideline: [...IMR_BODY_LABELS.maximusGuideline, 'Guidelines?\\s+(?:Used|Relied\\s+Upon)'],
    rationale: [...IMR_BODY_LABELS.rationale, 'Rationale\\s+for\\s+the\\s+Decision'],
  },
  summaryPreamble: REVIEWER_SUMMARY_PREAMBLE,
  expectsCaseNumber: true,
});
