/**
 * The parallel verify (worker threads reading and hashing the letters) finds
 * exactly what the single-threaded one finds, on an honest and a tampered
 * workspace, and falls back to one thread for an in-memory workspace.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCorrection, verifyAuditChain, verifyWorkspace } from '../../../backend/audit';
import { openDatabase } from '../../../backend/store/database';
import { storeLetter } from '../../../backend/store/letters';
import { corpusLetter } from '../../unit/audit/letter-fixture';
import { openWorkspace, type TestWorkspace } from './workspace';

let ws: TestWorkspace;
beforeEach(() => {
  ws = openWorkspace();
  for (let n = 0; n < 12; n++) ws.addCase(corpusLetter(n % 5), `letter-${n}.txt`);
  applyCorrection(ws.service.ctx.db, {
    caseId: 3,
    reviewer: 'Dana',
    change: { type: 'set-field', path: 'patientAge', value: 70 },
  });
});
afterEach(() => ws.close());

describe('verify with worker threads', () => {
  it('agrees with the single-threaded verify on an honest workspace, whatever the number of workers', async () => {
    const single = verifyAuditChain(ws.service.ctx.db);
    expect(single).toMatchObject({ ok: true, events: 13, cases: 12 });
    for (const workers of [1, 2, 5]) {
      expect(await verifyWorkspace(ws.service.ctx.db, ws.dbPath, { workers })).toEqual(single);
      // Readings handed over after every page (normally every 1,000 cases): nothing lost or counted twice.
      expect(await verifyWorkspace(ws.service.ctx.db, ws.dbPath, { workers, handOverEvery: 1 })).toEqual(single);
    }
  });

  it('names the same tampered cases, whichever worker read them', async () => {
    ws.service.close();
    const raw = new Database(ws.dbPath);
    try {
      raw.prepare("UPDATE document_content SET text = 'changed' WHERE document_id IN (2, 11)").run();
      raw.prepare("UPDATE items SET decision = 'Overturned' WHERE case_id = 7 AND idx = 0").run();
      const single = verifyAuditChain(raw);
      expect(single.ok).toBe(false);
      expect(single.problems).toHaveLength(3);
      expect(await verifyWorkspace(raw, ws.dbPath, { workers: 3 })).toEqual(single);
      expect(await verifyWorkspace(raw, ws.dbPath, { workers: 1, handOverEvery: 1 })).toEqual(single);
    } finally {
      raw.close();
    }
  });

  it("tells each phase's wall time and, where the platform gives it, its thread's CPU (the bench reports both)", async () => {
    const phases = new Map<string, { ms: number; cpuMs?: number }>();
    const report = await verifyWorkspace(ws.service.ctx.db, ws.dbPath, {
      workers: 2,
      onPhase: (name, ms, cpuMs) => phases.set(name, { ms, cpuMs }),
    });
    expect(report.ok).toBe(true);
    expect([...phases.keys()]).toEqual(
      expect.arrayContaining([
        'quick_check',
        'foreign_key_check',
        'audit chain',
        'waiting for the workers',
        'worker 1: letters',
        'worker 2: parses and case list',
        'comparing with the trail',
      ]),
    );
    for (const { ms, cpuMs } of phases.values()) {
      expect(ms).toBeGreaterThanOrEqual(0);
      // Linux reads it from /proc; elsewhere (before Node's process.threadCpuUsage) it is left out, never made up.
      if (process.platform === 'linux') expect(cpuMs).toBeGreaterThanOrEqual(0);
      else if (cpuMs !== undefined) expect(cpuMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('reads on this thread for an in-memory workspace', async () => {
    const db = openDatabase(':memory:');
    try {
      db.transaction(() =>
        storeLetter(db, {
          sha256: 'a'.repeat(64),
          fileName: 'a.txt',
          originalPath: '/a.txt',
          size: 1,
          kind: 'text',
          importedAt: new Date().toISOString(),
          importRunId: null,
          letterText: { text: 'a', lines: [], pageCount: 1, kind: 'text' },
          original: Buffer.from('a'),
          parsed: corpusLetter(0),
        }),
      )();
      const report = await verifyWorkspace(db, ':memory:');
      // The stored checksum of "a" is not sha256("a"): found on this thread too.
      expect(report.problems).toEqual([expect.stringMatching(/the letter's stored bytes are not the ones imported/)]);
    } finally {
      db.close();
    }
  });
});
