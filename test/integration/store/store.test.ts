import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCorrection, getCaseDetail, setStatusOfCases } from '../../../backend/audit';
import { importPaths, reparseAll } from '../../../backend/import';
import { listCaseIds, listCases, neighborCase } from '../../../backend/store/case-list';
import { getCurrentParse, listParses, refreshCaseProjection, resolveCaseRef } from '../../../backend/store/cases';
import { openDatabase } from '../../../backend/store/database';
import { getLetterText } from '../../../backend/store/documents';
import { parsedToValues } from '../../../backend/store/letter-values';
import { findDates } from '../../../shared/parser/dates';
import { parseSearch } from '../../../backend/store/search';
import { getStats } from '../../../backend/store/stats';
import type { LetterText } from '../../../shared/domain/letter';
import { parseLetter } from '../../../shared/parser';
import { CORPUS_PDF_DIR, CORPUS_SEED_DIR, makeTmpDir } from '../import/fixtures';

/**
 * One workspace with the whole corpus, shared by the read-only checks; tests
 * that write use their own copy of the database file.
 */
let dir: string;
let dbFile: string;
let db: Database.Database;

beforeAll(async () => {
  dir = makeTmpDir('imr-store-');
  dbFile = path.join(dir, 'corpus.db');
  db = openDatabase(dbFile);
  await importPaths(db, [CORPUS_PDF_DIR, CORPUS_SEED_DIR]);
  db.pragma('wal_checkpoint(TRUNCATE)');
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A private copy of the corpus workspace for a test that writes. */
function copyWorkspace(name: string): Database.Database {
  const file = path.join(dir, `${name}.db`);
  fs.copyFileSync(dbFile, file);
  return openDatabase(file);
}

function ftsIntegrityOk(database: Database.Database): boolean {
  database.prepare("INSERT INTO case_search(case_search) VALUES ('integrity-check')").run();
  return true;
}

describe('full-text search', () => {
  it('finds exactly the letters that mention acupuncture, with marked snippets', () => {
    const all = db
      .prepare('SELECT c.id, dc.text FROM cases c JOIN document_content dc ON dc.document_id = c.document_id')
      .all() as {
      id: number;
      text: string;
    }[];
    const expected = all
      .filter((c) => /\bacupunctur/i.test(c.text))
      .map((c) => c.id)
      .sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);

    const page = listCases(db, { filter: { search: 'acupuncture' }, limit: 1000 });
    expect(page.total).toBe(expected.length);
    expect(page.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected);
    for (const row of page.rows) expect(row.snippet).toMatch(/\u0001[^\u0002]*acupunctur[^\u0002]*\u0002/i);
  });

  it('finds a case by its case number and combines search with filters', () => {
    const some = listCases(db, { filter: {}, limit: 1000 }).rows.find((r) => r.caseNumber !== null)!;
    const byNumber = listCases(db, { filter: { search: some.caseNumber! } });
    expect(byNumber.rows.map((r) => r.id)).toContain(some.id);

    const both = listCases(db, { filter: { search: 'acupuncture', category: 'acupuncture' }, limit: 1000 });
    const searchOnly = listCases(db, { filter: { search: 'acupuncture' }, limit: 1000 });
    expect(both.total).toBeLessThanOrEqual(searchOnly.total);
    for (const row of both.rows) {
      const categories = db.prepare('SELECT category FROM items WHERE case_id = ?').pluck().all(row.id);
      expect(categories).toContain('acupuncture');
    }
  });

  it('never lets search syntax reach FTS5 raw', () => {
    for (const input of ['"', 'AND', 'NEAR(', 'L4-5', "don't", 'a*b', 'x OR', '-', '(((', 'CM16-0230651']) {
      expect(() => listCases(db, { filter: { search: input } })).not.toThrow();
    }
    expect(parseSearch('  ')).toBeNull();
    expect(listCases(db, { filter: { search: '---' } })).toEqual({ total: 0, rows: [] });
  });
});

describe('search does what reviewers type', () => {
  /** Ids of the letters whose text passes `test`, the truth a search is checked against. */
  function lettersWhere(test: (text: string, file: string) => boolean): number[] {
    const all = db
      .prepare(
        `SELECT c.id, dc.text, d.file_name AS file FROM cases c JOIN documents d ON d.id = c.document_id
         JOIN document_content dc ON dc.document_id = c.document_id`,
      )
      .all() as { id: number; text: string; file: string }[];
    return all
      .filter((r) => test(r.text, r.file))
      .map((r) => r.id)
      .sort((a, b) => a - b);
  }
  const found = (search: string) =>
    listCases(db, { filter: { search }, limit: 1000 })
      .rows.map((r) => r.id)
      .sort((a, b) => a - b);

  it('a quoted phrase is that phrase: not "background", not "lower back"', () => {
    const expected = lettersWhere((t) => /\blow\s+back\b/i.test(t));
    expect(expected.length).toBeGreaterThan(0);
    expect(found('"low back"')).toEqual(expected);
    expect(lettersWhere((t) => /background|lower back/i.test(t) && !/\blow\s+back\b/i.test(t)).length).toBeGreaterThan(
      0,
    );
    for (const row of listCases(db, { filter: { search: '"low back"' }, limit: 1000 }).rows) {
      expect(row.snippet).toMatch(/\u0001low\s+back\u0002/i);
    }
  });

  it('OR finds either word, at least as many letters as each alone', () => {
    const either = found('acupuncture OR chiropractic');
    const acupuncture = found('acupuncture');
    const chiropractic = found('chiropractic');
    expect(chiropractic.length).toBeGreaterThan(0);
    expect(either).toEqual([...new Set([...acupuncture, ...chiropractic])].sort((a, b) => a - b));
  });

  it('-word and NOT word leave out the letters that have it', () => {
    const withNorco = new Set(lettersWhere((t) => /norco/i.test(t)));
    expect(withNorco.size).toBeGreaterThan(0);
    const acupuncture = found('acupuncture');
    const without = found('acupuncture -Norco');
    expect(without).toEqual(acupuncture.filter((id) => !withNorco.has(id)));
    expect(found('acupuncture NOT Norco')).toEqual(without);
    // Only a word to leave out: every other letter.
    expect(found('-Norco')).toEqual(lettersWhere((t) => !/norco/i.test(t)));
  });

  it('a prefix only with *', () => {
    expect(found('acupunct')).toEqual([]);
    expect(found('acupunct*')).toEqual(found('acupuncture'));
  });

  it('a date in any written form finds the letters that name that day in any form', () => {
    const row = db
      .prepare('SELECT c.id, dc.text FROM cases c JOIN document_content dc ON dc.document_id = c.document_id LIMIT 1')
      .get() as { id: number; text: string };
    const written = /\b(\d{2})\/(\d{2})\/(\d{4})\b/.exec(row.text)!;
    const [, mm, dd, yyyy] = written as unknown as [string, string, string, string];
    const iso = `${yyyy}-${mm}-${dd}`;
    const expected = lettersWhere((t) => findDates(t).some((d) => d.iso === iso));
    expect(expected).toContain(row.id);
    const long = new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', {
      timeZone: 'UTC',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    });
    for (const query of [iso, `${mm}/${dd}/${yyyy}`, `${Number(mm)}/${Number(dd)}/${yyyy.slice(2)}`, long]) {
      expect(found(query), query).toEqual(expected);
    }
    const snippet = listCases(db, { filter: { search: iso }, limit: 1000 }).rows.find((r) => r.id === row.id)!.snippet;
    expect(snippet).toContain(`\u0001${written[0]}\u0002`);
  });

  it('finds a letter by the file name the list shows, and by its case number', () => {
    const { id, file } = db
      .prepare('SELECT c.id, d.file_name AS file FROM cases c JOIN documents d ON d.id = c.document_id LIMIT 1')
      .get() as { id: number; file: string };
    expect(found(file)).toContain(id);
    expect(found(file.replace(/\.\w+$/, ''))).toContain(id);
  });
});

