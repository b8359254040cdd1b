/**
 * Variants of real corpus letters, edited the way other letters of the same
 * families differ (date formats, label order, wrapping, wording, item counts,
 * page furniture), each with the ground truth known from the original. They
 * guard the parser's rules against depending on details that merely happen to
 * hold in the 45 corpus letters.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractLetterText } from '../../../backend/extract';
import { textToLetterText } from '../../../backend/extract/text-lines';
import type { LetterText, ParsedLetter } from '../../../shared/domain/letter';
import { parseLetter } from '../../../shared/parser';
import { letterText, slice } from './helpers';

const LETTERS = path.resolve(import.meta.dirname, '../../fixtures/corpus/letters');

/** Extracted text of a corpus PDF plus the contents of its bold lines, so edits can keep the bold marks. */
interface Source {
  text: string;
  boldContents: Set<string>;
}

async function load(file: string): Promise<Source> {
  const letter = await extractLetterText(new Uint8Array(readFileSync(path.join(LETTERS, file))), file);
  const boldContents = new Set(letter.lines.filter((l) => l.bold).map((l) => letter.text.slice(l.start, l.end).trim()));
  return { text: letter.text, boldContents };
}

/** LetterText of edited text; a line is bold when the original had a bold line with the same content (or `bold` says so). */
function edited(source: Source, text: string, bold: (line: string) => boolean = () => false): LetterText {
  const boldLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() && (source.boldContents.has(line.trim()) || bold(line))) boldLines.push(i);
  });
  return letterText(text, boldLines);
}

function replaced(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text && !(typeof from === 'string' && from === to))
    throw new Error(`variant edit did not apply: ${String(from)}`);
  return out;
}

function check(input: LetterText): ParsedLetter {
  const parsed = parseLetter(input);
  // Every span of every variant still points at the text it was read from.
  for (const span of Object.values(parsed.spans)) {
    if (!span) continue;
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeLessThanOrEqual(input.text.length);
  }
  return parsed;
}

let emg: Source; // CM16-0230651: 9 items, header block, wrapped "Application Received"
let pharmacy: Source; // CM16-0247802: 5 items, medications

beforeAll(async () => {
  emg = await load('CM16-0230651.pdf');
  pharmacy = await load('CM16-0247802.pdf');
});

