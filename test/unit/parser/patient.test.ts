import { describe, expect, it } from 'vitest';
import { readPatientFacts } from '../../../shared/parser/patient';
import { slice } from './helpers';

const read = (text: string) => readPatientFacts(text, { start: 0, end: text.length });

describe('patient facts from the summary prose', () => {
  it.each([
    ['The injured worker is a 48 year old male, who sustained', 48, 'male'],
    ['This case involves a now 67-year-old male with a history', 67, 'male'],
    ['The 58 year old female injured worker suffered an injury', 58, 'female'],
    ['the injured worker is a(n) 57 year old male, who', 57, 'male'],
    ['This 40 year-old patient sustained an injury on 2/28/13 while employed', 40, null],
    ['The injured worker is a female who sustained an industrial injury on 10-25-2016.', null, 'female'],
    ['Injured worker is a male with date of injury 7/8/2002.', null, 'male'],
  ])('%s', (text, age, sex) => {
    const facts = read(text);
    expect(facts.age?.value ?? null).toBe(age);
    expect(facts.sex?.value ?? null).toBe(sex);
    if (facts.age) expect(slice(text, facts.age.span)).toBe(String(age));
  });

  it.each([
    ['who sustained an industrial injury on November 16,\n2000. The injured worker', '2000-11-16'],
    ['The patient is a 44 year old female with the injury date of 02/03/14. All reports', '2014-02-03'],
    ['Injured worker is a male with date of injury 7/8/2002. Per pain management', '2002-07-08'],
    ['The patient is a 67-year-old male who reported an injury on 01/07/2013.  The patient', '2013-01-07'],
    ['a now 36-year-old female with a history of an occupational claim from 10/13/2016.', '2016-10-13'],
    ['The injured worker is a 29 year old female who sustained an industrial injury November 28, 2016.', '2016-11-28'],
  ])('date of injury from prose: %s', (text, iso) => {
    const facts = read(text);
    expect(facts.dateOfInjury?.value).toBe(iso);
    expect(facts.dateOfInjury?.confidence).toBeLessThan(1);
  });

  it('does not take an unrelated date as the date of injury', () => {
    expect(read('The patient was seen on 09/23/2013 for neck pain.').dateOfInjury).toBeUndefined();
  });

  it('reads a list of diagnoses', () => {
    const facts = read(
      'He was seen. Diagnoses include 1) failed back pain syndrome 2) lumbosacral disc injury 3) lumbosacral radiculopathy. He notes pain.',
    );
    expect(facts.diagnoses?.value).toEqual([
      'failed back pain syndrome',
      'lumbosacral disc injury',
      'lumbosacral radiculopathy',
    ]);
  });
});

describe('age wordings', () => {
  it.each([
    ['a 52 yo male with back pain', 52],
    ['a 52 y/o female', 52],
    ['a woman 61 years of age', 61],
  ])('%s', (text, age) => expect(readPatientFacts(text, { start: 0, end: text.length }).age?.value).toBe(age));
});
