import { describe, expect, it } from 'vitest';
import { filterConditions, filterText } from '../../../shared/api/filter-text';

describe('filter text', () => {
  it('reads each condition with the dimension labels, none-labels and ranges', () => {
    expect(
      filterConditions({
        category: 'physical therapy',
        decision: 'Upheld',
        bodyRegion: null,
        month: '2016-03',
        turnaround: { min: 8, max: 14 },
        modified: false,
        search: ' ',
      }),
    ).toEqual([
      { key: 'category', label: 'Item category', value: 'physical therapy' },
      { key: 'decision', label: 'Decision', value: 'Upheld' },
      { key: 'bodyRegion', label: 'Body region', value: 'no region named' },
      { key: 'month', label: 'Decision month', value: '2016-03' },
      { key: 'turnaround', label: 'Turnaround', value: '8–14 days' },
      { key: 'modified', label: 'Modified by UR', value: 'no' },
    ]);
  });

  it('joins conditions for one line, and says nothing for no filter', () => {
    expect(filterText({ status: 'in review', format: 'imr-2016', turnaround: { min: 181 } })).toBe(
      'Review status: In review; Layout: 2016–2017 layout; Turnaround: 181 days or more',
    );
    expect(filterText({ decision: null, turnaround: { max: -1 }, guideline: null })).toBe(
      'Decision: no decision; Turnaround: decided before the application; Guideline source: no guideline cited',
    );
    expect(filterText({})).toBe('');
  });
});
