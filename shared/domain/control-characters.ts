/**
 * Characters that act instead of showing: C0 controls other than tab and
 * newline (ESC starts the sequences that clear a terminal, move its cursor up
 * and erase lines, set its window title), DEL, C1 controls (U+009B is a
 * one-character CSI), and the bidi embeddings, overrides and isolates that
 * reorder how a line reads (U+202A–U+202E, U+2066–U+2069).
 *
 * One definition for the places that must not pass them on: a reviewer's name
 * (shared/api/contract.ts) and the CLI's human output (backend/hosts/cli/output.ts).
 */
const SOURCE = '[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]';

/** True when `text` holds a control character or bidi override (tab and newline excepted). */
export function hasControlCharacters(text: string): boolean {
  return new RegExp(SOURCE).test(text);
}

/** `text` with each such character written as a visible `\uXXXX` escape. */
export function escapeControlCharacters(text: string): string {
  return text.replace(new RegExp(SOURCE, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
