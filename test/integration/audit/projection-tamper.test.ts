/**
 * Forging the projection (issue 12: the audit covers everything a value is
 * made of). The case list, filters, export and analytics read derived rows —
 * the `cases` summary columns, `items`, `item_regions`, `item_guidelines`,
 * `case_specialties`, `case_values`, `case_flags`, versions — not the parse.
 * Anyone with the file can rewrite them with raw SQL (no trigger guards them);
 * `imr verify` must then name the case, the table and the column, and exit 1.
 *
 * One honest workspace (corrections, a split, a merge, a reparse, a repeated
 * case number) is built once; each test forges one thing in its own copy, and
 * every copy is verified by the built CLI, several at a time.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCorrection, undoCorrection, verifyAuditChain } from '../../../backend/audit';
import { reparseAll } from '../../../backend/import/reparse';
import type { ParsedLetter } from '../../../shared/domain/letter';
import { citation, corpusLetter, parsedItem } from '../../unit/audit/letter-fixture';
import { IMR_BIN } from '../hosts/cli-helpers';
import { openWorkspace, type TestWorkspace } from './workspace';

const run = promisify(execFile);

let ws: TestWorkspace;
let honest: Database.Database;
/** The rich, corrected case every forgery targets, and a case whose number another case repeats. */
let caseA: number;
let caseB: number;
let caseC: number;
const A = 'CM16-0230651';
const B = 'CM16-0232182';

/** A's parse: its first item has every projected value (regions, guidelines, medication, modified, …). */
function letterA(): ParsedLetter {
  const letter = corpusLetter(0);
  letter.items[0] = parsedItem({
    ...letter.items[0],
    treatment: 'Norco 10/325 mg #60 for the lumbar spine and knee',
    decision: 'Upheld',
    category: 'pharmacy',
    quantity: 60,
    frequency: 'twice a day',
    duration: '30 days',
    bodyRegion: ['lumbar spine', 'knee'],
    medication: { name: 'Norco', strength: '10/325 mg', count: 60 },
    authorizedByClaimsAdministrator: 'Norco 10/325 mg #30',
    citations: [citation('MTUS'), citation('ODG')],
    conclusion: 'not medically necessary',
  });
  return letter;
}

interface Forgery {
  name: string;
  /** One statement, or several run in order. */
  sql: string | string[];
  /** Lines verify must print (each after "verify: "). */
  lines: () => string[];
  /** The forged column, read back from the forged copy (`forged`). */
  reads?: string;
  forged?: unknown;
}

const forgeries: Forgery[] = [];
const results = new Map<string, { status: number; stdout: string; stderr: string }>();
const changed = 'the list was changed outside IMR Workbench (imr reparse rebuilds it).';
const subjectA = () => `Case ${A} (#${caseA})`;

/** Invisible characters as verify writes them (the values here are ASCII but for those). */
const escaped = (text: string) =>
  text.replace(/[\n\u200b\u202e]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);

/** How verify shows a value: text in double quotes (cut at 40), null as none. */
function shown(value: unknown): string {
  if (value === null) return 'none';
  return typeof value === 'string'
    ? `"${escaped(value.length > 40 ? `${value.slice(0, 39)}…` : value)}"`
    : String(value);
}

/**
 * How verify shows a stored and an expected text of which one is over 40 characters: 20 characters either side
 * of the first difference, marked ⟨here⟩, and its position.
 */
function shownPair(stored: unknown, expected: unknown): [string, string] {
  if (typeof stored !== 'string' || typeof expected !== 'string' || (stored.length <= 40 && expected.length <= 40)) {
    return [shown(stored), shown(expected)];
  }
  let at = 0;
  while (at < stored.length && stored[at] === expected[at]) at++;
  const around = (text: string) =>
    `"${at > 20 ? '…' : ''}${escaped(text.slice(Math.max(0, at - 20), at))}⟨here⟩${escaped(text.slice(at, at + 20))}` +
    `${at + 20 < text.length ? '…' : ''}"`;
  return [around(stored), `${around(expected)} (the first difference is character ${at + 1})`];
}

