import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLetter } from '../../../shared/parser';
import { fold, letterText, slice } from './helpers';

const synthetic = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, '../../fixtures/corpus/synthetic', name), 'utf8');

describe('layouts', () => {
  it('maximus-imr: letterhead layout with numbered statements of necessity', () => {
    const text = synthetic('maximus-imr.txt');
    const letter = parseLetter(letterText(text));
    expect(letter.format).toBe('maximus-imr');
    expect(letter.isImrLetter).toBe(true);
    expect(letter).toMatchObject({
      caseNumber: 'CM13-0000001',
      dateOfInjury: '2011-03-14',
      urDenialDate: '2013-07-22',
      applicationReceived: '2013-08-02',
      priority: 'Standard',
      licensure: ['California', 'Nevada'],
      specialty: ['Orthopaedic Surgery'],
      reviewerType: 'physician reviewer',
      patientAge: 61,
      patientSex: 'female',
    });
    expect(letter.items.map((i) => [i.treatment, i.decision, i.conclusion])).toEqual([
      ['Physical therapy twice a week for six weeks for the lumbar spine', 'Upheld', 'not medically necessary'],
      ['MRI of the right knee', 'Upheld', 'not medically necessary'],
    ]);
    const [first] = letter.items;
    expect(first?.maximusGuideline).toBe(
      'Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine, Page(s): 98-99.',
    );
    expect(first?.rationale).toMatch(/^The guidelines allow for fading.*not medically necessary and appropriate\.$/);
    expect(first?.confidence.decision).toBeLessThan(1);
    expect(letter.clinicalSummary).toMatch(/^The claimant is a 61 year old female/);
  });

  it('medical-professional-review: issues, shared guideline and rationale, qualifications prose', () => {
    const text = synthetic('medical-professional-review.txt');
    const letter = parseLetter(letterText(text));
    expect(letter.format).toBe('medical-professional-review');
    expect(letter).toMatchObject({
      caseNumber: 'CM14-0000002',
      dateOfInjury: '2012-11-05',
      licensure: ['California'],
      specialty: ['Physical Medicine and Rehabilitation'],
      patientAge: 45,
      patientSex: 'male',
    });
    expect(letter.items.map((i) => [i.treatment, i.decision, i.category])).toEqual([
      ['Acupuncture, 6 sessions for the cervical spine', 'Upheld', 'acupuncture'],
      ['Tramadol 50mg #90', 'Upheld', 'pharmacy'],
    ]);
    expect(letter.items[1]?.medication).toEqual({ name: 'Tramadol', strength: '50 mg', count: 90 });
    expect(letter.items[0]?.maximusGuideline).toMatch(/^Decision based on MTUS Acupuncture/);
    expect(letter.items[0]?.warnings.join(' ')).toMatch(/inferred from the rationale/);
    expect(letter.items[0]?.confidence.decision).toBeLessThan(1);
    expect(letter.clinicalSummary).toMatch(/^The patient is a 45-year-old male/);
  });

  it('imr-2013: no header block; date of injury and credentials from prose', () => {
    const text = [
      'HOW THE IMR FINAL DETERMINATION WAS MADE',
      'MAXIMUS Federal Services sent the complete case file to an expert reviewer. The expert',
      'reviewer is Board Certified in Occupational Medicine and is licensed to practice in California.',
      '',
      'CLINICAL CASE SUMMARY',
      'Injured worker is a male with date of injury 7/8/2002. Diagnoses include 1) failed back syndrome.',
      '',
      'IMR ISSUES, DECISIONS AND RATIONALES',
      'The Final Determination was based on decisions for the disputed items/services set forth below:',
      '',
      'Unknown sessions of electro-acupuncture:  Upheld',
      '',
      'Claims Administrator guideline: Decision based on MTUS Acupuncture Treatment',
      'Guidelines.',
      '',
      'MAXIMUS guideline: Decision based on MTUS Acupuncture Treatment Guidelines.',
      '',
      'Decision rationale: The request is not medically necessary.',
    ].join('\n');
    const letter = parseLetter(letterText(text));
    expect(letter.format).toBe('imr-2013');
    expect(letter.caseNumber).toBeNull();
    expect(letter.dateOfInjury).toBe('2002-07-08');
    expect(letter.confidence.dateOfInjury).toBeLessThan(1);
    expect(slice(text, letter.spans.dateOfInjury)).toBe('7/8/2002');
    expect(letter.specialty).toEqual(['Occupational Medicine']);
    expect(letter.licensure).toEqual(['California']);
    expect(letter.items[0]).toMatchObject({
      treatment: 'Unknown sessions of electro-acupuncture',
      decision: 'Upheld',
      claimsAdministratorGuideline: 'Decision based on MTUS Acupuncture Treatment Guidelines.',
    });
    expect(letter.warnings).toContain('date of injury read from the clinical summary prose, not a labelled field');
  });

  it('unknown layout: extracts what it recognises and warns, without throwing', () => {
    const text = [
      'Independent Medical Review – Summary of Decision',
      'Case Number: CM15-0123456',
      'Date of Injury: 04/01/2014',
      '',
      'Lumbar epidural steroid injection at L4-5: Overturned',
      'Decision rationale: The request is medically necessary.',
    ].join('\n');
    const letter = parseLetter(letterText(text));
    expect(letter.format).toBe('unknown');
    expect(letter.isImrLetter).toBe(true);
    expect(letter.caseNumber).toBe('CM15-0123456');
    expect(letter.dateOfInjury).toBe('2014-04-01');
    expect(letter.items.map((i) => [i.treatment, i.decision, i.category])).toEqual([
      ['Lumbar epidural steroid injection at L4-5', 'Overturned', 'injections'],
    ]);
    expect(letter.warnings.join(' ')).toMatch(/unrecognised letter layout/);
  });

  it('not an IMR letter: isImrLetter false and a warning saying so', () => {
    const letter = parseLetter(letterText(synthetic('not-a-letter.txt')));
    expect(letter.isImrLetter).toBe(false);
    expect(letter.items).toEqual([]);
    expect(letter.warnings).toEqual([
      'not an IMR letter: no IMR section headings, decisions or enough IMR details were found',
    ]);
  });

  it('every span of a full letter points at the text its value came from', () => {
    const text = synthetic('maximus-imr.txt');
    const letter = parseLetter(letterText(text));
    expect(fold(slice(text, letter.spans.caseNumber))).toBe('CM13-0000001');
    expect(fold(slice(text, letter.spans.clinicalSummary))).toBe(fold(letter.clinicalSummary ?? ''));
    expect(fold(slice(text, letter.items[1]?.spans.treatment))).toBe('MRI of the right knee');
    expect(fold(slice(text, letter.items[1]?.spans.bodyRegion))).toBe('knee');
    expect(letter.items[1]?.bodyRegion).toEqual(['knee']);
  });
});

describe('robustness', () => {
  it.each([
    ['empty text', { text: '', lines: [], pageCount: 0, kind: 'text' as const }],
    [
      'lines inconsistent with the text',
      { text: 'abc', lines: [{ start: 5, end: 2, page: 1, bold: true }], pageCount: 1, kind: 'pdf' as const },
    ],
    [
      'text that is not a string',
      { text: undefined as unknown as string, lines: [], pageCount: 1, kind: 'text' as const },
    ],
  ])('%s never throws', (_name, input) => {
    const letter = parseLetter(input);
    expect(letter.isImrLetter).toBe(false);
    expect(letter.parserVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

it('a note that only mentions a case number and IMR is not taken for a letter', () => {
  const letter = parseLetter(letterText('Reminder: call about IMR case CM16-0230651 tomorrow.'));
  expect(letter.isImrLetter).toBe(false);
});