describe('case list', () => {
  it('pages, counts and sorts on the summary columns', () => {
    const total = getStats(db).cases;
    const first = listCases(db, { sort: 'itemCount', direction: 'desc', limit: 10 });
    const second = listCases(db, { sort: 'itemCount', direction: 'desc', offset: 10, limit: 10 });
    expect(first.total).toBe(total);
    expect(first.rows).toHaveLength(10);
    const counts = [...first.rows, ...second.rows].map((r) => r.itemCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(20);

    const byNumber = listCases(db, { sort: 'caseNumber', direction: 'asc', limit: 1000 }).rows.filter(
      (r) => r.caseNumber,
    );
    const numbers = byNumber.map((r) => r.caseNumber!.toLowerCase());
    expect(numbers).toEqual([...numbers].sort());
  });

  it('filters by decision, category, status, format and flag consistently with the items', () => {
    const overturned = listCases(db, { filter: { decision: 'Overturned' }, limit: 1000 });
    expect(overturned.total).toBeGreaterThan(0);
    for (const row of overturned.rows) expect(row.overturned).toBeGreaterThan(0);
    const upheld = listCases(db, { filter: { decision: 'Upheld' }, limit: 1000 });
    expect(upheld.rows.every((r) => r.upheld > 0)).toBe(true);
    expect(listCases(db, { filter: { status: 'new' } }).total).toBe(getStats(db).cases);
    expect(listCases(db, { filter: { status: 'reviewed' } }).total).toBe(0);
    const format = listCases(db, { limit: 1 }).rows[0]!.format;
    expect(listCases(db, { filter: { format }, limit: 1000 }).rows.every((r) => r.format === format)).toBe(true);
    expect(listCaseIds(db, { decision: 'Overturned' })).toHaveLength(overturned.total);
  });
});

describe('case references and navigation', () => {
  it('resolves internal ids and IMR case numbers', () => {
    const row = listCases(db, { limit: 1000 }).rows.find((r) => r.caseNumber)!;
    expect(resolveCaseRef(db, row.id)).toBe(row.id);
    expect(resolveCaseRef(db, row.caseNumber!)).toBe(row.id);
    expect(resolveCaseRef(db, row.caseNumber!.toLowerCase())).toBe(row.id);
    expect(resolveCaseRef(db, String(row.id))).toBe(row.id);
    expect(resolveCaseRef(db, 'CM00-0000000')).toBeUndefined();
    expect(resolveCaseRef(db, 999999)).toBeUndefined();
  });

  it('walks the list as filtered and sorted: next, previous, by status, wrapping round', () => {
    const query = { sort: 'caseNumber', direction: 'asc' } as const;
    const ids = listCases(db, { ...query, limit: 1000 }).rows.map((r) => r.id);
    expect(neighborCase(db, { ...query, step: 'next' })).toEqual({ caseId: ids[0], index: 0 });
    expect(neighborCase(db, { ...query, from: ids[0], step: 'next' })).toEqual({ caseId: ids[1], index: 1 });
    expect(neighborCase(db, { ...query, from: ids[2], step: 'previous' })).toEqual({ caseId: ids[1], index: 1 });
    expect(neighborCase(db, { ...query, step: 'previous' })).toEqual({ caseId: ids.at(-1), index: ids.length - 1 });
    expect(neighborCase(db, { ...query, from: ids.at(-1), step: 'next' })).toBeNull();
    expect(neighborCase(db, { ...query, from: ids.at(-1), step: 'next', wrap: true })).toEqual({
      caseId: ids[0],
      index: 0,
    });

    // A search narrows the queue: "next" never leaves it.
    const filter = { search: 'acupuncture' };
    const found = listCases(db, { ...query, filter, limit: 1000 }).rows.map((r) => r.id);
    expect(found.length).toBeGreaterThan(1);
    expect(found.length).toBeLessThan(ids.length);
    const walked: number[] = [];
    for (let at = neighborCase(db, { ...query, filter, step: 'next' }); at;) {
      walked.push(at.caseId);
      at = neighborCase(db, { ...query, filter, from: at.caseId, step: 'next' });
    }
    expect(walked).toEqual(found);
  });

  it('places a case that left the filter where the sort puts it, and goes on from there', () => {
    const work = copyWorkspace('neighbor');
    try {
      const query = { sort: 'caseNumber', direction: 'asc', filter: { status: 'new' } } as const;
      const ids = listCases(work, { ...query, limit: 1000 }).rows.map((r) => r.id);
      applyCorrection(work, { caseId: ids[3]!, reviewer: 'T', change: { type: 'set-status', status: 'reviewed' } });
      // ids[3] is no longer "new": what follows it is ids[4], now at row 3 of the filtered list.
      expect(neighborCase(work, { ...query, from: ids[3], step: 'next' })).toEqual({ caseId: ids[4], index: 3 });
      expect(neighborCase(work, { ...query, from: ids[3], step: 'previous' })).toEqual({ caseId: ids[2], index: 2 });
      // Next with status New skips the cases with another status.
      const all = { sort: 'caseNumber', direction: 'asc' } as const;
      expect(neighborCase(work, { ...all, from: ids[2], step: 'next', status: 'new' })?.caseId).toBe(ids[4]);
    } finally {
      work.close();
    }
  });

  it('sets one status on several cases, one event per case it changes', () => {
    const work = copyWorkspace('bulk-status');
    try {
      const ids = listCaseIds(work).slice(0, 3);
      applyCorrection(work, { caseId: ids[0]!, reviewer: 'T', change: { type: 'set-status', status: 'reviewed' } });
      const before = work.prepare('SELECT COUNT(*) FROM audit_events').pluck().get() as number;
      expect(setStatusOfCases(work, ids, 'reviewed', 'Dana')).toEqual({ changed: 2, unchanged: 1 });
      expect(work.prepare('SELECT COUNT(*) FROM audit_events').pluck().get()).toBe(before + 2);
      for (const id of ids) expect(getCaseDetail(work, id)?.status).toBe('reviewed');
      // All or none: a case that does not exist refuses the whole change.
      expect(() => setStatusOfCases(work, [ids[1]!, 999_999], 'new', 'Dana')).toThrow(/does not exist/);
      expect(getCaseDetail(work, ids[1]!)?.status).toBe('reviewed');
    } finally {
      work.close();
    }
  });
});

describe('parsed values are never overwritten', () => {
  it('rejects UPDATE of a stored parse', () => {
    expect(() => db.prepare("UPDATE case_parses SET parsed_json = '{}'").run()).toThrow(/cannot be changed/);
  });
});

describe('projection of effective values', () => {
  it('rewrites items, summary columns, versions and the search index when effective values change', () => {
    const work = copyWorkspace('projection');
    try {
      const [a, b] = listCases(work, { filter: {}, sort: 'caseNumber', direction: 'asc', limit: 1000 }).rows.filter(
        (r) => r.caseNumber && r.itemCount > 0,
      );
      const parsedA = getCurrentParse(work, a!.id)!;
      const effective = parsedToValues(parsedA);
      effective.caseNumber = b!.caseNumber; // a reviewer says this letter belongs to case B
      effective.items[0] = { ...effective.items[0]!, treatment: 'Zyxwvut therapy', decision: 'Overturned' };
      work.transaction(() =>
        refreshCaseProjection(work, a!.id, parsedA, effective, 'in review', ['orphaned-correction']),
      )();

      const found = listCases(work, { filter: { search: 'zyxwvut' } }).rows;
      expect(found.map((r) => r.id)).toEqual([a!.id]);
      const versions = listCases(work, {
        filter: { search: b!.caseNumber! },
        sort: 'caseNumber',
        direction: 'asc',
      }).rows.filter((r) => r.caseNumber === b!.caseNumber);
      expect(versions.map((r) => [r.id, r.version])).toEqual([
        [Math.min(a!.id, b!.id), 1],
        [Math.max(a!.id, b!.id), 2],
      ]);
      for (const v of versions) expect(v.flags).toContain('duplicate-case-number');

      const row = listCases(work, { filter: { status: 'in review' } }).rows[0]!;
      expect(row.id).toBe(a!.id);
      expect(row.flags).toContain('orphaned-correction');
      expect(row.overturned).toBe(effective.items.filter((i) => i.decision === 'Overturned').length);
      expect(work.prepare('SELECT treatment FROM items WHERE case_id = ? AND idx = 0').pluck().get(a!.id)).toBe(
        'Zyxwvut therapy',
      );
      // The parse itself is untouched.
      expect(getCurrentParse(work, a!.id)).toEqual(parsedA);

      // Undo the number change: versions and flags return.
      work.transaction(() => refreshCaseProjection(work, a!.id, parsedA, parsedToValues(parsedA), 'new'))();
      expect(listCases(work, { filter: { flag: 'duplicate-case-number' } }).total).toBe(0);
      expect(ftsIntegrityOk(work)).toBe(true);
    } finally {
      work.close();
    }
  });
});

describe('reparse', () => {
  it('appends a new parse, keeps the old one and keeps corrections in force', async () => {
    const work = copyWorkspace('reparse');
    try {
      const target = listCases(work, { filter: {}, limit: 1000 }).rows.find((r) => r.itemCount >= 1 && r.caseNumber)!;
      applyCorrection(work, {
        caseId: target.id,
        reviewer: 'tester',
        reason: 'typo',
        change: { type: 'set-field', path: 'items[0].treatment', value: 'Corrected treatment name' },
      });
      const before = listParses(work, target.id);
      expect(before).toHaveLength(1);

      // Unchanged parser: nothing new is recorded.
      const same = await reparseAll(work);
      expect(same).toMatchObject({ documents: getStats(work).cases, failed: 0, orphanedCorrections: 0 });
      expect(listParses(work, target.id)).toHaveLength(1);

      // A "new parser version" that reads one more item and a different date.
      const newer = (text: LetterText) => {
        const parsed = parseLetter(text);
        return {
          ...parsed,
          parserVersion: '99.0.0',
          decisionDate: '2099-01-01',
          items: [...parsed.items, { ...parsed.items[0]!, treatment: 'Extra item' }],
        };
      };
      const summary = await reparseAll(work, { parse: newer });
      expect(summary.reparsed).toBe(summary.documents);
      const parses = listParses(work, target.id);
      expect(parses.map((p) => [p.parserVersion, p.current])).toEqual([
        [before[0]!.parserVersion, false],
        ['99.0.0', true],
      ]);
      const detail = getCaseDetail(work, target.id)!;
      expect(detail.parsed.decisionDate).toBe('2099-01-01');
      expect(detail.effective.items[0]!.treatment).toBe('Corrected treatment name');
      expect(detail.effective.items.at(-1)!.treatment).toBe('Extra item');
      expect(listCases(work, { filter: { search: 'corrected treatment' } }).rows.map((r) => r.id)).toEqual([target.id]);
      expect(ftsIntegrityOk(work)).toBe(true);

      // A parser that finds no items: the correction's target is gone, and it is surfaced, not dropped.
      const noItems = (text: LetterText) => ({ ...parseLetter(text), parserVersion: '100.0.0', items: [] });
      const orphaning = await reparseAll(work, { parse: noItems });
      expect(orphaning.orphanedCorrections).toBe(1);
      const orphaned = getCaseDetail(work, target.id)!;
      expect(orphaned.orphanedCorrections.map((o) => o.path)).toEqual(['items[0].treatment']);
      expect(orphaned.flags).toContain('orphaned-correction');
      expect(listCases(work, { filter: { flag: 'orphaned-correction' } }).rows.map((r) => r.id)).toEqual([target.id]);
    } finally {
      work.close();
    }
  });

  it('keeps the previous parse of a letter the new parser no longer recognises', async () => {
    const work = copyWorkspace('reparse-fail');
    try {
      const id = listCaseIds(work)[0]!;
      const before = getCurrentParse(work, id);
      const summary = await reparseAll(work, {
        parse: (text) => ({ ...parseLetter(text), isImrLetter: false, parserVersion: '2.0.0' }),
      });
      expect(summary.failed).toBe(summary.documents);
      expect(getCurrentParse(work, id)).toEqual(before);
      expect(getLetterText(work, getCaseDetail(work, id)!.documentId)!.text.length).toBeGreaterThan(0);
    } finally {
      work.close();
    }
  });
});
