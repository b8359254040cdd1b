/**
 * `imr verify`: recomputes the whole audit trail from the stored rows and
 * checks the database itself. Nothing here trusts the triggers: someone with a
 * raw SQLite client can drop them (or replace them with no-ops), so every
 * rewritten, removed or reordered event must show up in the recomputation.
 *
 * What is checked, in order (each problem is one line for a person, naming
 * the case or event):
 * 1. SQLite's quick_check (integrity_check with --full; see quickCheckAllBut) and
 *    foreign_key_check.
 * 2. The protective triggers exist and have the SQL they were created with.
 * 3. The chain: ids without gaps, every hash recomputed from the stored
 *    columns, every link to the previous hash, event times never going
 *    backwards, undo/redo pointing at an earlier change of the same case.
 * 4. The chain head against the newest event.
 * 5. Provenance (verify-provenance.ts): every letter's bytes, text and line
 *    map, every stored parse and every case's parse pointer against the
 *    import/parse events; the case list's copy of each case's values against
 *    its parse and corrections.
 * 6. Optionally a checkpoint kept elsewhere: the trail must still extend it.
 *
 * Everything runs in one read transaction, so a workspace being written to
 * meanwhile is seen at one moment. A damaged file is reported as such, with
 * whatever could be checked.
 */
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AuditCheckpoint, VerifyReport } from '../../shared/api/contract';
import { CORRECTION_EVENT_TYPES, PROVENANCE_EVENT_TYPES } from '../../shared/domain/case';
import {
  auditRowColumns,
  computeEventHash,
  GENESIS_HASH,
  readChainHead,
  type AuditRow,
  type ChainHead,
} from '../store/audit-chain';
import { enableBufferTransferInNewWorkers } from '../runtime/buffer-transfer';
import { startWorker, workerFiles, type WorkerFiles } from '../runtime/worker-files';
import { threadCpuMs } from '../runtime/thread-cpu';
import { sqliteCheck } from '../store/integrity';
import { storeFailureKind } from '../store/errors';
import { schemaVersionOf } from '../store/migrations';
import { migration003Provenance, PROTECTED_TRIGGERS } from '../store/migrations/003-provenance';
import { PROJECTION_TABLES } from '../store/projection';
import { sealIntact } from './checkpoint';
import { checkContent, type ContentRange, type ContentReadings, type ContentResult } from './verify-content';
import {
  compareContent,
  contentRanges,
  Provenance,
  readCaseIndex,
  reportUnreadable,
  type CaseIndex,
} from './verify-provenance';
import type { VerifyTask, VerifyWorkerMessage } from './verify-worker';
import { count, guard, ProblemList } from './verify-report';
import { caseSubject, shownStoredText } from './case-subject';
import { errorText } from '../../shared/api/error-text';

/** The schema that put letters and parses in the trail (migration 003). */
const PROVENANCE_SCHEMA = schemaVersionOf(migration003Provenance);

export interface VerifyOptions {
  /** A checkpoint taken earlier: the trail must still extend it. */
  against?: AuditCheckpoint;
  /**
   * SQLite's full integrity_check over the whole file (every page, every
   * index against its table, unused pages) instead of quick_check on every
   * table but the letters and parses, which the provenance check reads in
   * full and checks against their checksums anyway. Several times slower on
   * a large workspace (it reads the letters twice and sorts every index).
   * Also each letter's dates as the search holds them (documents.text_dates)
   * recomputed from its text, and the search index against its content
   * (`checkSearchIndex`). What is left out without it is listed in the
   * report's `notChecked`.
   */
  full?: boolean;
  /**
   * Told how long each phase took, in ms of wall time and of its thread's own CPU (`threadCpuMs`; undefined where
   * it cannot be read): the bench reports both, as on a shared machine a phase's wall time also counts the time its
   * thread waited for a core. Worker phases are named "worker N: …".
   */
  onPhase?: (phase: string, ms: number, cpuMs?: number) => void;
}