/** The honest value of a column of case A's row `where`. */
function honestValue(table: string, column: string, where: string): unknown {
  const id = table === 'cases' ? 'id' : 'case_id';
  return honest.prepare(`SELECT ${column} FROM ${table} WHERE ${id} = ? AND ${where}`).pluck().get(caseA);
}

/** A column of one of case A's rows set to `value` (SQL), reported with the row's key `row` (e.g. " (item 1)"). */
function column(table: string, name: string, where: string, value: string, row: string, how = ''): void {
  const id = table === 'cases' ? 'id' : 'case_id';
  const forgery: Forgery = {
    name: `${table}.${name}${how}`,
    sql: `UPDATE ${table} SET ${name} = ${value} WHERE ${id} = ${'@case'} AND ${where}`,
    reads: `SELECT ${name} FROM ${table} WHERE ${id} = @case AND ${where}`,
    lines: () => {
      const [stored, expected] = shownPair(forgery.forged, honestValue(table, name, where));
      return [
        `${subjectA()}: the case list shows ${table}.${name} ${stored}${row}, but its letter and corrections give ` +
          `${expected}: ${changed}`,
      ];
    },
  };
  forgeries.push(forgery);
}

const ITEM_1 = 'idx = 0';
// cases: the summary columns the list, its sort and filters, the export and analytics read
forgeries.push({
  name: 'cases.case_number',
  sql: "UPDATE cases SET case_number = 'CM16-0230652' WHERE id = @case",
  // The report names the case by the number the list shows.
  lines: () => [
    `Case CM16-0230652 (#${caseA}): the case list shows cases.case_number "CM16-0230652", but its letter and ` +
      `corrections give "${A}": ${changed}`,
  ],
});
column('cases', 'format', '1', "'unknown'", '');
column('cases', 'decision_date', '1', "'2017-02-01'", '');
column('cases', 'status', '1', "'reviewed'", '');
column('cases', 'item_count', '1', 'item_count + 1', '');
column('cases', 'upheld', '1', 'upheld - 1', '');
column('cases', 'overturned', '1', 'overturned + 1', '');
column('cases', 'treatments', '1', "'Norco'", '');
column('cases', 'priority', '1', "'Expedited'", '');
column('cases', 'application_received', '1', 'NULL', '');
column('cases', 'modified_items', '1', '0', '');
// Migration 012's split of the modified items by decision (a decision or modified condition reads them).
column('cases', 'upheld_modified', '1', 'upheld_modified + 1', '');
column('cases', 'overturned_modified', '1', 'overturned_modified + 2', '');
// A difference past character 40 shows where it is (verify once cut both values at 40, so they read the same),
// and invisible characters are escaped (a zero-width space, a right-to-left override printed raw look like nothing).
column('cases', 'treatments', '1', "substr(treatments, 1, 59) || '#' || substr(treatments, 61)", '', ': character 60');
column(
  'items',
  'treatment',
  ITEM_1,
  'substr(treatment, 1, 5) || char(8203) || substr(treatment, 6)',
  ' (item 1)',
  ': a zero-width space',
);
column('items', 'frequency', ITEM_1, "char(8238) || 'yad a semit eerht'", ' (item 1)', ': a right-to-left override');
// items: every column, text, number, real, null
column('items', 'treatment', ITEM_1, "'Tramadol 50 mg'", ' (item 1)');
column('items', 'decision', ITEM_1, "'Overturned'", ' (item 1)');
column('items', 'category', ITEM_1, "'imaging'", ' (item 1)');
column('items', 'quantity', ITEM_1, '90', ' (item 1)');
column('items', 'frequency', ITEM_1, 'NULL', ' (item 1)');
column('items', 'duration', ITEM_1, "'90 days'", ' (item 1)');
column('items', 'body_region', ITEM_1, "'shoulder'", ' (item 1)');
column('items', 'conclusion', ITEM_1, "'medically necessary'", ' (item 1)');
column('items', 'medication_name', ITEM_1, "'Tramadol'", ' (item 1)');
column('items', 'modified', ITEM_1, '0', ' (item 1)');
column('items', 'guideline_mask', ITEM_1, '2', ' (item 1)');
column('items', 'region_none', ITEM_1, '1', ' (item 1)');
// the analytics lists: every column but the key
for (const [table, key, row] of [
  ['item_regions', "idx = 0 AND region = 'knee'", ' (item 1, region "knee")'],
  ['item_guidelines', "idx = 0 AND source = 'ODG'", ' (item 1, source "ODG")'],
] as const) {
  column(table, 'decision', key, "'Overturned'", row);
  column(table, 'modified', key, '0', row);
  column(table, 'category', key, "'imaging'", row);
  column(table, 'medication_name', key, 'NULL', row);
  column(table, 'guideline_mask', key, '1', row);
  column(table, 'region_none', key, '1', row);
}
column('case_specialties', 'item_count', "specialty = 'Pain Management'", '1', ' (specialty "Pain Management")');
column('case_specialties', 'upheld', "specialty = 'Pain Management'", '0', ' (specialty "Pain Management")');
column('case_specialties', 'overturned', "specialty = 'Pain Management'", '5', ' (specialty "Pain Management")');
column('case_specialties', 'modified_items', "specialty = 'Pain Management'", '4', ' (specialty "Pain Management")');
const PHARMACY = ' (dimension "category", value "pharmacy")';
column('case_values', 'item_count', "dimension = 'category' AND value = 'pharmacy'", '7', PHARMACY);
column('case_values', 'upheld', "dimension = 'category' AND value = 'pharmacy'", '0', PHARMACY);
column('case_values', 'overturned', "dimension = 'category' AND value = 'pharmacy'", '3', PHARMACY);
column('case_values', 'modified_items', "dimension = 'category' AND value = 'pharmacy'", '0', PHARMACY);
column('case_values', 'upheld_modified', "dimension = 'category' AND value = 'pharmacy'", '5', PHARMACY);
column('case_values', 'overturned_modified', "dimension = 'category' AND value = 'pharmacy'", '6', PHARMACY);
column(
  'case_values',
  'label',
  "dimension = 'medication' AND value = 'norco'",
  "'NORCO'",
  ' (dimension "medication", value "norco")',
);
// Migration 011's copies of the case's turnaround and decision day (the figures per day read them).
const daysLine = (row: string) =>
  `${subjectA()}: the analytics' copies of the case's turnaround and decision day differ in its ${row} row from the ` +
  `case row (turnaround ${String(honestValue('cases', 'turnaround_days', '1'))} days, decision ` +
  `${JSON.stringify(honestValue('cases', 'decision_date', '1'))}): ${changed}`;
