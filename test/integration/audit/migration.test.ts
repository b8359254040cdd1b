import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../backend/audit';
import { migrate, openDatabase } from '../../../backend/store/database';
import { insertCase } from '../../../backend/store/cases';
import { insertDocument } from '../../../backend/store/documents';
import { corpusLetter } from '../../unit/audit/letter-fixture';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-audit-migration-'));
  dirs.push(dir);
  return path.join(dir, 'workspace.sqlite');
}

const tables = (db: Database.Database) =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name")
    .pluck()
    .all() as string[];

describe('migration 002 (audit trail)', () => {
  it('from an empty file: creates the tables, triggers and a genesis chain head', () => {
    const db = openDatabase(tempDb());
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
      expect(tables(db)).toEqual(
        expect.arrayContaining([
          'audit_events',
          'audit_chain_head',
          'audit_events_no_update',
          'audit_events_no_delete',
        ]),
      );
      expect(db.prepare('SELECT event_count, last_event_id, last_hash FROM audit_chain_head').get()).toEqual({
        event_count: 0,
        last_event_id: null,
        last_hash: '0'.repeat(64),
      });
      expect(verifyAuditChain(db)).toEqual({ ok: true, problems: [], events: 0, chainHead: '0'.repeat(64) });
    } finally {
      db.close();
    }
  });

  it('from version 1 with cases in it: keeps the cases and starts an empty trail', () => {
    const file = tempDb();
    const v1 = new Database(file);
    migrate(v1, 0, 1);
    const documentId = insertDocument(v1, {
      sha256: 'a'.repeat(64),
      fileName: 'letter.txt',
      originalPath: '/letters/letter.txt',
      size: 4,
      kind: 'text',
      importedAt: '2026-01-01T00:00:00.000Z',
      importRunId: null,
      letterText: { text: 'IMR', lines: [], pageCount: 1, kind: 'text' },
      original: Buffer.from('IMR!'),
    });
    insertCase(v1, { documentId, importedAt: '2026-01-01T00:00:00.000Z', parsed: corpusLetter() });
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.close();

    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(1);
      expect(db.prepare('SELECT COUNT(*) FROM audit_events').pluck().get()).toBe(0);
      expect(verifyAuditChain(db).ok).toBe(true);
    } finally {
      db.close();
    }
  });
});
