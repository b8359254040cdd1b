/**
 * Odd PDFs real users have (test/fixtures/realworld/README.md): each behaves
 * as a reviewer expects — read like any letter, or rejected with a reason
 * that says why, never imported as nonsense.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractionError, extractLetterText, parseExtractedLetter } from '../../../backend/extract';
import { decodeLineBoxes } from '../../../shared/domain/text-boxes';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/realworld', name)));

async function read(name: string) {
  const letter = await extractLetterText(fixture(name), name);
  return { letter, parsed: parseExtractedLetter(letter) };
}

describe('real-world PDFs', () => {
  it('text drawn rotated on a rotated page reads like any letter, with boxes along the text', async () => {
    const { letter, parsed } = await read('04-content-rotated.pdf');
    expect(letter.text.split('\n')[0]).toBe('Case Number:\tCM99-0000400');
    expect(parsed.isImrLetter).toBe(true);
    expect(parsed.caseNumber).toBe('CM99-0000400');
    expect(parsed.dateOfInjury).toBe('2015-06-14');
    expect(parsed.items.map((i) => [i.treatment, i.decision])).toEqual([
      ['Physical therapy 2 times a week for 4 weeks', 'Upheld'],
      ['Naproxen 550 mg #60', 'Overturned'],
    ]);
    const first = letter.lines[0]!;
    const boxes = decodeLineBoxes(first.boxes!, first.end - first.start)!;
    // The page's text runs up the page (90° from page space); boxes follow it, left to right in its frame.
    expect(boxes.angle).toBe(90);
    expect(boxes.edges[0]!).toBeLessThan(boxes.edges[boxes.edges.length - 1]!);
  });

  it('a complete letter with 80 KB of padding after %%EOF imports as itself', async () => {
    const { parsed } = await read('07-trailing-80k-nul-padding-CM16-0234202.pdf');
    expect(parsed.caseNumber).toBe('CM16-0234202');
    expect(parsed.items.length).toBeGreaterThan(0);
  });

  it('a decompression bomb is rejected with a reason, within the memory bound', async () => {
    const err = await extractLetterText(fixture('08-flate-300MB-content.pdf'), 'bomb.pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).code).toBe('too-complex');
    expect((err as ExtractionError).reason).toMatch(/^too large to read safely: the PDF needs more than 128 MB/);
    // The engine's memory is capped and replaced after the refusal: normal letters still read.
    expect((await read('07-trailing-80k-nul-padding-CM16-0234202.pdf')).parsed.caseNumber).toBe('CM16-0234202');
  });

  it(
    'a scanned letter is read by OCR: case number and decisions right, every value marked OCR',
    { timeout: 180_000 },
    async () => {
      const { letter, parsed } = await read('05-scanned-image-only.pdf');
      expect(parsed.isImrLetter).toBe(true);
      expect(parsed.caseNumber).toBe('CM16-0232543');
      expect(parsed.dateOfInjury).toBe('2016-10-25');
      expect(parsed.items.map((i) => i.decision)).toEqual(['Upheld', 'Upheld', 'Upheld']);
      expect(parsed.items[0]!.treatment).toBe('Norflex 100mg #60');
      expect(parsed.ocr?.pages).toEqual([1, 2]);
      expect(parsed.ocr?.fields).toEqual(expect.arrayContaining(['caseNumber', 'items[0].decision']));
      expect(parsed.confidence.caseNumber).toBeLessThanOrEqual(0.8);
      expect(parsed.items[0]!.confidence.decision).toBeLessThanOrEqual(0.8);
      // Lines keep the OCR confidence and boxes for highlighting.
      const line = letter.lines.find((l) => letter.text.slice(l.start, l.end).includes('CM16-0232543'))!;
      expect(line.ocr).toBeGreaterThan(0.5);
      expect(decodeLineBoxes(line.boxes!, line.end - line.start)).not.toBeNull();
    },
  );

  it(
    'one scanned page with a fax header line is read by OCR, not rejected as "not a letter"',
    { timeout: 180_000 },
    async () => {
      const { parsed } = await read('05-scanned-1page-fax-header.pdf');
      expect(parsed.isImrLetter).toBe(true);
      expect(parsed.caseNumber).toBe('CM16-0232543');
      expect(parsed.ocr?.pages).toEqual([1]);
    },
  );
});
