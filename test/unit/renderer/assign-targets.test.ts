import { describe, expect, it } from 'vitest';
import type { EffectiveItem } from '../../../shared/domain/case';
import { assignTargets, filterTargets } from '../../../renderer/src/letter/assignTargets';
import { blankItem } from '../../../backend/audit/validate';

const letter = {
  caseNumber: 'CM16-0230651',
  decisionDate: '2017-01-09',
  dateAssigned: null,
  priority: 'Standard',
  patientAge: 36,
  format: 'imr-2016',
};
const item = (treatment: string, decision: 'Upheld' | 'Overturned' | null): EffectiveItem => ({
  ...blankItem(treatment),
  decision,
  parsedIndex: null,
  spans: {},
  confidence: {},
});
const items = [item('EMG/NCV of the upper extremities', 'Upheld'), item('Norco', null)];
const paths = (selection: string) => assignTargets(selection, letter, items).map((t) => t.path);

describe('assign targets', () => {
  it('offers a date only to the date fields, with the value each would receive', () => {
    const targets = assignTargets('12/05/2016', letter, items);
    expect(targets.map((t) => t.label)).toEqual([
      'Date assigned',
      'Decision date',
      'Date of injury',
      'UR denial date',
      'Application received',
    ]);
    expect(targets.every((t) => t.value === '2016-12-05')).toBe(true);
    expect(targets.find((t) => t.path === 'decisionDate')?.current).toBe('2017-01-09');
    expect(targets.find((t) => t.path === 'dateAssigned')?.current).toBeNull();
  });

  it('offers an impossible date to nothing specific, and never as a date', () => {
    expect(paths('02/30/2016')).not.toContain('decisionDate');
  });

  it('never offers free text such as "Standard" to the case number or any field that would refuse it', () => {
    const offered = paths('Standard');
    expect(offered).not.toContain('caseNumber');
    expect(offered).not.toContain('decisionDate');
    expect(offered).not.toContain('items[0].decision');
    expect(offered).toContain('priority');
    expect(offered).toContain('items[1].treatment');
    expect(offered).not.toContain('format'); // the layout is the parser's, never corrected
  });

  it('offers a case number only to the case number', () => {
    expect(paths('cm16-0233794')).toEqual(['caseNumber']);
  });

  it('offers numbers to the number fields, a decision to the decisions', () => {
    expect(paths('45')).toEqual(['patientAge', 'items[0].quantity', 'items[1].quantity']);
    expect(paths('Overturned')).toEqual(['items[0].decision', 'items[1].decision']);
  });

  it('filters by words of the label as the reviewer types', () => {
    const targets = assignTargets('Standard', letter, items);
    expect(filterTargets(targets, 'it 2 treat').map((t) => t.path)).toEqual(['items[1].treatment']);
    expect(filterTargets(targets, 'prio').map((t) => t.path)).toEqual(['priority']);
    expect(filterTargets(targets, '')).toHaveLength(targets.length);
    expect(filterTargets(targets, 'zzz')).toEqual([]);
  });
});
