/**
 * Letters whose text holds code points XML 1.0 forbids (U+FFFF from a PDF
 * font's ToUnicode map; U+FFFE, NUL and other C0 controls in a text letter)
 * still export to a workbook every spreadsheet program opens, and to CSV
 * without NUL bytes. The workbook is read back by an independent reader
 * (openpyxl, Python), not by the library that wrote it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../shared/domain/case';
import type { ParsedLetter } from '../../../shared/domain/letter';
import type { Service } from '../../../backend/service/service';
import { openWorkspace, type TestWorkspace } from '../audit/workspace';
import { corpusLetter } from '../../unit/audit/letter-fixture';
import { ok, runExport } from './workspace';
import { replacedCellsText } from '../../../shared/domain/export-characters';

const REALWORLD = path.resolve(import.meta.dirname, '../../fixtures/realworld');
const LETTERS = ['10-tounicode-to-FFFF.pdf', '10-xml-invalid-uFFFF.txt'].map((f) => path.join(REALWORLD, f));

/**
 * A parse holding C0 controls, as a PDF's text layer can deliver them (text
 * letters lose theirs when decoded): NUL, escape, vertical tab and form feed.
 */
function parseWithControls(): ParsedLetter {
  const letter = corpusLetter(1);
  letter.caseNumber = 'CM99-0001001';
  letter.items[0]!.treatment = 'Lido\u0000caine\u001b patch\u000b 5%\u000c';
  letter.clinicalSummary = 'Seen on 06/14/2015.\u0000\u0000\u0000';
  return letter;
}

/** Debian's python3 with python3-openpyxl (installed by .ci/run); a pyenv python may lack it. */
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Every sheet of the workbook as rows of cell values, read by openpyxl. Throws with openpyxl's error. */
function readWithOpenpyxl(file: string): Record<string, unknown[][]> {
  const script = [
    'import json, sys, openpyxl',
    'book = openpyxl.load_workbook(sys.argv[1], read_only=True)',
    'out = {ws.title: [[c if isinstance(c, (str, int, float)) or c is None else str(c) for c in row]',
    '        for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}',
    'print(json.dumps(out))',
  ].join('\n');
  const run = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`openpyxl could not open ${file}: ${run.stderr.trim().split('\n').at(-1)}`);
  return JSON.parse(run.stdout) as Record<string, unknown[][]>;
}

const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

let workspace: TestWorkspace;
let service: Service;

beforeAll(async () => {
  workspace = openWorkspace();
  service = workspace.service;
  const { jobId } = ok(await service.privileged.send('import.paths', { paths: LETTERS }));
  const summary = (await service.waitForJob(jobId)) as ImportSummary;
  expect(summary.imported).toBe(2);
  workspace.addCase(parseWithControls());
});

afterAll(() => workspace.close());

describe('characters a spreadsheet file cannot hold', () => {
  it('the letters keep U+FFFF in the workspace (the import changes nothing)', async () => {
    const list = ok(await service.send('cases.list', {}));
    const texts = await Promise.all(
      list.rows.map(async (row) => {
        const detail = ok(await service.send('cases.get', { caseId: row.id }));
        return ok(await service.send('documents.content', { documentId: detail.documentId })).letterText.text;
      }),
    );
    expect(texts.some((text) => text.includes('\uFFFF'))).toBe(true);
  });

  it('the XLSX opens in openpyxl, with U+FFFD where they were, and About says so', async () => {
    const out = path.join(workspace.dir, 'export.xlsx');
    fs.writeFileSync(out, 'the previous export');
    // Replacing it, as `imr export --force` asks (without, the file is kept: csv-and-atomic.test.ts).
    const result = await runExport(workspace, { format: 'xlsx', outPath: out, replace: true });
    expect(result.cleanedCells).toBeGreaterThan(0);
    const book = readWithOpenpyxl(out);
    expect(Object.keys(book)).toEqual(['Cases', 'Items', 'Corrections', 'About']);
    expect(book.Items!.length - 1).toBe(result.items);
    const cells = Object.values(book)
      .flat(2)
      .filter((c): c is string => typeof c === 'string');
    expect(cells.some((c) => FORBIDDEN_IN_XML.test(c))).toBe(false);
    expect(cells.some((c) => c.includes('\uFFFD'))).toBe(true);
    const about = new Map(book.About!.map((row) => [row[0], row[1]]));
    expect(about.get('Replaced characters')).toContain(`${result.cleanedCells} cell`);
  });

  it('the CSV files hold no NUL byte or other control character', async () => {
    const out = path.join(workspace.dir, 'export.csv');
    const result = await runExport(workspace, { format: 'csv', outPath: out, allTables: true });
    expect(result.cleanedCells).toBeGreaterThan(0);
    for (const { path: file } of result.files) {
      const bytes = fs.readFileSync(file!);
      expect(bytes.includes(0), `${path.basename(file!)} has a NUL byte`).toBe(false);
      const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][];
      for (const cell of rows.flat()) expect(cell).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }
    const items = parse(fs.readFileSync(out, 'utf8'), { bom: true }) as string[][];
    expect(items.flat().some((c) => c.includes('\uFFFD'))).toBe(true);
    // CSV keeps U+FFFF (UTF-8 holds it), and the warning says only what CSV replaced (it named U+FFFF).
    expect(items.flat().some((c) => c.includes('\uFFFF'))).toBe(true);
    const warning = replacedCellsText(result)!;
    expect(warning).toContain('a CSV file cannot store (NUL and other control characters, unpaired surrogates)');
    expect(warning).not.toContain('U+FFFF');
  });

  it('the XLSX warning names U+FFFE and U+FFFF, which it does replace', async () => {
    const result = await runExport(workspace, { format: 'xlsx', outPath: path.join(workspace.dir, 'again.xlsx') });
    expect(replacedCellsText(result)).toContain(
      'an Excel file cannot store (NUL and other control characters, U+FFFE, U+FFFF, unpaired surrogates)',
    );
  });
});