/** Runs one phase of verify, telling `options.onPhase` how long it took. */
function phase<T>(options: VerifyOptions, name: string, work: () => T): T {
  if (!options.onPhase) return work();
  const started = performance.now();
  const cpu = threadCpuMs();
  try {
    return work();
  } finally {
    const cpuAfter = cpu === null ? null : threadCpuMs();
    options.onPhase(name, performance.now() - started, cpuAfter === null ? undefined : cpuAfter - cpu!);
  }
}

/** Verifies on this thread: the letters and parses are read here too. */
export function verifyAuditChain(db: Database.Database, options: VerifyOptions = {}): VerifyReport {
  const problems = new ProblemList();
  return inReadTransaction(db, () => {
    const state = verifyTrail(db, db.name, problems, options);
    if (state.content) state.results = [checkContent(db, wholeRange(state.content, options))];
    return finish(problems, state, options);
  });
}

/**
 * Verifies with the letters and parses read and hashed by worker threads
 * (one range of cases each, on their own connections to `dbPath`), while this
 * thread checks the database and walks the chain: a workspace of 100,000
 * letters is gigabytes to hash. Falls back to this thread for an in-memory
 * workspace or if workers cannot start. `workers`: how many (default one per
 * core, at most 4); `handOverEvery`: readings a worker keeps before posting
 * them (HAND_OVER_EVERY; tests set it low to exercise the hand-over).
 */
export async function verifyWorkspace(
  db: Database.Database,
  dbPath: string,
  options: VerifyOptions & { workers?: number; handOverEvery?: number } = {},
): Promise<VerifyReport> {
  const problems = new ProblemList();
  let pending: Promise<ContentResult[]> | null = null;
  const state = inReadTransaction(db, () => {
    const index = schemaHasProvenance(db)
      ? phase(options, 'case index', () => guard(problems, 'the case list', () => readCaseIndex(db)))
      : undefined;
    // Started first, so the workers hash while this thread walks the chain.
    if (index && !db.memory) {
      const ranges = contentRanges(index, options.workers ?? workerCount()).map((range) => ({
        ...range,
        textDates: options.full === true,
      }));
      pending = readInWorkers(dbPath, ranges, options.handOverEvery);
    }
    const trail = verifyTrail(db, dbPath, problems, options, index);
    if (trail.content && !pending) trail.results = [checkContent(db, wholeRange(trail.content, options))];
    return trail;
  });
  if (pending && state.content) {
    const waiting = performance.now();
    // This thread's CPU meanwhile: taking in the readings the workers hand over.
    const cpu = threadCpuMs();
    state.results = await (pending as Promise<ContentResult[]>).catch(() =>
      // Workers could not start or died: read on this thread instead.
      inReadTransaction(db, () => [checkContent(db, wholeRange(state.content!, options))]),
    );
    const cpuAfter = cpu === null ? null : threadCpuMs();
    options.onPhase?.(
      'waiting for the workers',
      performance.now() - waiting,
      cpuAfter === null ? undefined : cpuAfter - cpu!,
    );
    state.results.forEach((result, n) => {
      for (const [name, ms] of Object.entries(result.ms)) {
        options.onPhase?.(`worker ${n + 1}: ${name}`, ms, result.cpuMs[name as keyof typeof result.ms]);
      }
    });
  }
  return finish(problems, state, options);
}

/** Runs `work` in one read transaction of its own (unless one is open), so it sees one moment of the workspace. */
function inReadTransaction<T>(db: Database.Database, work: () => T): T {
  const own = !db.inTransaction;
  if (own) db.exec('BEGIN');
  try {
    return work();
  } finally {
    // Only reads happened. (ROLLBACK, not COMMIT: after SQLite meets a damaged page, COMMIT repeats its error.)
    if (own && db.inTransaction) db.exec('ROLLBACK');
  }
}

