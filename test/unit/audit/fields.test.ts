import { describe, expect, it } from 'vitest';
import { ITEM_FIELD_SPECS, LETTER_FIELD_SPECS, coerceFieldValue, parseDate } from '../../../backend/audit/fields';
import { CorrectionError } from '../../../backend/audit/errors';

const letter = (field: keyof typeof LETTER_FIELD_SPECS, value: unknown) =>
  coerceFieldValue(LETTER_FIELD_SPECS[field], field, value);
const item = (field: keyof typeof ITEM_FIELD_SPECS, value: unknown) =>
  coerceFieldValue(ITEM_FIELD_SPECS[field], `items[0].${field}`, value);

describe('field coercion and validation', () => {
  it('coerces an age typed on the command line and refuses what is not an age', () => {
    expect(letter('patientAge', '52')).toBe(52);
    expect(letter('patientAge', 52)).toBe(52);
    expect(letter('patientAge', ' 0 ')).toBe(0);
    expect(letter('patientAge', 'null')).toBeNull();
    expect(letter('patientAge', '')).toBeNull();
    expect(() => letter('patientAge', 'abc')).toThrow('patientAge must be a whole number from 0 to 120 (got "abc").');
    expect(() => letter('patientAge', '121')).toThrow(CorrectionError);
    expect(() => letter('patientAge', -1)).toThrow(CorrectionError);
    expect(() => letter('patientAge', 52.5)).toThrow(CorrectionError);
    expect(() => letter('patientAge', '5e1')).toThrow(CorrectionError);
  });

  it('accepts only Upheld / Overturned as a decision, whatever the case', () => {
    expect(item('decision', 'overturned')).toBe('Overturned');
    expect(item('decision', 'Upheld')).toBe('Upheld');
    expect(() => item('decision', 'Maybe')).toThrow(
      'items[0].decision must be one of Upheld, Overturned (got "Maybe").',
    );
    expect(() => item('decision', null)).toThrow(CorrectionError);
  });

  it('accepts real calendar dates only', () => {
    expect(letter('decisionDate', '2017-01-09')).toBe('2017-01-09');
    expect(letter('decisionDate', '1/9/2017')).toBe('2017-01-09');
    expect(letter('decisionDate', 'null')).toBeNull();
    expect(() => letter('decisionDate', '2016-13-45')).toThrow(
      'decisionDate must be a real date as YYYY-MM-DD (got "2016-13-45").',
    );
    expect(() => letter('dateOfInjury', '2016-02-30')).toThrow(CorrectionError);
    expect(parseDate('2016-02-29')).toBe('2016-02-29');
    expect(parseDate('2015-02-29')).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
  });

  it('checks the enumerated fields', () => {
    expect(letter('patientSex', 'Female')).toBe('female');
    expect(() => letter('patientSex', 'F')).toThrow('patientSex must be one of male, female');
    expect(letter('reviewerType', 'physician reviewer')).toBe('physician reviewer');
    expect(() => letter('reviewerType', 'doctor')).toThrow(CorrectionError);
    expect(item('category', 'Acupuncture')).toBe('acupuncture');
    expect(item('category', 'DME')).toBe('DME');
    expect(() => item('category', 'massage')).toThrow(/must be one of pharmacy, physical therapy/);
    expect(() => item('category', '')).toThrow(CorrectionError);
    expect(() => letter('format', 'pdf')).toThrow(CorrectionError);
  });

  it('reads lists as arrays or as comma / semicolon separated text', () => {
    expect(letter('licensure', 'California, Washington')).toEqual(['California', 'Washington']);
    expect(letter('licensure', ['California', ' Oregon '])).toEqual(['California', 'Oregon']);
    expect(letter('diagnoses', 'Sprain, lumbar; Radiculopathy')).toEqual(['Sprain, lumbar', 'Radiculopathy']);
    expect(letter('specialty', '["Pain Management"]')).toEqual(['Pain Management']);
    expect(letter('specialty', '')).toEqual([]);
    expect(() => letter('licensure', [1, 2])).toThrow('licensure must be a list of text values');
    expect(() => letter('licensure', '[not json')).toThrow('licensure must be valid JSON');
  });

  it('trims text and treats "null" / empty as no value where allowed', () => {
    expect(item('treatment', '  MRI of the lumbar spine ')).toBe('MRI of the lumbar spine');
    expect(item('rationale', 'null')).toBeNull();
    expect(() => item('treatment', 42)).toThrow('items[0].treatment must be text (got 42).');
  });

  it('reads quantities, medications and citations', () => {
    expect(item('quantity', '12')).toBe(12);
    expect(item('quantity', '0.5')).toBe(0.5);
    expect(() => item('quantity', 'twelve')).toThrow(CorrectionError);
    expect(item('medication', 'Norco')).toEqual({ name: 'Norco', strength: null, count: null });
    expect(item('medication', '{"name":"Norco","strength":"10/325mg","count":60}')).toEqual({
      name: 'Norco',
      strength: '10/325mg',
      count: 60,
    });
    expect(() => item('medication', { strength: '5mg' })).toThrow(/medication \{name, strength, count\}: name/);
    expect(item('citations', [{ source: 'MTUS', title: 'Chronic Pain', from: 'maximus' }])).toEqual([
      { source: 'MTUS', title: 'Chronic Pain', section: null, pages: null, from: 'maximus' },
    ]);
    expect(() => item('citations', '[{"source":"Wikipedia","from":"maximus"}]')).toThrow(CorrectionError);
  });
});
