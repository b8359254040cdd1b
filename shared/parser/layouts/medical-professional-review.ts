import { defineLayout } from './types';

export default defineLayout({
  format: 'medical-professional-review',
  label: 'Medical professional review',
  description:
    'MEDICAL PROFESSIONAL REVIEW letters: the items listed under ISSUE AT DISPUTE:, then CASE SUMMARY:, ' +
    'DOCUMENTS REVIEWED FOR DETERMINATION:, one guideline section and one rationale section for all items, ' +
    'and MEDICAL REVIEWER QUALIFICATIONS:',
  headings: [
    { kind: 'professionalReview', pattern: 'MEDICAL\\s+PROFESSIONAL\\s+REVIEW' },
    { kind: 'issueAtDispute', pattern: 'ISSUES?\\s+AT\\s+DISPUTE\\s*:?', upperOnly: true },
    { kind: 'summary', pattern: 'CASE\\s+SUMMARY\\s*:?', upperOnly: true },
    { kind: 'documents', pattern: 'DOCUMENTS\\s+REVIEWED(?:\\s+FOR\\s+DETERMINATION)?\\s*:?', upperOnly: true },
    {
      kind: 'guidelinesRelied',
      pattern:
        'MEDICAL\\s+TREATMENT\\s+GUIDELINE\\(?S?\\)?\\s+RELIED\\s+UPON(?:\\s+BY\\s+(?:THE\\s+)?PROFESSIONAL\\s+REVIEWER)?(?:\\s+AND\\s+WHY)?\\s*:?',
      upperOnly: true,
    },
    {
      kind: 'rationaleWhy',
      pattern:
        'RATIONALE\\s+FOR\\s+WHY\\s+THE\\s+REQUESTED\\s+[A-Z/ ]+?\\s+(?:IS|WAS|IS\\/WAS)\\s+(?:NOT\\s+)?MEDICALLY\\s+NECESSARY\\s*:?',
      upperOnly: true,
    },
    { kind: 'credentials', pattern: 'MEDICAL\\s+REVIEWER\\s+QUALIFICATIONS\\s*:?' },
  ],
  recognition: {
    requires: [
      { section: 'professionalReview' },
      [{ section: 'issueAtDispute' }, { section: 'credentials' }, { section: 'documents' }],
    ],
    supports: [{ section: 'issueAtDispute' }, { section: 'guidelinesRelied' }, { section: 'rationaleWhy' }],
  },
  items: { strategy: 'issue-at-dispute', section: 'issueAtDispute' },
  headerLabels: [
    { field: 'dateOfInjury', words: ['Date', 'of', 'Injury'] },
    { field: 'urDenialDate', words: ['UR', 'Denial', 'Date'] },
    { field: 'applicationReceived', words: ['Application', 'Received'] },
  ],
  // The guideline and rationale are sections of their own (guidelinesRelied, rationaleWhy), shared by every item.
  bodyLabels: { claimsAdministratorGuideline: [], maximusGuideline: [], rationale: [] },
  expectsCaseNumber: false,
});
