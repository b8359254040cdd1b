/** The problem list `imr verify` builds: one line per problem, for a person. */
import { errorText } from '../../shared/api/error-text';
import { DAMAGED_ADVICE, isUnreadable } from '../store/errors';

/** Past this many, further problems are counted, not listed: one tampering usually explains the rest. */
const MAX_LISTED = 50;

/** Problems about one case: each line starts by naming it (verify-provenance.ts `caseName`). */
export interface CaseProblems {
  add(problem: string): void;
}

/**
 * Collects problems: the first MAX_LISTED listed, the rest counted. A line about one case (`forCase`) keeps the
 * case's id beside it (VerifyReport.problemCases), so that a reader links the case without reading its id out of
 * the text, which holds the stored case number and is not to be trusted.
 */
export class ProblemList {
  private readonly listed: string[] = [];
  private readonly listedCases: (number | null)[] = [];
  /** Every problem added: the same finding from two places (two worker threads meeting one damaged page) is one line. */
  private readonly seen = new Set<string>();
  private unlisted = 0;
  damaged = false;

  add(problem: string, caseId: number | null = null): void {
    if (this.seen.has(problem)) return;
    this.seen.add(problem);
    if (this.listed.length < MAX_LISTED) {
      this.listed.push(problem);
      this.listedCases.push(caseId);
    } else this.unlisted++;
  }

  /** Adds lines about case `caseId` (internal id), each starting with its name. */
  forCase(caseId: number): CaseProblems {
    return { add: (problem) => this.add(problem, caseId) };
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

  /** The case each of `lines()` is about (its internal id), or null: the two arrays are parallel. */
  cases(): (number | null)[] {
    const cases = [...this.listedCases];
    if (this.unlisted > 0) cases.push(null);
    if (this.damaged) cases.push(null);
    return cases;
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
