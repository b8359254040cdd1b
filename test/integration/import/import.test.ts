import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPaths, importReceivedFiles } from '../../../backend/import';
import { listCases } from '../../../backend/store/case-list';
import { getCaseDetail } from '../../../backend/audit';
import { getLetterText } from '../../../backend/store/documents';
import { openDatabase } from '../../../backend/store/database';
import { getImportSummary } from '../../../backend/store/import-runs';
import { getStats } from '../../../backend/store/stats';
import type { ImportSummary } from '../../../shared/domain/case';
import {
  CORPUS_DIR,
  CORPUS_PDF_DIR,
  CORPUS_SEED_DIR,
  corpusPdfs,
  corpusSeeds,
  makeTmpDir,
  pdfVariant,
  writeBadInputs,
} from './fixtures';

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = makeTmpDir();
  db = openDatabase(path.join(dir, 'workspace.db'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const byName = (summary: ImportSummary) => new Map(summary.outcomes.map((o) => [path.basename(o.path), o]));

describe('importing the corpus', () => {
  it('imports every letter once, and a second import of the same folder changes nothing', async () => {
    const letters = corpusPdfs().length + corpusSeeds().length;
    const corpus = [CORPUS_PDF_DIR, CORPUS_SEED_DIR, path.join(CORPUS_DIR, 'README.md')];
    const before = [db.pragma('temp_store', { simple: true }), db.pragma('wal_autocheckpoint', { simple: true })];
    const first = await importPaths(db, corpus);
    // What the import tunes for itself (journals in memory, fewer checkpoints) is the connection's again after it.
    expect([db.pragma('temp_store', { simple: true }), db.pragma('wal_autocheckpoint', { simple: true })]).toEqual(
      before,
    );
    expect(first.imported).toBe(letters);
    expect(first.rejected).toBe(0);
    // The README: reported, never silently dropped.
    expect(first.skipped).toBe(1);
    for (const o of first.outcomes.filter((x) => x.outcome === 'skipped'))
      expect(o.reason).toMatch(/not a letter file/);
    const statsAfterFirst = getStats(db);
    expect(statsAfterFirst).toMatchObject({ documents: letters, cases: letters, rejected: 0, corrections: 0 });
    expect(statsAfterFirst.items).toBeGreaterThanOrEqual(letters);

    const second = await importPaths(db, corpus);
    expect(second.imported).toBe(0);
    expect(second.duplicate).toBe(letters);
    for (const o of second.outcomes.filter((x) => x.outcome === 'duplicate')) {
      expect(o.reason).toMatch(/already imported/);
      expect(o.caseId).not.toBeNull();
    }
    expect(getStats(db)).toEqual(statsAfterFirst);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('stores the original bytes, the extracted text with its line map and the parse', async () => {
    const pdf = corpusPdfs()[0]!;
    const summary = await importPaths(db, [pdf]);
    const caseId = summary.outcomes[0]!.caseId!;
    const detail = getCaseDetail(db, caseId)!;
    expect(detail.parsed.caseNumber).toBe(path.basename(pdf, '.pdf'));
    expect(detail.effective.caseNumber).toBe(detail.parsed.caseNumber);
    const stored = db
      .prepare('SELECT original, text, lines_json FROM document_content WHERE document_id = ?')
      .get(detail.documentId) as { original: Buffer; text: string; lines_json: string };
    expect(Buffer.compare(stored.original, fs.readFileSync(pdf))).toBe(0);
    const lines = JSON.parse(stored.lines_json) as { page: number; start: number; end: number }[];
    expect(lines.length).toBeGreaterThan(10);
    expect(Math.max(...lines.map((l) => l.page))).toBeGreaterThan(1);
    expect(stored.text.slice(lines[0]!.start, lines[0]!.end).length).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  it('rejects each bad file with a one-line reason and still imports the good letters in the same run', async () => {
    const maxFileBytes = 200 * 1024;
    const folder = path.join(dir, 'inbox');
    const bad = writeBadInputs(folder, maxFileBytes);
    execFileSync('mkfifo', [path.join(folder, 'named-pipe.pdf')]);
    const good = [...corpusPdfs().slice(0, 3), ...corpusSeeds().slice(0, 2)];
    for (const file of good) fs.copyFileSync(file, path.join(folder, path.basename(file)));
    fs.writeFileSync(path.join(folder, 'notes.docx'), 'not a letter');
    const missing = path.join(dir, 'no-such-folder');

    const summary = await importPaths(db, [folder, missing], { maxFileBytes });
    const outcomes = byName(summary);

    for (const [name, reason] of Object.entries(bad.expectedReasons)) {
      const o = outcomes.get(name);
      expect(o?.outcome, name).toBe('rejected');
      expect(o?.reason, name).toMatch(reason);
      expect(o?.reason, name).not.toMatch(/\n/);
    }
    expect(outcomes.get('named-pipe.pdf')).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/not a regular file/),
    });
    expect(outcomes.get('no-such-folder')).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/not found/),
    });
    expect(outcomes.get('notes.docx')).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/\.docx/) });
    for (const file of good) expect(outcomes.get(path.basename(file))?.outcome, file).toBe('imported');

    expect(summary.imported).toBe(good.length);
    const rejectedCount = Object.keys(bad.expectedReasons).length + 2;
    expect(summary.rejected).toBe(rejectedCount);
    expect(getStats(db)).toMatchObject({ documents: good.length, cases: good.length, rejected: rejectedCount });

    // Offering the same bad files again does not count them twice (stats count files, not attempts).
    const again = await importPaths(db, [folder], { maxFileBytes });
    expect(again.rejected).toBe(rejectedCount - 1); // the missing folder was not offered again
    expect(again.duplicate).toBe(good.length);
    expect(getStats(db).rejected).toBe(rejectedCount);
  });

  it('reports permission denied for a file it may not read (skipped when running as root)', async (ctx) => {
    if (process.getuid?.() === 0) ctx.skip();
    const file = path.join(dir, 'locked.txt');
    fs.writeFileSync(file, 'x');
    fs.chmodSync(file, 0o000);
    const summary = await importPaths(db, [file]);
    expect(summary.outcomes[0]).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/permission denied/),
    });
  });

  it('keeps the run going when the parser throws on one letter', async () => {
    const [a, b] = corpusSeeds();
    let calls = 0;
    const { parseLetter } = await import('../../../shared/parser');
    const summary = await importPaths(db, [a!, b!], {
      parse: (text) => {
        if (calls++ === 0) throw new Error('boom\nstack');
        return parseLetter(text);
      },
    });
    expect(summary.outcomes.map((o) => o.outcome)).toEqual(['rejected', 'imported']);
    expect(summary.outcomes[0]!.reason).toBe('the parser failed on this letter: boom');
  });
});

