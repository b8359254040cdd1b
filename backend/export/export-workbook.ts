/**
 * The export itself: resolve the scope, stream cases out of the database and
 * into XLSX sheets or CSV files, and put the files in place atomically.
 *
 * Usable directly (CLI, tests, benchmarks) and from the service's job runner.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ExportOptions, ExportResult } from '../../shared/api/contract';
import type { AuditEvent } from '../../shared/domain/case';
import { PARSER_VERSION } from '../../shared/parser';
import { APP_VERSION } from '../runtime/version';
import { writeAtomically, type PartialJournal } from './atomic-file';
import { exportFilePaths } from './file-names';
import { DirectionTally, REPLACEMENT_CHARACTER, type CellValue } from './cells';
import {
  DIRECTION_CHARACTERS,
  directionControlsText,
  REPLACED_CHARACTERS,
} from '../../shared/domain/export-characters';
import { CASES_SHEET, CORRECTIONS_SHEET, ITEMS_SHEET, sheetColumns, type Column } from './columns';
import { CsvTableFile } from './csv';
import {
  SUMMARY_ABOUT,
  SUMMARY_HEADER,
  SUMMARY_SHEET,
  summaryFigures,
  SUMMARY_LEFT_OUT,
  summaryRows,
  TURNAROUND_SHEET,
  turnaroundEntries,
} from './summary';
import type { CaseView, ExportCase, ItemView } from './record';
import {
  casesWithEvents,
  chainHead,
  countScope,
  countScopeEvents,
  describeScope,
  EVERY_CASE,
  iterateCases,
  iterateScopeEvents,
  resolveScope,
  type CaseIdSet,
  type ExportScope,
} from './source';
import { readableCaseIds, unreadableCaseLines, type UnreadableCase } from '../store/damaged-reads';
import { analyticsAvailable } from '../store/analytics';
import { DAMAGED_ADVICE, isUnreadable } from '../store/errors';
import { headerSpecs, type TableWriter } from './table-writer';
import { XlsxWorkbookFile } from './xlsx';
import { errorText } from '../../shared/api/error-text';

export { APP_VERSION };
const ABOUT_SHEET = 'About';

export interface ExportWorkbookOptions {
  format: ExportOptions['format'];
  /** Where the file goes (the Items CSV for CSV). Relative paths resolve against the working directory. */
  outPath: string;
  filter?: ExportOptions['filter'];
  caseIds?: ExportOptions['caseIds'];
  includeParsedValues?: boolean;
  /** CSV only: also write `<name>-cases.csv` and `<name>-corrections.csv`. */
  allTables?: boolean;
  /** XLSX: add the Summary and Turnaround sheets (the Analytics figures for `filter`). */
  summary?: boolean;
  /** Export time written into the About sheet; defaults to now. */
  exportedAt?: Date;
  /** Notes the temporary files while they exist, for clean-up after a crash (atomic-file.ts). */
  journal?: PartialJournal;
  /**
   * Whether a file already at `outPath` (or a sibling) may be replaced; default true. False when the user did not
   * ask to replace one: a file created there while the export runs is kept and the export fails (atomic-file.ts).
   */
  replace?: boolean;
}

/**
 * What exportWorkbook wrote: the job's ExportResult (the shape the API contract gives every host, with its counts,
 * `unreadable` and `leftOut`), with the files as the paths written.
 */
export interface WrittenExport extends Omit<ExportResult, 'files'> {
  /** The main file (the Items CSV for CSV). */
  path: string;
  /** Every file written, the main one first. */
  files: string[];
}

export interface ExportProgressSink {
  update(done: number, total: number, current: string | null): void;
  readonly signal?: AbortSignal;
}

export class ExportCancelledError extends Error {
  constructor() {
    super('Export cancelled; no file was written');
    this.name = 'AbortError';
  }
}

function checkTarget(outPath: string): void {
  const dir = path.dirname(outPath);
  if (!fs.existsSync(dir)) throw new Error(`Cannot export: the folder ${dir} does not exist`);
  if (fs.existsSync(outPath) && fs.statSync(outPath).isDirectory()) {
    throw new Error(`Cannot export: ${outPath} is a folder; choose a file name`);
  }
}

