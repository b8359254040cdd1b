import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractLetterText } from '../../../backend/extract';
import { buildPdf } from './pdf-builder';
import { corpusPath } from './corpus-compare';

const lineText = (text: string, l: { start: number; end: number }) => text.slice(l.start, l.end);

describe('PDF extraction', () => {
  it('rebuilds lines by baseline and keeps header columns as tab-separated cells with x positions', async () => {
    const pdf = buildPdf([
      {
        texts: [
          { text: 'Case Number:', x: 72, y: 700, size: 11, bold: true },
          { text: 'CM16-0000001', x: 180, y: 700.2, size: 11 },
          { text: 'Priority:', x: 72, y: 686, size: 11, bold: true },
          { text: 'Standard', x: 180, y: 686, size: 11 },
          { text: 'Application', x: 329, y: 686, size: 11, bold: true },
          { text: '12/13/2016', x: 427, y: 685.9, size: 11 },
          { text: 'Received:', x: 329, y: 673, size: 11, bold: true },
        ],
      },
    ]);
    const letter = await extractLetterText(pdf, 'header.pdf');
    expect(letter.kind).toBe('pdf');
    expect(letter.text.split('\n')).toEqual([
      'Case Number:\tCM16-0000001',
      'Priority:\tStandard\tApplication\t12/13/2016',
      'Received:',
    ]);
    const second = letter.lines[1]!;
    expect(second.cells?.map((c) => [lineText(letter.text, c), c.x])).toEqual([
      ['Priority:', 72],
      ['Standard', 180],
      ['Application', 329],
      ['12/13/2016', 427],
    ]);
    expect(letter.lines[2]!.cells?.[0]?.x).toBe(329);
  });

  it('records bold from the font name, per line and per run', async () => {
    const pdf = buildPdf([
      {
        texts: [
          { text: 'MRI of the lumbar spine:', x: 72, y: 700, bold: true },
          { text: 'Upheld', x: 215, y: 700 },
          { text: 'Decision rationale: the request is not medically necessary.', x: 72, y: 680 },
        ],
      },
    ]);
    const letter = await extractLetterText(pdf, 'bold.pdf');
    const [header, body] = letter.lines;
    expect(lineText(letter.text, header!)).toBe('MRI of the lumbar spine: Upheld');
    expect(header!.bold).toBe(true);
    expect(header!.boldRuns?.map((r) => lineText(letter.text, r))).toEqual(['MRI of the lumbar spine:']);
    expect(body!.bold).toBe(false);
    expect(body!.boldRuns).toBeUndefined();
  });

  it('numbers pages, separates paragraphs by a blank line, and does not detach the caller’s bytes', async () => {
    const pdf = buildPdf([
      {
        texts: [
          { text: 'First paragraph line one', x: 72, y: 700 },
          { text: 'line two', x: 72, y: 686 },
          { text: 'Second paragraph', x: 72, y: 650 },
        ],
      },
      { texts: [{ text: 'Text on page two', x: 72, y: 700 }] },
    ]);
    const copy = pdf.slice();
    const letter = await extractLetterText(pdf, 'pages.pdf');
    expect(letter.pageCount).toBe(2);
    expect(letter.text).toBe('First paragraph line one\nline two\n\nSecond paragraph\nText on page two');
    expect(letter.lines.map((l) => l.page)).toEqual([1, 1, 1, 1, 2]);
    expect(pdf).toEqual(copy);
  });

  it('opens PDFs encrypted with an empty user password', async () => {
    const pdf = buildPdf([{ texts: [{ text: 'Encrypted but openable letter text', x: 72, y: 700 }] }], {
      userPassword: '',
    });
    expect((await extractLetterText(pdf, 'rc4.pdf')).text).toBe('Encrypted but openable letter text');
  });

  it('extracts an AES-encrypted corpus letter with its bold item header', async () => {
    const file = 'CM16-0239569.pdf';
    const letter = await extractLetterText(new Uint8Array(readFileSync(corpusPath(file))), file);
    expect(letter.pageCount).toBe(4);
    expect(letter.text).toContain('IMR ISSUES, DECISIONS AND RATIONALES');
    const header = letter.lines.find((l) =>
      lineText(letter.text, l).startsWith('Chiropractic spinal manipulation times 12'),
    );
    expect(header?.bold).toBe(true);
    expect(letter.lines.every((l) => l.end <= letter.text.length && l.start <= l.end)).toBe(true);
  });

  it('can run many extractions concurrently without cross-talk', async () => {
    const pdfs = Array.from({ length: 8 }, (_, i) =>
      buildPdf([{ texts: [{ text: `Letter number ${i} with enough text`, x: 72, y: 700 }] }]),
    );
    const letters = await Promise.all(pdfs.map((p, i) => extractLetterText(p, `${i}.pdf`)));
    expect(letters.map((l) => l.text)).toEqual(pdfs.map((_, i) => `Letter number ${i} with enough text`));
  });
});

describe('PDF running headers and footers', () => {
  it('drops a footer page number and a repeated page header', async () => {
    const page = (n: number, body: string) => ({
      texts: [
        { text: 'IMR Final Determination CM16-0000001', x: 72, y: 760 },
        { text: body, x: 72, y: 700 },
        { text: `Page ${n} of 2`, x: 280, y: 40 },
      ],
    });
    const letter = await extractLetterText(
      buildPdf([page(1, 'MRI of the lumbar'), page(2, 'spine: Upheld')]),
      'running.pdf',
    );
    expect(letter.text).toBe('MRI of the lumbar\nspine: Upheld');
  });
});
