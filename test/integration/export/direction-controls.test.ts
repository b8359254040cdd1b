/**
 * A letter whose own text holds text-direction controls ("Trojan source": U+202E shows the rest of a cell
 * reversed) exports with each of them replaced by U+FFFD, in XLSX and CSV alike, and the export says which cells it
 * changed — `imr export`'s notice, the About sheet, `directionControls` — while the workspace keeps the letter as
 * it is. Imported and exported through `imr` as a user does; the workbook read back by openpyxl, the CSV as bytes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExportResult } from '../../../shared/domain/case';
import { runImr } from '../hosts/cli-helpers';
import { CORPUS } from './workspace';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-direction-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const db = path.join(tmp, 'workspace.sqlite');

const TREATMENT_LINE = '8 acupuncture treatments for the cervical spine (neck), 2 times a week for 4 weeks: Upheld';
/** The treatment as the letter now has it: "(neck)" written backwards after a right-to-left override. */
const SPOOFED = '8 acupuncture treatments for the cervical spine \u202E)kcen(\u202C, 2 times a week for 4 weeks';
const EXPORTED = '8 acupuncture treatments for the cervical spine \uFFFD)kcen(\uFFFD, 2 times a week for 4 weeks';
const DIRECTION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** The second item: a right-to-left mark, which reorders the neutral characters beside it. */
const SECOND_LINE = '8 chiropractic treatments for the cervical spine (neck)';
const SECOND = '8 chiropractic treatments for the cervical spine (neck)\u200F';

beforeAll(() => {
  const seed = fs.readFileSync(path.join(CORPUS, 'seeds/001_f7c04554d3ec6a02.txt'), 'utf8');
  expect(seed).toContain(TREATMENT_LINE);
  const letter = path.join(tmp, 'spoofed.txt');
  expect(seed).toContain(SECOND_LINE);
  fs.writeFileSync(letter, seed.replace(TREATMENT_LINE, `${SPOOFED}: Upheld`).replace(SECOND_LINE, SECOND));
  const imported = runImr(['import', '--db', db, letter]);
  expect(imported.stderr).toBe('');
  // The workspace keeps the letter's text as it was.
  const parsed = runImr(['parse', letter, '--json']).json<{ items: { treatment: string }[] }>();
  expect(parsed.items.map((item) => item.treatment)).toEqual([SPOOFED, SECOND]);
});

/** Debian's python3 with python3-openpyxl. */
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Every sheet as {address: value} of its text cells, read by openpyxl. */
function cellsByAddress(file: string): Record<string, Record<string, string>> {
  const script = [
    'import json, sys, openpyxl',
    'book = openpyxl.load_workbook(sys.argv[1])',
    'print(json.dumps({ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row',
    '  if isinstance(c.value, str)} for ws in book.worksheets}))',
  ].join('\n');
  const run = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`openpyxl could not open ${file}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, Record<string, string>>;
}

it('XLSX: the override becomes U+FFFD, and imr and the About sheet name the cell', () => {
  const out = path.join(tmp, 'cases.xlsx');
  const run = runImr(['export', '--db', db, '--out', out]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const notice = run.stdout.split('\n').find((line) => line.includes('text-direction controls'));
  expect(notice).toMatch(
    /^2 cells held text-direction controls \(U\+202A–U\+202E, U\+2066–U\+2069, U\+200E, U\+200F, U\+061C\), which make a spreadsheet show text reversed; each is replaced by U\+FFFD \(\uFFFD\) in the file: Items!([A-Z]+)2 \(Treatment\), Items!\1(3) \(Treatment\)\.$/,
  );

  const book = cellsByAddress(out);
  const all = Object.values(book).flatMap((sheet) => Object.values(sheet));
  expect(all.filter((text) => DIRECTION.test(text))).toEqual([]);
  // The cells named are the ones changed, each reading as the letter's characters in their own order.
  const column = /Items!([A-Z]+)2/.exec(notice!)![1]!;
  expect([book.Items![`${column}2`], book.Items![`${column}3`]]).toEqual([
    EXPORTED,
    '8 chiropractic treatments for the cervical spine (neck)\uFFFD',
  ]);
  const about = Object.values(book.About!);
  expect(about).toContain(notice);
});

it('CSV: no direction control byte in any file, and the warning names file, row and column', () => {
  const out = path.join(tmp, 'cases.csv');
  const run = runImr(['export', '--db', db, '--out', out, '--all-tables', '--json']);
  expect(run.stderr).toBe('');
  const result = run.json<ExportResult>();
  expect(result.directionControls).toEqual({
    cells: 2,
    where: ['cases.csv row 2 (Treatment)', 'cases.csv row 3 (Treatment)'],
  });
  for (const file of result.files) {
    const bytes = fs.readFileSync(file.path!);
    // U+202E is E2 80 AE in UTF-8, U+202C E2 80 AC.
    expect(bytes.includes(Buffer.from('\u202E')), file.name).toBe(false);
    expect(bytes.includes(Buffer.from('\u202C')), file.name).toBe(false);
    expect(bytes.includes(Buffer.from('\u200F')), file.name).toBe(false);
  }
  const items = parse(fs.readFileSync(out, 'utf8'), { bom: true }) as string[][];
  const treatment = items[0]!.indexOf('Treatment');
  expect([items[1]![treatment], items[2]![treatment]]).toEqual([
    EXPORTED,
    '8 chiropractic treatments for the cervical spine (neck)\uFFFD',
  ]);
});

it('imr stats --csv: a group name from the letter loses its direction controls too, and stderr names the cell', () => {
  const seed = fs.readFileSync(path.join(CORPUS, 'seeds/001_f7c04554d3ec6a02.txt'), 'utf8');
  const specialtyLine = 'Certification(s)/Specialty: Physical Medicine & Rehabilitation';
  expect(seed).toContain(specialtyLine);
  const statsDb = path.join(tmp, 'stats.sqlite');
  const letter = path.join(tmp, 'specialty.txt');
  // "Physical Medicine & \u202Enoitatilibaheh" displays as "Physical Medicine & Rehabilitation" in a spreadsheet.
  fs.writeFileSync(
    letter,
    seed.replace(specialtyLine, 'Certification(s)/Specialty: Physical Medicine & \u202Enoitatilibaheh'),
  );
  expect(runImr(['import', '--db', statsDb, letter]).status).toBe(0);

  const run = runImr(['stats', '--db', statsDb, '--by', 'specialty', '--csv']);
  expect(run.status).toBe(0);
  expect(run.stdout).not.toMatch(DIRECTION);
  const rows = parse(run.stdout, { bom: true }) as string[][];
  const changed = rows.findIndex((row) => row[1] === 'Physical Medicine & \uFFFDnoitatilibaheh');
  expect(changed).toBeGreaterThan(0);
  expect(run.stderr.trim()).toBe(
    `1 cell held text-direction controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which make a ` +
      `spreadsheet show text reversed; each is replaced by U+FFFD (\uFFFD) in the file: row ${changed + 1} (${rows[0]![1]}).`,
  );
  // --json is data for programs: the letter's text as it is.
  const json = runImr(['stats', '--db', statsDb, '--by', 'specialty', '--json']).json<{
    breakdowns: { groups: { label: string }[] }[];
  }>();
  expect(json.breakdowns[0]!.groups.map((g) => g.label)).toContain('Physical Medicine & \u202Enoitatilibaheh');
});
