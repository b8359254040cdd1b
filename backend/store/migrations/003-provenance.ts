import type Database from 'better-sqlite3';
import { sha256Of, documentFacts, parseFacts, recordImport, recordMigration, recordParse } from '../provenance';
import type { DocumentKind } from '../documents';
import type { Migration } from './index';

/**
 * Letters and parses enter the audit chain (issue 12).
 *
 * 1. `audit_events` is rebuilt (SQLite cannot alter a CHECK constraint) to
 *    accept the app's own events: `import-letter` and `parse` for a case, and
 *    `migration` for the workspace (the only events without a case). Rows are
 *    copied as they are: hashes cover the stored text, which does not change.
 * 2. Every protective trigger is (re)created from PROTECTED_TRIGGERS, the one
 *    definition `imr verify` compares the stored trigger SQL with.
 * 3. Letters stored before this version get their events now: per case an
 *    `import-letter` event with the checksums of its bytes, text, line map
 *    and first parse as stored today, then a `parse` event per later parse,
 *    each saying in its reason that it was recorded by this upgrade; then one
 *    `migration` event with the counts. (What was changed before the upgrade
 *    cannot be told from these; what changes after it can.)
 */
export const migration003Provenance: Migration = {
  name: 'provenance: letter imports and parses in the audit chain',
  up(db) {
    for (const name of Object.keys(PROTECTED_TRIGGERS)) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
    db.exec(`
      CREATE TABLE audit_events_v3 (
        id INTEGER PRIMARY KEY,
        -- Null only for a workspace event (migration).
        case_id INTEGER REFERENCES cases(id),
        type TEXT NOT NULL CHECK (type IN ('set-field', 'add-item', 'delete-item', 'split-item', 'merge-items',
                                           'reorder-items', 'set-status', 'note', 'undo', 'redo',
                                           'import-letter', 'parse', 'migration')),
        path TEXT,
        old_value TEXT NOT NULL,
        new_value TEXT NOT NULL,
        target TEXT,
        reviewer TEXT NOT NULL CHECK (length(reviewer) > 0),
        at TEXT NOT NULL,
        reason TEXT,
        target_event_id INTEGER REFERENCES audit_events(id),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        CHECK ((case_id IS NULL) = (type = 'migration'))
      );
      INSERT INTO audit_events_v3 (id, case_id, type, path, old_value, new_value, target, reviewer, at, reason,
          target_event_id, prev_hash, hash)
        SELECT id, case_id, type, path, old_value, new_value, target, reviewer, at, reason, target_event_id,
          prev_hash, hash
        FROM audit_events ORDER BY id;
      DROP TABLE audit_events;
      ALTER TABLE audit_events_v3 RENAME TO audit_events;
      CREATE INDEX audit_events_case ON audit_events(case_id, id);
    `);
    for (const sql of Object.values(PROTECTED_TRIGGERS)) db.exec(sql);
    recordEarlierLetters(db);
  },
};

/**
 * The triggers that keep the audit trail append-only and parses unchanged,
 * by name, as created. `imr verify` compares the stored SQL of each with this
 * (whitespace aside): a trigger replaced by a no-op that keeps its name is
 * reported.
 */
export const PROTECTED_TRIGGERS: Readonly<Record<string, string>> = {
  case_parses_no_update: `CREATE TRIGGER case_parses_no_update BEFORE UPDATE ON case_parses
      BEGIN
        SELECT RAISE(ABORT, 'parsed values are kept as parsed: case_parses rows cannot be changed');
      END`,
  audit_events_no_update: `CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: audit events cannot be changed');
      END`,
  audit_events_no_delete: `CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: audit events cannot be deleted');
      END`,
  audit_events_extend_chain: `CREATE TRIGGER audit_events_extend_chain BEFORE INSERT ON audit_events
      WHEN NEW.id IS NOT (SELECT event_count + 1 FROM audit_chain_head WHERE id = 1)
        OR NEW.prev_hash IS NOT (SELECT last_hash FROM audit_chain_head WHERE id = 1)
      BEGIN
        SELECT RAISE(ABORT, 'an audit event must extend the chain head (next id, previous hash)');
      END`,
  audit_chain_head_follows_events: `CREATE TRIGGER audit_chain_head_follows_events BEFORE UPDATE ON audit_chain_head
      WHEN NEW.id IS NOT OLD.id
        OR NEW.event_count IS NOT OLD.event_count + 1
        OR NEW.last_event_id IS NOT NEW.event_count
        OR NEW.last_hash IS NOT (SELECT hash FROM audit_events WHERE id = NEW.last_event_id)
      BEGIN
        SELECT RAISE(ABORT, 'the audit chain head can only advance to the newest audit event');
      END`,
  audit_chain_head_no_delete: `CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
      BEGIN
        SELECT RAISE(ABORT, 'the audit chain head cannot be deleted');
      END`,
  audit_chain_head_single_row: `CREATE TRIGGER audit_chain_head_single_row BEFORE INSERT ON audit_chain_head
      BEGIN
        SELECT RAISE(ABORT, 'the audit chain head already exists');
      END`,
};