interface TrailState {
  provenance: Provenance;
  walk: ChainWalk;
  head: ChainHead | undefined;
  against: VerifyReport['against'];
  /** The cases whose content is to be checked; undefined when provenance is not checked. */
  content?: CaseIndex;
  results?: ContentResult[];
  /**
   * The trail could not be read to its end (a damaged page): what it lacks is
   * damage, not tampering, so the head, the checkpoint and the letters are not
   * compared with it (that would accuse every case past the damage).
   */
  trailUnread?: boolean;
  noAuditTables?: boolean;
  /** What a `full` run could not check, and why (the search index on a workspace that cannot be written). */
  notChecked: string[];
}

function schemaHasProvenance(db: Database.Database): boolean {
  return (db.pragma('user_version', { simple: true }) as number) >= PROVENANCE_SCHEMA;
}

/** Everything but reading the letters and parses: SQLite's checks, triggers, the chain, the head, a checkpoint. */
function verifyTrail(
  db: Database.Database,
  dbPath: string,
  problems: ProblemList,
  options: VerifyOptions,
  index?: CaseIndex,
): TrailState {
  const state: TrailState = {
    provenance: new Provenance(),
    walk: { events: 0, last: null },
    head: undefined,
    against: null,
    notChecked: [],
  };
  // The letters and parses are read in full below only where the schema has them in the trail.
  const findings = options.full
    ? phase(options, 'integrity_check', () => sqliteCheck(db, 'full'))
    : phase(options, 'quick_check', () =>
        quickCheckAllBut(db, guard(problems, 'its schema', () => schemaHasProvenance(db)) ? READ_IN_FULL : []),
      );
  for (const line of findings) problems.add(`SQLite integrity check: ${line}`);
  if (findings.length > 0) problems.damaged = true;
  phase(options, 'foreign_key_check', () => guard(problems, 'its references', () => checkForeignKeys(db, problems)));
  if (options.full) {
    const skipped = phase(options, 'search index', () => checkSearchIndex(db, dbPath, problems));
    if (skipped) state.notChecked.push(`the search index (case_search) against the case list and letters: ${skipped}`);
  }

  if (!guard(problems, 'its schema', () => hasAuditTables(db))) {
    problems.add(
      'The audit tables are missing: this workspace has no audit trail (schema older than version 2, or tables dropped).',
    );
    return state;
  }
  guard(problems, 'its triggers', () => checkTriggers(db, problems));
  const walked = phase(options, 'audit chain', () =>
    guard(problems, 'the audit trail', () => (state.walk = walkChain(db, problems, state.provenance))),
  );
  if (!walked) {
    state.trailUnread = true;
    state.head = guard(problems, 'the audit chain head', () => readChainHead(db)) ?? undefined;
    problems.add(
      'The letters, parses and chain head were not compared with the audit trail, as it could not be read to its end.',
    );
    if (schemaHasProvenance(db)) state.content = index;
    return state;
  }
  state.head = guard(problems, 'the audit chain head', () => checkHead(db, problems, state.walk)) ?? undefined;

  if (!schemaHasProvenance(db)) {
    // A damaged file cannot be upgraded; the damage is what to report then.
    if (!problems.damaged)
      problems.add(
        `This workspace predates letters and parses in the audit trail (schema ${db.pragma('user_version', { simple: true })}): ` +
          'open it once with write access (any imr command that writes, or the app) to upgrade it; until then its letters ' +
          'and parses are not checked.',
      );
  } else {
    state.content = index ?? guard(problems, 'the case list', () => readCaseIndex(db));
  }
  if (options.against) state.against = checkAgainst(db, dbPath, problems, options.against, state.walk);
  return state;
}

