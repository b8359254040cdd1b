/**
 * Reading what an export contains, straight from the workspace database:
 * which cases (scope), each case with its effective values (streamed with a
 * cursor, one case in memory at a time), and their audit events.
 */
import type Database from 'better-sqlite3';
import type { ExportOptions } from '../../shared/api/contract';
import { filterText } from '../../shared/api/filter-text';
import type { AuditEvent, ReviewStatus } from '../../shared/domain/case';
import { upgradeParsedLetter } from '../../shared/domain/fields';
import type { ParsedLetter } from '../../shared/domain/letter';
import { correctionStateOf, iterateAuditEvents, loadEffectiveState, readChainHead } from '../audit';
import { IS_CORRECTION_EVENT, type ChainHead } from '../store/audit-chain';
import { listCaseIds } from '../store/case-list';
import { readableCaseIds, reportUnreadableCase, type OnUnreadable } from '../store/damaged-reads';
import { isUnreadable } from '../store/errors';
import { parsedToValues } from '../store/letter-values';
import type { ExportCase } from './record';

/** Which cases an export covers. */
export type ExportScope =
  | { kind: 'all' }
  /** Ids in ascending order (a filter's matches, a selection, or both intersected). */
  | { kind: 'ids'; ids: number[]; description: string };

/**
 * Resolves the options to a scope. A filter is resolved with the store's own
 * case-list filter (the same SQL the case list uses), so an export of "the
 * current filter" is exactly the list the reviewer sees. With both a filter and
 * a selection, the export holds the selected cases that match the filter.
 */
