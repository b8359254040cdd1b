import { describe, expect, it } from 'vitest';
import { readCredentials, splitList } from '../../../shared/parser/credentials';
import { slice } from './helpers';

const read = (text: string) => readCredentials(text, { start: 0, end: text.length });

describe('credentials', () => {
  it('reads labelled licensure and a specialty list that wraps onto the next line', () => {
    const text = [
      'MAXIMUS Federal Services sent the complete case file to an expert reviewer.',
      'The Expert Reviewer has the following credentials:',
      'State(s) of Licensure: Ohio,West Virginia, California',
      'Certification(s)/Specialty: Preventive Medicine, Occupational Medicine, Public Health &',
      'General Preventive Medicine',
      '',
      'CLINICAL CASE SUMMARY',
    ].join('\n');
    const c = read(text);
    expect(c.licensure?.value).toEqual(['Ohio', 'West Virginia', 'California']);
    expect(c.specialty?.value).toEqual([
      'Preventive Medicine',
      'Occupational Medicine',
      'Public Health & General Preventive Medicine',
    ]);
    expect(c.reviewerType?.value).toBe('expert reviewer');
    expect(c.licensure?.confidence).toBe(1);
    expect(slice(text, c.licensure?.span)).toBe('Ohio,West Virginia, California');
  });

  it('does not run a specialty into the next label or heading', () => {
    const c = read(
      'Certification(s)/Specialty: Internal Medicine\nCLINICAL CASE SUMMARY\nThe patient is a 40 year old.',
    );
    expect(c.specialty?.value).toEqual(['Internal Medicine']);
  });

  it('falls back to the credentials sentence of older letters, with lower confidence', () => {
    const text =
      'MAXIMUS Federal Services sent the complete case file to a physician reviewer. The physician\nreviewer is Board Certified in Anesthesiology and Pain Medicine and is licensed to practice in\nCalifornia. He/she has been in active clinical practice.';
    const c = read(text);
    expect(c.specialty?.value).toEqual(['Anesthesiology', 'Pain Medicine']);
    expect(c.licensure?.value).toEqual(['California']);
    expect(c.reviewerType?.value).toBe('physician reviewer');
    expect(c.specialty?.confidence).toBeLessThan(1);
    expect(slice(text, c.specialty?.span)).toBe('Anesthesiology and Pain Medicine');
  });

  it('keeps specialty names that contain "and" whole in prose', () => {
    const c = read(
      'The expert reviewer is Board Certified in Physical Medicine and Rehabilitation and is licensed to practice in California and Nevada.',
    );
    expect(c.specialty?.value).toEqual(['Physical Medicine and Rehabilitation']);
    expect(c.licensure?.value).toEqual(['California', 'Nevada']);
  });

  it('splitList never splits on "&"', () => {
    expect(splitList('Physical Medicine & Rehabilitation, Pain Management')).toEqual([
      'Physical Medicine & Rehabilitation',
      'Pain Management',
    ]);
  });
});

describe('labelled licensure with "and"', () => {
  it('splits states on commas and "and"', () => {
    const text = 'State(s) of Licensure: California, Texas and New York';
    expect(readCredentials(text, { start: 0, end: text.length }).licensure?.value).toEqual([
      'California',
      'Texas',
      'New York',
    ]);
  });
});