function finish(problems: ProblemList, state: TrailState, options: VerifyOptions): VerifyReport {
  if (state.trailUnread && state.results) reportUnreadable(problems, state.results);
  const cases =
    state.content && state.results && !state.trailUnread
      ? phase(options, 'comparing with the trail', () =>
          compareContent(problems, state.provenance, state.content!, state.results!),
        )
      : 0;
  const lines = problems.lines();
  return {
    ok: lines.length === 0,
    problems: lines,
    problemCases: problems.cases(),
    events: state.walk.events,
    chainHead: state.head?.lastHash ?? null,
    cases,
    against: state.against,
    notChecked: options.full ? state.notChecked : [...NOT_CHECKED_BY_DEFAULT],
    awaitingRebuild: state.content ? [...state.content.pending].sort((a, b) => a - b) : [],
  };
}

/**
 * What a verify without `full` leaves out, for the report to say so (each costs more than a reader of the
 * report would expect of the default run; DEVELOPERS.md "imr verify").
 */
const NOT_CHECKED_BY_DEFAULT = [
  'the search index (case_search) against the case list and letters',
  "each letter's dates as the search holds them (documents.text_dates) against its text",
  "SQLite's integrity_check of the whole file (each index against its table, unused pages)",
];

const wholeRange = (index: CaseIndex, options: VerifyOptions): ContentRange => ({
  fromCaseId: 1,
  toCaseId: Number.MAX_SAFE_INTEGER,
  maxParseId: index.maxParseId,
  textDates: options.full === true,
});

/** One worker per core, at most 4: hashing is CPU work, and the main thread has its own share. */
const workerCount = () => Math.max(1, Math.min(4, os.availableParallelism()));

const verifyWorkerFiles: WorkerFiles = workerFiles(new URL('./verify-worker.ts', import.meta.url));

function readInWorkers(dbPath: string, ranges: ContentRange[], handOverEvery?: number): Promise<ContentResult[]> {
  // So the workers can free each letter's bytes once hashed (verify-content.ts `release`).
  enableBufferTransferInNewWorkers();
  return Promise.all(
    ranges.map(
      (range) =>
        new Promise<ContentResult>((resolve, reject) => {
          const worker = startWorker(verifyWorkerFiles, {
            workerData: { dbPath, range, handOverEvery } satisfies VerifyTask,
          });
          const earlier: ContentReadings[] = [];
          worker.on('message', (message: VerifyWorkerMessage) => {
            if ('readings' in message) earlier.push(message.readings);
            else if (message.ok) resolve(withEarlier(message.result, earlier));
            else reject(new Error(message.message));
          });
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`verify worker exited with ${code}`)));
        }),
    ),
  );
}

/** A worker's result with the readings it handed over before it (in the order read). */
function withEarlier(result: ContentResult, earlier: readonly ContentReadings[]): ContentResult {
  const all = [...earlier, result];
  return {
    ...result,
    letters: all.flatMap((readings) => readings.letters),
    parses: all.flatMap((readings) => readings.parses),
    list: all.flatMap((readings) => readings.list),
    days: all.flatMap((readings) => readings.days),
  };
}

/**
 * Tables whose every row the provenance check reads in full and checks
 * against its checksums (the letters and the parses: nearly all of a
 * workspace's bytes). A damaged page there makes that read fail, and is
 * reported; running quick_check over them as well would read them twice.
 */
const READ_IN_FULL = ['document_content', 'case_parses'];

/**
 * SQLite's quick_check, table by table (each with its indexes), on every table
 * but those the provenance check reads in full. What this leaves out, beside
 * the comparison of each index with its table that only integrity_check makes,
 * is the structure of pages no table uses (the free list) and of those two
 * tables' b-trees beyond what reading every row touches: `--full` runs
 * integrity_check over the whole file for those.
 */
function quickCheckAllBut(db: Database.Database, readInFull: readonly string[]): string[] {
  let tables: string[];
  try {
    tables = (
      db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
        sql: string | null;
      }[]
    )
      .filter((t) => !readInFull.includes(t.name) && !/^\s*CREATE\s+VIRTUAL/i.test(t.sql ?? ''))
      .map((t) => t.name);
  } catch (err) {
    return [`the check stopped: ${errorText(err)}`];
  }
  return tables.flatMap((table) => sqliteCheck(db, 'quick', 100, table));
}