const FILE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted (is the file open in another program?)',
  EBUSY: 'the file is open in another program',
  ENOSPC: 'the disk is full',
  EROFS: 'the disk is read-only',
  EDQUOT: 'the disk quota is exhausted',
  // The folder exists but takes no new file (/proc, a folder removed meanwhile): never the temporary file's name.
  ENOENT: 'a file cannot be created in that folder',
  ENOTDIR: 'part of the path is not a folder',
};

/** File-system failures as one line a reviewer understands; anything else unchanged. */
function readableFileError(err: unknown, outPath: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const reason = code ? FILE_ERRORS[code] : undefined;
  if (!reason) return err;
  return new Error(`Cannot export to ${outPath}: ${reason}; nothing was written`, { cause: err });
}

/** Counts work done across all passes for one progress bar. */
class ExportTracker {
  done = 0;
  constructor(
    private readonly total: number,
    private readonly progress: ExportProgressSink | undefined,
  ) {}

  /** Per case / event: the job runner throttles the events, so this stays cheap. */
  step(current: string): void {
    this.done++;
    this.report(current);
  }

  report(current: string | null): void {
    this.checkCancelled();
    this.progress?.update(Math.min(this.done, this.total), this.total, current);
  }

  checkCancelled(): void {
    if (this.progress?.signal?.aborted) throw new ExportCancelledError();
  }

  /** Done: the bar is full even when a damaged workspace had fewer cases to read than it counted. */
  finish(): void {
    this.done = this.total;
    this.report('Done');
  }
}

/** What every pass of one export reads from and reports to. */
interface ExportRun {
  db: Database.Database;
  scope: ExportScope;
  withEvents: CaseIdSet;
  tracker: ExportTracker;
  damage: DamageReport;
}

/**
 * What a damaged workspace kept out of the export: the cases SQLite could not
 * read (each once, though an XLSX export reads the cases twice) and the other
 * parts it had to leave out.
 */
class DamageReport {
  private readonly cases = new Map<number, UnreadableCase>();
  private readonly parts: string[] = [];

  case(skipped: UnreadableCase): void {
    if (!this.cases.has(skipped.id)) this.cases.set(skipped.id, skipped);
  }

  part(line: string): void {
    if (!this.parts.includes(line)) this.parts.push(line);
  }

  /** Runs `read`; if SQLite cannot read the file there, notes `what` and returns `fallback`. */
  attempt<T>(read: () => T, fallback: T, what: string | null): T {
    try {
      return read();
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      if (what) this.part(`${what} (SQLite: ${errorText(err)}).`);
      return fallback;
    }
  }

  lines(): string[] {
    return [...unreadableCaseLines(this.cases.values(), 'this export'), ...this.parts];
  }
}

function rowValues<R>(columns: readonly Column<R>[], row: R): CellValue[] {
  return columns.map((column) => column.value(row));
}

function* itemViews(record: ExportCase): Generator<ItemView> {
  const letter = record.effective;
  for (let index = 0; index < letter.items.length; index++) {
    yield { record, letter, item: letter.items[index]!, index };
  }
}

interface Target<R> {
  table: TableWriter;
  columns: Column<R>[];
}

/**
 * One read of the cases in scope, writing a Cases row and/or the case's Items
 * rows for each. Reading a case (its JSON, the correction fold) is the costly
 * part, so every table that can be written at the same time is: CSV files are
 * independent streams and share one read. XLSX sheets are entries of one zip,
 * written one after another, so the workbook reads the cases once per sheet
 * rather than holding a whole sheet in memory.
 */
