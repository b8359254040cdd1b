import { describe, expect, it } from 'vitest';
import {
  ITEM_FIELD_DEFS,
  LETTER_FIELD_DEFS,
  fieldText,
  formatFieldValue,
  itemField,
  letterField,
  parseFieldValue,
  type FieldDef,
} from '../../../shared/domain/fields';
import { ITEM_FIELDS, LETTER_FIELDS, type ItemField, type LetterField } from '../../../shared/domain/letter';

/** The stored value, or throws the message (as the audit would refuse). */
function read(def: FieldDef, value: unknown, name?: string): unknown {
  const parsed = parseFieldValue(def, value, name);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}
const letter = (field: LetterField, value: unknown) => read(letterField(field), value, field);
const item = (field: ItemField, value: unknown) => read(itemField(field), value, `items[0].${field}`);

describe('the field model', () => {
  it('defines every letter and item field exactly once', () => {
    expect(LETTER_FIELD_DEFS.map((d) => d.key).sort()).toEqual([...LETTER_FIELDS].sort());
    expect(ITEM_FIELD_DEFS.map((d) => d.key).sort()).toEqual([...ITEM_FIELDS].sort());
  });

  it('has a distinct label for every field', () => {
    const labels = [...LETTER_FIELD_DEFS, ...ITEM_FIELD_DEFS].map((d) => d.label);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('reading values', () => {
  it('coerces an age typed on the command line and refuses what is not an age', () => {
    expect(letter('patientAge', '52')).toBe(52);
    expect(letter('patientAge', 52)).toBe(52);
    expect(letter('patientAge', ' 0 ')).toBe(0);
    expect(letter('patientAge', 'null')).toBeNull();
    expect(letter('patientAge', '')).toBeNull();
    expect(() => letter('patientAge', 'abc')).toThrow('patientAge must be a whole number from 0 to 120 (got "abc").');
    expect(() => letter('patientAge', '121')).toThrow('from 0 to 120');
    expect(() => letter('patientAge', -1)).toThrow('from 0 to 120');
    expect(() => letter('patientAge', 52.5)).toThrow('whole number');
    expect(() => letter('patientAge', '5e1')).toThrow('whole number');
  });

  it('names the field by its label when no name is given (the form)', () => {
    const parsed = parseFieldValue(letterField('patientAge'), 'forty');
    expect(parsed).toEqual({ ok: false, message: 'Patient age must be a whole number from 0 to 120 (got "forty").' });
  });

  it('accepts only Upheld / Overturned as a decision, whatever the case, and never clears it', () => {
    expect(item('decision', 'overturned')).toBe('Overturned');
    expect(item('decision', 'Upheld')).toBe('Upheld');
    expect(() => item('decision', 'Maybe')).toThrow(
      'items[0].decision must be one of Upheld, Overturned (got "Maybe").',
    );
    expect(() => item('decision', null)).toThrow('must be one of Upheld, Overturned');
  });

  it('reads dates through the one date parser and refuses impossible ones', () => {
    expect(letter('decisionDate', '2017-01-09')).toBe('2017-01-09');
    expect(letter('decisionDate', '1/9/2017')).toBe('2017-01-09');
    expect(letter('decisionDate', 'February 29, 2016')).toBe('2016-02-29');
    expect(letter('decisionDate', 'null')).toBeNull();
    expect(() => letter('decisionDate', 'Feb 30 2016')).toThrow(
      'decisionDate: "Feb 30 2016" is not a real date: February 2016 has 29 days.',
    );
    expect(() => letter('decisionDate', 'Item 12')).toThrow('decisionDate: "Item 12" is not a date');
    expect(() => letter('dateOfInjury', '2016-02-30')).toThrow('February 2016 has 29 days');
    expect(() => letter('dateOfInjury', 20160203)).toThrow('dateOfInjury must be a date like');
  });

  it('checks the choice fields, by value or by label', () => {
    expect(letter('patientSex', 'Female')).toBe('female');
    expect(() => letter('patientSex', 'F')).toThrow('patientSex must be one of female, male');
    expect(letter('reviewerType', 'physician reviewer')).toBe('physician reviewer');
    expect(() => letter('reviewerType', 'doctor')).toThrow('must be one of');
    expect(item('category', 'Acupuncture')).toBe('acupuncture');
    expect(item('category', 'DME')).toBe('DME');
    expect(() => item('category', 'massage')).toThrow(/must be one of pharmacy, physical therapy/);
    expect(() => item('category', '')).toThrow('must be one of');
    expect(read(letterField('format'), '2016–2017 layout')).toBe('imr-2016');
    expect(letterField('format').correctable).toBe(false);
  });

  it('reads a case number in the IMR shape only, upper-cased', () => {
    expect(letter('caseNumber', ' cm16-0230651 ')).toBe('CM16-0230651');
    expect(() => letter('caseNumber', 'Standard')).toThrow('caseNumber must be an IMR case number like CM16-0230651');
    expect(letter('caseNumber', '')).toBeNull();
  });

  it('reads lists as arrays or as text; commas separate states and specialties, never diagnoses', () => {
    expect(letter('licensure', 'California, Washington')).toEqual(['California', 'Washington']);
    expect(letter('licensure', ['California', ' Oregon '])).toEqual(['California', 'Oregon']);
    expect(letter('diagnoses', 'Sprain, lumbar; Radiculopathy')).toEqual(['Sprain, lumbar', 'Radiculopathy']);
    expect(letter('diagnoses', 'Sprain, lumbar\nRadiculopathy')).toEqual(['Sprain, lumbar', 'Radiculopathy']);
    expect(letter('diagnoses', 'Lumbar disc displacement, without myelopathy')).toEqual([
      'Lumbar disc displacement, without myelopathy',
    ]);
    expect(letter('specialty', '["Pain Management"]')).toEqual(['Pain Management']);
    expect(letter('specialty', '')).toEqual([]);
    expect(() => letter('licensure', [1, 2])).toThrow('licensure must be a list of text values');
    expect(() => letter('licensure', '[not json')).toThrow('licensure must be valid JSON');
  });

  it('trims text, folds a short value onto one line, and treats "null" / empty as no value', () => {
    expect(item('treatment', '  MRI of the lumbar spine ')).toBe('MRI of the lumbar spine');
    expect(letter('priority', ' Standard\n review ')).toBe('Standard review');
    expect(item('rationale', 'null')).toBeNull();
    expect(() => item('treatment', 42)).toThrow('items[0].treatment must be text (got 42).');
    expect(() => item('treatment', 'x'.repeat(5001))).toThrow('at most 5,000 characters');
  });

  it('reads quantities as numbers from 0 to 100,000, decimals allowed', () => {
    expect(item('quantity', '12')).toBe(12);
    expect(item('quantity', '0.5')).toBe(0.5);
    expect(item('quantity', 100_000)).toBe(100_000);
    expect(() => item('quantity', 100_001)).toThrow('a number from 0 to 100,000');
    expect(() => item('quantity', 'twelve')).toThrow('a number from 0 to 100,000');
  });

  it('reads a medication as "name strength #count", as JSON or as an object', () => {
    expect(item('medication', 'Norco')).toEqual({ name: 'Norco', strength: null, count: null });
    expect(item('medication', 'Norco 10/325mg #60')).toEqual({ name: 'Norco', strength: '10/325 mg', count: 60 });
    expect(item('medication', 'Lidoderm 5% patch #30')).toEqual({ name: 'Lidoderm', strength: '5%', count: 30 });
    expect(item('medication', 'Gabapentin 600 mg')).toEqual({ name: 'Gabapentin', strength: '600 mg', count: null });
    expect(item('medication', '{"name":"Norco","strength":"10/325mg","count":60}')).toEqual({
      name: 'Norco',
      strength: '10/325mg',
      count: 60,
    });
    expect(() => item('medication', { strength: '5mg' })).toThrow(/medication \{name, strength, count\}: name/);
  });

  it('reads citations as JSON or objects', () => {
    expect(item('citations', [{ source: 'MTUS', title: 'Chronic Pain', from: 'maximus' }])).toEqual([
      { source: 'MTUS', title: 'Chronic Pain', section: null, pages: null, from: 'maximus' },
    ]);
    expect(() => item('citations', '[{"source":"Wikipedia","from":"maximus"}]')).toThrow('a list of citations');
  });
});

describe('writing values', () => {
  it('formats every kind so that reading the text back gives the same value', () => {
    const samples: [FieldDef, unknown][] = [
      [letterField('caseNumber'), 'CM16-0230651'],
      [letterField('decisionDate'), '2016-02-29'],
      [letterField('patientAge'), 52],
      [letterField('patientSex'), 'female'],
      [letterField('diagnoses'), ['Sprain, lumbar', 'Radiculopathy']],
      [letterField('licensure'), ['California', 'Washington']],
      [itemField('quantity'), 0.5],
      [itemField('medication'), { name: 'Norco', strength: '10/325 mg', count: 60 }],
      [itemField('bodyRegion'), ['lumbar spine', 'knee']],
      [itemField('treatment'), 'EMG/NCV of the upper extremities'],
      [letterField('format'), 'imr-2013'],
    ];
    for (const [def, value] of samples) expect(read(def, formatFieldValue(def, value))).toEqual(value);
    expect(formatFieldValue(letterField('patientAge'), null)).toBe('');
  });

  it('writes one line for reading, with choice labels', () => {
    expect(fieldText(letterField('diagnoses'), ['a', 'b'])).toBe('a; b');
    expect(fieldText(letterField('format'), 'imr-2016')).toBe('2016–2017 layout');
    expect(fieldText(letterField('diagnoses'), [])).toBeNull();
  });
});