/**
 * SQLite's foreign_key_check, one line per row that points nowhere. Rows of the
 * projection (projection.ts) whose case does not exist are named by table and
 * case id instead: the list, filters and analytics read them as cases.
 */
function checkForeignKeys(db: Database.Database, problems: ProblemList): void {
  const foreignKeys = db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
  const orphanCases = new Map<string, Set<unknown>>();
  for (const table of new Set(foreignKeys.map((fk) => fk.table))) {
    if (!PROJECTED_TABLES.has(table)) continue;
    const ids = db
      .prepare(`SELECT DISTINCT case_id FROM ${table} WHERE case_id NOT IN (SELECT id FROM cases) ORDER BY case_id`)
      .pluck()
      .all();
    if (ids.length > 0) orphanCases.set(table, new Set(ids));
    for (const id of ids) {
      problems.add(
        `${table} holds rows of case #${String(id)}, which does not exist: they were added outside IMR Workbench ` +
          '(the case list, filters and analytics count them; imr reparse does not remove them).',
      );
    }
  }
  // Explained above, unless the table also has rows pointing at a missing item of an existing case.
  const explained = new Set([...orphanCases.keys()].filter((table) => !hasOtherOrphans(db, table)));
  for (const fk of foreignKeys) {
    if (explained.has(fk.table)) continue;
    problems.add(
      `${fk.rowid === null ? 'A row' : `Row ${fk.rowid}`} of ${fk.table} points to a missing row in ${fk.parent}.`,
    );
  }
}

/**
 * The full-text index (`case_search`, FTS5 over the `case_search_source` view: case number, treatments, letter
 * text, file name, dates) against its content, by FTS5's own check with rank 1, which re-reads and re-tokenizes
 * every case's content and compares it with the index: an index entry forged, removed or left stale (a case number
 * changed under it) fails it. (Without the rank, and `PRAGMA integrity_check`, only the index's own structure is
 * checked.) SQLite runs it only as a write statement, so on a connection that can write: here in a savepoint that is
 * rolled back (it changes nothing), on this connection when it can write, else on a connection of its own to the
 * file; the workspace's writers wait meanwhile (~10 s at 100,000 cases). Returns why it was not run (a read-only
 * file, folder or medium; the workspace in use), or null when it was. Only with `imr verify --full`: it costs about a
 * quarter more CPU (DEVELOPERS.md "imr verify").
 */
function checkSearchIndex(db: Database.Database, dbPath: string, problems: ProblemList): string | null {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'case_search'").get();
  if (!exists) {
    problems.add('The search index (case_search) is missing: the database was altered outside IMR Workbench.');
    return null;
  }
  let own: Database.Database | null = null;
  try {
    if (db.readonly) {
      if (db.memory) return 'not run on an in-memory workspace opened for reading only';
      // The file's path, not the connection's name: a read-only open may name it by an `immutable=1` URI.
      own = new Database(dbPath, { fileMustExist: true, timeout: 5000 });
    }
    const conn = own ?? db;
    conn.exec('SAVEPOINT verify_search_index');
    try {
      conn.prepare("INSERT INTO case_search(case_search, rank) VALUES ('integrity-check', 1)").run();
    } finally {
      conn.exec('ROLLBACK TO verify_search_index; RELEASE verify_search_index');
    }
    return null;
  } catch (err) {
    const kind = storeFailureKind(err);
    if (kind === 'read-only' || (own === null && db.readonly)) {
      return 'not run, as SQLite runs this check only where it can write, and the workspace is read-only here';
    }
    if (kind === 'cannot-open') return `not run: SQLite could not open the file for writing (${errorText(err)})`;
    if (kind === 'busy') return 'not run: the workspace is in use by another process';
    if (kind === 'full') return 'not run: the disk holding the workspace is full (SQLite needs room to run it)';
    if (kind === 'damaged') {
      problems.add(
        `The search index (case_search) does not match the case list and letters (SQLite: ${errorText(err)}): a ` +
          'search finds or misses cases wrongly; it was changed outside IMR Workbench or is damaged.',
      );
      return null;
    }
    throw err;
  } finally {
    own?.close();
  }
}

