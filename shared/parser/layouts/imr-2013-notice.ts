import { MAXIMUS_LETTERHEAD } from './maximus-imr';
import { defineLayout } from './types';

/**
 * Words of this layout are often glued together in public copies (text
 * extraction drops the space: "notmedically", "Regardingthe"), so its
 * patterns allow `\s*` between words.
 */
const GUIDELINE_RELIED_UPON = 'Medical\\s*Treatment\\s*Guidelines?\\s*(?:\\(s\\)\\s*)?Relied\\s*Upon\\s*by\\s*the\\s*';

export default defineLayout({
  format: 'imr-2013-notice',
  label: '2013 Notice of IMR Determination',
  description:
    'The 2013 "Notice of Independent Medical Review Determination": letterhead, a labelled header (IMR Case Number, ' +
    'Date of Injury, UR Denial Date, Priority, Application Received), a numbered list "1) MAXIMUS Federal Services, ' +
    'Inc. has determined the request for X is (not) medically necessary and appropriate." given twice (after the ' +
    'header and under INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE), Medical Qualifications of the Expert ' +
    'Reviewer:, Case Summary:, then one "N) Regarding the request for X:" section per item with its guidelines and ' +
    'rationale',
  headings: [
    MAXIMUS_LETTERHEAD,
    { kind: 'title', pattern: 'Notice\\s*of\\s*Independent\\s*Medical\\s*Review\\s*Determination' },
    {
      kind: 'decisions',
      pattern: 'INDEPENDENT\\s*MEDICAL\\s*REVIEW\\s*DECISIONS?\\s*AND\\s*RATIONALES?',
      upperOnly: true,
    },
    { kind: 'credentials', pattern: 'Medical\\s*Qualifications\\s*of\\s*the\\s*(?:Expert|Physician)\\s*Reviewer\\s*:' },
    // Mixed case, so only with its colon: "the following case summary was taken" is prose.
    { kind: 'summary', pattern: '(?:Expert\\s*Reviewer\\s*)?Case\\s*Summary\\s*:' },
    // The first item section ends the summary: "1) Regarding the request for …:".
    // "1) Regarding the request for …": a heading may follow its list number (sections.ts).
    { kind: 'items', pattern: 'Regarding\\s*the\\s*requests?\\s*for\\b' },
  ],
  recognition: {
    requires: [[{ section: 'title' }, { section: 'decisions' }]],
    supports: [{ section: 'decisions' }, { section: 'items' }, { section: 'credentials' }, { section: 'letterhead' }],
    exclusive: [{ section: 'title' }],
  },
  items: { strategy: 'regarding-sections', section: 'items' },
  headerLabels: [
    { field: 'decisionDate', words: ['Dated'], confidence: 0.7, atLineStart: true },
    { field: 'dateOfInjury', words: ['Date', 'of', 'Injury'] },
    { field: 'urDenialDate', words: ['UR', 'Denial', 'Date'] },
    { field: 'applicationReceived', words: ['Application', 'Received'] },
  ],
  bodyLabels: {
    claimsAdministratorGuideline: [`${GUIDELINE_RELIED_UPON}Claims\\s*Administrator`],
    maximusGuideline: [`${GUIDELINE_RELIED_UPON}(?:Expert|Physician|Professional)\\s*Reviewer`],
    rationale: ['Rationale\\s*Used\\s*by\\s*the\\s*(?:Expert|Physician|Professional)\\s*Reviewer'],
  },
  summaryPreamble:
    'Disclaimer\\s*:\\s*The\\s+following\\s+case\\s+summary\\s+was\\s+taken\\s+directly\\s+from\\s+the\\s+utilization\\s+review\\s+(?:denial\\s*\\/\\s*modification|denial|modification|determination)(?:\\s+dated\\s+[^\\n]*?\\d{4})?\\s*\\.?',
  expectsCaseNumber: true,
});
