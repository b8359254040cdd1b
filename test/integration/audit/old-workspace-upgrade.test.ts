/**
 * A workspace an earlier version of the app wrote (test/fixtures/workspaces/
 * schema-2.sqlite: seven letters, six of them corrected, one correction
 * undone) opened by today's app: every migration runs, nothing a reviewer did
 * is lost, and `verify` finds nothing — in particular not the review-status
 * rule of issue 15 (a corrected case without a status set is "in review";
 * the old app stored "new"), which would otherwise read as tampering.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { createService, type Service } from '../../../backend/service/service';
import { SCHEMA_VERSION } from '../../../backend/store/database';
import { ok } from './workspace';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/workspaces/schema-2.sqlite');
const dirs: string[] = [];
const services: Service[] = [];

afterEach(() => {
  for (const s of services.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function copyOfFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-old-ws-'));
  dirs.push(dir);
  const file = path.join(dir, 'old.imr.sqlite');
  fs.copyFileSync(FIXTURE, file);
  return file;
}

function open(dbPath: string): Service {
  const service = createService({ dbPath, host: 'test', samplesDir: null, settingsPath: null });
  services.push(service);
  return service;
}

it('opens a schema-2 workspace with an undo, keeps its corrections and verifies clean', async () => {
  const file = copyOfFixture();
  const before = new Database(file, { readonly: true });
  const eventsBefore = before.prepare('SELECT COUNT(*) FROM audit_events').pluck().get() as number;
  const statusBefore = before.prepare('SELECT status FROM cases ORDER BY id').pluck().all();
  before.close();
  expect(statusBefore).toEqual(Array(7).fill('new'));

  const service = open(file);
  const report = ok(await service.send('audit.verify', {}));
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);

  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    // The migration adds its own records (letters as such) but rewrites no reviewer's event.
    expect(
      db
        .prepare("SELECT COUNT(*) FROM audit_events WHERE type NOT IN ('import-letter','parse','migration')")
        .pluck()
        .get(),
    ).toBe(eventsBefore);
    expect(db.prepare('SELECT COUNT(*) FROM projection_pending').pluck().get()).toBe(0);
  } finally {
    db.close();
  }

  const list = ok(await service.send('cases.list', {}));
  const byStatus = new Map<string, number>();
  for (const row of list.rows) byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
  // Six cases have corrections in force (case 7's only correction was undone).
  expect(Object.fromEntries(byStatus)).toEqual({ 'in review': 6, new: 1 });
  // The corrections are still there: case 1's specialty as the reviewer typed it.
  const one = ok(await service.send('cases.get', { caseId: 1 }));
  expect(one.effective.specialty).toEqual(['Acupuncture']);
});
