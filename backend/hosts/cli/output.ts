import type { ApiErrorCode, ApiResult } from '../../../shared/api/contract';
import { escapeControlCharacters } from '../../../shared/domain/control-characters';

/**
 * `imr`'s exit codes, defined once: the code returns them by these names, and `imr --help` and the README
 * state them in EXIT_CODES_TEXT (test/unit/hosts/cli-exit-codes.test.ts holds the README to it).
 * `rejected` is everything the command refused to take — a mistake in the command line itself
 * (an unknown command or option, a missing or invalid value, a case or workspace that does not exist)
 * as much as letters it rejected or a change it refused — so a script can tell "fix what you gave me"
 * (2) from "it ran and found something wrong" (1).
 */
export const EXIT = { ok: 0, fatal: 1, rejected: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_TEXT =
  'Exit codes: 0 success; 2 refused: a mistake in the command line (an unknown command or option, a missing or ' +
  'invalid value, no such case or workspace) or inputs it would not take (letters rejected, a correction refused, ' +
  'an existing --out file, rows of a damaged workspace left out); 1 it ran and found problems (verify) or could ' +
  'not go on (a damaged or newer workspace, a file it could not write). The reasons are on stderr.';

/**
 * Whether a workspace the store would not open (WorkspaceOpenError's kind) was a mistake in what was given —
 * no workspace at all (a letter, a folder) or none where it was named (a missing file or folder): exit 2, for
 * `imr` and the browser host alike. Anything else (damaged, busy, newer, unreadable) could not go on: exit 1.
 */
export function refusedOpen(kind: string): boolean {
  return kind === 'not-a-workspace' || kind === 'missing';
}

/** A failure with a one-line message for stderr; every thrower says which exit code it means. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Unwraps an API result or turns its error into a CliError. An input the
 * service refused (a correction the field model does not accept, nothing to
 * undo) or a case it does not have (`--case` mistyped) exits 2 like a rejected
 * letter: the command ran and said no. Anything else (an internal error, a
 * conflict, a damaged file) exits 1. A refusal
 * of the call's input carries the API call apart from the problem
 * (`ApiError.refused`); a person at the command line never typed the call's
 * name, so only the problem is shown ("summary: …", not "export.toFile: summary: …").
 */
const REFUSED_CODES: ReadonlySet<ApiErrorCode> = new Set(['invalid_input', 'too_large', 'not_found']);

export function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  const { code, message, refused } = result.error;
  throw new CliError(refused?.problem ?? message, REFUSED_CODES.has(code) ? EXIT.rejected : EXIT.fatal);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Text for a person's terminal: what comes from letters, file names, typed
 * values, reviewer names and reasons is shown with control characters and
 * bidi overrides written as visible `\uXXXX` escapes, so printing a record
 * can never act on the terminal or hide a line of the audit trail. --json
 * output is left exact.
 */
export const terminalText = escapeControlCharacters;

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
