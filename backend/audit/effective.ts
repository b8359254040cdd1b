/**
 * A case's correction state as the store and the UI need it. Registered with
 * the store's seam (backend/store/correction-state.ts) when this module loads,
 * so `getCaseDetail` and reparse see effective values without the store
 * depending on the audit module.
 */
import type Database from 'better-sqlite3';
import type { CaseFlag } from '../../shared/domain/case';
import type { ParsedLetter } from '../../shared/domain/letter';
import { setCorrectionStateLoader, type CorrectionState } from '../store/correction-state';
import { correctedFields, effectiveState, effectiveValues, type EffectiveState } from './apply';
import { readCaseEvents } from './log';

export function correctionStateOf(parsed: ParsedLetter, state: EffectiveState): CorrectionState {
  const flags: CaseFlag[] = state.orphaned.length > 0 ? ['orphaned-correction'] : [];
  return {
    effective: effectiveValues(state),
    status: state.status,
    flags,
    corrections: correctedFields(parsed, state),
    orphanedCorrections: state.orphaned,
    notes: state.notes,
    canUndo: state.stacks.undo.length > 0,
    canRedo: state.stacks.redo.length > 0,
  };
}

/** Parsed values of a case with its audit events applied. */
export function loadCorrectionState(db: Database.Database, caseId: number, parsed: ParsedLetter): CorrectionState {
  return correctionStateOf(parsed, loadEffectiveState(db, caseId, parsed));
}

export function loadEffectiveState(db: Database.Database, caseId: number, parsed: ParsedLetter): EffectiveState {
  return effectiveState(parsed, readCaseEvents(db, caseId));
}

setCorrectionStateLoader(loadCorrectionState);
