import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyCorrection, verifyAuditChain } from '../../../backend/audit';
import { reprojectPendingCases } from '../../../backend/audit/reproject';
import { migrate, openDatabase } from '../../../backend/store/database';
import { insertCase } from '../../../backend/store/cases';
import { insertDocument } from '../../../backend/store/documents';
import { PROTECTED_TRIGGERS } from '../../../backend/store/migrations/003-provenance';
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

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** A letter as apps before schema 3 stored it: rows only, no import event. */
function addLetterAsBefore(db: Database.Database, n: number): number {
  const text = `IMR letter ${n}\nIndependent Medical Review Final Determination`;
  return db.transaction(() => {
    const documentId = insertDocument(db, {
      sha256: sha(`bytes ${n}`),
      fileName: `letter-${n}.txt`,
      originalPath: `/letters/letter-${n}.txt`,
      size: 7,
      kind: 'text',
      importedAt: '2026-01-01T00:00:00.000Z',
      importRunId: null,
      letterText: { text, lines: [], pageCount: 1, kind: 'text', encoding: 'utf-8' },
      original: Buffer.from(`bytes ${n}`),
    });
    return insertCase(db, { documentId, importedAt: '2026-01-01T00:00:00.000Z', parsed: corpusLetter(n) });
  })();
}

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
      expect(verifyAuditChain(db)).toEqual({
        ok: true,
        problems: [],
        problemCases: [],
        events: 0,
        chainHead: '0'.repeat(64),
        cases: 0,
        against: null,
        notChecked: expect.any(Array),
        awaitingRebuild: [],
      });
    } finally {
      db.close();
    }
  });
});

describe('migration 003 (letters and parses in the audit trail)', () => {
  it('creates every protective trigger from the one definition verify checks against', () => {
    const db = openDatabase(tempDb());
    try {
      const stored = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
        name: string;
        sql: string;
      }[];
      expect(Object.fromEntries(stored.map((t) => [t.name, t.sql]))).toEqual(PROTECTED_TRIGGERS);
    } finally {
      db.close();
    }
  });

  it('from version 1 with cases in it: records each letter, marked as recorded by the upgrade', () => {
    const file = tempDb();
    const v1 = new Database(file);
    migrate(v1, 0, 1);
    addLetterAsBefore(v1, 0);
    v1.close();

    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(1);
      expect(db.prepare('SELECT type, case_id AS caseId FROM audit_events ORDER BY id').all()).toEqual([
        { type: 'import-letter', caseId: 1 },
        { type: 'migration', caseId: null },
      ]);
      expect(verifyAuditChain(db)).toMatchObject({ ok: true, problems: [], events: 2, cases: 1 });
    } finally {
      db.close();
    }
  });

  it('from version 2: keeps every event as it was and appends the letters, their parses and one migration event', () => {
    const file = tempDb();
    const v2 = new Database(file);
    v2.pragma('foreign_keys = ON');
    migrate(v2, 0, 2);
    const first = addLetterAsBefore(v2, 0);
    const second = addLetterAsBefore(v2, 1);
    applyCorrection(v2, {
      caseId: first,
      reviewer: 'Dana',
      change: { type: 'set-field', path: 'patientAge', value: 52 },
      at: '2026-02-01T10:00:00.000Z',
    });
    applyCorrection(v2, {
      caseId: second,
      reviewer: 'Sam',
      change: { type: 'note', text: 'seen' },
      at: '2026-02-01T11:00:00.000Z',
    });
    // A reparse as the app of that time stored it: a second parse row and the case pointed at it.
    const reparsed = corpusLetter(0);
    reparsed.parserVersion = 'older-2';
    const secondParse = Number(
      v2
        .prepare(
          "INSERT INTO case_parses (case_id, parser_version, parsed_at, parsed_json) VALUES (?, 'older-2', ?, ?)",
        )
        .run(first, '2026-02-02T00:00:00.000Z', JSON.stringify(reparsed)).lastInsertRowid,
    );
    v2.prepare('UPDATE cases SET parse_id = ? WHERE id = ?').run(secondParse, first);
    const before = v2.prepare('SELECT * FROM audit_events ORDER BY id').all();
    expect(before).toHaveLength(2);
    v2.close();

    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT * FROM audit_events WHERE id <= 2 ORDER BY id').all()).toEqual(before);
      const added = db
        .prepare(
          'SELECT id, case_id AS caseId, type, reviewer, reason, old_value, new_value, at FROM audit_events WHERE id > 2 ORDER BY id',
        )
        .all() as {
        id: number;
        caseId: number | null;
        type: string;
        reviewer: string;
        reason: string;
        old_value: string;
        new_value: string;
        at: string;
      }[];
      expect(added.map((e) => [e.id, e.caseId, e.type])).toEqual([
        [3, first, 'import-letter'],
        [4, first, 'parse'],
        [5, second, 'import-letter'],
        [6, null, 'migration'],
      ]);
      for (const event of added) {
        expect(event.reviewer).toBe('IMR Workbench');
        expect(event.reason).toMatch(/upgrade to workspace schema 3/i);
        expect(event.at >= '2026-02-01T11:00:00.000Z').toBe(true);
      }

      // The checksums are of the rows as stored.
      const content = db
        .prepare('SELECT original, text, lines_json AS linesJson FROM document_content WHERE document_id = 1')
        .get() as { original: Buffer; text: string; linesJson: string };
      const firstParseJson = db.prepare('SELECT parsed_json FROM case_parses WHERE id = 1').pluck().get() as string;
      expect(JSON.parse(added[0]!.new_value)).toMatchObject({
        document: {
          id: 1,
          sha256: sha(content.original),
          textSha256: sha(content.text),
          linesSha256: sha(content.linesJson),
          fileName: 'letter-0.txt',
          kind: 'text',
        },
        parse: { id: 1, sha256: sha(firstParseJson) },
      });
      expect(JSON.parse(added[1]!.old_value)).toEqual({
        parse: { id: 1, parserVersion: corpusLetter(0).parserVersion },
      });
      expect(JSON.parse(added[1]!.new_value)).toEqual({
        parse: { id: secondParse, parserVersion: 'older-2', sha256: sha(JSON.stringify(reparsed)) },
      });
      expect(JSON.parse(added[3]!.new_value)).toEqual({ schemaVersion: 3, letters: 2, parses: 1 });

      // As the app's service does right after migrating: the corrected case's analytics rows (migration 006
      // cannot project a corrected case in SQL) are rebuilt from its corrections.
      reprojectPendingCases(db);
      expect(verifyAuditChain(db)).toMatchObject({ ok: true, problems: [], events: 6, cases: 2 });
    } finally {
      db.close();
    }
  });
});
