/**
 * Tampering with the audit trail through a raw SQLite connection (what anyone
 * with the file and the sqlite3 tool can do): refused by the triggers, and
 * when the triggers are dropped first, caught by verify.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeEventHash, type AuditRow } from '../../../backend/audit/chain';
import { verifyAuditChain } from '../../../backend/audit';
import { AUDIT_TRIGGERS } from '../../../backend/store/migrations/002-audit';
import { corpusLetter } from '../../unit/audit/letter-fixture';
import { ok, openWorkspace, type TestWorkspace } from './workspace';

let ws: TestWorkspace;
let raw: Database.Database;

beforeEach(async () => {
  ws = openWorkspace();
  const caseId = ws.addCase(corpusLetter());
  const reviewer = 'Dana';
  const apply = (change: object, reason?: string) =>
    ws.service.dispatch('corrections.apply', { caseId, reviewer, change, ...(reason ? { reason } : {}) });
  ok(await apply({ type: 'set-field', path: 'patientAge', value: '52' })); // 1
  ok(await apply({ type: 'set-field', path: 'items[0].decision', value: 'Overturned' }, 'misread')); // 2
  ok(await apply({ type: 'note', text: 'checked with the PDF' })); // 3
  ok(await apply({ type: 'set-status', status: 'reviewed' })); // 4
  ok(await ws.service.send('corrections.undo', { caseId, reviewer })); // 5
  ws.service.close(); // the service lets go of the file; the tamperer opens it raw
  raw = new Database(ws.dbPath);
});
afterEach(() => {
  if (raw.open) raw.close();
  ws.close();
});

const dropTriggers = () => {
  for (const trigger of AUDIT_TRIGGERS) raw.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
};
const row = (id: number) => raw.prepare('SELECT * FROM audit_events WHERE id = ?').get(id) as AuditRow;

describe('append-only in the database itself', () => {
  it('a clean trail verifies', () => {
    const report = verifyAuditChain(raw);
    expect(report).toEqual({ ok: true, problems: [], events: 5, chainHead: row(5).hash });
  });

  it('rejects UPDATE and DELETE on audit_events from a raw connection', () => {
    expect(() => raw.prepare("UPDATE audit_events SET new_value = '99' WHERE id = 1").run()).toThrow(
      'the audit trail is append-only: audit events cannot be changed',
    );
    expect(() => raw.prepare('DELETE FROM audit_events WHERE id = 5').run()).toThrow(
      'the audit trail is append-only: audit events cannot be deleted',
    );
    expect(() => raw.prepare('DELETE FROM audit_events').run()).toThrow('append-only');
    expect(raw.prepare('SELECT COUNT(*) FROM audit_events').pluck().get()).toBe(5);
  });

  it('rejects an event that does not extend the chain and a head that does not follow the events', () => {
    const forged = { ...row(1), id: 6, reviewer: 'mallory', prev_hash: '0'.repeat(64) };
    expect(() =>
      raw
        .prepare(
          `INSERT INTO audit_events (id, case_id, type, path, old_value, new_value, target, reviewer, at, reason,
            target_event_id, prev_hash, hash) VALUES (@id, @case_id, @type, @path, @old_value, @new_value, @target,
            @reviewer, @at, @reason, @target_event_id, @prev_hash, 'f')`,
        )
        .run(forged),
    ).toThrow('must extend the chain head');
    expect(() => raw.prepare('UPDATE audit_chain_head SET event_count = 3, last_event_id = 3').run()).toThrow(
      'can only advance to the newest audit event',
    );
    expect(() => raw.prepare('DELETE FROM audit_chain_head').run()).toThrow('cannot be deleted');
    expect(verifyAuditChain(raw).ok).toBe(true);
  });
});

describe('verify detects tampering when the triggers were dropped', () => {
  it('reports the missing triggers themselves', () => {
    dropTriggers();
    const report = verifyAuditChain(raw);
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(
      'The append-only protection "audit_events_no_update" is missing: the database was altered outside IMR Workbench.',
    );
  });

  it('names a rewritten event (content changed, hash left alone)', () => {
    dropTriggers();
    raw.prepare("UPDATE audit_events SET new_value = '25', reviewer = 'mallory' WHERE id = 1").run();
    const report = verifyAuditChain(raw);
    expect(report.ok).toBe(false);
    const chainProblems = report.problems.filter((p) => !p.includes('protection'));
    expect(chainProblems).toEqual([
      expect.stringMatching(
        /^First mismatch: event 1 \(case CM16-0230651, set-field patientAge, .* by mallory\) does not match its hash: it was changed after it was written\.$/,
      ),
    ]);
  });

  it('with several events changed, names the earliest one first', () => {
    dropTriggers();
    raw.prepare("UPDATE audit_events SET reason = 'edited later' WHERE id = 4").run();
    raw.prepare("UPDATE audit_events SET reason = 'edited too' WHERE id = 2").run();
    const chainProblems = verifyAuditChain(raw).problems.filter((p) => !p.includes('protection'));
    expect(chainProblems).toEqual([
      expect.stringMatching(/^First mismatch: event 2 \(case CM16-0230651, set-field items\[0\]\.decision, /),
      expect.stringMatching(/^event 4 \(case CM16-0230651, set-status status, .*\) does not match its hash/),
    ]);
  });

  it('names a rewritten event even when its hash was recomputed', () => {
    dropTriggers();
    const forged = { ...row(2), new_value: '"Upheld"', reason: 'no change really' };
    const { hash: _old, ...content } = forged;
    raw
      .prepare('UPDATE audit_events SET new_value = ?, reason = ?, hash = ? WHERE id = 2')
      .run(forged.new_value, forged.reason, computeEventHash(content));
    const chainProblems = verifyAuditChain(raw).problems.filter((p) => !p.includes('protection'));
    expect(chainProblems).toEqual([
      expect.stringMatching(
        /^First mismatch: event 2 \(case CM16-0230651, set-field items\[0\]\.decision, .*\) was rewritten: event 3 no longer links to it\.$/,
      ),
    ]);
  });

  it('reports a deleted event in the middle', () => {
    dropTriggers();
    raw.prepare('DELETE FROM audit_events WHERE id = 3').run();
    const chainProblems = verifyAuditChain(raw).problems.filter((p) => !p.includes('protection'));
    expect(chainProblems).toEqual([
      'Event 3 is missing: it was deleted from the audit trail.',
      'The chain head records 5 events but 4 are stored: 1 event is missing.',
    ]);
  });

  it('reports deleted newest events, which leave a valid-looking shorter chain, through the head', () => {
    dropTriggers();
    raw.prepare('DELETE FROM audit_events WHERE id >= 4').run();
    const report = verifyAuditChain(raw);
    const chainProblems = report.problems.filter((p) => !p.includes('protection'));
    expect(chainProblems).toEqual([
      'The chain head records 5 events but 3 are stored: 2 events are missing.',
      expect.stringMatching(
        /^The chain head \(event 5, hash .{12}…\) does not match the newest stored event \(event 3, hash .{12}…\)/,
      ),
    ]);
    expect(report.events).toBe(3);
  });

  it('reports events reordered by renumbering', () => {
    dropTriggers();
    raw.pragma('foreign_keys = OFF'); // the undo event 5 references event 4
    raw.exec(
      'UPDATE audit_events SET id = 100 WHERE id = 3; UPDATE audit_events SET id = 3 WHERE id = 4; UPDATE audit_events SET id = 4 WHERE id = 100;',
    );
    const report = verifyAuditChain(raw);
    expect(report.ok).toBe(false);
    expect(report.problems.find((p) => p.startsWith('First mismatch'))).toMatch(
      /^First mismatch: event 3 .* does not match its hash/,
    );
  });

  it('runs the SQLite integrity and foreign key checks', () => {
    raw.pragma('foreign_keys = OFF');
    raw.prepare('DELETE FROM items WHERE case_id = 1').run();
    raw.prepare("INSERT INTO case_flags (case_id, flag) VALUES (999, 'parser-warnings')").run();
    const report = verifyAuditChain(raw);
    expect(report.problems).toEqual(['A row of case_flags points to a missing row in cases.']);
  });
});
