/**
 * Corrections with a tamper-evident audit trail (issue 5), and the case detail
 * they produce. Depends on the store, never the other way round.
 */
export {
  applyCorrection,
  undoCorrection,
  redoCorrection,
  setStatusOfCases,
  type CorrectionRequest,
} from './corrections';
export { loadCorrectionState, loadEffectiveState, correctionStateOf, type CorrectionState } from './effective';
export { getCaseDetail } from './case-detail';
export { effectiveLetterWithSources } from './sources';
export { verifyAuditChain, verifyWorkspace } from './verify';
export { makeCheckpoint, readCheckpoint } from './checkpoint';
export { iterateAuditEvents, listCaseHistory, readCaseEvents } from './log';
export { readChainHead } from '../store/audit-chain';
export { effectiveState, effectiveValues, correctedFields, undoStacks } from './apply';
export { validateChange } from './validate';
export { parseFieldPath, formatFieldPath } from './paths';
export { CorrectionError } from './errors';
export type { CaseEvent, EventDraft, ItemRef, EventTarget } from './model';
