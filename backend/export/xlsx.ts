/**
 * XLSX output through exceljs's streaming writer: rows are committed as they
 * are produced and each sheet is finished before the next begins, so memory
 * stays flat whatever the number of cases.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import {
  columnLetters,
  DirectionTally,
  directionSafeText,
  fitXlsxCell,
  neutralizeFormula,
  xmlSafeText,
  type CellValue,
} from './cells';
import type { ColumnKind } from './columns';
import type { HeaderSpec, TableWriter } from './table-writer';

/** Excel's limit is 1,048,576 rows per sheet, one of which is the header. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;
const LINE_HEIGHT_POINTS = 15;
/** Wrapped rows show at most this many lines; the full text is one click away (formula bar / row resize). */
const MAX_ROW_LINES = 4;
/** Rows committed between two pauses that let the zip stream catch up. */
const ROWS_PER_BREATH = 200;
/** Bytes allowed to wait in front of the output file before production pauses. */
const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;

type ValueKind = 'text' | 'number' | 'date';

/** Number format per column kind and value kind; text needs none. */
function numberFormat(column: ColumnKind, value: ValueKind): string | undefined {
  if (value === 'date') return column === 'date' ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
  if (value === 'number') return column === 'integer' ? '0' : column === 'percent' ? '0.0%' : 'General';
  return undefined;
}

/**
 * Shared style objects per column and value kind. exceljs caches a style's id
 * by object identity (ignoring the cell's type), so sharing the object makes
 * styling a map lookup per cell instead of rendering style XML for each of
 * millions of cells — and a separate object per value kind keeps a number in
 * a mostly-date column from inheriting the date format.
 */
class ColumnStyles {
  private readonly styles = new Map<ValueKind, Partial<ExcelJS.Style>>();
  constructor(private readonly kind: ColumnKind) {}

  for(value: ValueKind): Partial<ExcelJS.Style> {
    let style = this.styles.get(value);
    if (!style) {
      const numFmt = numberFormat(this.kind, value);
      style = { ...(numFmt ? { numFmt } : {}), alignment: { vertical: 'top', wrapText: this.kind === 'longText' } };
      this.styles.set(value, style);
    }
    return style;
  }
}

const valueKind = (value: string | number | Date): ValueKind =>
  typeof value === 'string' ? 'text' : typeof value === 'number' ? 'number' : 'date';

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  alignment: { vertical: 'top', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } },
  border: { bottom: { style: 'thin', color: { argb: 'FF8899AA' } } },
};

const EMPTY_ROW_STYLE: Partial<ExcelJS.Style> = {};

/** Rows carry a style object too (untyped in exceljs); share one empty object for the same reason as above. */
function withRowStyle(row: ExcelJS.Row): void {
  (row as unknown as { style: Partial<ExcelJS.Style> }).style = EMPTY_ROW_STYLE;
}

/** exceljs's streaming writer keeps its archiver (a Node stream) here; not in its typings. */
interface ZipInternals extends BufferedStream {
  abort?: () => void;
}
/** Old-style (readable-stream 2) streams: buffered sizes live in their state objects. */
interface BufferedStream {
  _writableState?: { length: number };
  _readableState?: { length: number };
}
const bufferedBytes = (stream: BufferedStream | undefined) =>
  (stream?._writableState?.length ?? 0) + (stream?._readableState?.length ?? 0);

interface SheetStreamInternals {
  pipes?: BufferedStream[];
}
const sheetStreamOf = (sheet: ExcelJS.Worksheet) => (sheet as unknown as { stream: SheetStreamInternals }).stream;
const zipOf = (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => (workbook as unknown as { zip: ZipInternals }).zip;

function estimatedLines(text: string, width: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) lines += Math.max(1, Math.ceil(paragraph.length / Math.max(1, width - 1)));
  return lines;
}

export class XlsxWorkbookFile {
  private readonly output: fs.WriteStream;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private failure: Error | null = null;
  private readonly names: string[] = [];
  private cleaned = 0;
  private readonly maxRowsPerSheet: number;

