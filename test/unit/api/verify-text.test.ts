/**
 * The integrity report's sentences (shared/api/verify-text.ts), which `imr verify` prints and the app shows, and
 * the reading of the cases a problem names — held to the words the backend names them in.
 */
import { describe, expect, it } from 'vitest';
import { shownCaseNumber } from '../../../backend/audit/case-subject';
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
  problemCases: [],
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

  it('links the case a problem is about, named at the start of its line in the words the backend names it', () => {
    const line = `${caseName(12, 'CM16-0230651')}: the letter's extracted text was changed after import (imported by event 1).`;
    expect(problemParts(line, 12)).toEqual([
      { text: 'Case CM16-0230651 (#12)', caseId: 12 },
      { text: ": the letter's extracted text was changed after import (imported by event 1).", caseId: null },
    ]);
    expect(problemParts(`${caseName(7, null)}, imported by event 3, is no longer in the workspace.`, 7)).toEqual([
      { text: 'Case #7', caseId: 7 },
      { text: ', imported by event 3, is no longer in the workspace.', caseId: null },
    ]);
    // A case number that looks like a case id is still this case's name.
    expect(problemParts(`${caseName(5, '#77')}: parse #3 is missing.`, 5)).toEqual([
      { text: 'Case #77 (#5)', caseId: 5 },
      { text: ': parse #3 is missing.', caseId: null },
    ]);
    // A nameless case whose line quotes "(#2)" further on links itself, not case 2.
    expect(problemParts('Case #7: cases.decision_date "x (#7)" is wrong.', 7)[0]).toEqual({
      text: 'Case #7',
      caseId: 7,
    });
    expect(problemParts('Event 4 does not match its hash.', null)).toEqual([
      { text: 'Event 4 does not match its hash.', caseId: null },
    ]);
  });

  it('shows a forged case number escaped, cut, and unable to end the case name early', () => {
    const forged = `Evil Case CM16-0232182 (#2)<img src=x onerror=alert(1)>\u202Ecba${'x'.repeat(2_000_000)}`;
    const name = caseName(5, forged);
    expect(name).toBe('Case Evil Case CM16-0232182 (\\u{23}2)<img src=x on… (#5)');
    expect(name.includes('\u202E')).toBe(false);
    expect(shownCaseNumber('ab\u202Ecd')).toBe('ab\\u{202E}cd');
    expect(shownCaseNumber('CM16-0230651')).toBe('CM16-0230651');
    expect(problemParts(`${name}: its letter is not in the audit trail.`, 5)[0]).toEqual({ text: name, caseId: 5 });
  });
});
