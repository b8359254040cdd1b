/**
 * What the export asks of an output table, whatever the format: the XLSX
 * sheets and the CSV files both implement TableWriter, so the passes that
 * produce rows never know which one they feed.
 */
import type { CellValue } from './cells';
import type { Column, ColumnKind } from './columns';

export interface TableWriter {
  add(values: CellValue[]): void;
  /** Called after each case or event: lets buffered output drain (the writer decides how often it actually waits). */
  breathe(): Promise<void>;
  close(): Promise<void>;
}

/** What a writer needs of a column to lay out the header (the values come with each row). */
export interface HeaderSpec {
  header: string;
  kind: ColumnKind;
  width: number;
}

export function headerSpecs<R>(columns: readonly Column<R>[]): HeaderSpec[] {
  return columns.map(({ header, kind, width }) => ({ header, kind, width }));
}
