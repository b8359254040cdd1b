import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../shared/domain/case';
import {
  alreadyInText,
  exportedText,
  importCounts,
  importNotice,
  leftOutText,
  ofLettersText,
} from '../../../shared/domain/report-text';

const report = (counts: Partial<ImportSummary>): ImportSummary => {
  const base = { imported: 0, duplicate: 0, rejected: 0, skipped: 0, ...counts };
  return {
    runId: 1,
    total: base.imported + base.duplicate + base.rejected + base.skipped,
    cancelled: false,
    outcomes: [],
    ...base,
  };
};

describe('what an import did, in one wording for the app and the CLI', () => {
  it('counts the letters, and leaves the files that are not letters out of the count', () => {
    const folder = report({ imported: 8, skipped: 1 });
    expect(importNotice(folder, false)).toBe('Import finished: 8 imported.');
    expect(importNotice(folder, false, { ofLetters: true })).toBe('Import finished: 8 imported, of 8 letters.');
    expect(leftOutText(1)).toBe('1 other file was not a letter and left out');
    expect(leftOutText(3)).toBe('3 other files were not letters and left out');
    expect(importNotice(report({ skipped: 2 }), false)).toBe(
      'Import finished: no letters found (letters are .pdf, .txt, .text files).',
    );
  });

  it('names duplicates and rejections apart from files that are not letters', () => {
    const mixed = report({ imported: 1200, duplicate: 2, rejected: 1, skipped: 4 });
    expect(importCounts(mixed)).toEqual(['1,200 imported', '2 already in the workspace', '1 rejected']);
    expect(ofLettersText(mixed)).toBe('of 1,203 letters');
    expect(importNotice(mixed, true, { ofLetters: true })).toBe(
      'Import cancelled: 1,200 imported, 2 already in the workspace, 1 rejected, of 1,203 letters.',
    );
    expect(ofLettersText(report({ imported: 1 }))).toBe('of 1 letter');
    expect(alreadyInText(1)).toBe('1 file was already in the workspace');
    expect(alreadyInText(2)).toBe('2 files were already in the workspace');
  });
});

describe('what an export wrote', () => {
  it('counts corrections only when a corrections table was written', () => {
    const none = { casesWithoutItems: 0 };
    expect(exportedText({ cases: 8, items: 14, corrections: 1, ...none })).toBe('8 cases, 14 items and 1 correction');
    expect(exportedText({ cases: 1, items: 1, corrections: 0, ...none })).toBe('1 case, 1 item and 0 corrections');
    expect(exportedText({ cases: 8, items: 14, corrections: null, ...none })).toBe(
      '14 items of 8 cases (the items table only: no corrections)',
    );
  });

  it('says how many cases a CSV of the items alone has no row for (they have no items)', () => {
    expect(exportedText({ cases: 8, items: 14, corrections: null, casesWithoutItems: 2 })).toBe(
      '14 items of 8 cases (the items table only: no corrections, and no row for the 2 cases with no items)',
    );
    expect(exportedText({ cases: 1, items: 0, corrections: null, casesWithoutItems: 1 })).toBe(
      '0 items of 1 case (the items table only: no corrections, and no row for the 1 case with no items)',
    );
    // The Cases table of the other exports holds them: nothing missing to say.
    expect(exportedText({ cases: 8, items: 14, corrections: 3, casesWithoutItems: 2 })).toBe(
      '8 cases, 14 items and 3 corrections',
    );
  });
});
