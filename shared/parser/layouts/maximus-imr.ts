import { IMR_BODY_LABELS, IMR_HEADER_LABELS } from './imr-2016';
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
    { kind: 'howMade', pattern: 'HOW\\s+THE\\s+IMR\\s+FINAL\\s+DETERMINATION\\s+WAS\\s+MADE' },
    { kind: 'documents', pattern: 'DOCUMENTS\\s+REVIEWED\\s*:?', upperOnly: true },
    { kind: 'summary', pattern: 'CLINICAL\\s+CASE\\s+SUMMARY\\s*:?', upperOnly: true },
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
  summaryPreamble:
    'The\\s+(?:expert|physician|medical)\\s+reviewer\\s+developed\\s+the\\s+following\\s+clinical\\s+case\\s+summary\\s+based\\s+on\\s+a\\s+review\\s+of\\s+the\\s+case\\s+file,?\\s+including\\s+all\\s+medical\\s+records\\s*:?',
  expectsCaseNumber: true,
});