export function resolveScope(
  db: Database.Database,
  options: Pick<ExportOptions, 'filter' | 'caseIds'>,
  /** In a damaged workspace, the cases the filter could not be asked of (left out). */
  unreadable: OnUnreadable = () => undefined,
): ExportScope {
  const described = options.filter ? filterText(options.filter) : '';
  const selection = options.caseIds ? [...new Set(options.caseIds)].sort((a, b) => a - b) : null;
  if (!described && !selection) return { kind: 'all' };

  const matching = described ? listCaseIds(db, options.filter, unreadable) : null;
  let ids: number[];
  if (selection && matching) {
    const allowed = new Set(matching);
    ids = selection.filter((id) => allowed.has(id));
  } else {
    ids = selection ?? matching ?? [];
  }
  const parts = [
    described ? `filter: ${described}` : null,
    selection ? `selection of ${selection.length} case${selection.length === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  return { kind: 'ids', ids: [...ids].sort((a, b) => a - b), description: parts.join('; ') };
}

export function describeScope(scope: ExportScope): string {
  return scope.kind === 'all' ? 'All cases' : scope.description;
}

/** SQL restricting `cases c` to the scope, with its parameters. */
function scopeSql(scope: ExportScope): { where: string; params: unknown[] } {
  if (scope.kind === 'all') return { where: '', params: [] };
  // One JSON parameter instead of thousands of placeholders (SQLite caps those).
  return { where: 'WHERE c.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(scope.ids)] };
}

export interface ScopeCounts {
  cases: number;
  /** From the item projection; the exported count is computed while writing. */
  items: number;
}

export function countScope(db: Database.Database, scope: ExportScope): ScopeCounts {
  const { where, params } = scopeSql(scope);
  const row = db
    .prepare(`SELECT COUNT(*) AS cases, COALESCE(SUM(c.item_count), 0) AS items FROM cases c ${where}`)
    .get(...params) as ScopeCounts;
  return row;
}

function hasAuditTable(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_events'").get() !== undefined;
}

/** Ids of cases with at least one correction: only those need the correction fold. */
export function casesWithEvents(db: Database.Database): Set<number> {
  if (!hasAuditTable(db)) return new Set();
  return new Set(
    db.prepare(`SELECT DISTINCT case_id FROM audit_events WHERE ${IS_CORRECTION_EVENT}`).pluck().all() as number[],
  );
}

interface CaseCursorRow {
  id: number;
  version: number;
  importedAt: string;
  status: ReviewStatus;
  file: string;
  parserVersion: string;
  parsedJson: string;
  flags: string | null;
}

/** The cases with corrections (casesWithEvents), or EVERY_CASE. */
export interface CaseIdSet {
  has(id: number): boolean;
  readonly size: number;
}

/** `withEvents` when the audit trail cannot be listed: every case is folded with whatever corrections it has. */
export const EVERY_CASE: CaseIdSet = { has: () => true, size: Infinity };

const CASE_COLUMNS = `c.id, c.version, c.imported_at AS importedAt, c.status, d.file_name AS file,
       p.parser_version AS parserVersion, p.parsed_json AS parsedJson,
       (SELECT group_concat(f.flag, ' ') FROM case_flags f WHERE f.case_id = c.id) AS flags
     FROM cases c JOIN documents d ON d.id = c.document_id JOIN case_parses p ON p.id = c.parse_id`;

/**
 * Every case in scope, by id, with effective values. A streaming cursor:
 * one case is materialised at a time whatever the workspace size. The cursor
 * keeps the connection busy while open, so callers must not write through the
 * same connection until the iteration ends (the service exports through a
 * separate read-only connection for that reason).
 *
 * In a damaged workspace the cursor stops at the first page SQLite cannot
 * read; the rest is then read case by case (the ids from every place that
 * names cases: the case table as far as it reads, its indexes, the parses
 * and the import events), and each case that cannot be read is passed to
 * `unreadable` and skipped.
 */
export function* iterateCases(
  db: Database.Database,
  scope: ExportScope,
  withEvents: CaseIdSet,
  unreadable: OnUnreadable = () => undefined,
): Generator<ExportCase> {
  const { where, params } = scopeSql(scope);
  const statement = db.prepare(`SELECT ${CASE_COLUMNS} ${where} ORDER BY c.id`);
  let lastId = 0;
  try {
    for (const row of statement.iterate(...params) as IterableIterator<CaseCursorRow>) {
      const record = readCase(db, row, withEvents, unreadable);
      lastId = row.id;
      if (record) yield record;
    }
    return;
  } catch (err) {
    if (!isUnreadable(err)) throw err;
  }
  const one = db.prepare(`SELECT ${CASE_COLUMNS} WHERE c.id = ?`);
  const candidates = scope.kind === 'ids' ? scope.ids : readableCaseIds(db);
  for (const id of candidates) {
    if (id <= lastId) continue;
    let row: CaseCursorRow | undefined;
    try {
      row = one.get(id) as CaseCursorRow | undefined;
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      reportUnreadableCase(db, id, err, unreadable);
      continue;
    }
    const record = row && readCase(db, row, withEvents, unreadable);
    if (record) yield record;
  }
}

/** One case's export record, or null (reported) when its corrections cannot be read. */
function readCase(
  db: Database.Database,
  row: CaseCursorRow,
  withEvents: CaseIdSet,
  unreadable: OnUnreadable,
): ExportCase | null {
  try {
    return toExportCase(db, row, withEvents.has(row.id));
  } catch (err) {
    if (!isUnreadable(err)) throw err;
    reportUnreadableCase(db, row.id, err, unreadable);
    return null;
  }
}

function toExportCase(db: Database.Database, row: CaseCursorRow, hasEvents: boolean): ExportCase {
  const parsed = upgradeParsedLetter(JSON.parse(row.parsedJson) as ParsedLetter);
  const base = {
    id: row.id,
    file: row.file,
    flags: row.flags ? row.flags.split(' ').sort() : [],
    importedAt: row.importedAt,
    version: row.version,
    parserVersion: row.parserVersion,
  };
  if (!hasEvents) {
    return { ...base, status: row.status, effective: parsedToValues(parsed), corrections: [], reviewerItems: [] };
  }
  const state = loadEffectiveState(db, row.id, parsed);
  const correction = correctionStateOf(parsed, state);
  return {
    ...base,
    status: correction.status,
    effective: correction.effective,
    corrections: correction.corrections,
    reviewerItems: state.items.map((item) => item.ref.kind !== 'parsed'),
  };
}

/** Audit events of the cases in scope, oldest first. */
export function* iterateScopeEvents(
  db: Database.Database,
  scope: ExportScope,
  withEvents: CaseIdSet,
): Generator<AuditEvent> {
  if (!hasAuditTable(db)) return;
  if (scope.kind === 'all') {
    yield* iterateAuditEvents(db);
    return;
  }
  // Only cases that have events matter.
  const ids = scope.ids.filter((id) => withEvents.has(id));
  if (ids.length > 0) yield* iterateAuditEvents(db, ids);
}

export function countScopeEvents(db: Database.Database, scope: ExportScope, withEvents: CaseIdSet): number {
  if (!hasAuditTable(db) || withEvents.size === 0) return 0;
  const { where, params } = scopeSql(scope);
  return db
    .prepare(
      `SELECT COUNT(*) FROM audit_events e WHERE e.${IS_CORRECTION_EVENT} AND e.case_id IN (SELECT c.id FROM cases c ${where})`,
    )
    .pluck()
    .get(...params) as number;
}

export function chainHead(db: Database.Database): ChainHead | null {
  if (!hasAuditTable(db)) return null;
  return readChainHead(db) ?? null;
}
