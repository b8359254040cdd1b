import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../backend/audit';
import { importPaths } from '../../../backend/import';
import { openDatabase } from '../../../backend/store/database';
import { getStats } from '../../../backend/store/stats';
import { corpusPdfs, corpusSeeds, makeTmpDir, pdfVariant, textLetterVariant } from './fixtures';

const CHILD = path.join(import.meta.dirname, 'import-child.ts');
const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');

let dir: string;
let folder: string;
let letterCount: number;

beforeAll(() => {
  dir = makeTmpDir('imr-crash-');
  folder = path.join(dir, 'letters');
  fs.mkdirSync(folder);
  // PDFs (slow to extract) interleaved with text letters (fast), so the kill lands mid-stream.
  const pdfs = corpusPdfs();
  const seeds = corpusSeeds().map((f) => fs.readFileSync(f, 'utf8'));
  let n = 0;
  for (let i = 0; i < 60; i++) {
    const name = String(n++).padStart(3, '0');
    if (i % 2 === 0)
      fs.writeFileSync(path.join(folder, `${name}.pdf`), pdfVariant(fs.readFileSync(pdfs[i % pdfs.length]!), i));
    else fs.writeFileSync(path.join(folder, `${name}.txt`), textLetterVariant(seeds[i % seeds.length]!, i));
  }
  letterCount = n;
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the child import and SIGKILLs it once `killAfter` files are done and at
 * least one batch is committed. Progress counts files written into the open
 * batch (committed every 64 files or 50 ms), so the commit is waited for by
 * reading the workspace (WAL: a reader sees only committed batches), not by
 * time: on a fast machine the first 12 files can all sit in one open batch.
 */
function importAndKill(dbFile: string, killAfter: number): Promise<{ killed: boolean; lastProgress: number }> {
  let reader: Database.Database | null = null;
  const committedDocuments = (): number => {
    try {
      reader ??= new Database(dbFile, { readonly: true, fileMustExist: true });
      return reader.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number;
    } catch {
      return 0; // not created or migrated yet
    }
  };
  const closeReader = () => {
    reader?.close();
    reader = null;
  };
  return new Promise<{ killed: boolean; lastProgress: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, folder], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastProgress = 0;
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const m of chunk.matchAll(/progress (\d+)/g)) lastProgress = Number(m[1]);
      if (!killed && lastProgress >= killAfter && committedDocuments() > 0) {
        killed = child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, lastProgress });
      else if (code === 0) resolve({ killed: false, lastProgress });
      else reject(new Error(`import child failed (${code}): ${stderr}`));
    });
  }).finally(closeReader);
}

describe('SIGKILL mid-import', () => {
  it('leaves a consistent database with each file fully in or not, and a re-run completes the set', async () => {
    const dbFile = path.join(dir, 'workspace.db');
    const run = await importAndKill(dbFile, 12);
    expect(run.killed).toBe(true);

    const db = openDatabase(dbFile);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.prepare("INSERT INTO case_search(case_search) VALUES ('integrity-check')").run();
      expect(verifyAuditChain(db).ok).toBe(true);

      const stored = getStats(db).documents;
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(letterCount);
      // Every stored document is complete: content, case, current parse, an imported outcome; and nothing dangles.
      const incomplete = db
        .prepare(
          `SELECT d.id FROM documents d
           LEFT JOIN document_content dc ON dc.document_id = d.id
           LEFT JOIN cases c ON c.document_id = d.id
           LEFT JOIN case_parses p ON p.id = c.parse_id
           WHERE dc.document_id IS NULL OR c.id IS NULL OR p.id IS NULL
              OR NOT EXISTS (SELECT 1 FROM import_outcomes o WHERE o.document_id = d.id AND o.outcome = 'imported')`,
        )
        .all();
      expect(incomplete).toEqual([]);
      expect(db.prepare("SELECT COUNT(*) FROM import_outcomes WHERE outcome = 'imported'").pluck().get()).toBe(stored);
      const itemsMatch = db
        .prepare(
          'SELECT COUNT(*) FROM cases c WHERE c.item_count <> (SELECT COUNT(*) FROM items i WHERE i.case_id = c.id)',
        )
        .pluck()
        .get();
      expect(itemsMatch).toBe(0);
      // The run is recorded as interrupted (never finished).
      expect(db.prepare('SELECT finished_at FROM import_runs').pluck().all()).toEqual([null]);

      const rerun = await importPaths(db, [folder]);
      expect(rerun.duplicate).toBe(stored);
      expect(rerun.imported).toBe(letterCount - stored);
      expect(rerun.rejected).toBe(0);
      expect(getStats(db).documents).toBe(letterCount);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
