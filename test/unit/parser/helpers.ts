import type { LetterText, TextLine } from '../../../shared/domain/letter';
import { foldWhitespace } from '../../../shared/parser';

/**
 * LetterText from plain text, as the text extractor would give it. Lines
 * listed in `boldLines` (0-based) are marked bold, as a PDF header would be.
 */
export function letterText(text: string, boldLines: number[] = []): LetterText {
  const lines: TextLine[] = [];
  let start = 0;
  text.split('\n').forEach((line, i) => {
    lines.push({ start, end: start + line.length, page: 1, bold: boldLines.includes(i) });
    start += line.length + 1;
  });
  return { text, lines, pageCount: 1, kind: boldLines.length ? 'pdf' : 'text' };
}

export const slice = (text: string, span: { start: number; end: number } | undefined) =>
  span ? text.slice(span.start, span.end) : undefined;

/** Folded as the parser folds values (white space to one space; a line break after a word's hyphen joins). */
export const fold = (s: string | undefined) => (s === undefined ? undefined : foldWhitespace(s));

/** A complete 2016-layout letter; parts can be replaced to build variants. */
export function letter2016(items: string, header?: string): string {
  return [
    header ??
      [
        'Case Number:\tCM16-0000042',
        'Date Assigned:\t12/07/2016\tDate of Injury:\t10/13/2016',
        'Decision Date:\t01/09/2017\tUR Denial Date:\t11/22/2016',
        'Priority:\tStandard\tApplication\t11/29/2016',
        'Received:',
      ].join('\n'),
    '',
    'HOW THE IMR FINAL DETERMINATION WAS MADE',
    'MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no',
    'affiliation with the employer, employee, providers or the claims administrator.',
    '',
    'The Expert Reviewer has the following credentials:',
    'State(s) of Licensure: California, Texas',
    'Certification(s)/Specialty: Preventive Medicine, Occupational Medicine, Public Health &',
    'General Preventive Medicine',
    '',
    'CLINICAL CASE SUMMARY',
    'The expert reviewer developed the following clinical case summary based on a review of the',
    'case file, including all medical records:',
    '',
    'The injured worker is a 48 year old male, who sustained an industrial injury on 10-13-16.',
    'Diagnoses include lumbar strain and right knee sprain.',
    '',
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'The Final Determination was based on decisions for the disputed items/services set forth below:',
    '',
    items,
  ].join('\n');
}

export function item(header: string, rationale = 'The request is not medically necessary.'): string {
  return [
    header,
    '',
    'Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment',
    '2016, Section(s): Physical medicine treatment.',
    '',
    'MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Special',
    'Studies. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Low Back Chapter.',
    '',
    `Decision rationale: ${rationale}`,
    '',
  ].join('\n');
}
