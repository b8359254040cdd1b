/**
 * How the audit's messages name a case inside a sentence: "case CM16-0230651", or "case #45" (its internal id)
 * when the letter has no case number. One rule for verify's event descriptions and for undo's and redo's
 * refusals, so a reader can search a report for either.
 */
import { escapeInvisible } from '../../shared/domain/control-characters';

/** A case number up to this many characters is shown whole; a longer one is cut (as verify cuts quoted values). */
const CASE_NUMBER_SHOWN = 40;

/**
 * Text read from the workspace or a file a user gave, as a message shows it: cut at `limit` characters ("…"
 * after them), every invisible character (controls, zero-width and direction characters) written as `\u{XXXX}`
 * (escapeInvisible), so that it can neither mirror nor hide the rest of the line, nor fill a screen.
 */
export function shownStoredText(text: string, limit: number): string {
  // Only the head is split into characters (one is at most two UTF-16 units): the text can be megabytes.
  const characters = Array.from(text.slice(0, 2 * limit + 2));
  if (characters.length <= limit) return escapeInvisible(text);
  return `${escapeInvisible(characters.slice(0, limit).join(''))}…`;
}

/**
 * A case number as a message shows it. The stored value is whatever the workspace file holds — a forged one can be
 * megabytes long, carry a right-to-left override that mirrors the rest of the line, or spell "Case X (#2)" so that a
 * reader linking the case (shared/api/verify-text.ts `problemParts`) opens another one. So: cut at
 * CASE_NUMBER_SHOWN characters ("…"), every invisible character written as `\u{XXXX}` (escapeInvisible), and the
 * " (#" that ends a case's name in a report line (`caseName`) written " (\u{23}" so the name cannot end early.
 */
export function shownCaseNumber(caseNumber: string): string {
  return shownStoredText(caseNumber, CASE_NUMBER_SHOWN).replaceAll(' (#', ' (\\u{23}');
}

export function caseSubject(caseId: number, caseNumber: string | null | undefined): string {
  return caseNumber ? `case ${shownCaseNumber(caseNumber)}` : `case #${caseId}`;
}
