/**
 * Workspaces in unusual places and states, through the `imr` CLI as a user
 * runs it (issue 12): on read-only media or a full disk the read commands
 * work and the writing ones refuse with the reason; a damaged file gets a
 * report and no writes; a locked one says it is in use.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWorkbook } from '../../../backend/export/export-workbook';
import { createService } from '../../../backend/service/service';
import { openDatabase } from '../../../backend/store/database';
import { runImr } from '../hosts/cli-helpers';
import { CORPUS_SEED_DIR, textLetterVariant } from '../import/fixtures';
import { readWorkbook, sheetTable } from '../export/workspace';
import { place, unavailable, type Medium } from './media';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-unusual-'));
const source = path.join(tmp, 'source.sqlite');
const seed = path.join(CORPUS_SEED_DIR, fs.readdirSync(CORPUS_SEED_DIR).sort()[0]!);

beforeAll(() => {
  const lettersDir = path.join(tmp, 'letters');
  fs.mkdirSync(lettersDir);
  // Four of the five seeds: the fifth is left for the import that must be refused.
  for (const file of fs.readdirSync(CORPUS_SEED_DIR).sort().slice(1)) {
    fs.copyFileSync(path.join(CORPUS_SEED_DIR, file), path.join(lettersDir, file));
  }
  expect(runImr(['import', '--db', source, lettersDir]).status).toBe(0);
  const correct = runImr([
    ...['correct', '--db', source, '--case', '1', '--field', 'patientAge', '--value', '61'],
    ...['--reviewer', 'Dana'],
  ]);
  expect(correct.stderr).toBe('');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** What a reviewer can still do with the workspace at `dbPath`. */
function expectReadable(dbPath: string, outDir: string): void {
  const list = runImr(['list', '--db', dbPath, '--json']);
  expect(list.stderr).toBe('');
  expect(list.json<unknown[]>()).toHaveLength(4);
  const verify = runImr(['verify', '--db', dbPath]);
  expect(verify.stderr).toBe('');
  expect(verify.status).toBe(0);
  expect(verify.stdout).toMatch(/^OK: database intact, audit chain of \d+ event/);
  // --full: FTS5 checks the search index only on a connection that can write; where none can be had, the report
  // says the index was not checked, and why, rather than an OK that reads as if it had been.
  const full = runImr(['verify', '--db', dbPath, '--full']);
  expect({ stderr: full.stderr, status: full.status }).toEqual({ stderr: '', status: 0 });
  expect(full.stdout).toMatch(
    /\nNot checked: the search index \(case_search\) against the case list and letters: not run/,
  );
  for (const args of [
    ['show', '--db', dbPath, '--case', '1'],
    ['history', '--db', dbPath, '--case', '1'],
    ['stats', '--db', dbPath],
    // A case condition: the figures work it out once into a temporary table (backend/store/case-filter.ts).
    ['stats', '--db', dbPath, '--by', 'category', '--filter', 'status=new', '--json'],
  ]) {
    const run = runImr(args);
    expect({ args, stderr: run.stderr, status: run.status }).toEqual({ args, stderr: '', status: 0 });
  }
  const out = path.join(outDir, 'cases.xlsx');
  const exported = runImr(['export', '--db', dbPath, '--out', out]);
  expect(exported.stderr).toBe('');
  expect(exported.stdout).toMatch(/^Exported 4 cases, /);
  expect(fs.statSync(out).size).toBeGreaterThan(0);
}

