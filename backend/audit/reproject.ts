/**
 * Finishing a migration that changed the projection (005: the status rule,
 * 006: analytics): a migration can only work in SQL from each case's current
 * parse, which is right only for cases no reviewer changed; the cases it could
 * not project are listed in `projection_pending`. Here they are rebuilt from
 * their effective values (parse + corrections), as after any correction.
 */
import type Database from 'better-sqlite3';
import { getCurrentParse, refreshCaseProjection } from '../store/cases';
import { tableExists } from '../store/stats';
import { loadCorrectionState } from './effective';

/** Cases rebuilt per transaction: a crash loses at most one batch of work, never consistency. */
const BATCH = 500;

/** Rebuilds the projection of every case listed in projection_pending; returns how many. */
export function reprojectPendingCases(db: Database.Database): number {
  if (!tableExists(db, 'projection_pending')) return 0;
  const next = db.prepare('SELECT case_id FROM projection_pending ORDER BY case_id LIMIT ?').pluck();
  const rebuild = db.transaction((ids: number[]) => {
    for (const caseId of ids) {
      const parsed = getCurrentParse(db, caseId);
      if (!parsed) continue;
      const state = loadCorrectionState(db, caseId, parsed);
      // Also removes the case from projection_pending.
      refreshCaseProjection(db, caseId, parsed, state.effective, state.status, state.flags);
    }
    db.prepare('DELETE FROM projection_pending WHERE case_id IN (SELECT value FROM json_each(?))').run(
      JSON.stringify(ids),
    );
  });
  let done = 0;
  for (;;) {
    const ids = next.all(BATCH) as number[];
    if (ids.length === 0) return done;
    rebuild(ids);
    done += ids.length;
  }
}
