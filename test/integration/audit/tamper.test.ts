/**
 * Tampering with a workspace through a raw SQLite connection (what anyone
 * with the file and the sqlite3 tool can do): refused by the triggers, and
 * when the triggers are dropped first (and put back afterwards, as a careful
 * forger would), caught by verify, naming the case or event (issue 12).
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCorrection, makeCheckpoint, undoCorrection, verifyAuditChain } from '../../../backend/audit';
import { reparseAll } from '../../../backend/import/reparse';
import { storeLetter } from '../../../backend/store/letters';
import { computeEventHash, type AuditRow } from '../../../backend/store/audit-chain';
import { PROTECTED_TRIGGERS } from '../../../backend/store/migrations/003-provenance';
import type { AuditCheckpoint } from '../../../shared/api/contract';
import { corpusLetter } from '../../unit/audit/letter-fixture';
import { openWorkspace, type TestWorkspace } from './workspace';

let ws: TestWorkspace;
let raw: Database.Database;
let caseA: number;
let caseB: number;
/** A checkpoint of the honest trail, as `imr checkpoint` writes it. */
let checkpoint: AuditCheckpoint;

const A = 'CM16-0230651';

/**
 * Events:
 *  1 import A · 2 import B · 3 A patientAge 52 · 4 A items[0].decision Overturned ·
 *  5 A note · 6 A status reviewed · 7 A undo of 6
 * Correction times are a minute apart, so their order shows in their times.
 */
beforeEach(() => {
  ws = openWorkspace();
  caseA = ws.addCase(corpusLetter(0));
  caseB = ws.addCase(corpusLetter(1));
  const db = ws.service.ctx.db;
  const start = Date.now();
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  const apply = (change: Parameters<typeof applyCorrection>[1]['change'], minutes: number, reason?: string) =>
    applyCorrection(db, { caseId: caseA, reviewer: 'Dana', change, reason: reason ?? null, at: at(minutes) });
  apply({ type: 'set-field', path: 'patientAge', value: '52' }, 1);
  apply({ type: 'set-field', path: 'items[0].decision', value: 'Overturned' }, 2, 'misread');
  apply({ type: 'note', text: 'checked with the PDF' }, 3);
  apply({ type: 'set-status', status: 'reviewed' }, 4);
  undoCorrection(db, caseA, 'Dana', at(5));
  const report = verifyAuditChain(db);
  expect(report).toMatchObject({ ok: true, events: 7, cases: 2 });
  checkpoint = makeCheckpoint({
    events: report.events,
    head: report.chainHead!,
    takenAt: new Date().toISOString(),
    workspace: ws.dbPath,
    appVersion: 'test',
  });
  ws.service.close(); // the service lets go of the file; the tamperer opens it raw
  raw = new Database(ws.dbPath);
});
afterEach(() => {
  if (raw.open) raw.close();
  ws.close();
});

const row = (id: number) => raw.prepare('SELECT * FROM audit_events WHERE id = ?').get(id) as AuditRow;
const verify = (against?: AuditCheckpoint) => verifyAuditChain(raw, against ? { against } : {});

/** Drops every trigger, runs `forge`, and puts the triggers back exactly as they were. */
function forge(work: () => void): void {
  const triggers = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
    name: string;
    sql: string;
  }[];
  for (const t of triggers) raw.exec(`DROP TRIGGER ${t.name}`);
  raw.pragma('foreign_keys = OFF');
  work();
  for (const t of triggers) raw.exec(t.sql);
}

/** What a forger does after changing events: recomputes every hash and link from `fromId` on, and the head. */
function rechain(fromId: number): void {
  const rows = raw.prepare('SELECT * FROM audit_events WHERE id >= ? ORDER BY id').all(fromId) as AuditRow[];
  let previous = fromId === 1 ? '0'.repeat(64) : row(fromId - 1).hash;
  const update = raw.prepare('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const r of rows) {
    const { hash: _old, ...content } = { ...r, prev_hash: previous };
    const hash = computeEventHash(content);
    update.run(previous, `${hash}-tmp`, r.id); // the hash column is UNIQUE: avoid clashing mid-way
    update.run(previous, hash, r.id);
    previous = hash;
  }
  const last = raw.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1').get() as AuditRow;
  raw
    .prepare('UPDATE audit_chain_head SET event_count = ?, last_event_id = ?, last_hash = ?')
    .run(last.id, last.id, last.hash);
}

