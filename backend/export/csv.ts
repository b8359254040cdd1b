/**
 * CSV output: RFC 4180 (quoted where needed, CRLF line ends) through
 * csv-stringify, UTF-8 with a byte-order mark so Excel reads accents right.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import path from 'node:path';
import { csvSafeText, csvText, csvTextCell, DirectionTally, type CellValue } from './cells';
import type { HeaderSpec, TableWriter } from './table-writer';

export class CsvTableFile implements TableWriter {
  private readonly stringifier: Stringifier;
  private readonly done: Promise<void>;
  private readonly output: fs.WriteStream;
  private failure: Error | null = null;
  private cleaned = 0;
  /** Cells whose text-direction controls were replaced, by row (the header is row 1) and column. */
  readonly direction = new DirectionTally();
  private row = 1;
  private readonly name: string;
  private readonly headers: string[];

  /**
   * `name`: how the file is named where the export says which cells it changed (its final name: `filePath` may be
   * the temporary file); defaults to `filePath`'s.
   */
  constructor(filePath: string, columns: readonly HeaderSpec[], name = path.basename(filePath)) {
    this.name = name;
    this.headers = columns.map((c) => c.header);
    this.stringifier = stringify({
      bom: true,
      header: true,
      columns: columns.map((c) => c.header),
      record_delimiter: 'windows',
      // Every value is already text (csvText); quote only when RFC 4180 needs it.
      quoted_empty: false,
    });
    this.output = fs.createWriteStream(filePath);
    this.done = pipeline(this.stringifier, this.output);
    this.done.catch((err: Error) => (this.failure ??= err));
  }

  add(values: CellValue[]): void {
    const row = ++this.row;
    this.stringifier.write(
      values.map((value, i) => {
        if (typeof value !== 'string') return csvText(value);
        if (csvSafeText(value) !== value) this.cleaned++;
        return csvTextCell(value, this.direction, () => `${this.name} row ${row} (${this.headers[i]})`);
      }),
    );
  }

  /** Text cells in which a control character was replaced (see csvSafeText). */
  get cleanedCells(): number {
    return this.cleaned;
  }

  async breathe(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stringifier.writableNeedDrain) await Promise.race([once(this.stringifier, 'drain'), this.done]);
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.stringifier.end();
    await this.done;
  }

  async abort(): Promise<void> {
    const closed = this.done.catch(() => undefined);
    this.stringifier.destroy();
    this.output.destroy();
    await closed;
  }
}