describe('header block variants', () => {
  const HEADER = [
    'Case Number:\tCM16-0230651',
    'Date Assigned:\t12/07/2016\tDate of Injury:\t10/13/2016',
    'Decision Date:\t01/09/2017\tUR Denial Date:\t11/22/2016',
    'Priority:\tStandard\tApplication\t11/29/2016',
    'Received:',
  ].join('\n');
  const expectDates = (p: ParsedLetter) => {
    expect(p.caseNumber).toBe('CM16-0230651');
    expect(p.dateAssigned).toBe('2016-12-07');
    expect(p.dateOfInjury).toBe('2016-10-13');
    expect(p.decisionDate).toBe('2017-01-09');
    expect(p.urDenialDate).toBe('2016-11-22');
    expect(p.applicationReceived).toBe('2016-11-29');
  };

  it('reads the original header', () => {
    const p = check(edited(emg, emg.text));
    expectDates(p);
    expect(p.priority).toBe('Standard');
  });

  it('reads dates written as M/D/YY, "January 9, 2017" and "Jan. 9, 2017"', () => {
    const header = [
      'Case Number:\tCM16-0230651',
      'Date Assigned:\tDecember 7, 2016\tDate of Injury:\t10/13/16',
      'Decision Date:\tJan. 9, 2017\tUR Denial Date:\t11/22/16',
      'Priority:\tStandard\tApplication\tNov 29, 2016',
      'Received:',
    ].join('\n');
    const p = check(edited(emg, replaced(emg.text, HEADER, header)));
    expectDates(p);
    expect(p.spans.decisionDate && slice(emg.text.replace(HEADER, header), p.spans.decisionDate)).toBe('Jan. 9, 2017');
  });

  it('reads the columns in another order, one label per line, and without a priority', () => {
    const header = [
      'Case Number: CM16-0230651',
      'Date of Injury: 10/13/2016',
      'UR Denial Date: 11/22/2016',
      'Application Received: 11/29/2016',
      'Date Assigned: 12/07/2016',
      'Decision Date: 01/09/2017',
    ].join('\n');
    const p = check(edited(emg, replaced(emg.text, HEADER, header)));
    expectDates(p);
    expect(p.priority).toBeNull();
  });

  it('reads swapped columns with the wrapped label in the left column', () => {
    const header = [
      'Case Number:\tCM16-0230651',
      'Date of Injury:\t10/13/2016\tDate Assigned:\t12/07/2016',
      'UR Denial Date:\t11/22/2016\tDecision Date:\t01/09/2017',
      'Application\t11/29/2016\tPriority:\tExpedited',
      'Received:',
    ].join('\n');
    const p = check(edited(emg, replaced(emg.text, HEADER, header)));
    expectDates(p);
    expect(p.priority).toBe('Expedited');
  });

  it('reads the header as a viewer copies it: the label column, then the value column', () => {
    const header = [
      'Case Number:',
      'Date Assigned:',
      'Decision Date:',
      'Priority:',
      '',
      'CM16-0230651',
      '12/07/2016',
      '01/09/2017',
      'Standard',
      '',
      'Date of Injury:',
      'UR Denial Date:',
      'Application',
      'Received:',
      '',
      '10/13/2016',
      '11/22/2016',
      '11/29/2016',
    ].join('\n');
    const text = replaced(emg.text, HEADER, header);
    const p = check(edited(emg, text));
    expectDates(p);
    expect(p.priority).toBe('Standard');
    expect(p.format).toBe('imr-2016');
    expect(slice(text, p.spans.applicationReceived)).toBe('11/29/2016');
    expect(p.confidence.applicationReceived).toBeLessThan(1);
  });

  it('does not pair stacked labels with values of the wrong type', () => {
    const header = ['Case Number:', 'Date Assigned:', '', 'CM16-0230651', 'Standard'].join('\n');
    const p = check(edited(emg, replaced(emg.text, HEADER, header)));
    expect(p.caseNumber).toBe('CM16-0230651');
    expect(p.dateAssigned).toBeNull();
  });

  it('reads "Application Received:" wrapped with its value on the second line', () => {
    const header = [
      'Case Number:\tCM16-0230651',
      'Date Assigned:\t12/07/2016\tDate of Injury:\t10/13/2016',
      'Decision Date:\t01/09/2017\tUR Denial Date:\t11/22/2016',
      'Priority:\tStandard\tApplication',
      '\tReceived:\t11/29/2016',
    ].join('\n');
    const p = check(edited(emg, replaced(emg.text, HEADER, header)));
    expectDates(p);
    expect(p.priority).toBe('Standard');
  });
});

describe('credential variants', () => {
  const LICENSURE = 'State(s) of Licensure: California,Washington';
  const SPECIALTY = 'Certification(s)/Specialty: Physical Medicine & Rehabilitation, Pain Management';

  it.each([
    ['California and Washington', ['California', 'Washington']],
    ['California; Washington', ['California', 'Washington']],
    ['California, Washington, and New York', ['California', 'Washington', 'New York']],
    ['CA, WA', ['CA', 'WA']],
  ])('licensure "%s"', (list, expected) => {
    const p = check(edited(emg, replaced(emg.text, LICENSURE, `State(s) of Licensure: ${list}`)));
    expect(p.licensure).toEqual(expected);
    expect(p.specialty).toEqual(['Physical Medicine & Rehabilitation', 'Pain Management']);
  });

  it('reads specialties wrapping over several lines', () => {
    const specialty = [
      'Certification(s)/Specialty: Physical Medicine & Rehabilitation, Pain Management, Internal',
      'Medicine, Preventive Medicine, Public Health & General Preventive',
      'Medicine',
    ].join('\n');
    const p = check(edited(emg, replaced(emg.text, SPECIALTY, specialty)));
    expect(p.specialty).toEqual([
      'Physical Medicine & Rehabilitation',
      'Pain Management',
      'Internal Medicine',
      'Preventive Medicine',
      'Public Health & General Preventive Medicine',
    ]);
    expect(p.clinicalSummary).toMatch(/^This case involves/);
  });

  it.each([
    ['a physician reviewer', 'The Physician Reviewer has', 'physician reviewer'],
    ['an Expert Reviewer', 'The Expert Reviewer has', 'expert reviewer'],
    ['a Physician Reviewer', 'The Physician Reviewer has', 'physician reviewer'],
  ])('reviewer type from "%s"', (wording, credentialsLine, expected) => {
    let text = replaced(emg.text, 'case file to an expert reviewer', `case file to ${wording}`);
    text = replaced(text, 'The Expert Reviewer has', credentialsLine);
    expect(check(edited(emg, text)).reviewerType).toBe(expected);
  });
});

