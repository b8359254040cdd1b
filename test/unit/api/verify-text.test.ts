/**
 * The integrity report's sentences (shared/api/verify-text.ts), which `imr verify` prints and the app shows, and
 * the reading of the cases a problem names — held to the words the backend names them in.
 */
import { describe, expect, it } from 'vitest';
import { caseName } from '../../../backend/audit/verify-provenance';
import type { VerifyReport } from '../../../shared/api/contract';
import {
  awaitingRebuildText,
  notCheckedText,
  notVerifiedText,
  problemParts,
  verifiedText,
} from '../../../shared/api/verify-text';

const report = (over: Partial<VerifyReport> = {}): VerifyReport => ({
  ok: true,
  problems: [],
  events: 12,
  chainHead: 'ab'.repeat(32),
  cases: 10,
  against: null,
  notChecked: [],
  awaitingRebuild: [],
  ...over,
});

describe('verify-text', () => {
  it('says OK with or without the head, and NOT verified', () => {
    expect(verifiedText(report())).toBe(
      `OK: database intact, audit chain of 12 event(s) verified (head ${'ab'.repeat(32)}), 10 letter(s) and their parses match it`,
    );
    expect(verifiedText(report(), { withHead: false })).toBe(
      'OK: database intact, audit chain of 12 event(s) verified, 10 letter(s) and their parses match it',
    );
    expect(notVerifiedText(report({ ok: false, chainHead: null }))).toBe(
      'Chain head missing (12 event(s)): NOT verified.',
    );
  });

  it('points at the full check only where one was not run', () => {
    const r = report({ notChecked: ['the search index', "each letter's dates"] });
    expect(notCheckedText(r, 'imr verify --full checks them')).toBe(
      "Not checked (imr verify --full checks them): the search index; each letter's dates.",
    );
    expect(notCheckedText(r, null)).toBe("Not checked: the search index; each letter's dates.");
    expect(notCheckedText(report(), null)).toBeNull();
  });

  it('lists the first 20 cases awaiting their rebuild and counts the rest', () => {
    const ids = Array.from({ length: 23 }, (_, i) => i + 1);
    expect(awaitingRebuildText(report({ awaitingRebuild: ids }))).toBe(
      `Case list not compared for 23 corrected case(s) (${ids
        .slice(0, 20)
        .map((id) => `#${id}`)
        .join(', ')} and 3 more): it shows their parsed values until the workspace is opened once with write ` +
        'access, which rebuilds it with their corrections.',
    );
    expect(awaitingRebuildText(report())).toBeNull();
  });

  it('finds the cases a problem names, in the words the backend names them', () => {
    const line = `${caseName(12, 'CM16-0230651')}: the letter's extracted text was changed after import (imported by event 1).`;
    expect(problemParts(line)).toEqual([
      { text: 'Case CM16-0230651 (#12)', caseId: 12 },
      { text: ": the letter's extracted text was changed after import (imported by event 1).", caseId: null },
    ]);
    expect(problemParts(`${caseName(7, null)}, imported by event 3, is no longer in the workspace.`)).toEqual([
      { text: 'Case #7', caseId: 7 },
      { text: ', imported by event 3, is no longer in the workspace.', caseId: null },
    ]);
    expect(problemParts('Event 4 does not match its hash.')).toEqual([
      { text: 'Event 4 does not match its hash.', caseId: null },
    ]);
  });
});