/** The projection's tables with a case_id (the `cases` summary columns are the case itself). */
const PROJECTED_TABLES = new Set(PROJECTION_TABLES.map((t) => t.table as string).filter((t) => t !== 'cases'));

/** Whether rows of a list table (item_regions, item_guidelines) point at a missing item of a case that exists. */
function hasOtherOrphans(db: Database.Database, table: string): boolean {
  if (table !== 'item_regions' && table !== 'item_guidelines') return false;
  return (
    db
      .prepare(
        `SELECT 1 FROM ${table} r WHERE r.case_id IN (SELECT id FROM cases)
           AND NOT EXISTS (SELECT 1 FROM items i WHERE i.case_id = r.case_id AND i.idx = r.idx) LIMIT 1`,
      )
      .get() !== undefined
  );
}

function hasAuditTables(db: Database.Database): boolean {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
  return exists.get('audit_events') !== undefined && exists.get('audit_chain_head') !== undefined;
}

/** Whitespace-insensitive SQL, as SQLite keeps the CREATE statement's text as written. */
const normalizeSql = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** Tables whose protection verify owns: a trigger on them it does not know was added outside the app. */
const PROTECTED_TABLES = ['audit_events', 'audit_chain_head', 'case_parses'];

function checkTriggers(db: Database.Database, problems: ProblemList): void {
  const stored = new Map(
    (
      db.prepare("SELECT name, tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
        name: string;
        tableName: string;
        sql: string | null;
      }[]
    ).map((t) => [t.name, t]),
  );
  for (const [name, sql] of Object.entries(PROTECTED_TRIGGERS)) {
    const trigger = stored.get(name);
    if (!trigger) {
      problems.add(`The append-only protection "${name}" is missing: the database was altered outside IMR Workbench.`);
    } else if (normalizeSql(trigger.sql ?? '') !== normalizeSql(sql)) {
      problems.add(
        `The append-only protection "${name}" was replaced by a different trigger: the database was altered outside IMR Workbench.`,
      );
    }
  }
  for (const trigger of stored.values()) {
    if (PROTECTED_TABLES.includes(trigger.tableName) && !(trigger.name in PROTECTED_TRIGGERS)) {
      problems.add(
        `A trigger "${trigger.name}" on ${trigger.tableName} was added outside IMR Workbench: it can change what is written.`,
      );
    }
  }
}

interface ChainWalk {
  events: number;
  /** The newest stored event (by id). */
  last: AuditRow | null;
}

const KNOWN_TYPES = new Set<string>([...CORRECTION_EVENT_TYPES, ...PROVENANCE_EVENT_TYPES, 'migration']);
const CORRECTION_TYPES = new Set<string>(CORRECTION_EVENT_TYPES);

/**
 * Walks every event in id order, in pages so memory stays flat: recomputes
 * hashes and links, checks ids, times and undo targets, and hands import and
 * parse events to `provenance`.
 */
