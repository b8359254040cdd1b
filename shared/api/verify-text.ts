/**
 * What an integrity check (`imr verify`, the app's "Check workspace integrity") found, in the words the user
 * reads — one wording for the command line and the app, so the two never tell one report differently. The
 * report itself (its problems, one line each) is the backend's (backend/audit/verify.ts); these are the
 * sentences around it.
 */
import type { AuditCheckpoint, VerifyReport } from './contract';

/**
 * The largest checkpoint file read (`imr verify --against FILE`, the app's "Compare with checkpoint…"): one is a
 * few hundred bytes; anything much larger is not one, and is refused before it is read. (Here, not in the
 * contract: the CLI reads it without loading zod.)
 */
export const MAX_CHECKPOINT_FILE_BYTES = 64 * 1024;

/**
 * Whether a checkpoint file's text is within MAX_CHECKPOINT_FILE_BYTES as UTF-8 bytes (what a file's size counts;
 * a string's length counts UTF-16 units, a third of the bytes for most non-Latin text). Stops counting past the
 * limit, so a huge text costs no more than a fitting one.
 */
export function checkpointTextFits(text: string): boolean {
  if (text.length > MAX_CHECKPOINT_FILE_BYTES) return false;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= MAX_CHECKPOINT_FILE_BYTES; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      bytes += 4; // a surrogate pair: one character past U+FFFF
      i++;
    } else bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3; // a lone surrogate is written as U+FFFD: 3 bytes
  }
  return bytes <= MAX_CHECKPOINT_FILE_BYTES;
}

/** "12 event(s)", as `imr verify` has always written it (scripts may read it). */
function eventsOf(n: number): string {
  return `${n} event(s)`;
}

/**
 * "OK: database intact, audit chain of 12 event(s) verified (head 3fa…), 10 letter(s) and their parses match it".
 * `withHead: false` leaves the head out, for a reader that shows it apart (the app, where it can be copied).
 */
export function verifiedText(report: VerifyReport, opts: { withHead?: boolean } = {}): string {
  const head = opts.withHead === false ? '' : ` (head ${report.chainHead ?? 'empty'})`;
  return (
    `OK: database intact, audit chain of ${eventsOf(report.events)} verified${head}, ` +
    `${report.cases} letter(s) and their parses match it`
  );
}

/** "The chain extends the checkpoint of 2026-…Z (12 event(s))." — after an OK report checked against one. */
export function extendsCheckpointText(against: NonNullable<VerifyReport['against']>): string {
  return `The chain extends the checkpoint of ${against.takenAt} (${eventsOf(against.events)}).`;
}

/** "Chain head 3fa… (12 event(s)): NOT verified." — the first line of a report with problems. */
export function notVerifiedText(report: VerifyReport, opts: { withHead?: boolean } = {}): string {
  const head = opts.withHead === false ? '' : ` ${report.chainHead ?? 'missing'}`;
  return `Chain head${head} (${eventsOf(report.events)}): NOT verified.`;
}

/**
 * "Not checked (imr verify --full checks them): the search index …; ….", or null when everything was checked.
 * `fullHint`: where the reader finds the full check ("imr verify --full checks them"), or null after a full
 * check — what is left then is what this file would not let verify check (a read-only file), and pointing at the
 * full check again would send the reader round in a circle.
 */
export function notCheckedText(report: VerifyReport, fullHint: string | null): string | null {
  if (report.notChecked.length === 0) return null;
  const why = fullHint === null ? '' : ` (${fullHint})`;
  return `Not checked${why}: ${report.notChecked.join('; ')}.`;
}

/** How many awaiting cases `awaitingRebuildText` names; the rest are counted. */
export const AWAITING_LISTED = 20;

/**
 * Corrected cases whose case list waits to be rebuilt after an upgrade (`awaitingRebuild`), in three parts so a
 * reader can show the cases as links: `lead` "Case list not compared for 6 corrected case(s)", the cases (the
 * first AWAITING_LISTED, and `more` "and 3 more" past them, else null), and `why`. Null when there are none.
 */
export function awaitingRebuildParts(
  report: VerifyReport,
): { lead: string; listed: number[]; more: string | null; why: string } | null {
  const ids = report.awaitingRebuild;
  if (ids.length === 0) return null;
  return {
    lead: `Case list not compared for ${ids.length} corrected case(s)`,
    listed: ids.slice(0, AWAITING_LISTED),
    more: ids.length > AWAITING_LISTED ? `and ${ids.length - AWAITING_LISTED} more` : null,
    why:
      'it shows their parsed values until the workspace is opened once with write access, which rebuilds it ' +
      'with their corrections.',
  };
}

/** awaitingRebuildParts as one line: "Case list not compared for 2 corrected case(s) (#1, #4): it shows …". */
export function awaitingRebuildText(report: VerifyReport): string | null {
  const parts = awaitingRebuildParts(report);
  if (!parts) return null;
  const listed = parts.listed.map((id) => `#${id}`).join(', ') + (parts.more ? ` ${parts.more}` : '');
  return `${parts.lead} (${listed}): ${parts.why}`;
}

/** Said wherever a checkpoint is written: what it is for. */
export const CHECKPOINT_KEEP_TEXT = "Keep it where the workspace's users cannot change it";

/**
 * A problem line cut where it names its case, for a reader that links it: the text unchanged, in pieces, the piece
 * naming the case carrying `caseId` — the report's own record of the case the line is about
 * (VerifyReport.problemCases), never an id read out of the text, which holds the stored case number. The name is
 * the one at the start of the line, in the words of `caseName` in backend/audit/verify-provenance.ts:
 * "Case CM16-0230651 (#12)" (its number cannot contain " (#": shownCaseNumber), or "Case #12" without a number
 * (test/unit/api/verify-text.test.ts holds the two together). A line about no case is one piece.
 */
export function problemParts(problem: string, caseId: number | null): { text: string; caseId: number | null }[] {
  if (caseId === null) return [{ text: problem, caseId: null }];
  const nameless = `Case #${caseId}`;
  const numbered = ` (#${caseId})`;
  const end = problem.indexOf(numbered);
  let length = 0;
  if (problem.startsWith(nameless) && !/^\d/.test(problem.slice(nameless.length)) && end !== nameless.length) {
    length = nameless.length;
  } else if (problem.startsWith('Case ') && end > 'Case '.length && !problem.slice(0, end).includes(' (#')) {
    length = end + numbered.length;
  }
  // Not named as expected: the line still is about the case, and the whole of it links it.
  if (length === 0) return [{ text: problem, caseId }];
  const parts: { text: string; caseId: number | null }[] = [{ text: problem.slice(0, length), caseId }];
  if (length < problem.length) parts.push({ text: problem.slice(length), caseId: null });
  return parts;
}

/** A checkpoint file's content, as `imr checkpoint` writes it and the app saves it: indented JSON and a newline. */
export function checkpointFileText(checkpoint: AuditCheckpoint): string {
  return `${JSON.stringify(checkpoint, null, 2)}\n`;
}
