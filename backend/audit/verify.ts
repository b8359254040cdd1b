/**
 * `imr verify`: recomputes the whole audit chain from the stored rows and
 * checks the database itself. Nothing here trusts the triggers: someone with a
 * raw SQLite client can drop them, so every rewritten, removed or reordered
 * event must show up in the recomputation.
 */
import type Database from 'better-sqlite3';
import type { VerifyReport } from '../../shared/api/contract';
import { AUDIT_TRIGGERS } from '../store/migrations/002-audit';
import { GENESIS_HASH, computeEventHash, type AuditRow } from './chain';
import { auditRowColumns, readChainHead } from './log';
import { DAMAGED_ADVICE } from '../store/errors';
import { sqliteCheck } from '../store/integrity';

/** Past this many, further problems are counted, not listed: one tampering usually explains the rest. */
const MAX_LISTED = 50;

export function verifyAuditChain(db: Database.Database): VerifyReport {
  const problems: string[] = [];
  let unlisted = 0;
  const report = (problem: string) => {
    if (problems.length < MAX_LISTED) problems.push(problem);
    else unlisted++;
  };

  checkDatabaseIntegrity(db, report);
  try {
    return verifyChain(db, report, () => withUnlisted(problems, unlisted));
  } catch (err) {
    // A damaged page stops the walk: report it as what it is, with what was found before it.
    report(`The workspace file is damaged: the audit trail could not be read to the end (${unreadable(err)}).`);
    return { ok: false, problems: withUnlisted(problems, unlisted), events: 0, chainHead: null };
  }
}

function unreadable(err: unknown): string {
  return err instanceof Error ? `SQLite: ${err.message}` : String(err);
}

function verifyChain(db: Database.Database, report: (problem: string) => void, listed: () => string[]): VerifyReport {
  if (!tableExists(db, 'audit_events') || !tableExists(db, 'audit_chain_head')) {
    report(
      'The audit tables are missing: this workspace has no audit trail (schema older than version 2, or tables dropped).',
    );
    return { ok: false, problems: listed(), events: 0, chainHead: null };
  }
  for (const trigger of AUDIT_TRIGGERS) {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(trigger)) {
      report(`The append-only protection "${trigger}" is missing: the database was altered outside IMR Workbench.`);
    }
  }

  const caseNumbers = db.prepare('SELECT case_number FROM cases WHERE id = ?').pluck();
  const describe = (row: AuditRow) => {
    const caseNumber = caseNumbers.get(row.case_id) as string | null | undefined;
    const subject = caseNumber ? `case ${caseNumber}` : `case #${row.case_id}`;
    return `event ${row.id} (${subject}, ${row.type}${row.path ? ` ${row.path}` : ''}, ${row.at} by ${row.reviewer})`;
  };

  // Walk the chain in pages so memory stays flat on large workspaces.
  const page = db.prepare(`SELECT ${auditRowColumns()} FROM audit_events WHERE id > ? ORDER BY id LIMIT 5000`);
  const eventCase = db.prepare('SELECT case_id FROM audit_events WHERE id = ?').pluck();
  let events = 0;
  let expectedId = 1;
  let previousHash = GENESIS_HASH;
  let lastRow: AuditRow | null = null;
  let firstMismatchNamed = false;
  for (let after = 0; ;) {
    const rows = page.all(after) as AuditRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      events++;
      if (row.id !== expectedId) {
        const gap = row.id - expectedId;
        report(
          gap === 1
            ? `Event ${expectedId} is missing: it was deleted from the audit trail.`
            : `Events ${expectedId} to ${row.id - 1} are missing: ${gap} events were deleted from the audit trail.`,
        );
      }
      const { hash, ...content } = row;
      const contentMatches = computeEventHash(content) === hash;
      const linkMatches = row.prev_hash === previousHash;
      const lead = () => (firstMismatchNamed ? '' : ((firstMismatchNamed = true), 'First mismatch: '));
      if (!contentMatches) {
        report(`${lead()}${describe(row)} does not match its hash: it was changed after it was written.`);
      } else if (!linkMatches && row.id === expectedId && lastRow) {
        // The previous event hashes fine on its own, so it was rewritten with a recomputed hash.
        report(`${lead()}${describe(lastRow)} was rewritten: event ${row.id} no longer links to it.`);
      } else if (!linkMatches && row.id === expectedId) {
        report(`${lead()}${describe(row)} does not start the chain: earlier events were removed.`);
      }
      if (row.target_event_id !== null) {
        const targetCase = eventCase.get(row.target_event_id) as number | undefined;
        if (targetCase !== row.case_id || row.target_event_id >= row.id) {
          report(
            `${describe(row)} reverts event ${row.target_event_id}, which is not an earlier event of the same case.`,
          );
        }
      }
      previousHash = hash;
      expectedId = row.id + 1;
      lastRow = row;
    }
    after = lastRow?.id ?? after;
  }

  const head = readChainHead(db);
  if (!head) {
    report('The audit chain head is missing: the newest events cannot be checked.');
  } else {
    if (head.eventCount !== events) {
      report(
        head.eventCount > events
          ? `The chain head records ${count(head.eventCount, 'event')} but ${events} ${be(events)} stored: ` +
              `${count(head.eventCount - events, 'event')} ${be(head.eventCount - events)} missing.`
          : `${count(events, 'event')} ${be(events)} stored but the chain head records ${head.eventCount}: ` +
              'events were added outside IMR Workbench.',
      );
    }
    const lastHash = lastRow?.hash ?? GENESIS_HASH;
    if (head.lastHash !== lastHash || head.lastEventId !== (lastRow?.id ?? null)) {
      report(
        `The chain head (event ${head.lastEventId ?? 'none'}, hash ${head.lastHash.slice(0, 12)}…) does not match the newest stored ` +
          `event (${lastRow ? `event ${lastRow.id}, hash ${lastHash.slice(0, 12)}…` : 'none'}): the newest events were removed or rewritten.`,
      );
    }
  }

  const problems = listed();
  return { ok: problems.length === 0, problems, events, chainHead: head?.lastHash ?? null };
}

/** "1 event", "2 events": the report is read by people. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const be = (n: number) => (n === 1 ? 'is' : 'are');

function withUnlisted(problems: string[], unlisted: number): string[] {
  return unlisted > 0 ? [...problems, `… and ${count(unlisted, 'more problem')}.`] : problems;
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function checkDatabaseIntegrity(db: Database.Database, report: (problem: string) => void): void {
  const findings = sqliteCheck(db, 'full');
  for (const line of findings) report(`SQLite integrity check: ${line}`);
  if (findings.length > 0) report(`The workspace file is damaged. ${DAMAGED_ADVICE}`);
  try {
    const foreignKeys = db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
    for (const fk of foreignKeys) {
      report(
        `${fk.rowid === null ? 'A row' : `Row ${fk.rowid}`} of ${fk.table} points to a missing row in ${fk.parent}.`,
      );
    }
  } catch (err) {
    report(`The workspace file is damaged: SQLite could not check its references (${unreadable(err)}).`);
  }
}