describe.each<[Medium, RegExp]>([
  ['read-only file', /read-only|cannot be written/],
  ['read-only folder', /read-only|cannot be written/],
  ['full disk', /disk holding the workspace is full|full disk/],
])('a workspace on a %s', (medium, refusal) => {
  const why = unavailable(medium);
  it.skipIf(why !== null)(`can be listed, verified, shown and exported, not changed${why ? ` (${why})` : ''}`, () => {
    const placed = place(medium, source);
    try {
      const before = sha(placed.dbPath);
      expectReadable(placed.dbPath, placed.outDir);

      const imported = runImr(['import', '--db', placed.dbPath, seed]);
      expect(imported.status).toBe(1);
      expect(imported.stderr.trim().split('\n')).toEqual([expect.stringMatching(refusal)]);
      const corrected = runImr([
        ...['correct', '--db', placed.dbPath, '--case', '1', '--field', 'patientAge', '--value', '62'],
        ...['--reviewer', 'Dana'],
      ]);
      expect(corrected.status).toBe(1);
      expect(corrected.stderr).toMatch(refusal);
      expect(sha(placed.dbPath)).toBe(before);
      expect(runImr(['list', '--db', placed.dbPath, '--json']).json<unknown[]>()).toHaveLength(4);
    } finally {
      placed.cleanup();
    }
  });
});

describe('the app on a read-only workspace', () => {
  const why = unavailable('read-only folder');
  it.skipIf(why !== null)('opens it for reading, says why it cannot be changed, and refuses writes', async () => {
    const placed = place('read-only folder', source);
    const service = createService({ dbPath: placed.dbPath, host: 'test', samplesDir: null, settingsPath: null });
    try {
      const info = await service.send('app.info', {});
      expect(info.ok && info.value.readOnly).toMatch(
        /^The workspace (file|folder) .* the workspace can be read and exported, not changed\.$/,
      );
      const list = await service.send('cases.list', {});
      expect(list.ok && list.value.total).toBe(4);
      const refused = await service.send('corrections.apply', {
        caseId: 1,
        reviewer: 'Dana',
        change: { type: 'note', text: 'checked' },
      });
      expect(refused).toEqual({ ok: false, error: { code: 'not_available', message: info.ok && info.value.readOnly } });
      const imported = await service.privileged.send('import.paths', { paths: [seed] });
      expect(imported.ok).toBe(false);
    } finally {
      service.close();
      placed.cleanup();
    }
  });
});

describe('a workspace whose last changes are still in its write-ahead log', () => {
  /** A copy of the workspace taken while a writer holds uncheckpointed changes in its -wal file. */
  function withPendingWal(): { dir: string; dbPath: string } {
    const dir = fs.mkdtempSync(path.join(tmp, 'wal-'));
    const live = path.join(dir, 'live.sqlite');
    fs.copyFileSync(source, live);
    const writer = new Database(live);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("UPDATE cases SET status = 'needs second look' WHERE id = 2").run();
    const dbPath = path.join(dir, 'workspace.sqlite');
    for (const s of ['', '-wal', '-shm']) fs.copyFileSync(live + s, dbPath + s);
    writer.close();
    return { dir, dbPath };
  }

  const why = unavailable('read-only folder');
  it.skipIf(why !== null)('is read with those changes from a read-only folder when its -shm file is there', () => {
    const { dbPath } = withPendingWal();
    const placed = place('read-only folder', dbPath, { withWal: true });
    try {
      const list = runImr(['list', '--db', placed.dbPath, '--status', 'needs second look', '--json']);
      expect(list.stderr).toBe('');
      expect(list.json<{ id: number }[]>().map((r) => r.id)).toEqual([2]);
    } finally {
      placed.cleanup();
    }
  });

  it.skipIf(why !== null)('is refused, saying what to do, when SQLite cannot read those changes', () => {
    const { dbPath } = withPendingWal();
    fs.rmSync(`${dbPath}-shm`);
    const placed = place('read-only folder', dbPath, { withWal: true });
    try {
      const list = runImr(['list', '--db', placed.dbPath]);
      expect(list.status).toBe(1);
      expect(list.stderr.trim()).toMatch(
        /^imr: The workspace .* has recent changes in its write-ahead log \(workspace\.sqlite-wal\) .* Copy the workspace file together with its -wal file to a folder you can write to, and open the copy\.$/,
      );
    } finally {
      placed.cleanup();
    }
  });
});

