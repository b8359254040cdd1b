import type Database from 'better-sqlite3';
import { statement } from '../store/statements';
import { caseIdsForNumber, resolveCaseRef } from '../store/cases';
import { invalid, notFound } from './errors';

/** What the reviewer is doing with the case: the refusal asks for the one to change, or to show. */
export type CaseUse = 'change' | 'show';

/**
 * The case a call names (an internal id, or an IMR case number), for every
 * call that takes one: reading it (`cases.get`, `corrections.history`: `imr
 * show`, `imr history`) and changing it (`corrections.apply`, undo, redo).
 * Never guesses: a case number several letters carry (MAXIMUS re-issued the
 * letter, or it came from two files) is refused listing each letter's
 * internal id and file, oldest first — changing the first when the reviewer
 * meant another puts the correction on the wrong letter, and showing the
 * first showed the wrong letter's values and history without a word.
 * Throws invalid_input (ambiguous), or `missing()` (not_found) when no case has it.
 */
export function caseIdOf(
  db: Database.Database,
  ref: number | string,
  use: CaseUse,
  missing: () => Error = () =>
    notFound(`No case ${typeof ref === 'number' ? `#${ref}` : `"${ref}"`} in this workspace.`),
): number {
  if (typeof ref === 'string') {
    const versions = caseIdsForNumber(db, ref);
    if (versions.length > 1) throw invalid(severalLettersText(db, ref, versions, use));
  }
  const caseId = resolveCaseRef(db, ref);
  if (caseId === undefined) throw missing();
  return caseId;
}

/** `3 letters carry case number "…": #4 (a.pdf), #9 (b.pdf) and #12 (c.txt), oldest first; name the one to show by its internal id.` */
function severalLettersText(db: Database.Database, ref: string, ids: number[], use: CaseUse): string {
  const fileOf = statement(
    db,
    'SELECT d.file_name FROM cases c JOIN documents d ON d.id = c.document_id WHERE c.id = ?',
    {
      pluck: true,
    },
  );
  const shown = ids.slice(0, 10).map((id) => `#${id} (${String(fileOf.get(id) ?? '?').slice(0, 80)})`);
  const more = ids.length - shown.length;
  const list =
    more > 0 ? `${shown.join(', ')} and ${more} more` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return `${ids.length} letters carry case number "${ref.trim().slice(0, 40)}": internal ids ${list}, oldest first; name the one to ${use} by its internal id.`;
}
