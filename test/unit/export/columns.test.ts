import { describe, expect, it } from 'vitest';
import { citationsText } from '../../../shared/domain/fields';
import {
  CASES_SHEET,
  CORRECTIONS_SHEET,
  ITEMS_SHEET,
  sheetColumns,
  withParsedColumns,
} from '../../../backend/export/columns';

describe('sheet definitions', () => {
  it('has unique headers in every sheet', () => {
    for (const spec of [CASES_SHEET, ITEMS_SHEET, CORRECTIONS_SHEET]) {
      const headers = sheetColumns(spec as never, true).map((c: { header: string }) => c.header);
      expect(new Set(headers).size).toBe(headers.length);
    }
  });

  it('repeats the case key columns at the start of the Items sheet', () => {
    expect(ITEMS_SHEET.columns.slice(0, 6).map((c) => c.header)).toEqual([
      'Case number',
      'Decision date',
      'Date of injury',
      'Patient age',
      'Patient sex',
      'Reviewer specialty',
    ]);
  });

  it('puts a "(parsed)" column right after each correctable column, and only there', () => {
    const headers = withParsedColumns(ITEMS_SHEET).columns.map((c) => c.header);
    expect(headers.slice(headers.indexOf('Decision'), headers.indexOf('Decision') + 2)).toEqual([
      'Decision',
      'Decision (parsed)',
    ]);
    expect(headers).not.toContain('Item (parsed)');
    expect(headers).not.toContain('Case ID (parsed)');
    const correctable = ITEMS_SHEET.columns.filter((c) => c.path).length;
    expect(headers.length).toBe(ITEMS_SHEET.columns.length + correctable);
  });

  it('has no parsed twins for the audit trail', () => {
    expect(withParsedColumns(CORRECTIONS_SHEET)).toBe(CORRECTIONS_SHEET);
  });
});

describe('citationsText', () => {
  it('joins distinct citations once each, in order', () => {
    const text = citationsText([
      {
        source: 'MTUS',
        title: 'Chronic Pain Medical Treatment 2016',
        section: 'EMG/NCS',
        pages: '78-80',
        from: 'claimsAdministrator',
      },
      { source: 'ODG', title: null, section: 'Low Back Chapter', pages: null, from: 'claimsAdministrator' },
      {
        source: 'MTUS',
        title: 'Chronic Pain Medical Treatment 2016',
        section: 'EMG/NCS',
        pages: '78-80',
        from: 'maximus',
      },
    ]);
    expect(text).toBe('MTUS: Chronic Pain Medical Treatment 2016, EMG/NCS, pp. 78-80; ODG: Low Back Chapter');
    expect(citationsText([])).toBeNull();
  });
});
