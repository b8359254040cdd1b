/**
 * The whole corpus, re-laid-out the ways other copies of the same letters
 * arrive: without fonts (bold lost), without blank lines, double spaced,
 * CRLF with a form feed inside an item, paragraphs joined into single lines,
 * header dates written out, decision words in lower case, and the text as a
 * viewer copies it (header columns stacked). Every field of
 * expected.ndjson must still come out: the rules follow the letters'
 * structure, not one rendering of it.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractLetterText } from '../../../backend/extract';
import { textToLetterText } from '../../../backend/extract/text-lines';
import type { LetterText, TextLine } from '../../../shared/domain/letter';
import { parseLetter } from '../../../shared/parser';
import { compareLetter, corpusPath, describeMismatch, loadExpected } from './corpus-compare';

const expected = loadExpected();
const letters = new Map<string, LetterText>();

beforeAll(async () => {
  for (const e of expected) {
    letters.set(e.file, await extractLetterText(new Uint8Array(readFileSync(corpusPath(e.file))), e.file));
  }
});

/** LetterText for edited text; `bold` decides each line's weight. */
function relaid(text: string, bold: (line: string) => boolean = () => false): LetterText {
  const lines: TextLine[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ start, end: start + line.length, page: 1, bold: bold(line) });
    start += line.length + 1;
  }
  return { text, lines, pageCount: 1, kind: 'text' };
}

function boldContents(letter: LetterText): Set<string> {
  return new Set(letter.lines.filter((l) => l.bold).map((l) => letter.text.slice(l.start, l.end)));
}

/** The PDF header block as a viewer copies it: the label column, then the value column. */
function stackHeader(text: string): string {
  return text.replace(
    /^Case Number:\t(\S+)\nDate Assigned:\t(\S+)\tDate of Injury:\t(\S+)\nDecision Date:\t(\S+)\tUR Denial Date:\t(\S+)\nPriority:\t(\S+)\tApplication\t(\S+)\nReceived:/,
    'Case Number:\nDate Assigned:\nDecision Date:\nPriority:\n\n$1\n$2\n$4\n$6\n\nDate of Injury:\nUR Denial Date:\nApplication\nReceived:\n\n$3\n$5\n$7',
  );
}

const MUTATIONS: Record<string, (letter: LetterText) => LetterText> = {
  'no fonts (bold lost)': (l) => relaid(l.text),
  'no blank lines, bold kept': (l) => {
    const bold = boldContents(l);
    return relaid(l.text.replace(/\n\s*\n/g, '\n'), (line) => bold.has(line));
  },
  'no blank lines, no bold': (l) => relaid(l.text.replace(/\n\s*\n/g, '\n')),
  'double spaced text export': (l) =>
    textToLetterText(l.text.replace(/\n\n/g, '\n \n').replace(/\n/g, '\n\n'), 'utf-8'),
  'CRLF with a form feed inside an item': (l) =>
    textToLetterText(l.text.replace(/\n/g, '\r\n').replace(/\r\nDecision rationale/, '\fDecision rationale'), 'utf-8'),
  'paragraph lines joined into one line each, no bold': (l) => relaid(l.text.replace(/([^\n])\n(?=[^\n])/g, '$1 ')),
  'header dates written out ("December 7, 2016")': (l) => {
    const bold = boldContents(l);
    const months = 'January February March April May June July August September October November December'.split(' ');
    const text = l.text.replace(/^[\s\S]*?(?=HOW THE IMR)/, (head) =>
      head.replace(
        /\b(\d{2})\/(\d{2})\/(\d{4})\b/g,
        (_, m: string, d: string, y: string) => `${months[Number(m) - 1]} ${Number(d)}, ${y}`,
      ),
    );
    return relaid(text, (line) => bold.has(line));
  },
  'decision words in lower case': (l) => ({
    ...l,
    text: l.text.replace(/: (Upheld|Overturned)\b/g, (m) => m.toLowerCase()),
  }),
  'header columns stacked (viewer copy)': (l) => {
    const bold = boldContents(l);
    return relaid(stackHeader(l.text), (line) => bold.has(line));
  },
};

describe('corpus letters laid out differently still give every expected field', () => {
  it('stacks the header of every PDF letter (the mutation applies)', () => {
    const pdfs = expected.filter((e) => e.file.endsWith('.pdf'));
    for (const e of pdfs) expect(stackHeader(letters.get(e.file)!.text)).not.toBe(letters.get(e.file)!.text);
  });

  it.each(Object.keys(MUTATIONS))('%s', (name) => {
    const mutate = MUTATIONS[name]!;
    const problems: string[] = [];
    for (const e of expected) {
      const { mismatches } = compareLetter(e, parseLetter(mutate(letters.get(e.file)!)));
      problems.push(...mismatches.map(describeMismatch));
    }
    expect(problems.join('\n')).toBe('');
  });
});