function walkChain(db: Database.Database, problems: ProblemList, provenance: Provenance): ChainWalk {
  const caseNumbers = db.prepare('SELECT case_number FROM cases WHERE id = ?').pluck();
  const describe = (row: AuditRow) => {
    const caseNumber = row.case_id === null ? null : (caseNumbers.get(row.case_id) as string | null | undefined);
    const subject = row.case_id === null ? 'workspace' : caseSubject(row.case_id, caseNumber);
    // Type, path, time and reviewer are stored text a forger may have rewritten: shown cut and escaped like a case
    // number, so none can mirror the line (U+202E) or fill the screen.
    const shown = (text: string) => shownStoredText(text, EVENT_TEXT_SHOWN);
    const path = row.path ? ` ${shown(row.path)}` : '';
    return `event ${row.id} (${subject}, ${shown(row.type)}${path}, ${shown(row.at)} by ${shown(row.reviewer)})`;
  };
  const page = db.prepare(`SELECT ${auditRowColumns()} FROM audit_events WHERE id > ? ORDER BY id LIMIT 5000`);
  /** Correction events by id: case and type, to check what undo/redo point at. */
  const changes = new Map<number, { caseId: number | null; type: string }>();
  let events = 0;
  let expectedId = 1;
  let previousHash = GENESIS_HASH;
  let previous: AuditRow | null = null;
  let previousTime = -Infinity;
  let firstMismatchNamed = false;
  const lead = () => (firstMismatchNamed ? '' : ((firstMismatchNamed = true), 'First mismatch: '));
  for (let after = 0; ;) {
    const rows = page.all(after) as AuditRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      events++;
      if (row.id !== expectedId) {
        const gap = row.id - expectedId;
        problems.add(
          gap === 1
            ? `Event ${expectedId} is missing: it was deleted from the audit trail.`
            : `Events ${expectedId} to ${row.id - 1} are missing: ${gap} events were deleted from the audit trail.`,
        );
      }
      const hash = row.hash;
      const contentMatches = computeEventHash(row) === hash;
      const linkMatches = row.prev_hash === previousHash;
      if (!contentMatches) {
        problems.add(`${lead()}${describe(row)} does not match its hash: it was changed after it was written.`);
      } else if (!linkMatches && row.id === expectedId && previous) {
        // The previous event hashes fine on its own, so it was rewritten with a recomputed hash.
        problems.add(`${lead()}${describe(previous)} was rewritten: event ${row.id} no longer links to it.`);
      } else if (!linkMatches && row.id === expectedId) {
        problems.add(`${lead()}${describe(row)} does not start the chain: earlier events were removed.`);
      }

      const time = Date.parse(row.at);
      if (Number.isNaN(time)) {
        problems.add(`${describe(row)} has no readable time ("${row.at.slice(0, 40)}").`);
      } else if (time < previousTime && previous) {
        problems.add(
          `${describe(row)} is dated before ${describe(previous)}: events were reordered or their times changed.`,
        );
      }
      if (!KNOWN_TYPES.has(row.type)) problems.add(`${describe(row)} is of an unknown type.`);
      if ((row.case_id === null) !== (row.type === 'migration')) {
        problems.add(
          `${describe(row)} ${row.case_id === null ? 'names no case' : 'names a case'}, which its type does not.`,
        );
      }
      if (row.type === 'undo' || row.type === 'redo') {
        const target = row.target_event_id === null ? undefined : changes.get(row.target_event_id);
        if (!target || target.caseId !== row.case_id) {
          problems.add(
            `${describe(row)} reverts event ${row.target_event_id}, which is not an earlier change of the same case.`,
          );
        }
      } else if (row.target_event_id !== null) {
        problems.add(`${describe(row)} points at event ${row.target_event_id}, which only undo and redo do.`);
      }
      if (CORRECTION_TYPES.has(row.type)) {
        changes.set(row.id, { caseId: row.case_id, type: row.type });
      }
      provenance.add(row, describe, problems);

      if (!Number.isNaN(time)) previousTime = Math.max(previousTime, time);
      previousHash = hash;
      expectedId = row.id + 1;
      previous = row;
    }
    after = previous?.id ?? after;
  }
  return { events, last: previous };
}

