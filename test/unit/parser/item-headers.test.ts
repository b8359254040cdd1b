import { describe, expect, it } from 'vitest';
import { parseLetter } from '../../../shared/parser';
import { fold, item, letter2016, letterText, slice } from './helpers';

describe('item headers', () => {
  it('reads a header that wraps over lines with the decision on the same line', () => {
    const text = letter2016(
      item(
        'Referral to chiropractor for evaluation of low back pain and left groin pain, twice a week\nfor 3 weeks: Upheld',
      ),
    );
    const [only] = parseLetter(letterText(text)).items;
    expect(only?.treatment).toBe(
      'Referral to chiropractor for evaluation of low back pain and left groin pain, twice a week for 3 weeks',
    );
    expect(only?.decision).toBe('Upheld');
    expect(fold(slice(text, only?.spans.treatment))).toBe(only?.treatment);
    expect(slice(text, only?.spans.decision)).toBe('Upheld');
  });

  it('reads a decision alone on the next line', () => {
    const text = letter2016(
      item(
        'Additional physical therapy two times four visits (8) for the lumbar and bilateral knees:\nOverturned',
        'The request is medically necessary.',
      ),
    );
    const [only] = parseLetter(letterText(text)).items;
    expect(only?.treatment).toBe(
      'Additional physical therapy two times four visits (8) for the lumbar and bilateral knees',
    );
    expect(only?.decision).toBe('Overturned');
  });

  it('splits several items and reads each labelled part', () => {
    const text = letter2016(
      item('MRI of the lumbar spine: Upheld') +
        '\n' +
        item('Norco 10/325mg #60: Overturned', 'Continued use is medically necessary.'),
    );
    const letter = parseLetter(letterText(text));
    expect(letter.items.map((i) => [i.treatment, i.decision])).toEqual([
      ['MRI of the lumbar spine', 'Upheld'],
      ['Norco 10/325mg #60', 'Overturned'],
    ]);
    const [first, second] = letter.items;
    expect(first?.claimsAdministratorGuideline).toBe(
      'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.',
    );
    expect(first?.maximusGuideline).toMatch(
      /^Decision based on MTUS Low Back Complaints 2004, Section\(s\): Special Studies\. Decision based on Non-MTUS/,
    );
    expect(first?.rationale).toBe('The request is not medically necessary.');
    expect(second?.rationale).toBe('Continued use is medically necessary.');
    expect(fold(slice(text, first?.spans.maximusGuideline))).toBe(first?.maximusGuideline);
  });

  it('uses bold to find where a header starts when no blank line separates it from the rationale (PDF)', () => {
    const items = [
      'Decision rationale: As such, the request is not medically',
      'necessary and the prior item ends here without a blank line',
      'Physical therapy two times a week for six weeks for the',
      'lumbar spine: Upheld',
      'Decision rationale: The request is not medically necessary.',
    ].join('\n');
    const text = letter2016(`MRI of the knee: Upheld\n${items}`);
    const all = text.split('\n');
    const boldLines = [
      all.indexOf('MRI of the knee: Upheld'),
      all.indexOf('Physical therapy two times a week for six weeks for the'),
      all.indexOf('lumbar spine: Upheld'),
    ];
    const letter = parseLetter(letterText(text, boldLines));
    expect(letter.items.map((i) => i.treatment)).toEqual([
      'MRI of the knee',
      'Physical therapy two times a week for six weeks for the lumbar spine',
    ]);
  });

  it('without bold or blank lines, stops at the sentence that closes the previous rationale', () => {
    const text = letter2016(
      'MRI of the knee: Upheld\nDecision rationale: The guidelines do not support it. As such, the request is not medically\nnecessary.\nAcupuncture 6 sessions: Upheld\nDecision rationale: Not medically necessary.',
    );
    const letter = parseLetter(letterText(text));
    expect(letter.items.map((i) => i.treatment)).toEqual(['MRI of the knee', 'Acupuncture 6 sessions']);
  });

  it('does not take the section intro into the first header when no blank line follows it', () => {
    const text = letter2016('').replace(
      /set forth below:\n\n/,
      'set forth below:\nEMG of the arms: Upheld\nDecision rationale: Not medically necessary.',
    );
    expect(parseLetter(letterText(text)).items.map((i) => i.treatment)).toEqual(['EMG of the arms']);
  });

  it('reads items whose decision follows the header on the same line as the first label (joined lines)', () => {
    const text = letter2016(
      'MRI of the knee: Upheld Claims Administrator guideline: Decision based on MTUS. Decision rationale: Not medically necessary.',
    );
    const [only] = parseLetter(letterText(text)).items;
    expect(only?.treatment).toBe('MRI of the knee');
    expect(only?.claimsAdministratorGuideline).toBe('Decision based on MTUS.');
  });

  it('warns when the rationale contradicts the decision', () => {
    const text = letter2016(item('MRI of the knee: Upheld', 'Therefore the request is medically necessary.'));
    const letter = parseLetter(letterText(text));
    expect(letter.items[0]?.conclusion).toBe('medically necessary');
    expect(letter.items[0]?.warnings.join(' ')).toMatch(/contradicts the rationale's conclusion "medically necessary"/);
    expect(letter.warnings.some((w) => w.startsWith('Item 1: decision "Upheld" contradicts'))).toBe(true);
  });
});