describe('patient phrasing variants', () => {
  const PHRASE =
    'This case involves a now 36-year-old female with a history of an occupational claim from\n10/13/2016.';
  it.each([
    ['The patient is a 48 year old male who sustained an industrial injury on 10/13/2016.', 48, 'male'],
    ['This is a 67-year-old man with an industrial injury on 10/13/2016.', 67, 'male'],
    ['The injured worker is a 41 year-old woman who was injured on 10/13/2016.', 41, 'female'],
    ['The applicant is a 52 y/o male who reported an industrial injury on 10/13/2016.', 52, 'male'],
    ['The patient is a 47 yo female with a date of injury of 10/13/2016.', 47, 'female'],
    ['The patient is a 39-year-old gentleman, injured on 10/13/2016.', 39, 'male'],
    ['The injured worker is a female, aged 52, injured on 10/13/2016.', 52, 'female'],
    ['The patient, a male, age 61, was injured on 10/13/2016.', 61, 'male'],
  ])('"%s"', (phrase, age, sex) => {
    const p = check(edited(emg, replaced(emg.text, PHRASE, phrase)));
    expect(p.patientAge).toBe(age);
    expect(p.patientSex).toBe(sex);
  });

  it('reads the sex without an age ("is a female who")', () => {
    const p = check(
      edited(emg, replaced(emg.text, PHRASE, 'The injured worker is a female who sustained an injury on 10/13/2016.')),
    );
    expect(p.patientAge).toBeNull();
    expect(p.patientSex).toBe('female');
  });
});