describe('a damaged workspace', () => {
  /** A copy with one page overwritten by zeros (what a failing disk or a bad copy leaves). */
  function damaged(page: number): string {
    const copy = path.join(fs.mkdtempSync(path.join(tmp, 'damaged-')), 'workspace.sqlite');
    fs.copyFileSync(source, copy);
    const pageSize = 4096;
    const fd = fs.openSync(copy, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (page - 1) * pageSize);
    fs.closeSync(fd);
    return copy;
  }

  /** Pages of the table `name` (its b-tree root first), to damage a chosen table. */
  function rootPage(dbPath: string, name: string): number {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(name) as number;
    } finally {
      db.close();
    }
  }

  it('verify reports SQLite findings one per line and exits 1; import and corrections refuse to write', () => {
    const dbPath = damaged(rootPage(source, 'items'));
    const before = sha(dbPath);
    const verify = runImr(['verify', '--db', dbPath]);
    expect(verify.status).toBe(1);
    const lines = verify.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^verify: /);
    expect(lines.some((l) => /^verify: SQLite integrity check: /.test(l))).toBe(true);
    expect(lines).toContain(
      'verify: The workspace file is damaged. Export what can still be read (imr export, or Export in the app) and import the letters again into a new workspace.',
    );
    expect(verify.stderr).not.toMatch(/Internal error/);

    const imported = runImr(['import', '--db', dbPath, seed]);
    expect(imported.status).toBe(1);
    expect(imported.stderr.trim()).toMatch(
      /^imr: The workspace file is damaged, so nothing more is written to it \(SQLite quick_check: .*\)\. Run imr verify for the full report\. Export what can still be read .* and import the letters again into a new workspace\.$/,
    );
    const corrected = runImr([
      ...['correct', '--db', dbPath, '--case', '1', '--field', 'patientAge', '--value', '62'],
      ...['--reviewer', 'Dana'],
    ]);
    expect(corrected.status).toBe(1);
    expect(corrected.stderr).toMatch(/^imr: The workspace file is damaged, so nothing more is written to it/);
    expect(sha(dbPath)).toBe(before);
  });

  /** A page of the table `name` other than its root (an overflow page where it has one): a letter's or parse's bytes. */
  function innerPage(dbPath: string, name: string): number {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db
        .prepare(
          "SELECT pageno FROM dbstat WHERE name = ? AND path != '/' ORDER BY pagetype = 'overflow' DESC, pageno LIMIT 1",
        )
        .pluck()
        .get(name) as number;
    } finally {
      db.close();
    }
  }

  it.each(['document_content', 'case_parses'])(
    'a damaged page of %s, which quick_check leaves to the full read of every letter and parse, is reported, naming the case',
    (table) => {
      const page = innerPage(source, table);
      expect(page).toBeGreaterThan(1);
      const verify = runImr(['verify', '--db', damaged(page)]);
      expect(verify.status).toBe(1);
      expect(verify.stderr).not.toMatch(/Internal error/);
      // SQLite cannot read a damaged b-tree page; a zeroed overflow page reads as zeros, which the checksums catch.
      expect(verify.stderr).toMatch(
        /^verify: (The workspace file is damaged: SQLite could not read |Case #\d+: (its letter|parse #\d+) .*changed)/m,
      );
    },
  );

  it('a damaged workspace of the previous version is not upgraded, and analytics say it is damaged and what to do', async () => {
    // Version 10: the upgrade to 11 (case_values rebuilt) reads items, whose b-tree root is zeroed.
    const dbPath = path.join(fs.mkdtempSync(path.join(tmp, 'damaged-v10-')), 'workspace.sqlite');
    fs.copyFileSync(source, dbPath);
    const raw = new Database(dbPath);
    raw.pragma('user_version = 10');
    raw.close();
    const fd = fs.openSync(dbPath, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096), 0, 4096, (rootPage(dbPath, 'items') - 1) * 4096);
    fs.closeSync(fd);
    const before = sha(dbPath);
    const refusal =
      /^Analytics need this workspace upgraded to the current version, and it is not upgraded because the workspace file is damaged \(SQLite quick_check: .+\)\. Run imr verify for the full report\. Export what can still be read .* and import the letters again into a new workspace\.$/;
    const stats = runImr(['stats', '--db', dbPath, '--by', 'category']);
    expect({ status: stats.status, stdout: stats.stdout }).toEqual({ status: 1, stdout: '' });
    expect(stats.stderr.trim().replace(/^imr: /, '')).toMatch(refusal);
    expect(stats.stderr).not.toMatch(/written here|read-only|permission/);
    // The app opens it for writing, falls back to reading: its Analytics view says the same.
    const service = createService({ dbPath, host: 'test', samplesDir: null, settingsPath: null, warmUp: false });
    try {
      const figures = await service.send('stats.analytics', { filter: {}, by: ['category'] });
      expect(figures).toEqual({ ok: false, error: { code: 'not_available', message: expect.stringMatching(refusal) } });
    } finally {
      service.close();
    }
    expect(sha(dbPath)).toBe(before);
  });

  it('a file whose audit trail cannot be read still gets a report, not an internal error', () => {
    const dbPath = damaged(rootPage(source, 'audit_events'));
    const verify = runImr(['verify', '--db', dbPath]);
    expect(verify.status).toBe(1);
    expect(verify.stderr).not.toMatch(/Internal error/);
    const lines = verify.stderr.trim().split('\n');
    expect(lines).toContain(
      'verify: The letters, parses and chain head were not compared with the audit trail, as it could not be read to its end.',
    );
    // Damage is not tampering: no case is accused of having been added outside the app, and no line repeats.
    expect(verify.stderr).not.toMatch(/outside IMR Workbench|events? (is|are) missing/);
    expect(new Set(lines).size).toBe(lines.length);
  });
});

