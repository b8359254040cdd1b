/**
 * The 2013 "Notice of Independent Medical Review Determination" layout: the
 * realworld example and variants composed here the way these letters differ
 * (numbering "1." / "1)", one item or many, Overturned first, wrapped lines,
 * words glued by text extraction, the list without its second copy).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedLetter } from '../../../shared/domain/letter';
import { parseLetter } from '../../../shared/parser';
import { fold, letterText, slice } from './helpers';

const REALWORLD = path.resolve(import.meta.dirname, '../../fixtures/realworld');

interface NoticeItem {
  /** As the determination and the Regarding header name it. */
  treatment: string;
  necessary: boolean;
  caGuideline: string;
  reviewerGuideline: string;
  rationale: string;
}

interface NoticeOptions {
  /** "1)" (default) or "1." */
  numbering?: ')' | '.';
  /** Wrap every long line at about this width, as a narrow PDF column does. */
  wrap?: number;
  /** Drop the space between "not" and "medically" etc., as public text copies do. */
  glued?: boolean;
  /** Leave out the copy of the list under INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE. */
  singleList?: boolean;
  /** Leave out the list after the header (only the copy under the decision heading). */
  noFirstList?: boolean;
}

function wrapLines(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const out: string[] = [];
      let rest = line;
      while (rest.length > width) {
        const cut = rest.lastIndexOf(' ', width);
        if (cut <= 0) break;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut + 1);
      }
      out.push(rest);
      return out;
    })
    .join('\n');
}

function notice(items: NoticeItem[], options: NoticeOptions = {}): string {
  const n = (i: number) => `${i + 1}${options.numbering ?? ')'}`;
  const verdict = (necessary: boolean) =>
    options.glued
      ? necessary
        ? 'is medicallynecessary and appropriate.'
        : 'is notmedically necessary and appropriate.'
      : necessary
        ? 'is medically necessary and appropriate.'
        : 'is not medically necessary and appropriate.';
  const list = items
    .map(
      (it, i) =>
        `${n(i)} MAXIMUS Federal Services, Inc. has determined the request for ${it.treatment} ${verdict(it.necessary)}`,
    )
    .join('\n');
  const text = [
    'MAXIMUS FEDERAL SERVICES, INC.',
    'Independent Medical Review',
    '',
    'Notice of Independent Medical Review Determination',
    '',
    'Dated: 11/04/2013',
    '',
    'IMR Case Number:       CM13-0101234          Date of Injury:         06/02/2010',
    'Claim Number:          WC-123-456            UR Denial Date:         10/01/2013',
    'Priority:              Standard              Application Received:   10/09/2013',
    'Employee Name:         Redacted',
    'Treatment(s) in Dispute Listed on IMR Application:',
    items.map((it) => it.treatment).join('; '),
    '',
    ...(options.noFirstList
      ? []
      : [
          'MAXIMUS Federal Services, Inc. has finished the Independent Medical Review of the',
          'treatments listed above. The results are:',
          '',
          list,
          '',
        ]),
    'This determination is final and binding on the parties unless it is appealed.',
    '',
    'INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE',
    'An application for Independent Medical Review was filed on 10/9/2013 disputing the',
    'Utilization Review Denial dated 10/1/2013. A decision has been made for each of the',
    'treatment and/or services that were in dispute:',
    '',
    ...(options.singleList ? [] : [list, '']),
    'Medical Qualifications of the Expert Reviewer:',
    'The independent Medical Doctor who made the decision has no affiliation with the',
    'employer, employee, providers or the claims administrator. The physician reviewer is',
    'Board Certified in Orthopaedic Surgery and is licensed to practice in California.',
    '',
    'Case Summary:',
    'Disclaimer: The following case summary was taken directly from the utilization review',
    'denial/modification dated October 1, 2013.',
    'The patient is a 47 year-old female with a date of injury of 6/2/2010. She reports',
    'neck and right shoulder pain.',
    '',
    ...items.flatMap((it, i) => [
      `${n(i)} Regarding the request for ${it.treatment}:`,
      'Medical Treatment Guideline(s) Relied Upon by the Claims Administrator:',
      it.caGuideline,
      'Medical Treatment Guideline(s) Relied Upon by the Expert Reviewer:',
      it.reviewerGuideline,
      'Rationale Used by the Expert Reviewer:',
      `${it.rationale} The request for ${it.treatment} ${verdict(it.necessary)}`,
      '',
    ]),
    '/ja',
    'cc: Division of Workers’ Compensation',
  ].join('\n');
  return options.wrap ? wrapLines(text, options.wrap) : text;
}

const MRI: NoticeItem = {
  treatment: 'MRI of the right shoulder',
  necessary: false,
  caGuideline: 'ACOEM Shoulder Complaints, Special Studies, pages 207-209.',
  reviewerGuideline: 'ACOEM Shoulder Complaints, Special Studies, pages 207-209.',
  rationale: 'There are no red flags and no plan for surgery documented.',
};
const PT: NoticeItem = {
  treatment: '8 sessions of physical therapy for the neck',
  necessary: true,
  caGuideline: 'MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine, pages 98-99.',
  reviewerGuideline: 'MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine, pages 98-99.',
  rationale: 'A short course of therapy is supported after the recent flare-up.',
};
const NORCO: NoticeItem = {
  treatment: 'Norco 10/325mg #120',
  necessary: false,
  caGuideline: 'MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 74-96.',
  reviewerGuideline: 'MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80.',
  rationale: 'No functional improvement or urine drug screening is documented.',
};