forgeries.push({
  name: 'case_values.turnaround_days',
  sql: "UPDATE case_values SET turnaround_days = 999 WHERE case_id = @case AND dimension = 'category' AND value = 'pharmacy'",
  lines: () => [daysLine('category pharmacy')],
});
forgeries.push({
  name: 'case_values.decision_date',
  sql: "UPDATE case_values SET decision_date = '2001-01-01' WHERE case_id = @case AND dimension = 'guideline' AND value = 'ODG'",
  lines: () => [daysLine('guideline ODG')],
});
forgeries.push({
  // One line for the case (not one per row): how many of its rows, and the first by key.
  name: "every one of a case's case_values day copies",
  sql: "UPDATE case_values SET decision_date = '2001-01-01' WHERE case_id = @case",
  lines: () => {
    const keys = honest
      .prepare('SELECT dimension, value FROM case_values WHERE case_id = ? ORDER BY dimension, value')
      .raw()
      .all(caseA) as [string, string][];
    return [
      `${subjectA()}: the analytics' copies of the case's turnaround and decision day differ in ${keys.length} of its ` +
        `rows (first: ${keys[0]![0]} ${keys[0]![1] || '(none)'}) from the case row (turnaround ` +
        `${String(honestValue('cases', 'turnaround_days', '1'))} days, decision ` +
        `${JSON.stringify(honestValue('cases', 'decision_date', '1'))}): ${changed}`,
    ];
  },
});

