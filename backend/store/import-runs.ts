import type Database from 'better-sqlite3';
import type { ImportOutcome, ImportOutcomeKind, ImportSummary } from '../../shared/domain/case';
import { statement } from './statements';

export type ImportSource = 'paths' | 'files' | 'samples';

export function startImportRun(
  db: Database.Database,
  input: { source: ImportSource; inputs: string[]; parserVersion: string; startedAt: string },
): number {
  const info = statement(
    db,
    'INSERT INTO import_runs (started_at, source, inputs_json, parser_version) VALUES (?, ?, ?, ?)',
  ).run(input.startedAt, input.source, JSON.stringify(input.inputs), input.parserVersion);
  return Number(info.lastInsertRowid);
}

/** Must run in the same transaction as whatever the outcome describes (crash consistency). */
export function recordOutcome(db: Database.Database, runId: number, outcome: ImportOutcome): void {
  statement(
    db,
    'INSERT INTO import_outcomes (run_id, path, outcome, reason, document_id, case_id) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(runId, outcome.path, outcome.outcome, outcome.reason, outcome.documentId, outcome.caseId);
}

/** Stores the run's totals. A run without finished_at was interrupted (crash, kill). */
export function finishImportRun(db: Database.Database, runId: number, finishedAt: string, cancelled: boolean): void {
  statement(
    db,
    `UPDATE import_runs SET finished_at = @finishedAt, cancelled = @cancelled,
       total = (SELECT COUNT(*) FROM import_outcomes WHERE run_id = @runId),
       imported = (SELECT COUNT(*) FROM import_outcomes WHERE run_id = @runId AND outcome = 'imported'),
       duplicate = (SELECT COUNT(*) FROM import_outcomes WHERE run_id = @runId AND outcome = 'duplicate'),
       rejected = (SELECT COUNT(*) FROM import_outcomes WHERE run_id = @runId AND outcome = 'rejected'),
       skipped = (SELECT COUNT(*) FROM import_outcomes WHERE run_id = @runId AND outcome = 'skipped')
     WHERE id = @runId`,
  ).run({ runId, finishedAt, cancelled: cancelled ? 1 : 0 });
}

/** The summary of a run, rebuilt from its outcomes (also works for an interrupted run). */
export function getImportSummary(db: Database.Database, runId: number): ImportSummary | null {
  const run = statement(db, 'SELECT id, cancelled FROM import_runs WHERE id = ?').get(runId) as
    { id: number; cancelled: number } | undefined;
  if (!run) return null;
  const outcomes = statement(
    db,
    `SELECT path, outcome, reason, case_id AS caseId, document_id AS documentId
       FROM import_outcomes WHERE run_id = ? ORDER BY id`,
  ).all(runId) as ImportOutcome[];
  const count = (kind: ImportOutcomeKind) => outcomes.filter((o) => o.outcome === kind).length;
  return {
    runId,
    total: outcomes.length,
    imported: count('imported'),
    duplicate: count('duplicate'),
    rejected: count('rejected'),
    skipped: count('skipped'),
    cancelled: run.cancelled === 1,
    outcomes,
  };
}

export function lastImportRunId(db: Database.Database): number | null {
  return (statement(db, 'SELECT MAX(id) FROM import_runs', { pluck: true }).get() as number | null) ?? null;
}
