/**
 * Recording corrections: validate against the case's current effective state,
 * append the event, refresh the store's projection — all in one IMMEDIATE
 * transaction, so two writers (the app and `imr correct`) never interleave
 * between reading the chain head and extending it, and a refused change
 * leaves nothing behind.
 */
import type Database from 'better-sqlite3';
import type { Change } from '../../shared/api/contract';
import type { ReviewStatus } from '../../shared/domain/case';
import { getCurrentParse, refreshCaseProjection } from '../store/cases';
import { effectiveState, type EffectiveState } from './apply';
import { correctionStateOf } from './effective';
import { CorrectionError } from './errors';
import { appendEvent, readCaseEvents } from './log';
import type { CaseEvent, EventDraft } from './model';
import { redoDraft, undoDraft, validateChange } from './validate';

export interface CorrectionRequest {
  caseId: number;
  reviewer: string;
  reason?: string | null;
  change: Change;
  /** ISO timestamp; defaults to now (tests pass a fixed one). */
  at?: string;
}

/** Validates and records one change. Throws CorrectionError (nothing written) when refused. */
export function applyCorrection(db: Database.Database, request: CorrectionRequest): CaseEvent {
  return record(db, request.caseId, request.reviewer, request.at, (state) =>
    validateChange(state, request.change, request.reason),
  );
}

/** Reverts the case's latest change still in force by appending an undo event. */
export function undoCorrection(db: Database.Database, caseId: number, reviewer: string, at?: string): CaseEvent {
  return record(db, caseId, reviewer, at, undoDraft);
}

/** Re-applies the case's latest undone change by appending a redo event. */
export function redoCorrection(db: Database.Database, caseId: number, reviewer: string, at?: string): CaseEvent {
  return record(db, caseId, reviewer, at, redoDraft);
}

/**
 * Sets one review status on several cases (the list's selection), one
 * set-status event per case whose status it changes, all or none: a case that
 * no longer exists refuses the whole change.
 */
export function setStatusOfCases(
  db: Database.Database,
  caseIds: readonly number[],
  status: ReviewStatus,
  reviewer: string,
  at?: string,
): { changed: number; unchanged: number } {
  const write = db.transaction(() => {
    let changed = 0;
    for (const caseId of new Set(caseIds)) {
      const parsed = getCurrentParse(db, caseId);
      if (!parsed) throw new CorrectionError(`Case ${caseId} does not exist.`);
      if (effectiveState(parsed, readCaseEvents(db, caseId)).status === status) continue;
      applyCorrection(db, { caseId, reviewer, change: { type: 'set-status', status }, ...(at ? { at } : {}) });
      changed++;
    }
    return { changed, unchanged: new Set(caseIds).size - changed };
  });
  return write.immediate();
}

function record(
  db: Database.Database,
  caseId: number,
  reviewer: string,
  at: string | undefined,
  makeDraft: (state: EffectiveState, caseId: number) => EventDraft,
): CaseEvent {
  if (!reviewer.trim()) throw new CorrectionError('A reviewer name is required to record a correction.');
  const write = db.transaction((): CaseEvent => {
    const parsed = getCurrentParse(db, caseId);
    if (!parsed) throw new CorrectionError(`Case ${caseId} does not exist.`);
    const events = readCaseEvents(db, caseId);
    const draft = makeDraft(effectiveState(parsed, events), caseId);
    const event = appendEvent(db, draft, { caseId, reviewer, ...(at ? { at } : {}) });
    // The new event as stored (appendEvent returns it read back from its canonical JSON): no second read of the log.
    const after = correctionStateOf(parsed, effectiveState(parsed, [...events, event]));
    refreshCaseProjection(db, caseId, parsed, after.effective, after.status, after.flags);
    return event;
  });
  return write.immediate();
}