// Item 1's decision changed everywhere the projection repeats it, so that every copy agrees with the item row and
// every count with the items: only the letter and corrections disagree. A check that compared the copies with the
// item and case rows alone (they repeat them) would pass this; verify compares them with the letter.
forgeries.push({
  name: "an item's decision changed with every copy and count of it",
  sql: [
    "UPDATE items SET decision = 'Overturned' WHERE case_id = @case AND idx = 0",
    "UPDATE item_regions SET decision = 'Overturned' WHERE case_id = @case AND idx = 0",
    "UPDATE item_guidelines SET decision = 'Overturned' WHERE case_id = @case AND idx = 0",
    'UPDATE cases SET upheld = upheld - 1, overturned = overturned + 1 WHERE id = @case',
    'UPDATE case_specialties SET upheld = upheld - 1, overturned = overturned + 1 WHERE case_id = @case',
    `UPDATE case_values SET upheld = upheld - 1, overturned = overturned + 1 WHERE case_id = @case AND (
       (dimension = 'category' AND value = 'pharmacy') OR (dimension = 'medication' AND value = 'norco') OR
       (dimension = 'bodyRegion' AND value IN ('lumbar spine', 'knee')) OR
       (dimension = 'guideline' AND value IN ('MTUS', 'ODG')))`,
  ],
  lines: () => {
    const upheld = honestValue('cases', 'upheld', '1') as number;
    return [
      `${subjectA()}: the case list shows items.decision "Overturned" (item 1), but its letter and corrections give ` +
        `"Upheld": ${changed}`,
      `${subjectA()}: the case list shows item_regions.decision "Overturned" (item 1, region "knee"), but its letter ` +
        `and corrections give "Upheld": ${changed}`,
      `${subjectA()}: the case list shows cases.upheld ${upheld - 1}, but its letter and corrections give ${upheld}: ` +
        changed,
      `${subjectA()}: the case list shows case_specialties.upheld ${upheld - 1} (specialty "Pain Management"), but ` +
        `its letter and corrections give ${upheld}: ${changed}`,
      `${subjectA()}: the case list shows case_values.upheld ` +
        `${(honestValue('case_values', 'upheld', "dimension = 'medication' AND value = 'norco'") as number) - 1} ` +
        `(dimension "medication", value "norco"), but its letter and corrections give ` +
        `${String(honestValue('case_values', 'upheld', "dimension = 'medication' AND value = 'norco'"))}: ${changed}`,
    ];
  },
});

/** A row added to, or removed from, one of case A's tables. */
function row(name: string, sql: string, line: string): void {
  forgeries.push({ name, sql, lines: () => [`${subjectA()}: the case list shows ${line}: ${changed}`] });
}
const itemColumns =
  'case_id, idx, treatment, decision, category, quantity, frequency, duration, body_region, conclusion, medication_name';
