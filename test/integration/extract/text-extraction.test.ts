import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractLetterText } from '../../../backend/extract';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const lines = (l: { text: string }) => l.text.split('\n');

describe('text extraction: encodings', () => {
  const sample = 'Patient’s “request” – café\nSecond line';

  it('reads UTF-8 without BOM', async () => {
    const letter = await extractLetterText(utf8(sample), 'a.txt');
    expect(letter.text).toBe(sample);
    expect(letter.encoding).toBe('utf-8');
    expect(letter.kind).toBe('text');
  });

  it('strips a UTF-8 BOM', async () => {
    const letter = await extractLetterText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(sample)]), 'a.txt');
    expect(letter.text).toBe(sample);
    expect(letter.encoding).toBe('utf-8-bom');
  });

  it('reads UTF-16 LE with BOM', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(sample, 'utf16le')]);
    const letter = await extractLetterText(bytes, 'a.txt');
    expect(letter.text).toBe(sample);
    expect(letter.encoding).toBe('utf-16le');
  });

  it('reads UTF-16 BE with BOM', async () => {
    const le = Buffer.from(sample, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    const letter = await extractLetterText(new Uint8Array([0xfe, 0xff, ...be]), 'a.txt');
    expect(letter.text).toBe(sample);
    expect(letter.encoding).toBe('utf-16be');
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', async () => {
    const bytes = new Uint8Array(iconv.encode(sample, 'win1252'));
    const letter = await extractLetterText(bytes, 'a.txt');
    expect(letter.text).toBe(sample);
    expect(letter.encoding).toBe('windows-1252');
  });
});

describe('text extraction: line ends, pages, blank lines', () => {
  it('normalises CRLF and lone CR line ends', async () => {
    expect(lines(await extractLetterText(utf8('one\r\ntwo\rthree\nfour'), 'a.txt'))).toEqual([
      'one',
      'two',
      'three',
      'four',
    ]);
  });

  it('turns form feeds into page breaks without leaving the form feed in the text', async () => {
    const letter = await extractLetterText(utf8('page one text\n\fpage two text\fpage three'), 'a.txt');
    expect(letter.text).not.toContain('\f');
    expect(letter.pageCount).toBe(3);
    expect(letter.lines.map((l) => [letter.text.slice(l.start, l.end), l.page])).toEqual([
      ['page one text', 1],
      ['page two text', 2],
      ['page three', 3],
    ]);
  });

  it('collapses double-spaced exports so a blank line means a new paragraph', async () => {
    const doubled = [
      'Line one of para one',
      'line two of para one',
      'line three',
      'line four',
      ' ',
      '',
      'Para two line one',
      'para two line two',
      'para two line three',
    ].join('\n\n');
    expect(lines(await extractLetterText(utf8(doubled), 'a.txt'))).toEqual([
      'Line one of para one',
      'line two of para one',
      'line three',
      'line four',
      '',
      'Para two line one',
      'para two line two',
      'para two line three',
    ]);
  });

  it('folds runs of blank lines around page breaks and trims trailing spaces and edges', async () => {
    const letter = await extractLetterText(utf8('\n\n  first  \n\n\n\n\f\n\n\nsecond\t\n\n'), 'a.txt');
    expect(lines(letter)).toEqual(['  first', '', 'second']);
    expect(
      letter.lines.every((l) => letter.text.slice(l.start, l.end) === letter.text.split('\n')[letter.lines.indexOf(l)]),
    ).toBe(true);
  });

  it('replaces non-breaking spaces and drops stray control characters', async () => {
    expect((await extractLetterText(utf8('a\u00a0b\u0007c\u200bd'), 'a.txt')).text).toBe('a bcd');
  });
});

describe('text extraction: running headers and footers', () => {
  it('drops page numbers and a header repeated at the top of form-feed pages', async () => {
    const pages = [
      'IMR Final Determination CM16-0000001\nMRI of the lumbar\nPage 1 of 3',
      'IMR Final Determination CM16-0000001\nspine: Upheld\nPage 2 of 3',
      'IMR Final Determination CM16-0000001\nDecision rationale: not medically necessary.\nPage 3 of 3',
    ];
    const letter = await extractLetterText(utf8(pages.join('\f')), 'a.txt');
    expect(lines(letter)).toEqual([
      'MRI of the lumbar',
      'spine: Upheld',
      'Decision rationale: not medically necessary.',
    ]);
  });

  it('keeps a first line that appears on only one page', async () => {
    const letter = await extractLetterText(utf8('Case Number: CM16-0000001\nbody one\fbody two\nmore'), 'a.txt');
    expect(lines(letter)).toEqual(['Case Number: CM16-0000001', 'body one', 'body two', 'more']);
  });
});

it('keeps repeated sentence ends at page edges (real text, not a footer)', async () => {
  const letter = await extractLetterText(
    utf8('first page ends\nnot medically necessary.\fsecond page ends\nnot medically necessary.'),
    'a.txt',
  );
  expect(lines(letter)).toHaveLength(4);
});