describe('group commit', () => {
  it('rolls back a letter that fails to store on its own; the letters around it in the same batch are stored', async () => {
    const seeds = corpusSeeds().slice(0, 3);
    const { parseLetter } = await import('../../../shared/parser');
    let calls = 0;
    const summary = await importPaths(db, seeds, {
      parse: (text) => {
        const parsed = parseLetter(text);
        // The second letter breaks a CHECK constraint on items, after its document, case and parse rows were written.
        if (calls++ === 1) parsed.items[0]!.decision = 'Sideways' as (typeof parsed.items)[0]['decision'];
        return parsed;
      },
    });
    expect(summary.outcomes.map((o) => o.outcome)).toEqual(['imported', 'rejected', 'imported']);
    expect(summary.outcomes[1]!.reason).toMatch(/^could not be stored: CHECK constraint failed/);
    // Nothing of the failed letter remains; the others are complete and searchable.
    expect(getStats(db).documents).toBe(2);
    expect(db.prepare('SELECT COUNT(*) FROM case_parses').pluck().get()).toBe(2);
    db.prepare("INSERT INTO case_search(case_search) VALUES ('integrity-check')").run();
    const stored = summary.outcomes.filter((o) => o.outcome === 'imported');
    for (const o of stored) {
      const text = getLetterText(db, o.documentId!)!.text;
      // A word of this letter's own: found by the index, and only in stored letters.
      const hits = listCases(db, { filter: { search: text.split(/\s+/).find((w) => /^[A-Za-z]{4,}$/.test(w))! } });
      expect(hits.rows.map((r) => r.id)).toContain(o.caseId);
    }
    expect(listCases(db, { filter: { search: 'IMR' } }).total).toBe(2);
    // Re-running stores the letter that failed (with a parser that works).
    const rerun = await importPaths(db, seeds);
    expect([rerun.duplicate, rerun.imported]).toEqual([2, 1]);
  });
});

describe('where letters are parsed', () => {
  it('stores the same parse whether a text letter was read here or in a worker', async () => {
    const seeds = corpusSeeds().slice(0, 2);
    const here = await importPaths(db, seeds, { textInWorkers: false });
    const otherFile = path.join(dir, 'other.db');
    const other = openDatabase(otherFile);
    try {
      const inWorkers = await importPaths(other, seeds, { textInWorkers: true });
      expect(inWorkers.imported).toBe(2);
      const parses = (d: Database.Database) =>
        (d.prepare('SELECT parsed_json FROM case_parses ORDER BY id').pluck().all() as string[]).map((j) =>
          JSON.parse(j),
        );
      expect(parses(other)).toEqual(parses(db));
      expect(here.imported).toBe(2);
    } finally {
      other.close();
    }
  });
});