row(
  'an added item',
  `INSERT INTO items (${itemColumns}) SELECT case_id, 99, treatment, decision, category, quantity, frequency,
     duration, body_region, conclusion, medication_name FROM items WHERE case_id = @case AND idx = 0`,
  'a row of items (item 100), but its letter and corrections give none',
);
row(
  'a deleted item',
  'DELETE FROM items WHERE case_id = @case AND idx = 0',
  'no row of items (item 1), but its letter and corrections give one',
);
row(
  'an item region renamed (its key)',
  "UPDATE item_regions SET region = 'hip' WHERE case_id = @case AND idx = 0 AND region = 'knee'",
  'a row of item_regions (item 1, region "hip"), but its letter and corrections give none',
);
row(
  'an added item region',
  `INSERT INTO item_regions (case_id, idx, region, decision) VALUES (@case, 1, 'wrist', 'Upheld')`,
  'a row of item_regions (item 2, region "wrist"), but its letter and corrections give none',
);
row(
  'a deleted item region',
  "DELETE FROM item_regions WHERE case_id = @case AND idx = 0 AND region = 'lumbar spine'",
  'no row of item_regions (item 1, region "lumbar spine"), but its letter and corrections give one',
);
row(
  'an item guideline changed (its key)',
  "UPDATE item_guidelines SET source = 'ACOEM' WHERE case_id = @case AND idx = 0 AND source = 'ODG'",
  'a row of item_guidelines (item 1, source "ACOEM"), but its letter and corrections give none',
);
row(
  'an added item guideline',
  "INSERT INTO item_guidelines (case_id, idx, source, decision) VALUES (@case, 0, 'other', 'Upheld')",
  'a row of item_guidelines (item 1, source "other"), but its letter and corrections give none',
);
row(
  'a deleted item guideline',
  "DELETE FROM item_guidelines WHERE case_id = @case AND idx = 0 AND source = 'MTUS'",
  'no row of item_guidelines (item 1, source "MTUS"), but its letter and corrections give one',
);
row(
  'a specialty renamed (its key)',
  "UPDATE case_specialties SET specialty = 'Neurology' WHERE case_id = @case AND specialty = 'Pain Management'",
  'a row of case_specialties (specialty "Neurology"), but its letter and corrections give none',
);
row(
  'an added specialty',
  "INSERT INTO case_specialties (case_id, specialty) VALUES (@case, 'Psychiatry')",
  'a row of case_specialties (specialty "Psychiatry"), but its letter and corrections give none',
);
row(
  'a deleted specialty',
  "DELETE FROM case_specialties WHERE case_id = @case AND specialty = 'Pain Management'",
  'no row of case_specialties (specialty "Pain Management"), but its letter and corrections give one',
);
row(
  'a case value renamed (its key)',
  "UPDATE case_values SET value = 'imaging' WHERE case_id = @case AND dimension = 'category' AND value = 'pharmacy'",
  'a row of case_values (dimension "category", value "imaging"), but its letter and corrections give none',
);
row(
  'an added case value',
  `INSERT INTO case_values (dimension, value, label, case_id, item_count, upheld, overturned, modified_items,
     upheld_modified, overturned_modified)
     VALUES ('bodyRegion', 'hip', NULL, @case, 1, 1, 0, 0, 0, 0)`,
  'a row of case_values (dimension "bodyRegion", value "hip"), but its letter and corrections give none',
);
row(
  'a deleted case value',
  "DELETE FROM case_values WHERE case_id = @case AND dimension = 'guideline' AND value = 'ODG'",
  'no row of case_values (dimension "guideline", value "ODG"), but its letter and corrections give one',
);
row(
  'an added flag',
  "INSERT INTO case_flags (case_id, flag) VALUES (@case, 'contradiction')",
  'a row of case_flags (flag "contradiction"), but its letter and corrections give none',
);
row(
  'a deleted flag',
  "DELETE FROM case_flags WHERE case_id = @case AND flag = 'parser-warnings'",
  'no row of case_flags (flag "parser-warnings"), but its letter and corrections give one',
);
row(
  'a version changed',
  'UPDATE cases SET version = 2 WHERE id = @case',
  'cases.version 2, but the cases with its case number give 1',
);
row(
  'a duplicate flag added to a case whose number no other case has',
  "INSERT INTO case_flags (case_id, flag) VALUES (@case, 'duplicate-case-number')",
  'a row of case_flags (flag "duplicate-case-number"), but the cases with its case number give none',
);
forgeries.push({
  name: 'a duplicate flag removed from a repeated case number',
  sql: "DELETE FROM case_flags WHERE case_id = @caseB AND flag = 'duplicate-case-number'",
  lines: () => [
    `Case ${B} (#${caseB}): the case list shows no row of case_flags (flag "duplicate-case-number"), but the cases ` +
      `with its case number give one: ${changed}`,
  ],
});
forgeries.push({
  name: 'versions of a repeated case number swapped',
  sql: 'UPDATE cases SET version = 3 - version WHERE id IN (@caseB, @caseC)',
  lines: () => [
    `Case ${B} (#${caseB}): the case list shows cases.version 2, but the cases with its case number give 1: ${changed}`,
    `Case ${B} (#${caseC}): the case list shows cases.version 1, but the cases with its case number give 2: ${changed}`,
  ],
});