function checkHead(db: Database.Database, problems: ProblemList, walk: ChainWalk): ChainHead | undefined {
  const head = readChainHead(db);
  const events = walk.events;
  if (!head) {
    problems.add('The audit chain head is missing: the newest events cannot be checked.');
    return undefined;
  }
  if (head.eventCount !== events) {
    problems.add(
      head.eventCount > events
        ? `The chain head records ${count(head.eventCount, 'event')} but ${events} ${be(events)} stored: ` +
            `${count(head.eventCount - events, 'event')} ${be(head.eventCount - events)} missing.`
        : `${count(events, 'event')} ${be(events)} stored but the chain head records ${head.eventCount}: ` +
            'events were added outside IMR Workbench.',
    );
  }
  const lastHash = walk.last?.hash ?? GENESIS_HASH;
  if (head.lastHash !== lastHash || head.lastEventId !== (walk.last?.id ?? null)) {
    problems.add(
      `The chain head (event ${head.lastEventId ?? 'none'}, hash ${head.lastHash.slice(0, 12)}…) does not match the newest stored ` +
        `event (${walk.last ? `event ${walk.last.id}, hash ${lastHash.slice(0, 12)}…` : 'none'}): the newest events were removed or rewritten.`,
    );
  }
  return head;
}

/**
 * The trail extends a checkpoint when its event number `events` still has the
 * checkpoint's hash: with every hash and link recomputed above, that event's
 * hash stands for all the events up to it.
 *
 * A checkpoint records no identity of its workspace but the path it was taken from (`workspace`), and one taken
 * from another workspace fails exactly as a rewritten trail does. So when the trail does not extend it and it was
 * taken from another path (another workspace, or this one copied or moved), the problem names that path and says
 * both — the checkpoint belongs to another workspace, or the trail was rewritten — rather than accuse an honest
 * workspace; either way it is not verified.
 */
function checkAgainst(
  db: Database.Database,
  dbPath: string,
  problems: ProblemList,
  checkpoint: AuditCheckpoint,
  walk: ChainWalk,
): NonNullable<VerifyReport['against']> {
  const report = { events: checkpoint.events, head: checkpoint.head, takenAt: checkpoint.takenAt, extended: false };
  const when = `the checkpoint of ${checkpoint.takenAt} (${count(checkpoint.events, 'event')}, head ${checkpoint.head.slice(0, 12)}…)`;
  if (!sealIntact(checkpoint)) {
    problems.add(
      `Cannot check against ${when}: it was changed or damaged after it was written (its checksum does not match).`,
    );
    return report;
  }
  if (checkpoint.events === 0) {
    report.extended = true;
    return report;
  }
  const elsewhere =
    checkpoint.workspace !== path.resolve(dbPath)
      ? `, taken from ${shownStoredText(checkpoint.workspace, WORKSPACE_SHOWN)}, not this workspace's path: either ` +
        'the checkpoint belongs to another workspace, or'
      : null;
  if (walk.events < checkpoint.events) {
    problems.add(
      `The audit trail has ${count(walk.events, 'event')}, fewer than ${when}` +
        (elsewhere
          ? `${elsewhere} events were removed after the checkpoint.`
          : ': events were removed after the checkpoint.'),
    );
    return report;
  }
  const hash = guard(problems, `event ${checkpoint.events}`, () =>
    db.prepare('SELECT hash FROM audit_events WHERE id = ?').pluck().get(checkpoint.events),
  ) as string | undefined;
  if (hash !== checkpoint.head) {
    problems.add(
      elsewhere
        ? `Event ${checkpoint.events} does not have the hash recorded in ${when}${elsewhere} the trail up to it was ` +
            'rewritten after the checkpoint.'
        : `Event ${checkpoint.events} no longer has the hash recorded in ${when}: the trail up to it was rewritten after the checkpoint.`,
    );
    return report;
  }
  report.extended = true;
  return report;
}

/** How much of a checkpoint's recorded workspace path a problem shows (it is the file's word, up to 4096). */
const WORKSPACE_SHOWN = 200;
/** How much of an event's stored type, path, time or reviewer a problem line shows (characters). */
const EVENT_TEXT_SHOWN = 80;

const be = (n: number) => (n === 1 ? 'is' : 'are');
