/**
 * What an import or an export did, in the words the reviewer reads — one
 * wording for the app (notice, import report, export dialog) and the `imr`
 * command line, so the two never tell the same result differently.
 *
 * Files that are not letters (a folder's README, a spreadsheet beside the
 * PDFs) are the `skipped` outcome of an import. They need nothing from the
 * reviewer, so they are "left out", counted apart from the letters: an import
 * of a folder of 8 letters and a README "finished: 8 imported", not "skipped 1".
 */
import type { ExportResult, ImportSummary } from './case';
import { LETTER_EXTENSIONS } from './letter-files';

/** "1 item", "12 items", "1,024 cases". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The letter files an import was given (every file but those that are not letters). */
export function lettersOf(report: ImportSummary): number {
  return report.total - report.skipped;
}

/** The counts that say what became of the letters: "8 imported", "2 already in the workspace", "1 rejected". */
export function importCounts(report: ImportSummary): string[] {
  return [
    `${report.imported.toLocaleString('en-US')} imported`,
    report.duplicate ? `${report.duplicate.toLocaleString('en-US')} already in the workspace` : null,
    report.rejected ? `${report.rejected.toLocaleString('en-US')} rejected` : null,
  ].filter((part): part is string => part !== null);
}

/**
 * "Import finished: 8 imported, 2 already in the workspace." — the app's
 * notice; with `ofLetters` (the command line, which has no report dialog to
 * say it) "…, 1 rejected, of 11 letters." Files that are not letters are not
 * counted here: see leftOutText.
 */
export function importNotice(report: ImportSummary, cancelled: boolean, opts: { ofLetters?: boolean } = {}): string {
  if (lettersOf(report) === 0) {
    return `Import ${cancelled ? 'cancelled' : 'finished'}: no letters found (letters are ${LETTER_EXTENSIONS.join(', ')} files).`;
  }
  const parts = importCounts(report);
  if (opts.ofLetters) parts.push(ofLettersText(report));
  return `Import ${cancelled ? 'cancelled' : 'finished'}: ${parts.join(', ')}.`;
}

/** "of 9 letters" — what the counts are out of. */
export function ofLettersText(report: ImportSummary): string {
  return `of ${countOf(lettersOf(report), 'letter')}`;
}

/** "1 other file was not a letter and left out", "3 other files were not letters and left out". */
export function leftOutText(files: number): string {
  return files === 1
    ? '1 other file was not a letter and left out'
    : `${files.toLocaleString('en-US')} other files were not letters and left out`;
}

/** "1 file was already in the workspace", "2 files were already in the workspace". */
export function alreadyInText(files: number): string {
  return `${countOf(files, 'file')} ${files === 1 ? 'was' : 'were'} already in the workspace`;
}

/**
 * What an export wrote: "8 cases, 12 items and 3 corrections", or for a CSV
 * export of the items table alone (no corrections table, so no count of
 * corrections to give) "12 items of 8 cases (the items table only: no
 * corrections)". The items table has one row per item, so a case with no item
 * has none there: the items-only text says how many such cases the file lacks
 * ("…, and no row for the 2 cases with no items)"); the other exports hold them
 * in their Cases table.
 */
export function exportedText(
  result: Pick<ExportResult, 'cases' | 'items' | 'casesWithoutItems' | 'corrections'>,
): string {
  const cases = countOf(result.cases, 'case');
  const items = countOf(result.items, 'item');
  if (result.corrections === null) {
    const missing = result.casesWithoutItems;
    const noRows = missing === 0 ? '' : `, and no row for the ${countOf(missing, 'case')} with no items`;
    return `${items} of ${cases} (the items table only: no corrections${noRows})`;
  }
  return `${cases}, ${items} and ${countOf(result.corrections, 'correction')}`;
}
