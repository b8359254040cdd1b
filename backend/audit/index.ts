/**
 * Corrections with a tamper-evident audit trail (issue 5). Importing this
 * module registers the correction-state loader with the store.
 */
export { applyCorrection, undoCorrection, redoCorrection, type CorrectionRequest } from './corrections';
export { loadCorrectionState, loadEffectiveState, correctionStateOf } from './effective';
export { verifyAuditChain } from './verify';
export { iterateAuditEvents, listCaseHistory, readCaseEvents, readChainHead } from './log';
export { effectiveState, effectiveValues, correctedFields, undoStacks } from './apply';
export { validateChange } from './validate';
export { parseFieldPath, formatFieldPath } from './paths';
export { CorrectionError } from './errors';
export type { CaseEvent, EventDraft, ItemRef, EventTarget } from './model';