describe('an honest workspace', () => {
  it('verifies, and extends its own checkpoint', () => {
    expect(verify(checkpoint)).toEqual({
      ok: true,
      problems: [],
      problemCases: [],
      events: 7,
      chainHead: row(7).hash,
      cases: 2,
      against: { events: 7, head: row(7).hash, takenAt: checkpoint.takenAt, extended: true },
      // Said, so that an OK is not read as more than it is.
      notChecked: [
        'the search index (case_search) against the case list and letters',
        "each letter's dates as the search holds them (documents.text_dates) against its text",
        "SQLite's integrity_check of the whole file (each index against its table, unused pages)",
      ],
      awaitingRebuild: [],
    });
  });
});

describe('an honest workspace, import times', () => {
  it('a letter imported while the clock was behind the trail (its event dated as the one before) verifies clean', () => {
    const text = 'CM16-0232183\nIndependent Medical Review Final Determination\nlate.txt';
    const importedAt = new Date().toISOString(); // before the corrections, dated minutes ahead
    const { caseId } = raw.transaction(() =>
      storeLetter(raw, {
        sha256: createHash('sha256').update(text).digest('hex'),
        fileName: 'late.txt',
        originalPath: '/letters/late.txt',
        size: Buffer.byteLength(text),
        kind: 'text',
        importedAt,
        importRunId: null,
        letterText: { text, lines: [], pageCount: 1, kind: 'text', encoding: 'utf-8' },
        original: Buffer.from(text),
        parsed: corpusLetter(2),
      }),
    )();
    const event = raw.prepare("SELECT at FROM audit_events WHERE case_id = ? AND type = 'import-letter'").pluck();
    expect(Date.parse(event.get(caseId) as string)).toBeGreaterThan(Date.parse(importedAt));
    expect(verifyAuditChain(raw, { full: true })).toMatchObject({ ok: true, problems: [], notChecked: [] });
  });
});

describe('append-only in the database itself', () => {
  it('rejects UPDATE and DELETE on audit_events from a raw connection', () => {
    expect(() => raw.prepare("UPDATE audit_events SET new_value = '99' WHERE id = 3").run()).toThrow(
      'the audit trail is append-only: audit events cannot be changed',
    );
    expect(() => raw.prepare('DELETE FROM audit_events WHERE id = 7').run()).toThrow(
      'the audit trail is append-only: audit events cannot be deleted',
    );
    expect(() => raw.prepare('DELETE FROM audit_events').run()).toThrow('append-only');
    expect(() => raw.prepare("UPDATE case_parses SET parsed_json = '{}'").run()).toThrow('kept as parsed');
    expect(raw.prepare('SELECT COUNT(*) FROM audit_events').pluck().get()).toBe(7);
  });

  it('rejects an event that does not extend the chain and a head that does not follow the events', () => {
    const forged = { ...row(3), id: 8, reviewer: 'mallory', prev_hash: '0'.repeat(64) };
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
    expect(verify().ok).toBe(true);
  });
});

