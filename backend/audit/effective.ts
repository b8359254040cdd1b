/**
 * A case's correction state as the store's projection, the export and the UI
 * need it: effective values, review status, the corrected fields, notes and
 * what undo/redo can do. Callers reach it explicitly (service handlers,
 * reparse, export); the store never calls back into this module.
 */
import type Database from 'better-sqlite3';
import type { CaseDetail, CaseFlag, LetterValues, ReviewStatus } from '../../shared/domain/case';
import type { ParsedLetter } from '../../shared/domain/letter';
import { ITEM_FIELD_DEFS, LETTER_FIELD_DEFS } from '../../shared/domain/fields';
import { correctedFields, effectiveState, effectiveValues, verifiedPaths, type EffectiveState } from './apply';
import { readCaseEvents } from './log';

export interface CorrectionState {
  effective: LetterValues;
  status: ReviewStatus;
  /** Flags that come from corrections, e.g. 'orphaned-correction'. */
  flags: CaseFlag[];
  corrections: CaseDetail['corrections'];
  orphanedCorrections: CaseDetail['orphanedCorrections'];
  notes: CaseDetail['notes'];
  verified: CaseDetail['verified'];
  confirmation: CaseDetail['confirmation'];
  canUndo: boolean;
  canRedo: boolean;
}

const LETTER_CONFIRMED = LETTER_FIELD_DEFS.filter((d) => d.confirm);
const ITEM_CONFIRMED = ITEM_FIELD_DEFS.filter((d) => d.confirm);

/**
 * How many of the fields a reviewer checks are confirmed: ticked (the tick
 * still holds) or corrected. `corrected` and `verified` are field paths.
 */
export function confirmationOf(
  itemCount: number,
  verified: readonly string[],
  corrected: readonly string[],
): CaseDetail['confirmation'] {
  const done = new Set([...verified, ...corrected]);
  let confirmed = LETTER_CONFIRMED.filter((d) => done.has(d.key)).length;
  for (let i = 0; i < itemCount; i++)
    confirmed += ITEM_CONFIRMED.filter((d) => done.has(`items[${i}].${d.key}`)).length;
  return { confirmed, total: LETTER_CONFIRMED.length + ITEM_CONFIRMED.length * itemCount };
}

/** The flags a case's corrections raise for the case list: 'orphaned-correction' while any is orphaned. */
export function correctionFlags(state: Pick<EffectiveState, 'orphaned'>): CaseFlag[] {
  return state.orphaned.length > 0 ? ['orphaned-correction'] : [];
}

export function correctionStateOf(parsed: ParsedLetter, state: EffectiveState): CorrectionState {
  const flags = correctionFlags(state);
  const corrections = correctedFields(parsed, state);
  const verified = verifiedPaths(state);
  return {
    effective: effectiveValues(state),
    status: state.status,
    flags,
    corrections,
    orphanedCorrections: state.orphaned,
    notes: state.notes,
    verified,
    confirmation: confirmationOf(
      state.items.length,
      verified,
      corrections.map((c) => c.path),
    ),
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