describe('an export of a damaged workspace', () => {
  const LETTERS = 60;
  let many: string;

  beforeAll(() => {
    // Enough cases that the case table and the parses span several pages: damage to one leaves the others readable.
    const lettersDir = fs.mkdtempSync(path.join(tmp, 'many-letters-'));
    const seedText = fs.readFileSync(seed, 'utf8');
    for (let n = 0; n < LETTERS; n++)
      fs.writeFileSync(path.join(lettersDir, `letter-${n}.txt`), textLetterVariant(seedText, n));
    many = path.join(tmp, 'many.sqlite');
    expect(runImr(['import', '--db', many, lettersDir]).status).toBe(0);
    const correct = runImr([
      ...['correct', '--db', many, '--case', '1', '--field', 'patientAge', '--value', '61'],
      ...['--reviewer', 'Dana'],
    ]);
    expect(correct.stderr).toBe('');
  });

  /** A copy of the many-case workspace with the `nth` leaf page (by b-tree order) of `table` zeroed. */
  function withDamagedLeaf(table: string, nth: number): string {
    const db = new Database(many, { readonly: true });
    let page: number;
    try {
      const leaves = db
        .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path")
        .pluck()
        .all(table) as number[];
      expect(leaves.length).toBeGreaterThan(nth);
      page = leaves[nth]!;
    } finally {
      db.close();
    }
    const copy = path.join(fs.mkdtempSync(path.join(tmp, 'damaged-export-')), 'workspace.sqlite');
    fs.copyFileSync(many, copy);
    const fd = fs.openSync(copy, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096), 0, 4096, (page - 1) * 4096);
    fs.closeSync(fd);
    return copy;
  }

  it.each([
    ['case list', 'cases'],
    ['parses', 'case_parses'],
  ])(
    'with a damaged page in its %s: holds every case that reads, names the others, and exits 2',
    async (_what, table) => {
      const dbPath = withDamagedLeaf(table, 1);
      const before = sha(dbPath);
      const out = path.join(path.dirname(dbPath), 'cases.xlsx');
      const exported = runImr(['export', '--db', dbPath, '--out', out]);
      expect(exported.status).toBe(2);
      const cases = Number(/^Exported (\d+) cases?, /.exec(exported.stdout)?.[1]);
      const skipped = exported.stderr
        .trim()
        .split('\n')
        .filter((line) => /^export: Case .* could not be read and is not in this export/.test(line));
      expect(cases).toBeGreaterThan(0);
      expect(skipped.length).toBeGreaterThan(0);
      expect(cases + skipped.length).toBe(LETTERS);
      expect(exported.stderr.trim().split('\n').at(-1)).toMatch(
        /^export: Partial export: the workspace file is damaged/,
      );
      expect(exported.stderr).not.toMatch(/Internal error/);

      const book = await readWorkbook(out);
      expect(sheetTable(book, 'Cases').rows.filter((row) => row.hasValues)).toHaveLength(cases);
      const about: [string, string][] = [];
      book
        .getWorksheet('About')!
        .eachRow((row) => about.push([String(row.getCell(1).value), String(row.getCell(2).value)]));
      expect(about[1]).toEqual(['Partial export', expect.stringMatching(/^Yes: the workspace file is damaged/)]);
      expect(about.filter(([key]) => key === 'Not exported')).toHaveLength(skipped.length);

      const csv = runImr(['export', '--db', dbPath, '--out', path.join(path.dirname(dbPath), 'items.csv')]);
      expect(csv.status).toBe(2);
      expect(csv.stdout).toMatch(new RegExp(`^Exported \\d+ items? of ${cases} cases? \\(the items table only`));
      expect(sha(dbPath)).toBe(before);
    },
  );

  /** The ids of the cases `list` printed (JSON) and the lines naming the ones it left out. */
  function listed(args: string[]): { status: number | null; ids: number[]; named: string[]; stderr: string } {
    const run = runImr(['list', ...args, '--json']);
    const lines = run.stderr.trim().split('\n');
    return {
      status: run.status,
      ids: run.json<{ id: number }[]>().map((row) => row.id),
      named: lines.filter((line) => /^list: Case .* could not be read and is not in this list \(SQLite: /.test(line)),
      stderr: run.stderr,
    };
  }

  it.each([[[] as string[]], [['--search', 'MAXIMUS']], [['--status', 'new']]])(
    'list %j with a damaged page in its case table: lists every case that reads, names the others, and exits 2',
    (args) => {
      const whole = listed(['--db', many, ...args]);
      expect({ status: whole.status, stderr: whole.stderr }).toEqual({ status: 0, stderr: '' });
      const dbPath = withDamagedLeaf('cases', 1);
      const before = sha(dbPath);
      const { status, ids, named, stderr } = listed(['--db', dbPath, ...args]);
      expect(status).toBe(2);
      expect(ids.length).toBeGreaterThan(0);
      expect(named.length).toBeGreaterThan(0);
      // Every match of the undamaged workspace is either listed or named.
      expect(ids.length + named.length).toBe(whole.ids.length);
      expect(whole.ids).toEqual(expect.arrayContaining(ids));
      expect(new Set(ids).size).toBe(ids.length);
      expect(stderr.trim().split('\n').at(-1)).toMatch(/^list: Partial list: the workspace file is damaged/);
      expect(stderr).not.toMatch(/Internal error/);
      // The table form says the same, and nothing was written.
      const table = runImr(['list', '--db', dbPath, ...args]);
      expect(table.status).toBe(2);
      expect(table.stdout).toContain(`${ids.length} case(s)`);
      expect(sha(dbPath)).toBe(before);
    },
  );

  it("the app's case list of a damaged workspace pages through what reads, sorted, and says what it left out", async () => {
    const dbPath = withDamagedLeaf('cases', 1);
    const service = createService({ dbPath, host: 'test', samplesDir: null, settingsPath: null });
    try {
      const first = await service.send('cases.list', { sort: 'caseNumber', direction: 'asc', limit: 10 });
      const rest = await service.send('cases.list', { sort: 'caseNumber', direction: 'asc', offset: 10, limit: 100 });
      if (!first.ok || !rest.ok) throw new Error(JSON.stringify([first, rest]));
      const rows = [...first.value.rows, ...rest.value.rows];
      expect(rows).toHaveLength(first.value.total);
      const numbers = rows.map((row) => row.caseNumber ?? '');
      expect(numbers).toEqual([...numbers].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
      expect(first.value.unreadable?.length).toBeGreaterThan(0);
      expect(first.value.total + first.value.unreadable!.length).toBe(LETTERS);
    } finally {
      service.close();
    }
  });

  it('"Next unreviewed" in a damaged workspace walks the cases that read, in list order, skipping the others', async () => {
    const dbPath = withDamagedLeaf('cases', 1);
    const before = sha(dbPath);
    const service = createService({ dbPath, host: 'test', samplesDir: null, settingsPath: null });
    try {
      const order = { sort: 'caseNumber', direction: 'asc' } as const;
      const list = await service.send('cases.list', { ...order, limit: 1000 });
      if (!list.ok) throw new Error(JSON.stringify(list));
      expect(list.value.unreadable?.length).toBeGreaterThan(0);
      const walked: { caseId: number; index: number }[] = [];
      let from: number | undefined;
      for (;;) {
        const found = await service.send('cases.neighbor', {
          ...order,
          step: 'next',
          status: 'new',
          ...(from !== undefined ? { from } : {}),
        });
        if (!found.ok) throw new Error(JSON.stringify(found));
        if (!found.value) break;
        walked.push(found.value);
        from = found.value.caseId;
      }
      // Every listed new case once (case 1 was corrected), in the list's order and at its row; no unreadable one.
      const listedNew = list.value.rows
        .map((row, index) => ({ caseId: row.id, index, status: row.status }))
        .filter((row) => row.status === 'new')
        .map(({ caseId, index }) => ({ caseId, index }));
      expect(listedNew.length).toBe(list.value.rows.length - 1);
      expect(walked).toEqual(listedNew);
      const back = await service.send('cases.neighbor', { ...order, step: 'previous', from: walked.at(-1)!.caseId });
      expect(back).toEqual({ ok: true, value: walked.at(-2) });
      // From a case that cannot be read (the review screen still showing it): the walk starts over at the first.
      const lost = Number(/#(\d+)/.exec(list.value.unreadable![0]!)?.[1]);
      const fromLost = await service.send('cases.neighbor', { ...order, step: 'next', status: 'new', from: lost });
      expect(fromLost).toEqual({ ok: true, value: walked[0] });
      // Wrapping round from the last case comes back to the first.
      const wrapped = await service.send('cases.neighbor', { ...order, step: 'next', status: 'new', wrap: true, from });
      expect(wrapped).toEqual({ ok: true, value: walked[0] });
    } finally {
      service.close();
    }
    expect(sha(dbPath)).toBe(before);
  });

  it.each([['cases'], ['items'], ['case_values']])(
    'stats and analytics of a workspace with a damaged page in its %s table refuse, saying why and what to do',
    async (table) => {
      const whole = runImr(['stats', '--db', many, '--json']);
      expect(whole.status).toBe(0);
      const dbPath = withDamagedLeaf(table, 1);
      const before = sha(dbPath);
      const refusal =
        /^imr: No figures for a damaged workspace: some cases cannot be read \(SQLite: .+\), so totals and rates would not be exact; imr list \(or the case list\) names the cases left out\. Export what can still be read/;
      for (const args of [[], ['--json'], ['--by', 'category'], ['--by', 'bodyRegion', '--csv']]) {
        const stats = runImr(['stats', '--db', dbPath, ...args]);
        expect({ args, status: stats.status, stdout: stats.stdout }).toEqual({ args, status: 1, stdout: '' });
        expect(stats.stderr.trim().split('\n')).toEqual([expect.stringMatching(refusal)]);
      }
      // The Analytics view shows the same message (it prints the error under "The figures could not be computed"),
      // also after the app's host has read ahead (which meets the damage first).
      for (const warmUp of [false, true]) {
        const service = createService({ dbPath, host: 'test', samplesDir: null, settingsPath: null, warmUp });
        try {
          await service.warmedUp;
          const figures = await service.send('stats.analytics', { filter: {}, by: ['category'] });
          expect(figures).toEqual({
            ok: false,
            error: { code: 'not_available', message: expect.stringMatching(/^No figures for a damaged workspace: /) },
          });
        } finally {
          service.close();
        }
      }
      expect(sha(dbPath)).toBe(before);
    },
  );

  it('analytics that meet a damaged page in an index the table check does not read refuse with the same message', async () => {
    // The check reads each table from its own pages; a breakdown under no condition reads only case_values_value.
    const dbPath = withDamagedLeaf('case_values_value', 0);
    const before = sha(dbPath);
    const stats = runImr(['stats', '--db', dbPath, '--by', 'bodyRegion', '--json']);
    expect({ status: stats.status, stdout: stats.stdout }).toEqual({ status: 1, stdout: '' });
    expect(stats.stderr.trim()).toMatch(
      /^imr: No figures for a damaged workspace: some cases cannot be read \(SQLite: .+\), so totals and rates would not be exact; imr list \(or the case list\) names the cases left out\. Export what can still be read/,
    );
    const service = createService({ dbPath, host: 'test', samplesDir: null, settingsPath: null, warmUp: false });
    try {
      const refused = {
        ok: false,
        error: { code: 'not_available', message: expect.stringMatching(/^No figures for a damaged workspace: /) },
      };
      expect(await service.send('stats.analytics', { filter: {}, by: ['bodyRegion'] })).toEqual(refused);
      // Kept as the check's until the contents change: the next call, even one that would not meet it, is refused.
      expect(await service.send('stats.get', {})).toEqual(refused);
    } finally {
      service.close();
    }
    expect(sha(dbPath)).toBe(before);
  });

  it('a filtered export whose filter meets the damage holds the matching cases that read and names the others', async () => {
    const dbPath = withDamagedLeaf('cases', 1);
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const out = path.join(path.dirname(dbPath), 'filtered.csv');
      const written = await exportWorkbook(db, { outPath: out, format: 'csv', filter: { search: 'MAXIMUS' } });
      const named = written.unreadable.filter((line) =>
        /^Case .* could not be read and is not in this export/.test(line),
      );
      expect(written.cases).toBeGreaterThan(0);
      expect(named.length).toBeGreaterThan(0);
      expect(written.cases + named.length).toBe(LETTERS);
    } finally {
      db.close();
    }
  });

  it('of an undamaged workspace is whole and exits 0', () => {
    const exported = runImr(['export', '--db', many, '--out', path.join(tmp, 'many.xlsx')]);
    expect({ status: exported.status, stderr: exported.stderr }).toEqual({ status: 0, stderr: '' });
    expect(exported.stdout).toMatch(new RegExp(`^Exported ${LETTERS} cases, `));
  });
});

describe('a workspace in use by another process', () => {
  it('a correction waits, then says the workspace is in use', () => {
    const dbPath = path.join(fs.mkdtempSync(path.join(tmp, 'locked-')), 'workspace.sqlite');
    fs.copyFileSync(source, dbPath);
    const other = new Database(dbPath);
    try {
      other.pragma('journal_mode = WAL');
      other.exec('BEGIN IMMEDIATE');
      const corrected = runImr([
        ...['correct', '--db', dbPath, '--case', '1', '--field', 'patientAge', '--value', '62'],
        ...['--reviewer', 'Dana'],
      ]);
      expect(corrected.status).toBe(1);
      expect(corrected.stderr.trim()).toBe('imr: The workspace is in use by another process; try again.');
      // Reading goes on meanwhile.
      expect(runImr(['list', '--db', dbPath, '--json']).json<unknown[]>()).toHaveLength(4);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