async function writeCaseTables(
  run: ExportRun,
  phase: string,
  targets: { cases?: Target<CaseView>; items?: Target<ItemView> },
): Promise<{ cases: number; items: number; casesWithoutItems: number }> {
  const { cases, items } = targets;
  // Cases read (and written to the Cases table, if one is written): in a damaged workspace, fewer than in scope.
  const written = { cases: 0, items: 0, casesWithoutItems: 0 };
  for (const record of iterateCases(run.db, run.scope, run.withEvents, (skipped) => run.damage.case(skipped))) {
    written.cases++;
    if (record.effective.items.length === 0) written.casesWithoutItems++;
    if (cases) cases.table.add(rowValues(cases.columns, { record, letter: record.effective }));
    if (items) {
      for (const view of itemViews(record)) {
        items.table.add(rowValues(items.columns, view));
        written.items++;
      }
    }
    run.tracker.step(phase);
    await cases?.table.breathe();
    await items?.table.breathe();
  }
  await cases?.table.close();
  await items?.table.close();
  return written;
}

async function writeCorrections(table: TableWriter, run: ExportRun, columns: Column<AuditEvent>[]): Promise<number> {
  let count = 0;
  let lastId: number | null = null;
  try {
    for (const event of iterateScopeEvents(run.db, run.scope, run.withEvents)) {
      table.add(rowValues(columns, event));
      count++;
      lastId = event.id;
      run.tracker.step('Corrections');
      await table.breathe();
    }
  } catch (err) {
    if (!isUnreadable(err)) throw err;
    run.damage.part(
      `Corrections: the audit trail could not be read ${lastId === null ? 'at all' : `past event ${lastId}`}; ` +
        `later corrections are not listed (SQLite: ${errorText(err)}).`,
    );
  }
  await table.close();
  return count;
}

function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Exports cases to `options.outPath` and resolves with what was written.
 *
 * Reads through `db` with streaming cursors, so while it runs nothing else may
 * write through the same connection: give it a dedicated (ideally read-only)
 * connection. On a read-only connection the whole export reads one consistent
 * snapshot (a single read transaction), even while the app keeps writing.
 *
 * Rejects with ExportCancelledError when `progress.signal` aborts; in every
 * failure case no file is left under the target names.
 */