function expectItems(letter: ParsedLetter, items: NoticeItem[]): void {
  expect(letter.format).toBe('imr-2013-notice');
  expect(letter.isImrLetter).toBe(true);
  expect(letter.items.map((i) => [i.treatment, i.decision])).toEqual(
    items.map((it) => [it.treatment, it.necessary ? 'Overturned' : 'Upheld']),
  );
  letter.items.forEach((item, i) => {
    const it = items[i]!;
    expect(item.claimsAdministratorGuideline).toBe(it.caGuideline);
    expect(item.maximusGuideline).toBe(it.reviewerGuideline);
    expect(fold(item.rationale ?? '')).toMatch(new RegExp(`^${it.rationale.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(item.conclusion).toBe(it.necessary ? 'medically necessary' : 'not medically necessary');
    // The decision is MAXIMUS's determination in words: high confidence, no contradiction, no warnings.
    expect(item.confidence.decision).toBe(0.95);
    expect(item.warnings).toEqual([]);
  });
}

describe('2013 Notice of Independent Medical Review Determination', () => {
  it('the realworld example: 2 items (not 4), clean treatments, guidelines and rationales', () => {
    const text = readFileSync(path.join(REALWORLD, '16-imr-2013-notice-layout.txt'), 'utf8');
    const letter = parseLetter(letterText(text));
    expect(letter.format).toBe('imr-2013-notice');
    expect(letter).toMatchObject({
      caseNumber: 'CM13-0099001',
      decisionDate: '2013-10-15',
      dateOfInjury: '2011-03-11',
      urDenialDate: '2013-09-20',
      applicationReceived: '2013-09-27',
      priority: 'Standard',
      specialty: ['Physical Medicine and Rehabilitation'],
      licensure: ['California'],
      patientAge: 52,
      patientSex: 'male',
    });
    expect(letter.items.map((i) => [i.treatment, i.decision, i.category])).toEqual([
      ['12 sessions of aquatic therapy', 'Upheld', 'physical therapy'],
      ['lumbar support brace', 'Overturned', 'DME'],
    ]);
    expect(letter.items.map((i) => i.maximusGuideline)).toEqual([
      'MTUS Chronic Pain Medical Treatment Guidelines, Aquatic therapy.',
      'ACOEM Low Back Complaints.',
    ]);
    expect(letter.items[0]?.rationale).toMatch(/^The records do not show.*not medically necessary and appropriate\.$/);
    expect(letter.items[1]?.rationale).toMatch(/^The records document a recent compression fracture/);
    expect(letter.clinicalSummary).toMatch(/^The patient is a 52 year-old male/);
    expect(letter.warnings).toEqual([]);
    // Spans point at the Regarding header and the determination.
    expect(fold(slice(text, letter.items[0]?.spans.treatment))).toBe('12 sessions of aquatic therapy');
    expect(fold(slice(text, letter.items[1]?.spans.decision))).toBe('is medically necessary and appropriate.');
  });

  it.each([
    ['numbered "1)"', { numbering: ')' }],
    ['numbered "1."', { numbering: '.' }],
    ['lines wrapped at 60 characters', { wrap: 60 }],
    ['lines wrapped at 45 characters, numbered "1."', { wrap: 45, numbering: '.' }],
    ['words glued by text extraction ("notmedically")', { glued: true }],
    ['the list only once, under the decision heading', { noFirstList: true }],
    ['the list only once, after the header', { singleList: true }],
  ] as const)('three items, Upheld / Overturned / Upheld: %s', (_name, options) => {
    const items = [MRI, PT, NORCO];
    const letter = parseLetter(letterText(notice(items, options)));
    expectItems(letter, items);
    expect(letter).toMatchObject({
      caseNumber: 'CM13-0101234',
      decisionDate: '2013-11-04',
      urDenialDate: '2013-10-01',
    });
    expect(letter.items[2]?.medication).toEqual({ name: 'Norco', strength: '10/325 mg', count: 120 });
    expect(letter.clinicalSummary).toMatch(/^The patient is a 47 year-old female/);
    // The closing lines ("/ja", "cc:") are not part of the last rationale.
    expect(letter.items[2]?.rationale).not.toMatch(/cc:|\/ja/);
  });

  it('one item, Overturned', () => {
    const letter = parseLetter(letterText(notice([PT])));
    expectItems(letter, [PT]);
  });

  it('Overturned first, then Upheld', () => {
    const letter = parseLetter(letterText(notice([PT, MRI], { numbering: '.' })));
    expectItems(letter, [PT, MRI]);
  });

  it('a Regarding section without a determination in the list takes its decision from its rationale', () => {
    const text = notice([MRI, PT]).replace(
      /\n2\) MAXIMUS Federal Services, Inc\. has determined the request for 8 sessions of physical therapy for the neck is medically necessary and appropriate\./g,
      '',
    );
    const letter = parseLetter(letterText(text));
    expect(letter.items.map((i) => [i.treatment, i.decision])).toEqual([
      ['MRI of the right shoulder', 'Upheld'],
      ['8 sessions of physical therapy for the neck', 'Overturned'],
    ]);
    expect(letter.items[1]?.confidence.decision).toBe(0.6);
    expect(letter.items[1]?.warnings.join(' ')).toMatch(/inferred from the rationale/);
  });

  it('is recognised without its title line (a lost first page) by the decision heading', () => {
    const text = notice([MRI, PT]).replace('Notice of Independent Medical Review Determination\n', '');
    expectItems(parseLetter(letterText(text)), [MRI, PT]);
  });
});
