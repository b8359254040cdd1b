import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, CaseDetail, CaseRow, ImportSummary, Stats } from '../../../shared/domain/case';
import { PROJECT_ROOT, runImr } from './cli-helpers';

/**
 * The whole CLI workflow a researcher would script: import a folder with a
 * bad file in it, list, search, show, correct, history, verify, export,
 * reparse — on a real workspace file, through the real entry point.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-cli-flow-'));
const db = path.join(tmp, 'ws.imr.sqlite');
const letters = path.join(tmp, 'letters');
const corpus = path.join(PROJECT_ROOT, 'test/fixtures/corpus');
const PDFS = ['CM16-0230651.pdf', 'CM16-0232182.pdf', 'CM16-0232543.pdf'];

beforeAll(() => {
  fs.mkdirSync(path.join(letters, 'nested'), { recursive: true });
  for (const f of PDFS) fs.copyFileSync(path.join(corpus, 'letters', f), path.join(letters, f));
  for (const f of fs.readdirSync(path.join(corpus, 'seeds'))) {
    fs.copyFileSync(path.join(corpus, 'seeds', f), path.join(letters, 'nested', f));
  }
  // Random bytes named .pdf: the importer sniffs content, not the extension.
  fs.writeFileSync(
    path.join(letters, 'broken.pdf'),
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
  );
  fs.writeFileSync(path.join(letters, 'notes.docx'), 'word file');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('imr CLI workflow', () => {
  let caseNumber: string;

  it('imports a folder, rejecting the bad file with its reason (exit 2)', () => {
    const run = runImr(['import', '--db', db, letters, '--json']);
    expect(run.status).toBe(2);
    const summary = run.json<ImportSummary>();
    expect(summary.imported).toBe(PDFS.length + 5);
    expect(summary.rejected).toBe(1);
    const broken = summary.outcomes.find((o) => o.path.endsWith('broken.pdf'));
    expect(broken?.outcome).toBe('rejected');
    expect(broken?.reason).toMatch(/not a PDF/i);
    expect(summary.outcomes.find((o) => o.path.endsWith('notes.docx'))?.outcome).toBe('skipped');
    expect(run.stderr).toMatch(/rejected: .*broken\.pdf — /);
  });

  it('importing the same folder again adds nothing', () => {
    const run = runImr(['import', '--db', db, letters, '--json']);
    const summary = run.json<ImportSummary>();
    expect(summary.imported).toBe(0);
    expect(summary.duplicate).toBe(PDFS.length + 5);
  });

  it("says what became of the letters in the app's words, and lists the file that is not a letter apart", () => {
    const run = runImr(['import', '--db', db, letters]);
    expect(run.status).toBe(2);
    // Nine letter files (8 already in, 1 rejected); notes.docx is no letter, so neither counted nor a rejection.
    expect(run.stdout).toBe(
      'Import finished: 0 imported, 8 already in the workspace, 1 rejected, of 9 letters.\n' +
        '1 other file was not a letter and left out:\n' +
        `  ${path.join(letters, 'notes.docx')} — not a letter file (.docx): only .pdf, .txt and .text files are imported\n`,
    );
    expect(run.stderr).toMatch(/^rejected: .*broken\.pdf — [^\n]+\n$/);
  });

  it('stats counts documents, cases, items and rejected files', () => {
    const stats = runImr(['stats', '--db', db, '--json']).json<Stats>();
    expect(stats).toMatchObject({ documents: 8, cases: 8, rejected: expect.any(Number), corrections: 0 });
    expect(stats.rejected).toBeGreaterThanOrEqual(1);
    expect(stats.items).toBeGreaterThanOrEqual(8);
  });

  it('lists cases with the documented keys, and searches the full text', () => {
    const rows = runImr(['list', '--db', db, '--json']).json<CaseRow[]>();
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(row).toEqual(
        expect.objectContaining({
          id: expect.any(Number),
          file: expect.any(String),
          status: 'new',
          itemCount: expect.any(Number),
        }),
      );
      expect(row).toHaveProperty('caseNumber');
    }
    const withNumber = rows.find((r) => r.caseNumber === 'CM16-0230651');
    expect(withNumber).toBeDefined();
    caseNumber = 'CM16-0230651';

    const hits = runImr(['list', '--db', db, '--search', 'acupuncture', '--json']).json<CaseRow[]>();
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThan(rows.length);
    expect(hits.map((h) => h.caseNumber)).toContain('CM16-0230651');

    const bad = runImr(['list', '--db', db, '--status', 'finished']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--status must be one of/);
  });

  it('corrects a decision with a reason; show keeps the parsed value beside the effective one', () => {
    const before = runImr(['show', '--db', db, '--case', caseNumber, '--json']).json<CaseDetail>();
    // Each effective item says which parsed item it comes from, with that item's sources.
    expect(before.effective.items.map((i) => i.parsedIndex)).toEqual(before.parsed.items.map((_, i) => i));
    expect(before.effective.items[0]!.spans.treatment).toEqual(before.parsed.items[0]!.spans.treatment);
    const parsedDecision = before.parsed.items[0]?.decision;
    const newDecision = parsedDecision === 'Upheld' ? 'Overturned' : 'Upheld';

    const noReason = runImr([
      'correct',
      '--db',
      db,
      '--case',
      caseNumber,
      '--field',
      'items[0].decision',
      '--value',
      newDecision,
      '--reviewer',
      'J. Doe',
    ]);
    expect(noReason.status).toBe(2);
    expect(noReason.stderr).toMatch(/reason/i);

    const ok = runImr([
      'correct',
      '--db',
      db,
      '--case',
      caseNumber,
      '--field',
      'items[0].decision',
      '--value',
      newDecision,
      '--reviewer',
      'J. Doe',
      '--reason',
      'rationale supports it',
    ]);
    expect(ok.status).toBe(0);

    const after = runImr(['show', '--db', db, '--case', String(before.id), '--json']).json<CaseDetail>();
    expect(after.effective.items[0]?.decision).toBe(newDecision);
    expect(after.parsed.items[0]?.decision).toBe(parsedDecision);
    expect(after.corrections).toContainEqual(
      expect.objectContaining({ path: 'items[0].decision', parsedValue: parsedDecision, effectiveValue: newDecision }),
    );

    const invalid = runImr([
      'correct',
      '--db',
      db,
      '--case',
      caseNumber,
      '--field',
      'patientAge',
      '--value',
      'abc',
      '--reviewer',
      'J. Doe',
    ]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr.trim().split('\n')).toHaveLength(1);
    expect(invalid.stderr).toContain('patientAge must be a whole number from 0 to 120 (got "abc")');

    // A value that starts with '-' is the option's value (not `--value=-3` only): the field model judges it.
    const negative = runImr([
      'correct',
      '--db',
      db,
      '--case',
      caseNumber,
      '--field',
      'patientAge',
      '--value',
      '-3',
      '--reviewer',
      'J. Doe',
    ]);
    expect(negative.status).toBe(2);
    expect(negative.stderr.trim()).toBe('imr: patientAge must be a whole number from 0 to 120 (got "-3").');
  });

  it('history lists the correction with reviewer and reason; verify accepts the chain', () => {
    const events = runImr(['history', '--db', db, '--case', caseNumber, '--json']).json<AuditEvent[]>();
    // The letter's import comes first, recorded by the app.
    expect(events.map((e) => e.type)).toEqual(['import-letter', 'set-field']);
    expect(events[0]).toMatchObject({ reviewer: 'IMR Workbench' });
    expect(events[1]).toMatchObject({
      type: 'set-field',
      path: 'items[0].decision',
      reviewer: 'J. Doe',
      reason: 'rationale supports it',
    });
    const verify = runImr(['verify', '--db', db, '--json']);
    expect(verify.status).toBe(0);
    // Eight letters imported (eight events) and one correction; every letter checked.
    expect(verify.json()).toMatchObject({ ok: true, events: 9, cases: 8 });
  });

  it('exports a workbook with the corrected value', async () => {
    const out = path.join(tmp, 'out', 'review.xlsx');
    fs.mkdirSync(path.dirname(out));
    const run = runImr(['export', '--db', db, '--out', out, '--json']);
    expect(run.status).toBe(0);
    expect(run.json()).toMatchObject({ cases: 8, corrections: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cases', 'Items', 'Corrections', 'About']);
    const bad = runImr(['export', '--db', db, '--out', path.join(tmp, 'review.pdf')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('imr: --out must end in .xlsx or .csv\n');
  });

  it('says a CSV of the items alone holds no corrections (not "0 corrections"), and counts them with --all-tables', () => {
    const items = path.join(tmp, 'out', 'items.csv');
    const alone = runImr(['export', '--db', db, '--out', items]);
    expect(alone.status).toBe(0);
    expect(alone.stdout).toMatch(
      new RegExp(`^Exported \\d+ items of 8 cases \\(the items table only: no corrections\\) to ${items}\n`),
    );
    expect(alone.stdout).toContain(
      'With --all-tables, the cases (one row each, with or without items) and the corrections',
    );
    // Written again over the first: --force (without it the existing file is kept, cli-refusals.test.ts).
    expect(runImr(['export', '--db', db, '--out', items, '--force', '--json']).json()).toMatchObject({
      cases: 8,
      corrections: null,
    });
    const all = runImr(['export', '--db', db, '--out', items, '--all-tables', '--force']);
    expect(all.stdout).toMatch(/^Exported 8 cases, \d+ items and 1 correction to /);
  });

  it('reparse keeps the correction in force', () => {
    const run = runImr(['reparse', '--db', db, '--json']);
    expect(run.status).toBe(0);
    expect(run.json()).toMatchObject({ documents: 8, reparsed: 8, failed: 0, orphanedCorrections: 0 });
    const detail = runImr(['show', '--db', db, '--case', caseNumber, '--json']).json<CaseDetail>();
    expect(detail.corrections).toHaveLength(1);
  });

  it('undo and redo are new audit events that restore and re-apply the value', () => {
    const detail = () => runImr(['show', '--db', db, '--case', caseNumber, '--json']).json<CaseDetail>();
    const corrected = detail().effective.items[0]?.decision;
    const parsed = detail().parsed.items[0]?.decision;
    const undo = runImr(['undo', '--db', db, '--case', caseNumber, '--reviewer', 'J. Doe']);
    expect(undo.status).toBe(0);
    // Says what it undid, as the history does (not just "Undone").
    expect(undo.stdout).toBe(
      `Case ${caseNumber}: Undid: Changed Item 1 · Decision (${String(corrected)} → ${String(parsed)})\n`,
    );
    expect(detail().effective.items[0]?.decision).toBe(parsed);
    const redo = runImr(['redo', '--db', db, '--case', caseNumber, '--reviewer', 'J. Doe', '--json']);
    expect(redo.json()).toMatchObject({ canUndo: true, canRedo: false });
    expect(detail().effective.items[0]?.decision).toBe(corrected);
    const events = runImr(['history', '--db', db, '--case', caseNumber, '--json']).json<AuditEvent[]>();
    // The reparse gave the same parses, so it recorded none.
    expect(events.map((e) => e.type)).toEqual(['import-letter', 'set-field', 'undo', 'redo']);
    const nothing = runImr(['redo', '--db', db, '--case', caseNumber, '--reviewer', 'J. Doe']);
    expect(nothing.status).toBe(2);
    // Named: a script undoing over many cases said "Nothing to redo on this case." without saying which.
    expect(nothing.stderr).toBe(`imr: Nothing to redo on case ${caseNumber}.\n`);
    // Given by its internal id, the case is named by the case number the list shows.
    const other = runImr(['list', '--db', db, '--json'])
      .json<{ id: number; caseNumber: string | null }[]>()
      .find((row) => row.caseNumber !== null && row.caseNumber !== caseNumber)!;
    const byId = runImr(['undo', '--db', db, '--case', String(other.id), '--reviewer', 'J. Doe']);
    expect(byId.stderr).toBe(`imr: Nothing to undo on case ${other.caseNumber}.\n`);
    expect(byId.status).toBe(2);
    expect(runImr(['verify', '--db', db]).status).toBe(0);
  });

  it('parse --json prints one NDJSON object per input with the schema keys', () => {
    const files = [path.join(letters, PDFS[0]!), path.join(letters, 'broken.pdf')];
    const run = runImr(['parse', '--json', ...files]);
    expect(run.status).toBe(2);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ file: files[0], caseNumber: 'CM16-0230651', format: expect.any(String) });
    for (const key of [
      'dateAssigned',
      'decisionDate',
      'priority',
      'dateOfInjury',
      'urDenialDate',
      'applicationReceived',
      'licensure',
      'specialty',
      'reviewerType',
      'patientAge',
      'patientSex',
      'diagnoses',
      'clinicalSummary',
      'items',
      'warnings',
    ]) {
      expect(lines[0]).toHaveProperty(key);
    }
    // Key names are a contract with spreadsheets and scripts: spelled out here on purpose, not imported.
    const items = lines[0]?.items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);
    for (const key of [
      'treatment',
      'decision',
      'originalRequest',
      'authorizedByClaimsAdministrator',
      'claimsAdministratorGuideline',
      'maximusGuideline',
      'rationale',
      'category',
      'quantity',
      'frequency',
      'duration',
      'bodyRegion',
      'medication',
      'citations',
      'conclusion',
    ]) {
      expect(items[0]).toHaveProperty(key);
    }
    expect(items[0]).toMatchObject({ treatment: 'EMG/NCV of the lower extremities', decision: 'Upheld' });
    expect(lines[1]).toMatchObject({ file: files[1], error: expect.stringMatching(/not a PDF/i) });
  });
});