describe('duplicates and versions', () => {
  it('treats the same bytes under another name, in the same run, as one document', async () => {
    const pdf = corpusPdfs()[0]!;
    const copy = path.join(dir, 'renamed copy.pdf');
    fs.copyFileSync(pdf, copy);
    const summary = await importPaths(db, [pdf, copy]);
    expect(summary.outcomes.map((o) => o.outcome)).toEqual(['imported', 'duplicate']);
    expect(summary.outcomes[1]!.caseId).toBe(summary.outcomes[0]!.caseId);
    expect(getStats(db).documents).toBe(1);
  });

  it('keeps the same case number from another file as a second, flagged version', async () => {
    const pdf = corpusPdfs()[0]!;
    const caseNumber = path.basename(pdf, '.pdf');
    const other = path.join(dir, 'rescanned.pdf');
    fs.writeFileSync(other, pdfVariant(fs.readFileSync(pdf), 1));
    await importPaths(db, [pdf]);
    const second = await importPaths(db, [other]);
    expect(second.imported).toBe(1);

    const rows = listCases(db, { filter: { search: caseNumber }, sort: 'caseNumber', direction: 'asc' }).rows;
    expect(rows.map((r) => [r.caseNumber, r.version])).toEqual([
      [caseNumber, 1],
      [caseNumber, 2],
    ]);
    for (const row of rows) expect(row.flags).toContain('duplicate-case-number');
    const newest = getCaseDetail(db, rows[1]!.id)!;
    expect(newest.version).toBe(2);
    expect(newest.otherVersions.map((v) => v.id)).toEqual([rows[0]!.id]);
    expect(listCases(db, { filter: { flag: 'duplicate-case-number' } }).total).toBe(2);
  });
});

describe('uploads and cancelling', () => {
  it('imports uploaded files under the names the sender gave, and reports the files not sent', async () => {
    const pdf = corpusPdfs()[1]!;
    const spool = path.join(dir, 'spool');
    fs.mkdirSync(spool);
    const stored = (n: number, source: string) => {
      const file = path.join(spool, String(n));
      fs.copyFileSync(source, file);
      return { path: file, bytes: fs.statSync(file).size };
    };
    const summary = await importReceivedFiles(db, {
      files: [
        { name: `letters/${path.basename(pdf)}`, ...stored(1, pdf) },
        { name: 'letters/2016/letter.txt', ...stored(2, corpusSeeds()[0]!) },
      ],
      unsent: [
        { name: 'letters/photo.jpg', bytes: 4 },
        { name: 'letters/huge.pdf', bytes: 60 * 1024 * 1024 },
        { name: 'letters/lost.pdf', bytes: 10, reason: 'could not be sent: the host went away' },
      ],
    });
    // Files that need no reading are settled first, then letters in the order given.
    expect(summary.outcomes.map((o) => [o.path, o.outcome, o.reason])).toEqual([
      ['letters/photo.jpg', 'skipped', 'not a letter file (.jpg): only .pdf, .txt and .text files are imported'],
      ['letters/huge.pdf', 'rejected', 'too large: 60 MB, over the 50 MB limit for one letter'],
      ['letters/lost.pdf', 'rejected', 'could not be sent: the host went away'],
      [`letters/${path.basename(pdf)}`, 'imported', null],
      ['letters/2016/letter.txt', 'imported', null],
    ]);
    const names = db.prepare('SELECT file_name FROM documents ORDER BY id').pluck().all();
    expect(names).toEqual([path.basename(pdf), 'letter.txt']);
  });

  it('stops when cancelled, keeps what was stored, and a re-run completes the set', async () => {
    const folder = path.join(dir, 'many');
    fs.mkdirSync(folder);
    const seeds = corpusSeeds().map((f) => fs.readFileSync(f, 'utf8'));
    for (let i = 0; i < 30; i++)
      fs.writeFileSync(
        path.join(folder, `letter-${String(i).padStart(2, '0')}.txt`),
        `${seeds[i % seeds.length]}\n${' '.repeat(i)}`,
      );
    const controller = new AbortController();
    const first = await importPaths(db, [folder], {
      progress: {
        signal: controller.signal,
        update: (done) => {
          if (done >= 5) controller.abort();
        },
      },
    });
    expect(first.cancelled).toBe(true);
    expect(first.imported).toBeGreaterThanOrEqual(5);
    expect(first.imported).toBeLessThan(30);
    expect(getImportSummary(db, first.runId)?.cancelled).toBe(true);
    const second = await importPaths(db, [folder]);
    expect(second.imported + second.duplicate).toBe(30);
    expect(second.duplicate).toBe(first.imported);
    expect(getStats(db).documents).toBe(30);
  });
});
