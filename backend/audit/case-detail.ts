/**
 * One case as every host shows it (`cases.get`, `imr show --json`): the
 * store's record of the case (file, versions, parse, flags) with its
 * corrections applied and each effective value's source in the letter.
 */
import type Database from 'better-sqlite3';
import type { CaseDetail } from '../../shared/domain/case';
import { getCaseRecord } from '../store/cases';
import { correctionStateOf, loadEffectiveState } from './effective';
import { effectiveLetterWithSources } from './sources';

export function getCaseDetail(db: Database.Database, caseId: number): CaseDetail | undefined {
  const record = getCaseRecord(db, caseId);
  if (!record) return undefined;
  const state = loadEffectiveState(db, caseId, record.parsed);
  const corrections = correctionStateOf(record.parsed, state);
  return {
    ...record,
    status: corrections.status,
    effective: effectiveLetterWithSources(record.parsed, state),
    corrections: corrections.corrections,
    orphanedCorrections: corrections.orphanedCorrections,
    notes: corrections.notes,
    verified: corrections.verified,
    confirmation: corrections.confirmation,
    canUndo: corrections.canUndo,
    canRedo: corrections.canRedo,
  };
}
