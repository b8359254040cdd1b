import type { ApiResult } from '../../../shared/api/contract';

export const EXIT = { ok: 0, fatal: 1, rejected: 2 } as const;

/** A failure with a one-line message for stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.fatal,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Unwraps an API result or turns its error into a CliError. An input the
 * service refused (a correction the field model does not accept, nothing to
 * undo) exits 2 like a rejected letter: the command ran and said no. Anything
 * else (no such case or workspace, an internal error) exits 1.
 */
export function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  throw new CliError(result.error.message, result.error.code === 'invalid_input' ? EXIT.rejected : EXIT.fatal);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Characters a terminal obeys instead of showing: C0 and C1 controls (ESC and
 * CSI start sequences that clear the screen, move the cursor up and erase
 * lines, set the window title), DEL, and the bidi embeddings, overrides and
 * isolates that reorder a line (U+202A–U+202E, U+2066–U+2069). Tab and
 * newline are left to the caller: tables and messages are laid out with them.
 */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for a person's terminal: what comes from letters, file names, typed
 * values, reviewer names and reasons is shown with such characters written
 * as visible `\uXXXX` escapes, so printing a record can never act on the
 * terminal or hide a line of the audit trail. --json output is left exact.
 */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function printLine(line = ''): void {
  process.stdout.write(`${terminalText(line)}\n`);
}

/** One message line on stderr, made safe for the terminal like printLine. */
export function printError(line: string): void {
  process.stderr.write(`${terminalText(line)}\n`);
}

/** Plain aligned table for humans; --json is the stable interface. */
export function printTable(headers: string[], rows: (string | number | null)[][]): void {
  // Cells are one line each, escaped before they are measured so the columns stay aligned.
  const cell = (c: string | number | null) => (c === null ? '' : terminalText(String(c).replace(/[\r\n\t]+/g, ' ')));
  const cells = [headers, ...rows.map((r) => r.map(cell))];
  const widths = headers.map((_, i) => Math.min(60, Math.max(...cells.map((r) => (r[i] ?? '').length))));
  for (const row of cells) {
    printLine(
      row
        .map((c, i) => {
          const w = widths[i] ?? 10;
          return (c.length > w ? `${c.slice(0, w - 1)}…` : c).padEnd(w);
        })
        .join('  ')
        .trimEnd(),
    );
  }
}