describe('what a value is made of: letter, parse, parse pointer', () => {
  it('a new parse with the case pointed at it (an item flipped to Overturned) names the case', () => {
    const parsed = corpusLetter(0);
    parsed.items[1]!.decision = 'Overturned';
    const parseId = Number(
      raw
        .prepare("INSERT INTO case_parses (case_id, parser_version, parsed_at, parsed_json) VALUES (?, 'x', ?, ?)")
        .run(caseA, new Date().toISOString(), JSON.stringify(parsed)).lastInsertRowid,
    );
    raw.prepare('UPDATE cases SET parse_id = ? WHERE id = ?').run(parseId, caseA);
    const report = verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        `Case ${A} (#${caseA}) uses parse #${parseId}, but the audit trail last switched it to parse #1 (event 1): it was pointed at another parse outside IMR Workbench.`,
        `Case ${A} (#${caseA}): parse #${parseId} (parser x) is not in the audit trail: it was added outside IMR Workbench.`,
      ]),
    );
  });

  it('pointing a case back at an earlier parse of its own names the case', async () => {
    raw.close();
    const db = new Database(ws.dbPath);
    const summary = await reparseAll(db, {
      parse: () => ({ ...corpusLetter(0), parserVersion: 'test-2' }),
    });
    expect(summary.reparsed).toBe(2);
    expect(verifyAuditChain(db).ok).toBe(true);
    db.close();
    raw = new Database(ws.dbPath);
    raw.prepare('UPDATE cases SET parse_id = 1 WHERE id = ?').run(caseA);
    expect(verify().problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Case ${A} \\(#${caseA}\\) uses parse #1, but the audit trail last switched it to parse #3 \\(event 8\\): it was pointed at another parse outside IMR Workbench\\.$`,
        ),
      ),
    ]);
  });

  it('a parse changed in place names the case and the parse', () => {
    const parsed = corpusLetter(0);
    parsed.items[0]!.decision = 'Overturned';
    forge(() => raw.prepare('UPDATE case_parses SET parsed_json = ? WHERE id = 1').run(JSON.stringify(parsed)));
    expect(verify().problems).toEqual([`Case ${A} (#${caseA}): parse #1 was changed after it was stored (event 1).`]);
  });

  it("a letter's bytes changed (and its recorded checksum made to match) names the case", () => {
    const bytes = Buffer.from('a different letter');
    raw.prepare('UPDATE document_content SET original = ? WHERE document_id = 1').run(bytes);
    raw
      .prepare('UPDATE documents SET sha256 = ?, size = ? WHERE id = 1')
      .run(createHash('sha256').update(bytes).digest('hex'), bytes.length);
    expect(verify().problems).toEqual([
      `Case ${A} (#${caseA}): the letter's stored bytes are not the ones imported (imported by event 1): they were changed.`,
      `Case ${A} (#${caseA}): the letter's recorded checksum was changed after import (imported by event 1).`,
      `Case ${A} (#${caseA}): the letter's size was changed after import (imported by event 1).`,
    ]);
  });

  it("a letter's extracted text changed names the case", () => {
    raw.prepare("UPDATE document_content SET text = text || ' The request is overturned.' WHERE document_id = 2").run();
    expect(verify().problems).toEqual([
      `Case CM16-0232182 (#${caseB}): the letter's extracted text was changed after import (imported by event 2).`,
    ]);
  });

  it("a letter's line map or file name changed names the case", () => {
    raw.prepare("UPDATE document_content SET lines_json = '[ ]' WHERE document_id = 1").run();
    raw.prepare("UPDATE documents SET file_name = 'other.pdf' WHERE id = 1").run();
    expect(verify().problems).toEqual([
      `Case ${A} (#${caseA}): the letter's line map (where each value sits on the page) was changed after import (imported by event 1).`,
      `Case ${A} (#${caseA}): the letter's file name was changed after import (imported by event 1).`,
    ]);
  });

  it("a letter's import time changed (the case list's, the document's) names the case and the import event", () => {
    const at = row(1).at;
    raw.prepare("UPDATE cases SET imported_at = '2015-01-01T00:00:00.000Z' WHERE id = ?").run(caseA);
    raw.prepare("UPDATE documents SET imported_at = '2030-01-01T00:00:00.000Z' WHERE id = 2").run();
    expect(verify().problems).toEqual([
      `Case ${A} (#${caseA}): cases.imported_at "2015-01-01T00:00:00.000Z" is not the time of its import (${at}, ` +
        'event 1): it was changed after import (the case list sorts and shows it).',
      `Case CM16-0232182 (#${caseB}): documents.imported_at "2030-01-01T00:00:00.000Z" is not the time of its ` +
        `import (${row(2).at}, event 2): it was changed after import (the case list sorts and shows it).`,
    ]);
  });

  it("a letter's dates as the search holds them changed: verify --full names the case, verify says it did not check", () => {
    raw.prepare("UPDATE documents SET text_dates = text_dates || ' 20010101' WHERE id = ?").run(caseA);
    const report = verify();
    expect(report.ok).toBe(true);
    expect(report.notChecked).toContain(
      "each letter's dates as the search holds them (documents.text_dates) against its text",
    );
    expect(verifyAuditChain(raw, { full: true }).problems).toContain(
      `Case ${A} (#${caseA}): the letter's dates as the search index holds them (documents.text_dates) are not the ` +
        'ones its text gives: they were changed after import (imported by event 1) (a search by date finds or misses ' +
        'it wrongly).',
    );
  });

  it('a forged search index entry: verify --full names the index, verify says it did not check it', () => {
    // A term added to the index for case A without its content: a search for "laminectomy" finds a case whose
    // letter and values never say it.
    raw
      .prepare(
        `INSERT INTO case_search (rowid, case_number, treatments, text, file_name, dates)
         VALUES (?, 'CM16-0230651', 'Lumbar laminectomy', 'laminectomy overturned', 'a.txt', '')`,
      )
      .run(caseA);
    const report = verify();
    expect(report.ok).toBe(true);
    expect(report.notChecked).toContain('the search index (case_search) against the case list and letters');
    const full = verifyAuditChain(raw, { full: true });
    expect(full.problems).toEqual([
      expect.stringMatching(
        /^The search index \(case_search\) does not match the case list and letters \(SQLite: .+\): a search finds or misses cases wrongly; it was changed outside IMR Workbench or is damaged\.$/,
      ),
    ]);
    expect(full.notChecked).toEqual([]);
  });

  it('a case added without its import event names the case', () => {
    forge(() => {
      raw.prepare('DELETE FROM audit_events WHERE id = 2').run();
      raw.exec('UPDATE audit_events SET id = id - 1 WHERE id > 2');
      rechain(2);
    });
    expect(verify().problems).toEqual(
      expect.arrayContaining([
        `Case CM16-0232182 (#${caseB}): its letter is not in the audit trail (no import event): it was added outside IMR Workbench.`,
        `Case CM16-0232182 (#${caseB}): parse #2 (parser test-1) is not in the audit trail: it was added outside IMR Workbench.`,
      ]),
    );
  });
});

