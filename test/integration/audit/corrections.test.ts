import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCorrection, iterateAuditEvents } from '../../../backend/audit';
import { reparseAll } from '../../../backend/import/reparse';
import { createService } from '../../../backend/service/service';
import { corpusLetter } from '../../unit/audit/letter-fixture';
import { failure, ok, openWorkspace, type TestWorkspace } from './workspace';

let ws: TestWorkspace;
let caseId: number;
const reviewer = 'Dana Reviewer';

beforeEach(() => {
  ws = openWorkspace();
  caseId = ws.addCase(corpusLetter());
});
afterEach(() => ws.close());

const count = (sql: string) => ws.service.ctx.db.prepare(sql).pluck().get() as number;
const auditRows = () => count('SELECT COUNT(*) FROM audit_events');

describe('corrections on a real workspace', () => {
  it('changes the effective value while the parsed value stays readable', async () => {
    const detail = ok(
      await ws.service.send('corrections.apply', {
        caseId: 'CM16-0230651',
        reviewer,
        change: { type: 'set-field', path: 'patientAge', value: '52' },
      }),
    );
    expect(detail.effective.patientAge).toBe(52);
    expect(detail.parsed.patientAge).toBe(36);
    // Event 1 is the letter's import; the correction is event 2.
    expect(detail.corrections).toEqual([{ path: 'patientAge', parsedValue: 36, effectiveValue: 52, eventId: 2 }]);
    expect(detail.canUndo).toBe(true);
    expect(ws.events).toContainEqual({ type: 'changed', what: 'case', caseId });

    // Reopened from disk in a fresh service, the same holds.
    ws.service.close();
    const reopened = createService({ dbPath: ws.dbPath, host: 'test', samplesDir: null, settingsPath: null });
    try {
      const again = ok(await reopened.send('cases.get', { caseId }));
      expect(again.effective.patientAge).toBe(52);
      expect(again.parsed.patientAge).toBe(36);
    } finally {
      reopened.close();
    }
  });

  it('keeps a field confirmed as read (verify-field) in the audit trail, and takes it back', async () => {
    const before = ok(await ws.service.send('cases.get', { caseId }));
    const confirm = (verified: boolean) =>
      ws.service.send('corrections.apply', {
        caseId,
        reviewer,
        change: { type: 'verify-field', path: 'items[0].decision', verified },
      });
    const ticked = ok(await confirm(true));
    expect(ticked.verified).toContain('items[0].decision');
    expect(ticked.confirmation.confirmed).toBe(before.confirmation.confirmed + 1);
    expect(count("SELECT COUNT(*) FROM audit_events WHERE type = 'verify-field'")).toBe(1);
    const untouched = ok(await confirm(false));
    expect(untouched.verified).not.toContain('items[0].decision');
    expect(untouched.confirmation.confirmed).toBe(before.confirmation.confirmed);
  });

  it('feeds the case list projection: decisions, status and search see effective values', async () => {
    ok(
      await ws.service.send('corrections.apply', {
        caseId,
        reviewer,
        reason: 'page 3 says the request is overturned',
        change: { type: 'set-field', path: 'items[5].decision', value: 'Overturned' },
      }),
    );
    ok(
      await ws.service.send('corrections.apply', {
        caseId,
        reviewer,
        change: { type: 'set-status', status: 'reviewed' },
      }),
    );
    expect(count(`SELECT overturned FROM cases WHERE id = ${caseId}`)).toBe(1);
    expect(count(`SELECT upheld FROM cases WHERE id = ${caseId}`)).toBe(9);
    expect(ws.service.ctx.db.prepare('SELECT status FROM cases WHERE id = ?').pluck().get(caseId)).toBe('reviewed');
    expect(
      ws.service.ctx.db.prepare('SELECT decision FROM items WHERE case_id = ? AND idx = 5').pluck().get(caseId),
    ).toBe('Overturned');
    const list = ok(await ws.service.send('cases.list', { filter: { status: 'reviewed' } }));
    expect(list.rows.map((r) => r.id)).toEqual([caseId]);
    expect(ok(await ws.service.send('cases.get', { caseId })).status).toBe('reviewed');
  });

  it('lists every event in history with reviewer, time and reason', async () => {
    ok(
      await ws.service.send('corrections.apply', {
        caseId,
        reviewer,
        reason: 'the letter overturns the MRI',
        change: { type: 'set-field', path: 'items[5].decision', value: 'overturned' },
      }),
    );
    ok(
      await ws.service.send('corrections.apply', {
        caseId,
        reviewer: 'Sam',
        change: { type: 'note', text: 'Ask about page 4' },
      }),
    );
    const [imported, ...history] = ok(await ws.service.send('corrections.history', { caseId: 'cm16-0230651' }));
    // The history starts with the letter's import, recorded by the app with the letter's checksums.
    expect(imported).toMatchObject({
      id: 1,
      type: 'import-letter',
      reviewer: 'IMR Workbench',
      prevHash: '0'.repeat(64),
    });
    expect(imported!.newValue).toMatchObject({
      document: {
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        textSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      parse: { id: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      id: 2,
      caseId,
      caseNumber: 'CM16-0230651',
      type: 'set-field',
      path: 'items[5].decision',
      oldValue: 'Upheld',
      newValue: 'Overturned',
      reviewer,
      reason: 'the letter overturns the MRI',
      targetEventId: null,
      prevHash: imported!.hash,
    });
    expect(history[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(history[1]).toMatchObject({
      type: 'note',
      reviewer: 'Sam',
      newValue: 'Ask about page 4',
      prevHash: history[0]!.hash,
    });
    const detail = ok(await ws.service.send('cases.get', { caseId }));
    expect(detail.notes).toEqual([{ eventId: 3, reviewer: 'Sam', at: history[1]!.at, text: 'Ask about page 4' }]);
  });

  it('undo and redo append events and restore / re-apply the value', async () => {
    const set = (value: string) =>
      ws.service.send('corrections.apply', {
        caseId,
        reviewer,
        change: { type: 'set-field', path: 'licensure', value },
      });
    ok(await set('California'));
    ok(await set('California, Oregon'));
    let detail = ok(await ws.service.send('corrections.undo', { caseId, reviewer }));
    expect(detail.effective.licensure).toEqual(['California']);
    expect(detail.canRedo).toBe(true);
    detail = ok(await ws.service.send('corrections.undo', { caseId, reviewer }));
    expect(detail.effective.licensure).toEqual(['California', 'Washington']);
    expect(detail.canUndo).toBe(false);
    expect(detail.corrections).toEqual([]);
    const nothing = failure(await ws.service.send('corrections.undo', { caseId, reviewer }));
    expect(nothing).toEqual({ code: 'invalid_input', message: 'Nothing to undo on case CM16-0230651.' });
    detail = ok(await ws.service.send('corrections.redo', { caseId, reviewer }));
    expect(detail.effective.licensure).toEqual(['California']);
    const history = ok(await ws.service.send('corrections.history', { caseId }));
    expect(history.map((e) => [e.type, e.targetEventId])).toEqual([
      ['import-letter', null],
      ['set-field', null],
      ['set-field', null],
      ['undo', 3],
      ['undo', 2],
      ['redo', 2],
    ]);
    expect(ok(await ws.service.send('audit.verify', {}))).toMatchObject({ ok: true, problems: [], events: 6 });
  });

  it('refuses invalid values with a clear message and writes nothing', async () => {
    const refusals: [unknown, string][] = [
      [
        { type: 'set-field', path: 'patientAge', value: 'abc' },
        'patientAge must be a whole number from 0 to 120 (got "abc").',
      ],
      [
        { type: 'set-field', path: 'items[0].decision', value: 'Maybe' },
        'items[0].decision must be one of Upheld, Overturned (got "Maybe").',
      ],
      [
        { type: 'set-field', path: 'decisionDate', value: '2016-13-45' },
        'decisionDate: "2016-13-45" has no month 13; months go from 1 to 12 (dates are month first).',
      ],
      [
        { type: 'set-field', path: 'decisionDate', value: 'Feb 30 2016' },
        'decisionDate: "Feb 30 2016" is not a real date: February 2016 has 29 days.',
      ],
      [
        { type: 'set-field', path: 'format', value: 'imr-2013' },
        'format (Layout) records what the parser recognised; it cannot be corrected.',
      ],
      [
        { type: 'set-field', path: 'items[10].treatment', value: 'MRI' },
        'There is no items[10] (Item 11): this case has 10 items (items[0] to items[9]).',
      ],
      [
        { type: 'set-field', path: 'items[0].decision', value: 'Overturned' },
        'A reason is required to change a decision',
      ],
      [{ type: 'set-field', path: 'ssn', value: '123' }, 'Unknown field "ssn"'],
      [{ type: 'delete-item', index: 12 }, 'There is no items[12] (Item 13)'],
      [{ type: 'delete-item', index: 0 }, 'A reason is required to delete item 0: it carries a decision (Upheld).'],
      [
        { type: 'set-field', path: 'status', value: 'done' },
        'status must be one of new, in review, reviewed, needs second look (got "done").',
      ],
      [{ type: 'merge-items', indices: [1, 1] }, 'Each item can be merged only once: an item is listed twice.'],
      [{ type: 'reorder-items', order: [1, 0] }, 'The new order must list each of the 10 items exactly once'],
      [{ type: 'set-field', path: 'patientAge', value: 36 }, 'patientAge is already 36; nothing was changed.'],
    ];
    const before = {
      events: auditRows(),
      head: ws.service.ctx.db.prepare('SELECT * FROM audit_chain_head').get(),
      items: ws.service.ctx.db.prepare('SELECT * FROM items ORDER BY idx').all(),
      cases: ws.service.ctx.db.prepare('SELECT * FROM cases').all(),
    };
    for (const [change, message] of refusals) {
      const error = failure(await ws.service.dispatch('corrections.apply', { caseId, reviewer, change }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(message);
    }
    expect(
      failure(
        await ws.service.send('corrections.apply', {
          caseId: 'CM99-0000000',
          reviewer,
          change: { type: 'note', text: 'x' },
        }),
      ),
    ).toEqual({
      code: 'not_found',
      message: 'No case "CM99-0000000" in this workspace.',
    });
    expect(
      failure(
        await ws.service.dispatch('corrections.apply', { caseId, reviewer: ' ', change: { type: 'note', text: 'x' } }),
      ).message,
    ).toContain('reviewer name is required');
    expect(auditRows()).toBe(before.events);
    expect(ws.service.ctx.db.prepare('SELECT * FROM audit_chain_head').get()).toEqual(before.head);
    expect(ws.service.ctx.db.prepare('SELECT * FROM items ORDER BY idx').all()).toEqual(before.items);
    expect(ws.service.ctx.db.prepare('SELECT * FROM cases').all()).toEqual(before.cases);
    expect(ws.events).toEqual([]);
  });

  it('corrections survive a reparse, and one whose target vanished is surfaced, not dropped', async () => {
    const apply = (change: object, reason?: string) =>
      ws.service.dispatch('corrections.apply', { caseId, reviewer, change, ...(reason ? { reason } : {}) });
    ok(await apply({ type: 'set-field', path: 'items[5].category', value: 'imaging' }));
    ok(await apply({ type: 'set-field', path: 'items[8].decision', value: 'Overturned' }, 'Flexeril was overturned'));
    ok(await apply({ type: 'set-field', path: 'patientSex', value: 'male' }));

    // A newer parser: finds an extra item up front and no longer reads "Flexeril 10mg #60".
    const summary = await reparseAll(ws.service.ctx.db, {
      parse: () => {
        const parsed = corpusLetter();
        parsed.parserVersion = 'test-2';
        parsed.items.splice(8, 1);
        parsed.items.unshift({ ...parsed.items[0]!, treatment: 'Functional restoration program' });
        return parsed;
      },
    });
    expect(summary).toMatchObject({ reparsed: 1, orphanedCorrections: 1 });

    const detail = ok(await ws.service.send('cases.get', { caseId }));
    expect(detail.parsed.parserVersion).toBe('test-2');
    expect(detail.effective.items[6]).toMatchObject({ treatment: 'MRI of the lumbar spine', category: 'imaging' });
    expect(detail.effective.patientSex).toBe('male');
    expect(detail.orphanedCorrections).toEqual([
      {
        eventId: 3,
        path: 'items[8].decision',
        reason: 'the parsed item 8 ("Flexeril 10mg #60") no longer exists in the current parse',
      },
    ]);
    expect(detail.flags).toContain('orphaned-correction');
    expect(
      ok(await ws.service.send('cases.list', { filter: { flag: 'orphaned-correction' } })).rows.map((r) => r.id),
    ).toEqual([caseId]);
    // Nothing was removed from the trail; the new parse is in it, with the parser version.
    const history = ok(await ws.service.send('corrections.history', { caseId }));
    expect(history.map((e) => e.type)).toEqual(['import-letter', 'set-field', 'set-field', 'set-field', 'parse']);
    expect(history[4]).toMatchObject({
      oldValue: { parse: { id: 1, parserVersion: corpusLetter().parserVersion } },
      newValue: { parse: { id: 2, parserVersion: 'test-2', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } },
    });
    expect(ok(await ws.service.send('audit.verify', {}))).toMatchObject({ ok: true, problems: [], events: 5 });
  });

  it('keeps corrections of one case away from another and chains events across cases', async () => {
    const second = ws.addCase(corpusLetter(1));
    ok(
      await ws.service.send('corrections.apply', {
        caseId,
        reviewer,
        change: { type: 'set-field', path: 'patientAge', value: 40 },
      }),
    );
    ok(
      await ws.service.send('corrections.apply', {
        caseId: second,
        reviewer,
        change: { type: 'set-field', path: 'patientAge', value: 41 },
      }),
    );
    ok(await ws.service.send('corrections.undo', { caseId, reviewer }));
    expect(ok(await ws.service.send('cases.get', { caseId })).effective.patientAge).toBe(36);
    expect(ok(await ws.service.send('cases.get', { caseId: second })).effective.patientAge).toBe(41);
    // Events 1 and 2 are the two letters' imports.
    const secondHistory = ok(await ws.service.send('corrections.history', { caseId: second }));
    expect(secondHistory.map((e) => [e.id, e.type])).toEqual([
      [2, 'import-letter'],
      [4, 'set-field'],
    ]);
    expect(ok(await ws.service.send('audit.verify', {}))).toMatchObject({ ok: true, events: 5, cases: 2 });
    // The export's Corrections sheet: the trail of the chosen cases, in event order, whatever the order asked.
    const db = ws.service.ctx.db;
    const eventsOf = (ids?: number[]) => [...iterateAuditEvents(db, ids)].map((e) => [e.id, e.caseId]);
    expect(eventsOf([second, caseId])).toEqual([
      [3, caseId],
      [4, second],
      [5, caseId],
    ]);
    expect(eventsOf([second])).toEqual([[4, second]]);
    expect(eventsOf()).toEqual(eventsOf([caseId, second]));
  });

  it('two connections writing to the same workspace keep one intact chain', async () => {
    const other = new Database(ws.dbPath);
    other.pragma('busy_timeout = 5000');
    try {
      for (let i = 0; i < 5; i++) {
        applyCorrection(other, { caseId, reviewer: 'cli', change: { type: 'note', text: `from the CLI ${i}` } });
        ok(
          await ws.service.send('corrections.apply', {
            caseId,
            reviewer,
            change: { type: 'note', text: `from the app ${i}` },
          }),
        );
      }
    } finally {
      other.close();
    }
    expect(ok(await ws.service.send('audit.verify', {}))).toMatchObject({ ok: true, events: 11 });
    expect(ok(await ws.service.send('cases.get', { caseId })).notes).toHaveLength(10);
  });
});