describe('item header variants', () => {
  const ORPHENADRINE = 'Orphenadrine Citrate ER 100mg tabs #30: Upheld';
  const itemsOf = (text: string, bold?: (line: string) => boolean) => check(edited(pharmacy, text, bold)).items;
  const original = () => itemsOf(pharmacy.text);

  it('reads the original five items', () => {
    expect(original().map((i) => i.decision)).toEqual(['Overturned', 'Upheld', 'Upheld', 'Upheld', 'Upheld']);
  });

  it.each([
    ['Norco 10/325mg #60: Upheld', 'Norco 10/325mg #60'],
    ['Lidoderm 5% patch: Qty 30: Upheld', 'Lidoderm 5% patch: Qty 30'],
    ['Orphenadrine Citrate ER 100mg tabs #30: upheld', 'Orphenadrine Citrate ER 100mg tabs #30'],
    ['Orphenadrine Citrate ER 100mg tabs #30:\nUpheld', 'Orphenadrine Citrate ER 100mg tabs #30'],
    ['Orphenadrine Citrate ER 100mg tabs #30: UPHELD', 'Orphenadrine Citrate ER 100mg tabs #30'],
    ['Orphenadrine Citrate ER 100mg tabs #30 : Upheld.', 'Orphenadrine Citrate ER 100mg tabs #30'],
  ])('"%s"', (header, treatment) => {
    for (const bold of [false, true]) {
      const items = itemsOf(
        replaced(pharmacy.text, ORPHENADRINE, header),
        (line) => bold && header.split('\n').includes(line),
      );
      expect(items).toHaveLength(5);
      expect(items[1]!.treatment).toBe(treatment);
      expect(items[1]!.decision).toBe('Upheld');
      expect(items[1]!.maximusGuideline).toMatch(/^Decision based on MTUS Chronic Pain Medical Treatment 2016/);
    }
  });

  it('reads a treatment wrapping over four lines, bold or not', () => {
    const header = [
      'Orphenadrine Citrate ER 100mg tabs #30, one tablet by mouth twice a day as needed for',
      'muscle spasms of the lumbar spine and the cervical spine, as prescribed by the treating',
      'physician on the progress report of 11/07/2016 with two refills for the management of',
      'chronic pain: Upheld',
    ].join('\n');
    for (const bold of [false, true]) {
      const items = itemsOf(replaced(pharmacy.text, ORPHENADRINE, header), (l) => bold && header.includes(l));
      expect(items).toHaveLength(5);
      expect(items[1]!.treatment).toBe(header.replace(/: Upheld$/, '').replace(/\n/g, ' '));
      expect(items[0]!.rationale).toMatch(/the request is medically necessary\.$/);
    }
  });

  it('reads a treatment wrapping with the decision alone on the next line', () => {
    const header =
      'Orphenadrine Citrate ER 100mg tabs #30, one tablet by mouth twice a day as needed for\nmuscle spasms:\nUpheld';
    const items = itemsOf(replaced(pharmacy.text, ORPHENADRINE, header));
    expect(items[1]!.treatment).toBe(
      'Orphenadrine Citrate ER 100mg tabs #30, one tablet by mouth twice a day as needed for muscle spasms',
    );
    expect(items[1]!.decision).toBe('Upheld');
  });

  it('reads an item whose decision line alone is bold', () => {
    const header =
      'Orphenadrine Citrate ER 100mg tabs #30, one tablet by mouth twice a day as needed for\nmuscle spasms: Upheld';
    const items = itemsOf(replaced(pharmacy.text, ORPHENADRINE, header), (l) => l === 'muscle spasms: Upheld');
    expect(items).toHaveLength(5);
    expect(items[1]!.treatment).toBe(
      'Orphenadrine Citrate ER 100mg tabs #30, one tablet by mouth twice a day as needed for muscle spasms',
    );
  });

  it('reads items without guideline lines and with a guideline spanning lines', () => {
    let text = replaced(
      pharmacy.text,
      'Claims Administrator guideline: The Claims Administrator did not cite any medical evidence\nfor its decision.\n\n',
      '',
    );
    text = replaced(
      text,
      'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016,\nSection(s): Muscle relaxants (for pain).',
      'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical\nTreatment 2016,\nSection(s): Muscle relaxants\n(for pain).',
    );
    const items = itemsOf(text);
    expect(items).toHaveLength(5);
    expect(items[1]!.claimsAdministratorGuideline).toBeNull();
    expect(items[1]!.maximusGuideline).toBe(
      'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Muscle relaxants (for pain).',
    );
    expect(items[1]!.rationale).toMatch(/^The California MTUS 2016 Chronic Pain Guidelines recommend muscle/);
  });

  it('reads headers joined to their body on one line, with or without guideline lines', () => {
    let text = replaced(
      pharmacy.text,
      `${ORPHENADRINE}\n\nClaims Administrator guideline:`,
      `${ORPHENADRINE} Claims Administrator guideline:`,
    );
    text = replaced(
      text,
      /(Lidocaine 5% patch #1: Upheld)\n\nClaims Administrator guideline:[\s\S]*?\n\nMAXIMUS guideline:[\s\S]*?\n\nDecision rationale:/,
      '$1 Decision rationale:',
    );
    const items = itemsOf(text);
    expect(items.map((i) => i.treatment)).toEqual(original().map((i) => i.treatment));
    expect(items[1]!.claimsAdministratorGuideline).toBe(
      'The Claims Administrator did not cite any medical evidence for its decision.',
    );
    expect(items[2]!.maximusGuideline).toBeNull();
    expect(items[2]!.rationale).toBe(original()[2]!.rationale);
  });

  it('reads a letter with a single item and one with fifteen', () => {
    const text = pharmacy.text;
    const start = text.indexOf('Spine surgery evaluation for the lumbar: Overturned');
    const firstEnd = text.indexOf(ORPHENADRINE);
    const firstItem = text.slice(start, firstEnd);
    const single = text.slice(0, firstEnd).trimEnd() + '\n';
    expect(itemsOf(single)).toHaveLength(1);
    const many = Array.from({ length: 15 }, (_, i) =>
      firstItem.replace('Spine surgery evaluation for the lumbar', `Spine surgery evaluation number ${i + 1}`),
    ).join('');
    const items = itemsOf(text.slice(0, start) + many);
    expect(items).toHaveLength(15);
    expect(items.map((i) => i.treatment)).toEqual(
      Array.from({ length: 15 }, (_, i) => `Spine surgery evaluation number ${i + 1}`),
    );
    expect(items.every((i) => i.decision === 'Overturned' && i.conclusion === 'medically necessary')).toBe(true);
  });

  it('keeps an item whole when a page break with header and footer falls inside it', () => {
    const text = replaced(
      pharmacy.text,
      'The clinical information\nindicated the patient had been using',
      'The clinical information\n\nPage 3 of 6\n\nCM16-0247802\nindicated the patient had been using',
    );
    const items = itemsOf(text);
    expect(items).toHaveLength(5);
    expect(items[1]!.decision).toBe('Upheld');
    expect(items[2]!.treatment).toBe('Lidocaine 5% patch #1');
  });
});

describe('modified-request variants', () => {
  let norco: Source; // CM16-0234202: "X was the original request. Y was authorized … The remaining …, Z is: Upheld"
  beforeAll(async () => {
    norco = await load('CM16-0234202.pdf');
  });
  const HEADER =
    'Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the\nClaims Administrator. The remaining IMR eligible portion of the original request, Norco\n10/325mg #35 is: Upheld';

  it.each([
    ['the original wrapping', HEADER],
    [
      'other line breaks, decision alone on the next line',
      'Norco 10/325mg #60 was the original\nrequest. Norco 10/325mg #25 was authorized by the Claims Administrator. The remaining IMR\neligible portion of the original request, Norco 10/325mg #35 is:\nUpheld',
    ],
    [
      'one long line',
      'Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, Norco 10/325mg #35 is: Upheld',
    ],
  ])('first wording, %s', (_, header) => {
    for (const bold of [false, true]) {
      const text = replaced(norco.text, HEADER, header);
      const [item] = check(edited(norco, text, (l) => bold && header.includes(l))).items;
      expect(item).toMatchObject({
        originalRequest: 'Norco 10/325mg #60',
        authorizedByClaimsAdministrator: 'Norco 10/325mg #25',
        treatment: 'Norco 10/325mg #35',
        decision: 'Upheld',
      });
      expect(item!.medication).toMatchObject({ name: 'Norco', strength: '10/325 mg', count: 35 });
    }
  });

  it('second wording ("The Claims Administrator authorized Y, leaving …"), Overturned', () => {
    const header =
      'Norco 10/325mg #60 was the original request. The Claims Administrator authorized Norco\n10/325mg #25, leaving the original request IMR eligible. The original request, Norco\n10/325mg #60 is: Overturned';
    const [item] = check(edited(norco, replaced(norco.text, HEADER, header))).items;
    expect(item).toMatchObject({
      originalRequest: 'Norco 10/325mg #60',
      authorizedByClaimsAdministrator: 'Norco 10/325mg #25',
      treatment: 'Norco 10/325mg #60',
      decision: 'Overturned',
    });
    // The rationale still concludes "not medically necessary": the contradiction is reported.
    expect(item!.warnings.join(' ')).toMatch(/contradict/i);
  });
});

describe('older letters (2013–2015 text layout)', () => {
  const seed = () =>
    readFileSync(path.resolve(import.meta.dirname, '../../fixtures/corpus/seeds/001_f7c04554d3ec6a02.txt'), 'utf8');
  const PHRASE = 'The patient is a 44 year old female with the injury date of 02/03/14.';

  it.each([
    ['The patient is a 44 year old female who sustained an industrial injury on February 3, 2014.', '2014-02-03'],
    ['The patient is a 44 year old female with date of injury 2/3/2014.', '2014-02-03'],
    ['The patient is a 44-year-old female who was injured on Feb. 3, 2014.', '2014-02-03'],
  ])('date of injury from "%s"', (phrase, iso) => {
    const p = check(letterText(replaced(seed(), PHRASE, phrase)));
    expect(p.dateOfInjury).toBe(iso);
    expect(p.patientAge).toBe(44);
    expect(p.patientSex).toBe('female');
  });

  it('reads the credentials sentence instead of the labelled lines', () => {
    const text = replaced(
      replaced(seed(), 'State(s) of Licensure: California \n', ''),
      'Certification(s)/Specialty: Physical Medicine & Rehabilitation \n',
      'The expert reviewer is Board Certified in Physical Medicine and Rehabilitation and is licensed to practice in California.\n',
    );
    const p = check(letterText(text));
    expect(p.licensure).toEqual(['California']);
    expect(p.specialty).toEqual(['Physical Medicine and Rehabilitation']);
    expect(p.confidence.specialty).toBeLessThan(1);
  });

  it('reads the letter as extracted from CRLF text with page breaks and running page footers', () => {
    const original = check(letterText(seed()));
    const pages = seed().split('CLINICAL CASE SUMMARY');
    const footer = (n: number) => `\r\nPage ${n} of 4\r\n`;
    const crlf = pages.map((p) => p.replace(/\n/g, '\r\n'));
    const text = `${crlf[0]}${footer(1)}\fCLINICAL CASE SUMMARY${crlf[1]}${footer(2)}`;
    const p = check(textToLetterText(text, 'utf-8'));
    expect(p.items.map((i) => [i.treatment, i.decision])).toEqual(original.items.map((i) => [i.treatment, i.decision]));
    expect(p.patientAge).toBe(44);
    expect(p.dateOfInjury).toBe('2014-02-03');
  });
});
