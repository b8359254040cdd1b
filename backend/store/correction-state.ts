import type Database from 'better-sqlite3';
import type { CaseDetail, CaseFlag, LetterValues, ReviewStatus } from '../../shared/domain/case';
import type { ParsedLetter } from '../../shared/domain/letter';
import { parsedToValues } from './letter-values';

/**
 * The seam between the store and the corrections/audit module.
 *
 * The store owns parses and the projection tables; the audit module owns the
 * events that turn a parse into effective values. To keep the dependency one
 * way (audit → store), the audit module registers its loader here when it is
 * loaded (`setCorrectionStateLoader`), and the store calls it wherever effective
 * values are needed: opening a case, rebuilding the projection after a reparse.
 * Without a registered loader, a case's effective values are its parsed values.
 */
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

export type CorrectionStateLoader = (db: Database.Database, caseId: number, parsed: ParsedLetter) => CorrectionState;

export function parsedOnlyState(parsed: ParsedLetter): CorrectionState {
  return {
    effective: parsedToValues(parsed),
    status: 'new',
    flags: [],
    corrections: [],
    orphanedCorrections: [],
    notes: [],
    canUndo: false,
    canRedo: false,
  };
}

let loader: CorrectionStateLoader | null = null;

/** Called once by backend/audit when it loads. Passing null restores the parsed-only default (tests). */
export function setCorrectionStateLoader(next: CorrectionStateLoader | null): void {
  loader = next;
}

export function hasCorrectionStateLoader(): boolean {
  return loader !== null;
}

export function loadCorrectionState(db: Database.Database, caseId: number, parsed: ParsedLetter): CorrectionState {
  return loader ? loader(db, caseId, parsed) : parsedOnlyState(parsed);
}