/** Rows of a case that does not exist. */
function orphan(table: string, sql: string): void {
  forgeries.push({
    name: `an orphan row in ${table}`,
    sql,
    lines: () => [
      `${table} holds rows of case #999, which does not exist: they were added outside IMR Workbench (the case list, ` +
        'filters and analytics count them; imr reparse does not remove them).',
    ],
  });
}
orphan('items', "INSERT INTO items (case_id, idx, treatment, category) VALUES (999, 0, 'Norco', 'pharmacy')");
orphan('item_regions', "INSERT INTO item_regions (case_id, idx, region) VALUES (999, 0, 'knee')");
orphan('item_guidelines', "INSERT INTO item_guidelines (case_id, idx, source) VALUES (999, 0, 'MTUS')");
orphan('case_specialties', "INSERT INTO case_specialties (case_id, specialty) VALUES (999, 'Psychiatry')");
orphan(
  'case_values',
  `INSERT INTO case_values (dimension, value, label, case_id, item_count, upheld, overturned, modified_items,
     upheld_modified, overturned_modified)
     VALUES ('category', 'pharmacy', NULL, 999, 1, 1, 0, 0, 0, 0)`,
);
orphan('case_flags', "INSERT INTO case_flags (case_id, flag) VALUES (999, 'contradiction')");

/** Runs `work` with at most `limit` at a time. */
async function pooled<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function verifyCli(
  dbPath: string,
  options: string[] = [],
): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [IMR_BIN, 'verify', '--db', dbPath, ...options], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return { status: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

beforeAll(async () => {
  ws = openWorkspace();
  const letters = new Map<string, ParsedLetter>();
  const add = (parsed: ParsedLetter, fileName: string) => {
    letters.set(fileName, parsed);
    return ws.addCase(parsed, fileName);
  };
  caseA = add(letterA(), 'a.txt');
  caseB = add(corpusLetter(1), 'b.txt');
  // The same case number again (MAXIMUS re-issued it): version 2, both flagged.
  caseC = add({ ...corpusLetter(1), decisionDate: '2017-03-01' }, 'c.txt');
  add(corpusLetter(2), 'd.txt');
  const db = ws.service.ctx.db;
  let minute = 0;
  const at = () => new Date(Date.now() + ++minute * 60_000).toISOString();
  const correct = (change: Parameters<typeof applyCorrection>[1]['change'], reason: string | null = null) =>
    applyCorrection(db, { caseId: caseA, reviewer: 'Dana', change, reason, at: at() });
  correct({ type: 'set-field', path: 'items[1].decision', value: 'Overturned' }, 'misread');
  correct({ type: 'set-field', path: 'items[2].decision', value: 'Overturned' }, 'misread');
  correct({ type: 'set-field', path: 'items[0].frequency', value: 'three times a day' });
  correct({ type: 'split-item', index: 3, treatments: ['Physical therapy', 'Acupuncture'] });
  correct({ type: 'merge-items', indices: [5, 6] });
  correct({ type: 'set-status', status: 'needs second look' });
  // A change and its undo: nothing of it stays in the list.
  correct({ type: 'set-field', path: 'patientAge', value: '61' });
  undoCorrection(db, caseA, 'Dana', at());
  // A reparse: the letters read again by a newer parser (one finds an item more); corrections carry over.
  await reparseAll(db, {
    parse: (text) => {
      const fileName = text.text.split('\n').at(-1)!;
      const parsed = { ...letters.get(fileName)!, parserVersion: 'test-2' };
      if (fileName === 'd.txt') parsed.items = [...parsed.items, parsedItem({ treatment: 'Lumbar MRI' })];
      // Parser warnings raise a flag the list shows.
      if (fileName === 'a.txt') parsed.warnings = ['the decision date is printed twice'];
      return parsed;
    },
    now: () => new Date(Date.now() + ++minute * 60_000),
  });
  const report = verifyAuditChain(db);
  expect(report.problems).toEqual([]);
  ws.service.close();
  honest = new Database(ws.dbPath, { readonly: true });

  const copies = forgeries.map((forgery, n) => {
    const file = path.join(ws.dir, `forged-${n}.sqlite`);
    fs.copyFileSync(ws.dbPath, file);
    const raw = new Database(file);
    raw.pragma('foreign_keys = OFF');
    const params = (sql: string) =>
      Object.fromEntries(
        Object.entries({ case: caseA, caseB, caseC }).filter(([name]) => new RegExp(`@${name}\\b`).test(sql)),
      );
    for (const sql of typeof forgery.sql === 'string' ? [forgery.sql] : forgery.sql) raw.prepare(sql).run(params(sql));
    if (forgery.reads) forgery.forged = raw.prepare(forgery.reads).pluck().get(params(forgery.reads));
    raw.close();
    return { name: forgery.name, file };
  });
  const runs: { name: string; file: string; options?: string[] }[] = [
    ...copies,
    { name: 'honest', file: ws.dbPath },
    { name: 'honest --full', file: ws.dbPath, options: ['--full'] },
  ];
  await pooled(runs, 3, async ({ name, file, options }) => {
    results.set(name, await verifyCli(file, options));
  });
}, 600_000);

afterAll(() => {
  honest?.close();
  ws?.close();
});

describe('an honest workspace (corrections, split, merge, reparse, a repeated case number)', () => {
  it('verifies clean: exit 0', () => {
    const result = results.get('honest')!;
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^OK: database intact, audit chain of \d+ event\(s\) verified/);
    expect(result.status).toBe(0);
  });
  it("verifies clean with --full too (the letters' dates, the search index, integrity_check): exit 0", () => {
    const result = results.get('honest --full')!;
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toMatch(/^OK: database intact, audit chain of \d+ event\(s\) verified[^\n]*$/);
    expect(result.status).toBe(0);
  });
});

