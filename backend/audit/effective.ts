/**
 * A case's correction state as the store's projection, the export and the UI
 * need it: effective values, review status, the corrected fields, notes and
 * what undo/redo can do. Callers reach it explicitly (service handlers,
 * reparse, export); the store never calls back into this module.
 */
import type Database from 'better-sqlite3';
import type { CaseDetail, CaseFlag, LetterValues, ReviewStatus } from '../../shared/domain/case';
import type { ParsedLetter } from '../../shared/domain/letter';
import { correctedFields, effectiveState, effectiveValues, type EffectiveState } from './apply';
import { readCaseEvents } from './log';

export interface CorrectionState {
  effective: LetterValues;
  status: ReviewStatus;
  /** Flags that come from corrections, e.g. 'orphaned-correction'. */
  flags: CaseFlag[];
  corrections: CaseDetail['corrections'];
  orphanedCorrections: CaseDetail['orphanedCorrections'];
  notes: CaseDetail['notes'];
  canUndo: boolean;
  canRedo: boolean;
}

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
