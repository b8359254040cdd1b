/**
 * What the export dialog says when an export ends (ExportOutcome): a part left out because the workspace cannot
 * give it is a notice beside the counts, not the damaged-workspace alert; damage keeps its alert.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SUMMARY_LEFT_OUT } from '../../../backend/export/summary';
import type { ExportResult } from '../../../shared/domain/case';
import { ExportOutcome } from '../../../renderer/src/components/ExportOutcome';

const result = (over: Partial<ExportResult>): ExportResult => ({
  files: [{ name: 'cases.xlsx', path: '/home/dana/cases.xlsx', downloadId: null, bytes: 100 }],
  cases: 7,
  items: 11,
  casesWithoutItems: 0,
  corrections: 9,
  cleanedCells: 0,
  directionControls: { cells: 0, where: [] },
  unreadable: [],
  leftOut: [],
  ...over,
});

/** The dialog's text as a reader sees it, tags dropped, entities decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

describe('the export dialog when an export ends', () => {
  it('names a Summary left out of a read-only earlier-version workspace as a notice, not as damage', () => {
    const html = renderToStaticMarkup(
      createElement(ExportOutcome, { result: result({ leftOut: [SUMMARY_LEFT_OUT] }) }),
    );
    expect(text(html)).toBe(
      'Exported 7 cases, 11 items and 9 corrections to: /home/dana/cases.xlsx ' +
        'Summary and Turnaround sheets left out: this workspace is from an earlier version and cannot be written ' +
        'here, and it must be opened once with write access to add analytics (or copy it to a folder you can write ' +
        'to and export the copy).',
    );
    expect(html).not.toContain('role="alert"');
    expect(html).not.toMatch(/Partial export|damaged/);
  });

  it('still shows damage as an alert, apart from what was left out', () => {
    const html = renderToStaticMarkup(
      createElement(ExportOutcome, {
        result: result({ unreadable: ['Case 3 could not be read'], leftOut: [SUMMARY_LEFT_OUT] }),
      }),
    );
    const alert = html.slice(html.lastIndexOf('<', html.indexOf('role="alert"')));
    expect(text(alert)).toMatch(/^Partial export: the workspace file is damaged\. .* Case 3 could not be read$/);
    expect(alert).not.toContain('left out: this workspace');
  });

  it('names the cells whose text-direction controls were replaced, and says the letters are unchanged', () => {
    const html = renderToStaticMarkup(
      createElement(ExportOutcome, {
        result: result({ directionControls: { cells: 1, where: ['Items!H2 (Treatment)'] } }),
      }),
    );
    expect(text(html)).toContain(
      '1 cell held text-direction controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which make a ' +
        'spreadsheet show text reversed; each is replaced by U+FFFD (\uFFFD) in the file: Items!H2 (Treatment). ' +
        'The letters are unchanged.',
    );
  });
});