  constructor(filePath: string, meta: { creator: string; created: Date; maxRowsPerSheet?: number }) {
    this.maxRowsPerSheet = meta.maxRowsPerSheet ?? EXCEL_MAX_DATA_ROWS;
    this.output = fs.createWriteStream(filePath);
    this.output.on('error', (err) => (this.failure ??= err));
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: this.output,
      // Shared strings would keep every distinct string in memory until the end.
      useSharedStrings: false,
      useStyles: true,
    });
    this.workbook.creator = meta.creator;
    this.workbook.created = meta.created;
  }

  /**
   * Starts a table; the previous one must be closed first (sheets are zipped
   * one after another). A table longer than Excel's row limit continues on
   * "<name> (2)", "<name> (3)"… with the same header.
   */
  addTable(name: string, columns: readonly HeaderSpec[], options: { autoFilter?: boolean } = {}): TableWriter {
    const styles = columns.map((c) => new ColumnStyles(c.kind));
    const wrapped = columns.map((c, i) => (c.kind === 'longText' ? i : -1)).filter((i) => i >= 0);
    let part = 1;
    let sheet = this.startSheet(name, columns);
    let lastRow = 1;
    let rowsSinceBreath = 0;

    const finishSheet = () => {
      // The streaming writer emits the filter when the sheet is committed, so it can cover every data row.
      if (options.autoFilter ?? true) {
        sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastRow, column: columns.length } };
      }
      sheet.commit();
    };

    return {
      add: (values) => {
        if (lastRow - 1 >= this.maxRowsPerSheet) {
          finishSheet();
          sheet = this.startSheet(`${name} (${++part})`, columns);
          lastRow = 1;
        }
        const rowNumber = lastRow + 1;
        const cells = values.map((v, i) => {
          if (typeof v !== 'string') return v === null ? undefined : v;
          const safe = directionSafeText(v);
          // The address is spelled out only for a cell that changed: this runs for every text cell of the export.
          if (safe !== v)
            this.direction.note(`${sheet.name}!${columnLetters(i + 1)}${rowNumber} (${columns[i]!.header})`);
          return this.text(safe);
        });
        const row = sheet.addRow(cells);
        withRowStyle(row);
        for (let i = 0; i < cells.length; i++) {
          const value = cells[i];
          if (value !== undefined) row.getCell(i + 1).style = styles[i]!.for(valueKind(value));
        }
        let lines = 1;
        for (const i of wrapped) {
          const text = cells[i];
          if (typeof text === 'string') lines = Math.max(lines, estimatedLines(text, columns[i]!.width));
        }
        if (lines > 1) row.height = LINE_HEIGHT_POINTS * Math.min(lines, MAX_ROW_LINES);
        row.commit();
        lastRow = row.number;
        rowsSinceBreath++;
      },
      breathe: async () => {
        if (rowsSinceBreath < ROWS_PER_BREATH) return;
        rowsSinceBreath = 0;
        await this.drain(sheet);
      },
      close: async () => {
        finishSheet();
        await this.drain(null);
      },
    };
  }

  /** Text cells in which a character XML cannot hold was replaced (see xmlSafeText). */
  get cleanedCells(): number {
    return this.cleaned;
  }

  /** Cells whose text-direction controls were replaced, by sheet and address (directionSafeText, in `add`). */
  readonly direction = new DirectionTally();

  private text(value: string): string {
    const safe = xmlSafeText(value);
    if (safe !== value) this.cleaned++;
    return xlsxText(safe);
  }

  /** Names of the sheets written so far, in order. */
  get sheetNames(): string[] {
    return [...this.names];
  }

  private startSheet(name: string, columns: readonly HeaderSpec[]): ExcelJS.Worksheet {
    const sheet = this.workbook.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }],
      properties: { defaultRowHeight: LINE_HEIGHT_POINTS },
    });
    this.names.push(name);
    sheet.columns = columns.map((c) => ({ width: Math.max(c.width, c.header.length + 3) }));
    const header = sheet.addRow(columns.map((c) => c.header));
    withRowStyle(header);
    header.eachCell((cell) => (cell.style = HEADER_STYLE));
    header.height = LINE_HEIGHT_POINTS * Math.max(...columns.map((c) => estimatedLines(c.header, c.width)));
    header.commit();
    return sheet;
  }

  /** A two-column sheet of labelled values (the About sheet). */
  async addKeyValueSheet(name: string, entries: readonly [string, CellValue][]): Promise<void> {
    const table = this.addTable(
      name,
      [
        { header: 'Property', kind: 'text', width: 28 },
        { header: 'Value', kind: 'longText', width: 90 },
      ],
      { autoFilter: false },
    );
    for (const [key, value] of entries) table.add([key, value]);
    await table.close();
  }

  /**
   * Yields to the event loop until the compressed output has caught up. The
   * writer itself has no back-pressure: without this, rows produced in a tight
   * loop would pile up in memory in front of the zip compressor.
   */
  private async drain(sheet: ExcelJS.Worksheet | null): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.backlogBytes(sheet) > MAX_BACKLOG_BYTES && !this.failure) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (this.failure) throw this.failure;
  }

  private backlogBytes(sheet: ExcelJS.Worksheet | null): number {
    const zip = zipOf(this.workbook);
    let bytes = bufferedBytes(zip) + this.output.writableLength;
    // The sheet's XML goes through a buffer that pushes into the zip entry's
    // input stream ignoring back-pressure: that stream is where a backlog builds.
    for (const pipe of (sheet && sheetStreamOf(sheet).pipes) || []) bytes += bufferedBytes(pipe);
    return bytes;
  }

  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    await this.workbook.commit();
    if (this.failure) throw this.failure;
    if (!this.output.closed) await once(this.output, 'close');
  }

  /** Stops writing and closes the file (the caller deletes it). */
  async abort(): Promise<void> {
    const zip = zipOf(this.workbook);
    try {
      zip.abort?.();
    } catch {
      // Already failed or finished: closing the file below is all that matters.
    }
    if (!this.output.closed) {
      const closed = once(this.output, 'close').catch(() => undefined);
      this.output.destroy();
      await closed;
    }
  }
}

/**
 * Text as stored in a string cell: only characters XML allows (see
 * xmlSafeText), inert (see neutralizeFormula) and within Excel's cell limit.
 */
export function xlsxText(text: string): string {
  return fitXlsxCell(neutralizeFormula(xmlSafeText(text)));
}
