/** The problem list `imr verify` builds: one line per problem, for a person. */
import { errorText } from '../../shared/api/error-text';
import { DAMAGED_ADVICE, isUnreadable } from '../store/errors';

/** Past this many, further problems are counted, not listed: one tampering usually explains the rest. */
const MAX_LISTED = 50;

/** Collects problems: the first MAX_LISTED listed, the rest counted. */
export class ProblemList {
  private readonly listed: string[] = [];
  /** Every problem added: the same finding from two places (two worker threads meeting one damaged page) is one line. */
  private readonly seen = new Set<string>();
  private unlisted = 0;
  damaged = false;

  add(problem: string): void {
    if (this.seen.has(problem)) return;
    this.seen.add(problem);
    if (this.listed.length < MAX_LISTED) this.listed.push(problem);
    else this.unlisted++;
  }

  /** A phase that stopped on a SQLite error: the file is damaged where it was reading. */
  unreadable(what: string, err: unknown): void {
    this.damaged = true;
    this.add(`The workspace file is damaged: SQLite could not read ${what} (${errorText(err)}).`);
  }

  lines(): string[] {
    const lines = [...this.listed];
    if (this.unlisted > 0) lines.push(`… and ${count(this.unlisted, 'more problem')}.`);
    if (this.damaged) lines.push(`The workspace file is damaged. ${DAMAGED_ADVICE}`);
    return lines;
  }
}

/**
 * Runs a check. SQLite failing to read the file (damaged page, I/O error) ends
 * the check and is reported as damage, so the other checks still run; any
 * other error (in use by another process, a bug) is thrown as usual. Returns
 * the check's value, or undefined.
 */
export function guard<T>(problems: ProblemList, what: string, check: () => T): T | undefined {
  try {
    return check();
  } catch (err) {
    if (!isUnreadable(err)) throw err;
    problems.unreadable(what, err);
    return undefined;
  }
}

/** "1 event", "2 events": the report is read by people. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