export async function exportWorkbook(
  db: Database.Database,
  options: ExportWorkbookOptions,
  progress?: ExportProgressSink,
): Promise<WrittenExport> {
  const outPath = path.resolve(options.outPath);
  checkTarget(outPath);
  const snapshot = db.readonly && !db.inTransaction;
  if (snapshot) db.exec('BEGIN');
  try {
    // In a damaged workspace each read that fails is left out and noted; the export goes on with the rest.
    const damage = new DamageReport();
    const scope = resolveScope(db, options, (skipped) => damage.case(skipped));
    const withEvents = damage.attempt<CaseIdSet>(() => casesWithEvents(db), EVERY_CASE, null);
    const counts = damage.attempt(
      () => countScope(db, scope),
      { cases: scope.kind === 'ids' ? scope.ids.length : readableCaseIds(db).length, items: 0 },
      null,
    );
    const eventCount = damage.attempt(() => countScopeEvents(db, scope, withEvents), 0, null);
    const includeParsedValues = options.includeParsedValues ?? false;
    const csv = options.format === 'csv';
    // Before any cursor opens: the connection runs one statement at a time while one is open.
    const figures =
      !csv && options.summary
        ? damage.attempt(
            () => summaryFigures(db, options.filter),
            null,
            'Summary and Turnaround: left out, as the figures could not be read',
          )
        : null;
    // Not damage: the workspace is whole, only too old for the figures and read-only here (SUMMARY_LEFT_OUT).
    const leftOut = !csv && options.summary && figures === null && !analyticsAvailable(db) ? [SUMMARY_LEFT_OUT] : [];
    const withCasesAndCorrections = !csv || (options.allTables ?? false);
    // One step per case and pass (XLSX reads the cases for Cases and again for Items; CSV once), one per event.
    const casePasses = csv ? 1 : 2;
    const total = counts.cases * casePasses + (withCasesAndCorrections ? eventCount : 0);
    const tracker = new ExportTracker(total, progress);
    const run: ExportRun = { db, scope, withEvents, tracker, damage };
    tracker.report('Starting');

    const caseColumns = sheetColumns(CASES_SHEET, includeParsedValues);
    const itemColumns = sheetColumns(ITEMS_SHEET, includeParsedValues);
    const eventColumns = CORRECTIONS_SHEET.columns;
    let written: Omit<WrittenExport, 'path' | 'files'>;
    let files: string[];

    if (csv) {
      files = exportFilePaths(outPath, { format: 'csv', allTables: withCasesAndCorrections });
      written = await writeAtomically(
        files,
        async ([itemsFile, casesFile, correctionsFile]) => {
          const open: CsvTableFile[] = [];
          // Each file is written under a temporary name; the cells it changed are named by its final one.
          const csvTable = <R>(file: string, finalFile: string, columns: Column<R>[]) => {
            const table = new CsvTableFile(file, headerSpecs(columns), path.basename(finalFile));
            open.push(table);
            return table;
          };
          try {
            const items = { table: csvTable(itemsFile!, files[0]!, itemColumns), columns: itemColumns };
            const cases = casesFile
              ? { table: csvTable(casesFile, files[1]!, caseColumns), columns: caseColumns }
              : undefined;
            const result: Omit<WrittenExport, 'path' | 'files'> = {
              ...(await writeCaseTables(run, 'Items', { items, cases })),
              corrections: null,
              cleanedCells: 0,
              directionControls: { cells: 0, where: [] },
              unreadable: [],
              leftOut,
            };
            if (correctionsFile) {
              const table = csvTable(correctionsFile, files[2]!, eventColumns);
              result.corrections = await writeCorrections(table, run, eventColumns);
            }
            result.cleanedCells = open.reduce((sum, table) => sum + table.cleanedCells, 0);
            result.directionControls = DirectionTally.sum(open.map((table) => table.direction));
            result.unreadable = damage.lines();
            tracker.checkCancelled();
            return result;
          } catch (err) {
            await Promise.all(open.map((table) => table.abort()));
            throw err;
          }
        },
        { journal: options.journal, replace: options.replace ?? true },
      );
    } else {
      files = [outPath];
      const exportedAt = options.exportedAt ?? new Date();
      written = await writeAtomically(
        files,
        async ([tempPath]) => {
          const workbook = new XlsxWorkbookFile(tempPath!, {
            creator: `IMR Workbench ${APP_VERSION}`,
            created: exportedAt,
          });
          try {
            if (figures) {
              const summary = workbook.addTable(SUMMARY_SHEET, SUMMARY_HEADER);
              for (const row of summaryRows(figures)) summary.add(row);
              await summary.close();
              await workbook.addKeyValueSheet(TURNAROUND_SHEET, turnaroundEntries(figures));
            }
            const sheet = <R>(name: string, columns: Column<R>[]) => workbook.addTable(name, headerSpecs(columns));
            const { cases, casesWithoutItems } = await writeCaseTables(run, 'Cases', {
              cases: { table: sheet(CASES_SHEET.name, caseColumns), columns: caseColumns },
            });
            const { items } = await writeCaseTables(run, 'Items', {
              items: { table: sheet(ITEMS_SHEET.name, itemColumns), columns: itemColumns },
            });
            const corrections = await writeCorrections(
              workbook.addTable(CORRECTIONS_SHEET.name, headerSpecs(eventColumns)),
              run,
              eventColumns,
            );
            const result = {
              cases,
              items,
              casesWithoutItems,
              corrections,
              cleanedCells: workbook.cleanedCells,
              directionControls: DirectionTally.sum([workbook.direction]),
              unreadable: damage.lines(),
              leftOut,
            };
            const sheets = [...workbook.sheetNames, ABOUT_SHEET];
            await workbook.addKeyValueSheet(ABOUT_SHEET, [
              ...aboutEntries(db, scope, result, exportedAt, includeParsedValues, sheets),
              ...(figures ? ([['Summary', SUMMARY_ABOUT]] as [string, CellValue][]) : []),
            ]);
            tracker.checkCancelled();
            await workbook.finish();
            return result;
          } catch (err) {
            await workbook.abort();
            throw err;
          }
        },
        { journal: options.journal, replace: options.replace ?? true },
      );
    }
    tracker.finish();
    return { path: outPath, files, ...written };
  } catch (err) {
    throw readableFileError(err, outPath);
  } finally {
    if (snapshot && db.inTransaction) db.exec('ROLLBACK');
  }
}