describe('a forged value is shown so that the difference can be seen', () => {
  const line = (name: string) =>
    results
      .get(name)!
      .stderr.split('\n')
      .find((l) => l.includes('the case list shows')) ?? '';
  it('a difference at character 60 of a long value, with the characters around it', () => {
    const honestText = honestValue('cases', 'treatments', '1') as string;
    expect(honestText.length).toBeGreaterThan(80);
    expect(honestText[59]).not.toBe('#');
    const l = line('cases.treatments: character 60');
    expect(l).toContain('(the first difference is character 60)');
    expect(l).toContain(`⟨here⟩#${escaped(honestText.slice(60, 79))}…`);
    expect(l).toContain(`…${escaped(honestText.slice(39, 59))}⟨here⟩${escaped(honestText.slice(59, 79))}…"`);
  });
  it('a zero-width space and a right-to-left override are written as escapes, never raw', () => {
    const zw = line('items.treatment: a zero-width space');
    expect(zw).toContain('"Norco⟨here⟩\\u{200B} 10/325 mg #60 for …"');
    expect(zw).not.toMatch(/[\u200b\u202e]/);
    const rtl = line('items.frequency: a right-to-left override');
    expect(rtl).toContain('items.frequency "\\u{202E}yad a semit eerht" (item 1)');
    expect(rtl).not.toMatch(/[\u200b\u202e]/);
  });
});

describe('a projected row forged with raw SQL is reported, naming the case, table and column: exit 1', () => {
  for (const forgery of forgeries) {
    it(forgery.name, () => {
      const result = results.get(forgery.name)!;
      const lines = result.stderr.split('\n').filter(Boolean);
      for (const line of forgery.lines()) expect(lines).toContain(`verify: ${line}`);
      expect(result.stdout).toMatch(/NOT verified/);
      expect(result.status).toBe(1);
    });
  }
});
