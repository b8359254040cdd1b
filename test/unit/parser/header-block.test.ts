import { describe, expect, it } from 'vitest';
import { readHeaderBlock } from '../../../shared/parser/header-block';
import { slice } from './helpers';

const read = (text: string) => readHeaderBlock(text, { start: 0, end: text.length });

describe('header block', () => {
  it('reads the two-column PDF header, including the wrapped "Application / Received:" label', () => {
    const text = [
      'Case Number:\tCM16-0239569',
      'Date Assigned:\t12/16/2016\tDate of Injury:\t11/15/2016',
      'Decision Date:\t01/24/2017\tUR Denial Date:\t12/09/2016',
      'Priority:\tStandard\tApplication\t12/13/2016',
      'Received:',
    ].join('\n');
    const h = read(text);
    expect(
      [
        h.caseNumber,
        h.dateAssigned,
        h.dateOfInjury,
        h.decisionDate,
        h.urDenialDate,
        h.priority,
        h.applicationReceived,
      ].map((f) => f?.value),
    ).toEqual(['CM16-0239569', '2016-12-16', '2016-11-15', '2017-01-24', '2016-12-09', 'Standard', '2016-12-13']);
    expect(slice(text, h.applicationReceived?.span)).toBe('12/13/2016');
    expect(slice(text, h.dateOfInjury?.span)).toBe('11/15/2016');
    expect(slice(text, h.priority?.span)).toBe('Standard');
  });

  it('reads the same header when columns are separated by single spaces (copy-pasted text)', () => {
    const text = [
      'Case Number: CM17-0001234',
      'Date Assigned: 1/3/2017 Date of Injury: 10/13/2016',
      'Decision Date: 02/01/2017 UR Denial Date: 12/09/2016',
      'Priority: Expedited Application 12/13/2016',
      'Received:',
    ].join('\n');
    const h = read(text);
    expect(h.priority?.value).toBe('Expedited');
    expect(h.dateAssigned?.value).toBe('2017-01-03');
    expect(h.applicationReceived?.value).toBe('2016-12-13');
  });

  it('reads labels whose value is on the next line, and an unwrapped "Application Received:"', () => {
    const text = 'Decision Date:\n01/24/2017\nApplication Received: 12/13/2016';
    const h = read(text);
    expect(h.decisionDate?.value).toBe('2017-01-24');
    expect(h.applicationReceived?.value).toBe('2016-12-13');
  });

  it('ignores values that are not dates', () => {
    const h = read('Date Assigned: pending\nUR Denial Date: 13/45/2016');
    expect(h.dateAssigned).toBeUndefined();
    expect(h.urDenialDate).toBeUndefined();
  });
});

describe('other header wordings', () => {
  it('reads the older labels for the same fields', () => {
    const text =
      'Dated: 09/30/2013\nIMR Case Number: CM13-0000001\nDate of UR Decision: 07/22/2013\nDate of IMR Application: 08/02/2013\nDOI: 3/14/11';
    const h = read(text);
    expect(h.caseNumber?.value).toBe('CM13-0000001');
    expect(h.decisionDate).toMatchObject({ value: '2013-09-30', confidence: 0.7 });
    expect(h.urDenialDate?.value).toBe('2013-07-22');
    expect(h.applicationReceived?.value).toBe('2013-08-02');
    expect(h.dateOfInjury?.value).toBe('2011-03-14');
  });

  it('prefers the 2016 label when both appear', () => {
    const h = read('Decision Date: 01/24/2017\nDated: 01/25/2017');
    expect(h.decisionDate).toMatchObject({ value: '2017-01-24', confidence: 1 });
  });
});

it('does not take "dated:" inside prose as the decision date', () => {
  expect(
    read('Case Number: CM13-0000001\nPer the progress report dated: 11/20/2014, the patient').decisionDate,
  ).toBeUndefined();
});

it('leaves priority empty when its cell is empty rather than taking the next label', () => {
  const h = read('Priority:\t\tApplication\t12/13/2016\nReceived:');
  expect(h.priority).toBeUndefined();
  expect(h.applicationReceived?.value).toBe('2016-12-13');
});
