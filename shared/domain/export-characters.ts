/**
 * What each export format cannot hold, replaced in its cells by U+FFFD, and
 * how that is named for a person: one definition per format, for the export
 * itself (backend/export/cells.ts) and every sentence that says what it
 * replaced (imr export, the export dialog, the workbook's About sheet). The
 * CSV warning once named U+FFFF, which CSV keeps.
 */
import type { ExportResult } from './case';
import { DIRECTION_CONTROLS } from './control-characters';

/** Unpaired surrogates: no UTF-8 (CSV) or XML (XLSX) can encode half a pair. */
const UNPAIRED = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';

export const REPLACED_CHARACTERS = {
  /**
   * Code points XML 1.0 does not allow anywhere in a document (§2.2, `Char`):
   * C0 controls other than tab, line feed and carriage return; U+FFFE and
   * U+FFFF; unpaired surrogates. One of them in one cell makes the whole
   * sheet's XML malformed, and Excel, LibreOffice and openpyxl refuse the
   * workbook.
   */
  xlsx: {
    source: `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|${UNPAIRED}`,
    names: 'NUL and other control characters, U+FFFE, U+FFFF, unpaired surrogates',
  },
  /**
   * NUL and the other C0 controls (tab, line feed and carriage return are data
   * and quoted), and unpaired surrogates, which UTF-8 cannot encode.
   * Spreadsheet programs cut a field at a NUL or refuse the file. U+FFFE and
   * U+FFFF are kept: UTF-8 holds them.
   */
  csv: {
    source: `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F]|${UNPAIRED}`,
    names: 'NUL and other control characters, unpaired surrogates',
  },
} as const;
export type ExportFormat = keyof typeof REPLACED_CHARACTERS;

/**
 * The text-direction controls (DIRECTION_CONTROLS, shared/domain/control-characters.ts) in a letter's own text.
 * Both formats can hold them, and that is the danger: Excel, LibreOffice and a CSV viewer obey them, so a cell
 * holding U+202E shows the rest of its text reversed — a treatment, a case number or a decision that reads as
 * another ("Trojan source"). Typed values never hold them (refused as they are typed); the letter keeps them in the
 * workspace. In XLSX and CSV alike each becomes U+FFFD (visibly "something was here", as for the characters a
 * format cannot hold), and the export says where: `ExportResult.directionControls` (a count, and the first
 * DIRECTION_CELLS_LISTED cells by sheet and address or by file, row and column), the About sheet, `imr export` and
 * the export dialog (directionControlsText).
 */
export const DIRECTION_CHARACTERS = {
  source: `[${DIRECTION_CONTROLS}]`,
  names: 'U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C',
} as const;

/** How many changed cells an export names; the rest are counted. */
export const DIRECTION_CELLS_LISTED = 20;

/** The format of an export's files, from the first file's name (.xlsx, else CSV). */
function formatOf(result: Pick<ExportResult, 'files'>): ExportFormat {
  return /\.xlsx$/i.test(result.files[0]?.name ?? '') ? 'xlsx' : 'csv';
}

/**
 * "3 cells held characters a CSV file cannot store (NUL and other control
 * characters, unpaired surrogates); they are replaced by U+FFFD (�) in the
 * file.", or null when the export replaced nothing.
 */
export function replacedCellsText(result: Pick<ExportResult, 'files' | 'cleanedCells'>): string | null {
  const n = result.cleanedCells;
  if (n === 0) return null;
  const format = formatOf(result);
  const file = format === 'xlsx' ? 'an Excel file' : 'a CSV file';
  return `${n.toLocaleString('en-US')} cell${n === 1 ? '' : 's'} held characters ${file} cannot store (${REPLACED_CHARACTERS[format].names}); they are replaced by U+FFFD (\uFFFD) in the file.`;
}

/**
 * "2 cells held text-direction controls (U+202A–U+202E, …), which make a spreadsheet show text reversed; each is
 * replaced by U+FFFD (�) in the file: Items!D2 (Treatment), Cases!G2 (Case number).", with "and 3 more" past the
 * cells listed; null when the export changed none.
 */
export function directionControlsText(result: Pick<ExportResult, 'directionControls'>): string | null {
  const { cells, where } = result.directionControls;
  if (cells === 0) return null;
  const more = cells - where.length;
  const list = more > 0 ? `${where.join(', ')} and ${more.toLocaleString('en-US')} more` : where.join(', ');
  return (
    `${cells.toLocaleString('en-US')} cell${cells === 1 ? '' : 's'} held text-direction controls ` +
    `(${DIRECTION_CHARACTERS.names}), which make a spreadsheet show text reversed; each is replaced by U+FFFD ` +
    `(\uFFFD) in the file: ${list}.`
  );
}
