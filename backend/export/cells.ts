/**
 * Cell values as the export writes them, and the rules every text cell goes
 * through before it reaches a file (both XLSX and CSV, so the two agree).
 */
import {
  DIRECTION_CELLS_LISTED,
  DIRECTION_CHARACTERS,
  REPLACED_CHARACTERS,
} from '../../shared/domain/export-characters';
import { toIsoDate } from '../../shared/domain/dates';

/** What a column yields for one row. `null` is an empty cell. */
export type CellValue = string | number | Date | null;

/**
 * Characters that make a spreadsheet program treat a typed or imported cell as
 * a formula (OWASP "CSV injection"): = + - @, and tab / carriage return, which
 * some programs strip before looking at the next character.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * Makes text inert in spreadsheet programs by prefixing a single quote.
 *
 * CSV: the quote is the OWASP-recommended defence; Excel, LibreOffice and
 * Google Sheets then show the value as text instead of evaluating it.
 * XLSX: cells are written as string cells (never `<f>` formulas), so the file
 * itself cannot execute anything, but the same prefix is applied anyway: a
 * value copied out of the workbook, re-saved as CSV, or pasted into another
 * sheet would otherwise become live again, and analysts comparing the CSV and
 * the XLSX exports must see the same text in both.
 *
 * Only text goes through here; real numbers (including negative ones) are
 * written as numbers and never prefixed.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/** What stands in for a character a file format cannot hold: visibly "something was here". */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** What XLSX and CSV replace: defined once per format, with how it is named (shared/domain/export-characters.ts). */
const XML_FORBIDDEN = new RegExp(REPLACED_CHARACTERS.xlsx.source, 'g');
const CSV_FORBIDDEN = new RegExp(REPLACED_CHARACTERS.csv.source, 'g');

/** `text` with every code point XML 1.0 forbids replaced by U+FFFD (the same string when there is none). */
export function xmlSafeText(text: string): string {
  return text.replace(XML_FORBIDDEN, REPLACEMENT_CHARACTER);
}

/** `text` with NUL, other C0 controls and unpaired surrogates replaced by U+FFFD. */
export function csvSafeText(text: string): string {
  return text.replace(CSV_FORBIDDEN, REPLACEMENT_CHARACTER);
}

const DIRECTION = new RegExp(DIRECTION_CHARACTERS.source, 'g');

/** `text` with every text-direction control replaced by U+FFFD (the same string when there is none). */
export function directionSafeText(text: string): string {
  return text.replace(DIRECTION, REPLACEMENT_CHARACTER);
}

/**
 * A CSV text cell as every CSV this project writes has it (`imr export`, `imr stats --csv`): text-direction
 * controls replaced (directionSafeText) and the cell noted in `tally` — its place, `where()`, spelled out only
 * for a cell that changed, since this runs for every text cell — then csvText's rules.
 */
export function csvTextCell(value: string, tally: DirectionTally, where: () => string): string {
  const safe = directionSafeText(value);
  if (safe !== value) tally.note(where());
  return csvText(safe);
}

/**
 * The cells of one file whose text-direction controls were replaced: a count, and where the first
 * DIRECTION_CELLS_LISTED are ("Items!D2 (Treatment)"), so the export can say which cells to look at.
 */
export class DirectionTally {
  cells = 0;
  readonly where: string[] = [];

  /** Counts one changed cell, and notes `where` it is while the list has room. */
  note(where: string): void {
    this.cells++;
    if (this.where.length < DIRECTION_CELLS_LISTED) this.where.push(where);
  }

  /** Several files' tallies as one (CSV), in file order. */
  static sum(tallies: readonly DirectionTally[]): { cells: number; where: string[] } {
    return {
      cells: tallies.reduce((n, t) => n + t.cells, 0),
      where: tallies.flatMap((t) => t.where).slice(0, DIRECTION_CELLS_LISTED),
    };
  }
}

/** Excel's name for column `n` (1-based): A…Z, AA…. */
export function columnLetters(n: number): string {
  let name = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  }
  return name;
}

/** Excel refuses (and "repairs" away) cells longer than this. */
export const XLSX_MAX_CELL_CHARS = 32_767;

/** Keeps a cell within Excel's limit and says so in the cell itself. */
export function fitXlsxCell(text: string): string {
  if (text.length <= XLSX_MAX_CELL_CHARS) return text;
  const note = ` … [truncated: ${text.length} characters in full; see the letter or the CSV export]`;
  return text.slice(0, XLSX_MAX_CELL_CHARS - note.length) + note;
}

/**
 * A calendar date ("2016-12-07") as a JS Date at UTC midnight, which exceljs
 * turns into the Excel serial for that day (Excel dates have no time zone).
 * Which text counts as a real date is the project's one date rule
 * (shared/domain/dates.ts), so every value a reviewer could enter exports as a date. Anything else stays
 * text, so an odd value is still exported rather than lost.
 */
export function calendarDate(value: string | null | undefined): Date | string | null {
  if (value === null || value === undefined || value === '') return null;
  const iso = toIsoDate(value);
  return iso ? new Date(`${iso}T00:00:00.000Z`) : value;
}

/** An ISO timestamp as a Date (shown in UTC), or the text when it does not parse. */
export function timestamp(value: string | null | undefined): Date | string | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms);
}

/** A finite number, or null; numeric text is converted, other text kept. */
export function numeric(value: unknown): number | string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const n = Number(value.trim());
    return value.trim() !== '' && Number.isFinite(n) ? n : value;
  }
  return displayText(value);
}

/** Free text for a cell: lists joined, objects as compact JSON, nothing as null. */
export function displayText(value: unknown, separator = '; '): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => displayText(v, separator)).filter((v): v is string => v !== null);
    return parts.length ? parts.join(separator) : null;
  }
  return JSON.stringify(value);
}

/**
 * Text for CSV. Calendar dates (UTC midnight) as "2016-12-07", moments as
 * "2016-12-07 14:03:27" in UTC (the headers say so): both forms Excel and
 * LibreOffice recognise as dates when they open the file. Numbers plain.
 */
export function csvText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof value === 'number') return String(value);
  return neutralizeFormula(csvSafeText(value));
}