const BACKFILL_REASON =
  'Recorded by the upgrade to workspace schema 3 from the letter and parse as stored then: ' +
  'this workspace was created before letters and parses were audit events.';

interface StoredCase {
  caseId: number;
  parseId: number | null;
  documentId: number;
  sha256: string;
  fileName: string;
  size: number;
  kind: DocumentKind;
  pageCount: number;
  encoding: string | null;
  importRunId: number | null;
}

function recordEarlierLetters(db: Database.Database): void {
  const cases = db
    .prepare(
      `SELECT c.id AS caseId, c.parse_id AS parseId, d.id AS documentId, d.sha256, d.file_name AS fileName, d.size,
         d.kind, d.page_count AS pageCount, d.encoding, d.import_run_id AS importRunId
       FROM cases c JOIN documents d ON d.id = c.document_id ORDER BY c.id`,
    )
    .iterate() as IterableIterator<StoredCase>;
  const content = db.prepare(
    'SELECT original, text, lines_json AS linesJson FROM document_content WHERE document_id = ?',
  );
  const parses = db.prepare(
    'SELECT id, parser_version AS parserVersion, parsed_json AS json FROM case_parses WHERE case_id = ? ORDER BY id',
  );
  // Collected first: better-sqlite3 allows no writes while the cursor is open.
  const all = [...cases];
  let letters = 0;
  let parseEvents = 0;
  for (const c of all) {
    const stored = content.get(c.documentId) as { original: Buffer; text: string; linesJson: string } | undefined;
    const caseParses = parses.all(c.caseId) as { id: number; parserVersion: string; json: string }[];
    const first = caseParses[0];
    // A case without content or parse cannot be described; verify reports it.
    if (!stored || !first) continue;
    recordImport(
      db,
      c.caseId,
      {
        document: documentFacts({
          id: c.documentId,
          // The bytes as they are now, not the stored column: if the two differ, verify says so.
          sha256: sha256Of(stored.original),
          text: stored.text,
          linesJson: stored.linesJson,
          fileName: c.fileName,
          size: c.size,
          kind: c.kind,
          pageCount: c.pageCount,
          encoding: c.encoding,
        }),
        parse: parseFacts(first.id, first.parserVersion, first.json),
        importRunId: c.importRunId,
      },
      { reason: BACKFILL_REASON },
    );
    letters++;
    let current = first;
    const later = caseParses.slice(1);
    // The pointer normally rests on the newest parse; if not, end on the one in force.
    const inForce = caseParses.find((p) => p.id === c.parseId);
    if (inForce && inForce !== caseParses.at(-1)) later.push(inForce);
    for (const next of later) {
      const replaced = { id: current.id, parserVersion: current.parserVersion };
      recordParse(db, c.caseId, parseFacts(next.id, next.parserVersion, next.json), replaced, {
        reason: BACKFILL_REASON,
      });
      current = next;
      parseEvents++;
    }
  }
  if (letters > 0) {
    recordMigration(
      db,
      { schemaVersion: 3, letters, parses: parseEvents },
      `Upgrade to workspace schema 3: ${letters} letter(s) stored earlier and ${parseEvents} later parse(s) ` +
        'were recorded in the audit trail from the rows as stored at the upgrade.',
    );
  }
}