describe('changes to the trail itself', () => {
  it('a trigger replaced by a no-op that keeps its name, and an added trigger, are reported', () => {
    raw.exec('DROP TRIGGER audit_events_no_delete');
    raw.exec('CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT 1; END');
    raw.exec(
      "CREATE TRIGGER audit_events_copy AFTER INSERT ON audit_events BEGIN UPDATE cases SET status = 'reviewed'; END",
    );
    expect(verify().problems).toEqual([
      'The append-only protection "audit_events_no_delete" was replaced by a different trigger: the database was altered outside IMR Workbench.',
      'A trigger "audit_events_copy" on audit_events was added outside IMR Workbench: it can change what is written.',
    ]);
  });

  it('dropped triggers are reported by name', () => {
    for (const trigger of Object.keys(PROTECTED_TRIGGERS)) raw.exec(`DROP TRIGGER ${trigger}`);
    const report = verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(
      'The append-only protection "audit_events_no_update" is missing: the database was altered outside IMR Workbench.',
    );
    expect(report.problems).toContain(
      'The append-only protection "case_parses_no_update" is missing: the database was altered outside IMR Workbench.',
    );
  });

  it('names a rewritten event (content changed, hash left alone)', () => {
    forge(() => raw.prepare("UPDATE audit_events SET new_value = '25', reviewer = 'mallory' WHERE id = 3").run());
    expect(verify().problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^First mismatch: event 3 \\(case ${A}, set-field patientAge, .* by mallory\\) does not match its hash: it was changed after it was written\\.$`,
        ),
      ),
    ]);
  });

  it('shows a rewritten reviewer cut and escaped: it can neither mirror the line nor fill the screen', () => {
    forge(() =>
      raw.prepare('UPDATE audit_events SET reviewer = ? WHERE id = 3').run(`mallory\u202E${'x'.repeat(100_000)}`),
    );
    const [line, ...rest] = verify().problems;
    expect(rest).toEqual([]);
    expect(line).toContain('by mallory\\u{202E}xxx');
    expect(line).not.toContain('\u202E');
    expect(line!.length).toBeLessThan(400);
  });

  it('with several events changed, names the earliest one first', () => {
    forge(() => {
      raw.prepare("UPDATE audit_events SET reason = 'edited later' WHERE id = 6").run();
      raw.prepare("UPDATE audit_events SET reason = 'edited too' WHERE id = 4").run();
    });
    expect(verify().problems).toEqual([
      expect.stringMatching(new RegExp(`^First mismatch: event 4 \\(case ${A}, set-field items\\[0\\]\\.decision, `)),
      expect.stringMatching(new RegExp(`^event 6 \\(case ${A}, set-status status, .*\\) does not match its hash`)),
    ]);
  });

  it('names a rewritten event even when its own hash was recomputed', () => {
    forge(() => {
      const forged = { ...row(4), reason: 'no reason really' };
      const { hash: _old, ...content } = forged;
      raw
        .prepare('UPDATE audit_events SET reason = ?, hash = ? WHERE id = 4')
        .run(forged.reason, computeEventHash(content));
    });
    expect(verify().problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^First mismatch: event 4 \\(case ${A}, set-field items\\[0\\]\\.decision, .*\\) was rewritten: event 5 no longer links to it\\.$`,
        ),
      ),
    ]);
  });

  it('reports a deleted event in the middle', () => {
    forge(() => raw.prepare('DELETE FROM audit_events WHERE id = 5').run());
    expect(verify().problems).toEqual([
      'Event 5 is missing: it was deleted from the audit trail.',
      'The chain head records 7 events but 6 are stored: 1 event is missing.',
    ]);
  });

  it('reports deleted newest events, which leave a valid-looking shorter chain, through the head', () => {
    forge(() => raw.prepare('DELETE FROM audit_events WHERE id >= 6').run());
    const report = verify();
    expect(report.problems).toEqual([
      'The chain head records 7 events but 5 are stored: 2 events are missing.',
      expect.stringMatching(
        /^The chain head \(event 7, hash .{12}…\) does not match the newest stored event \(event 5, hash .{12}…\)/,
      ),
    ]);
    expect(report.events).toBe(5);
  });

  it('deleting the last event and fixing the head: the case list gives it away, and the checkpoint names the event', () => {
    // Event 7 undid "status reviewed"; without it, the trail says reviewed while the list still says
    // in review (the status the case's corrections give it once no status is set).
    forge(() => {
      raw.prepare('DELETE FROM audit_events WHERE id = 7').run();
      rechain(6);
    });
    expect(verify().problems).toEqual([
      `Case ${A} (#${caseA}): the case list shows cases.status "in review", but its letter and corrections give "reviewed": the list was changed outside IMR Workbench (imr reparse rebuilds it).`,
    ]);
    const against = verify(checkpoint);
    expect(against.problems).toContain(
      `The audit trail has 6 events, fewer than the checkpoint of ${checkpoint.takenAt} (7 events, head ${checkpoint.head.slice(0, 12)}…): events were removed after the checkpoint.`,
    );
    expect(against.against).toMatchObject({ events: 7, extended: false });
  });

  it('deleting the last event, fixing the head and the case list: only the checkpoint can tell, and does', () => {
    forge(() => {
      raw.prepare('DELETE FROM audit_events WHERE id = 7').run();
      rechain(6);
      raw.prepare("UPDATE cases SET status = 'reviewed' WHERE id = ?").run(caseA);
    });
    expect(verify().ok).toBe(true);
    expect(verify(checkpoint).problems).toEqual([
      expect.stringMatching(
        /^The audit trail has 6 events, fewer than the checkpoint of .*: events were removed after the checkpoint\.$/,
      ),
    ]);
  });

  it('rewriting the last event and the head: the checkpoint names the event', () => {
    forge(() => {
      raw.prepare("UPDATE audit_events SET reviewer = 'mallory' WHERE id = 7").run();
      rechain(7);
    });
    expect(verify().ok).toBe(true);
    expect(verify(checkpoint).problems).toEqual([
      `Event 7 no longer has the hash recorded in the checkpoint of ${checkpoint.takenAt} (7 events, head ${checkpoint.head.slice(0, 12)}…): the trail up to it was rewritten after the checkpoint.`,
    ]);
  });

  it('rewriting a middle event and recomputing every later hash: the case list names the case, the checkpoint the event', () => {
    // Event 4 set item 1 to Overturned; the forger makes it say Upheld (no change) and recomputes 4…7 and the head.
    forge(() => {
      raw.prepare(`UPDATE audit_events SET new_value = '"Upheld"' WHERE id = 4`).run();
      rechain(4);
    });
    const report = verify(checkpoint);
    expect(report.problems[0]).toMatch(/^Event 7 no longer has the hash recorded in the checkpoint of /);
    // Every projected value the decision feeds disagrees with the rewritten trail: counts, the item, its lists.
    expect(report.problems).toEqual(
      expect.arrayContaining([
        `Case ${A} (#${caseA}): the case list shows cases.upheld 9, but its letter and corrections give 10: the list was changed outside IMR Workbench (imr reparse rebuilds it).`,
        `Case ${A} (#${caseA}): the case list shows items.decision "Overturned" (item 1), but its letter and corrections give "Upheld": the list was changed outside IMR Workbench (imr reparse rebuilds it).`,
      ]),
    );
    expect(report.problems.slice(1).every((p) => p.startsWith(`Case ${A} (#${caseA}): the case list shows `))).toBe(
      true,
    );
  });

  it('reordering events and recomputing the hashes: the times give it away', () => {
    forge(() => {
      raw.exec(
        'UPDATE audit_events SET id = 100 WHERE id = 4; UPDATE audit_events SET id = 4 WHERE id = 5; UPDATE audit_events SET id = 5 WHERE id = 100;',
      );
      rechain(4);
    });
    expect(verify().problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^event 5 \\(case ${A}, set-field items\\[0\\]\\.decision, .*\\) is dated before event 4 \\(case ${A}, note, .*\\): events were reordered or their times changed\\.$`,
        ),
      ),
    ]);
  });

  it('an event re-dated before the one it follows is reported', () => {
    forge(() => {
      raw.prepare("UPDATE audit_events SET at = '2001-01-01T00:00:00.000Z' WHERE id = 6").run();
      rechain(6);
    });
    expect(verify().problems).toEqual([
      expect.stringMatching(
        /^event 6 \(case .*, set-status status, 2001-01-01T00:00:00\.000Z by Dana\) is dated before event 5 /,
      ),
    ]);
  });

  it('a checkpoint that was edited is refused', () => {
    const edited = { ...checkpoint, events: 6 };
    expect(verify(edited).problems).toEqual([
      expect.stringMatching(
        /^Cannot check against the checkpoint of .*: it was changed or damaged after it was written/,
      ),
    ]);
  });

  it('runs the SQLite integrity and foreign key checks', () => {
    raw.pragma('foreign_keys = OFF');
    raw.prepare("INSERT INTO case_flags (case_id, flag) VALUES (999, 'parser-warnings')").run();
    expect(verify().problems).toEqual([
      'case_flags holds rows of case #999, which does not exist: they were added outside IMR Workbench (the case list, filters and analytics count them; imr reparse does not remove them).',
    ]);
  });
});