function aboutEntries(
  db: Database.Database,
  scope: ExportScope,
  written: {
    cases: number;
    items: number;
    casesWithoutItems: number;
    corrections: number;
    cleanedCells: number;
    directionControls: ExportResult['directionControls'];
    unreadable: string[];
    leftOut: string[];
  },
  exportedAt: Date,
  includeParsedValues: boolean,
  sheets: readonly string[],
): [string, CellValue][] {
  const unread = new DamageReport();
  const head = unread.attempt(() => chainHead(db), undefined, null);
  const partial: [string, CellValue][] =
    written.unreadable.length === 0
      ? []
      : [
          [
            'Partial export',
            `Yes: the workspace file is damaged, and what SQLite could not read is not in this export (listed below). ${DAMAGED_ADVICE}`,
          ],
          ...written.unreadable.map((line): [string, CellValue] => ['Not exported', line]),
        ];
  // Before the counts, like the damage: a reader must not take the workbook for what was asked.
  const leftOut = written.leftOut.map((line): [string, CellValue] => ['Left out', line]);
  return [
    ...partial,
    ...leftOut,
    ['Sheets', sheets.join(', ')],
    ['Exported at (UTC)', exportedAt],
    ['App version', `IMR Workbench ${APP_VERSION}`],
    ['Parser version', PARSER_VERSION],
    ['Workspace schema version', unread.attempt(() => schemaVersion(db), null, null)],
    ['Cases exported', scope.kind === 'all' ? 'All cases' : describeScope(scope)],
    ['Cases', written.cases],
    ['Items', written.items],
    // Said apart: Items has no row for them, so its case numbers alone undercount the export.
    ['Cases without items (a row in Cases, none in Items)', written.casesWithoutItems],
    ['Corrections (audit events)', written.corrections],
    [
      'Audit chain head (hash)',
      head
        ? head.lastHash
        : head === null
          ? 'no audit trail in this workspace'
          : 'could not be read (damaged workspace)',
    ],
    ['Audit events in workspace', head ? head.eventCount : 0],
    ['Last audit event', head?.lastEventId ?? null],
    [
      'Parsed values',
      includeParsedValues
        ? 'Each correctable column is followed by a "(parsed)" column: the parser\'s value, filled only where a reviewer corrected it.'
        : 'Not included (effective values only).',
    ],
    [
      'Values',
      'Cases and Items show effective values: the parsed letter with every reviewer correction applied. Dates are calendar dates; times are UTC.',
    ],
    [
      'Text safety',
      "Text beginning with = + - @, a tab or a carriage return is prefixed with ' so spreadsheet programs never run it as a formula.",
    ],
    [
      'Replaced characters',
      `Characters an Excel file cannot hold (${REPLACED_CHARACTERS.xlsx.names}), which some letters' text carries, are replaced by U+FFFD (${REPLACEMENT_CHARACTER}). ${
        written.cleanedCells === 0
          ? 'This workbook needed none.'
          : `${written.cleanedCells} cell${written.cleanedCells === 1 ? '' : 's'} in this workbook had such characters; the letter itself is unchanged in the workspace.`
      }`,
    ],
    [
      'Text-direction controls',
      directionControlsText(written) ??
        `Text-direction controls (${DIRECTION_CHARACTERS.names}) in a letter's text, which make a spreadsheet show ` +
          `text reversed, are replaced by U+FFFD (${REPLACEMENT_CHARACTER}). This workbook needed none.`,
    ],
    [
      'Audit check',
      'The audit trail holds every correction and, with checksums, every letter imported and every parse. Run ' +
        '`imr verify` on the workspace to check it; `imr verify --against FILE` also proves it still extends a ' +
        'checkpoint kept elsewhere (`imr checkpoint`), or compare the head above with one.',
    ],
  ];
}
