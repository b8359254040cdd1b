import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractLetterText } from '../../../backend/extract';
import { LETTER_FORMAT_VALUES, LETTER_FORMATS } from '../../../shared/domain/letter';
import { parseLetter } from '../../../shared/parser';
import { LAYOUTS } from '../../../shared/parser/layouts';
import { scoreLayouts } from '../../../shared/parser/sections';
import { letterText } from './helpers';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const read = (...parts: string[]) => readFileSync(path.join(FIXTURES, ...parts), 'utf8');

describe('layout registry', () => {
  it('is the one list of format values and labels', () => {
    expect(LETTER_FORMAT_VALUES).toEqual([...LAYOUTS.map((l) => l.format), 'unknown']);
    expect(LETTER_FORMATS.map((f) => f.label)).toEqual([...LAYOUTS.map((l) => l.label), 'Unknown layout']);
    expect(new Set(LETTER_FORMAT_VALUES).size).toBe(LETTER_FORMATS.length);
    expect(new Set(LETTER_FORMATS.map((f) => f.label)).size).toBe(LETTER_FORMATS.length);
  });

  it('every layout declares its headings, item section and labels', () => {
    for (const layout of LAYOUTS) {
      expect(layout.headings.some((h) => h.kind === layout.items.section)).toBe(true);
      for (const h of layout.headings) expect(() => new RegExp(h.pattern)).not.toThrow();
      expect(layout.recognition.requires.length).toBeGreaterThan(0);
      expect(layout.description.length).toBeGreaterThan(40);
    }
  });
});

describe('layout detection by score: each known letter has one clear winner', () => {
  const letters: { name: string; text: string; format: string }[] = [];

  beforeAll(async () => {
    for (const file of readdirSync(path.join(FIXTURES, 'corpus/seeds')))
      letters.push({ name: file, text: read('corpus/seeds', file), format: 'imr-2013' });
    for (const file of ['CM16-0230651.pdf', 'CM17-0010885.pdf']) {
      const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'corpus/letters', file)));
      letters.push({ name: file, text: (await extractLetterText(bytes, file)).text, format: 'imr-2016' });
    }
    letters.push(
      { name: 'maximus-imr.txt', text: read('corpus/synthetic/maximus-imr.txt'), format: 'maximus-imr' },
      {
        name: 'medical-professional-review.txt',
        text: read('corpus/synthetic/medical-professional-review.txt'),
        format: 'medical-professional-review',
      },
      {
        name: '16-imr-2013-notice-layout.txt',
        text: read('realworld/16-imr-2013-notice-layout.txt'),
        format: 'imr-2013-notice',
      },
    );
  });

  it('the expected layout wins, ahead of the runner-up (registry order never decides)', () => {
    for (const { name, text, format } of letters) {
      const parsed = parseLetter(letterText(text));
      expect(parsed.format, name).toBe(format);
      const hasHeaderBlock = format !== 'imr-2013';
      const scores = scoreLayouts(text, hasHeaderBlock)
        .map((s) => s.score)
        .sort((a, b) => b - a);
      expect(scores[0]!, name).toBeGreaterThan(scores[1]!);
    }
  });

  it('the 2013 Notice is not taken for the MAXIMUS letterhead layout, whose letterhead it shares', () => {
    const text = read('realworld/16-imr-2013-notice-layout.txt');
    const scores = Object.fromEntries(scoreLayouts(text, true).map((s) => [s.layout.format, s.score]));
    expect(scores['maximus-imr']).toBeGreaterThan(0);
    expect(scores['imr-2013-notice']).toBeGreaterThan(scores['maximus-imr']!);
  });
});
