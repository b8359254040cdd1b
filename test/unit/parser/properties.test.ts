import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractLetterText } from '../../../backend/extract';
import type { LetterText, ParsedLetter, Span } from '../../../shared/domain/letter';
import { foldWhitespace, parseLetter } from '../../../shared/parser';
import { toIsoDate } from '../../../shared/parser/dates';
import { findBodyRegions } from '../../../shared/parser/derive/body-region';
import { corpusPath } from '../../integration/extract/corpus-compare';
import { letterText } from './helpers';

/**
 * Property tests over mutated real letters: whatever happens to the text
 * (lines joined or split, white space, encodings, truncation, shuffled
 * sections, inserted junk), the parser returns a letter, every span lies in
 * the text, and each span's slice is the text its value was read from.
 */
const SOURCES = [
  '000_241916b9f9685ced.txt',
  '002_093df6f7020966b8.txt',
  'CM16-0239569.pdf',
  'CM16-0249724.pdf',
  'CM17-0010885.pdf',
];
const letters: LetterText[] = [];

beforeAll(async () => {
  for (const file of SOURCES)
    letters.push(await extractLetterText(new Uint8Array(readFileSync(corpusPath(file))), file));
});

/** The parser's own folding: white space runs to one space, a line break after a word's hyphen to nothing. */
const fold = foldWhitespace;

/** Fields whose value is the letter text itself (white space folded). */
const VERBATIM_LETTER = ['caseNumber', 'priority', 'clinicalSummary'] as const;
const VERBATIM_ITEM = [
  'treatment',
  'originalRequest',
  'authorizedByClaimsAdministrator',
  'claimsAdministratorGuideline',
  'maximusGuideline',
  'rationale',
  'frequency',
  'duration',
] as const;
const DATES = ['dateAssigned', 'decisionDate', 'dateOfInjury', 'urDenialDate', 'applicationReceived'] as const;

function checkLetter(text: string, letter: ParsedLetter): void {
  const inside = (span: Span | undefined) => {
    if (!span) return;
    expect(Number.isInteger(span.start) && Number.isInteger(span.end)).toBe(true);
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeLessThanOrEqual(text.length);
    expect(span.start).toBeLessThan(span.end);
  };
  const at = (span: Span | undefined) => (span ? fold(text.slice(span.start, span.end)) : undefined);

  Object.values(letter.spans).forEach(inside);
  for (const field of VERBATIM_LETTER) {
    const value = letter[field];
    if (value !== null && letter.spans[field]) expect(at(letter.spans[field])).toBe(fold(value));
  }
  for (const field of DATES) {
    const span = letter.spans[field];
    if (letter[field] !== null && span) expect(toIsoDate(text.slice(span.start, span.end))).toBe(letter[field]);
  }
  if (letter.patientAge !== null) expect(at(letter.spans.patientAge)).toBe(String(letter.patientAge));
  for (const list of ['licensure', 'specialty'] as const) {
    const source = at(letter.spans[list])?.toLowerCase() ?? '';
    for (const entry of letter[list]) expect(source).toContain(entry.toLowerCase());
  }
  for (const item of letter.items) {
    Object.values(item.spans).forEach(inside);
    for (const field of VERBATIM_ITEM) {
      const value = item[field];
      if (value !== null && item.spans[field]) expect(at(item.spans[field])).toBe(fold(value));
    }
    // Body regions are values of a vocabulary: the stretch their span covers names each of them.
    expect(Array.isArray(item.bodyRegion)).toBe(true);
    if (item.bodyRegion.length) {
      const named = findBodyRegions(at(item.spans.bodyRegion) ?? '')?.value ?? [];
      for (const region of item.bodyRegion) expect(named).toContain(region);
    }
    if (item.decision && item.confidence.decision === undefined)
      expect(at(item.spans.decision)?.toLowerCase()).toBe(item.decision.toLowerCase());
  }
  expect(Array.isArray(letter.warnings)).toBe(true);
}

function parseAndCheck(text: string, input: LetterText = letterText(text)): void {
  let letter: ParsedLetter | undefined;
  expect(() => (letter = parseLetter(input))).not.toThrow();
  checkLetter(input.text, letter!);
}

const source = () => fc.integer({ min: 0, max: SOURCES.length - 1 }).map((i) => letters[i]!);

describe('parser properties', () => {
  it('unmutated corpus letters satisfy the span properties (with PDF lines and bold)', () => {
    for (const l of letters) {
      const letter = parseLetter(l);
      checkLetter(l.text, letter);
      expect(letter.items.length).toBeGreaterThan(0);
    }
  });

  it('lines joined or split at random', () => {
    fc.assert(
      fc.property(
        source(),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (l, joins, splits) => {
          const chars = l.text.split('');
          const newlines = chars.flatMap((c, i) => (c === '\n' ? [i] : []));
          const spaces = chars.flatMap((c, i) => (c === ' ' ? [i] : []));
          for (const j of joins) if (newlines.length) chars[newlines[j % newlines.length]!] = ' ';
          for (const s of splits) if (spaces.length) chars[spaces[s % spaces.length]!] = '\n';
          parseAndCheck(chars.join(''));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('white space changed at random (extra spaces, tabs, trailing blanks)', () => {
    fc.assert(
      fc.property(
        source(),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('  ', '\t', ' \n', '   \n\n')), { maxLength: 60 }),
        (l, edits) => {
          const chars = l.text.split('');
          const spaces = chars.flatMap((c, i) => (c === ' ' ? [i] : []));
          for (const [n, ws] of edits) if (spaces.length) chars[spaces[n % spaces.length]!] = ws;
          parseAndCheck(chars.join(''));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('re-encoded (UTF-16 LE/BE, Windows-1252, CRLF, CR, form feeds) and extracted again', async () => {
    await fc.assert(
      fc.asyncProperty(
        source(),
        fc.constantFrom('utf16le', 'utf16be', 'win1252', 'crlf', 'cr', 'ff'),
        async (l, how) => {
          let text = l.text;
          if (how === 'crlf') text = text.replace(/\n/g, '\r\n');
          if (how === 'cr') text = text.replace(/\n/g, '\r');
          if (how === 'ff') text = text.replace(/\n\n/g, '\n\f\n');
          let bytes: Uint8Array;
          if (how === 'utf16le') bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf16le')]);
          else if (how === 'utf16be') bytes = new Uint8Array([0xfe, 0xff, ...iconv.encode(text, 'utf16be')]);
          else if (how === 'win1252') bytes = new Uint8Array(iconv.encode(`${text}\n\u00e9`, 'win1252'));
          else bytes = new Uint8Array(Buffer.from(text, 'utf8'));
          const extracted = await extractLetterText(bytes, 'mutated.txt');
          parseAndCheck(extracted.text, extracted);
          const parsed = parseLetter(extracted);
          expect(parsed.items.length).toBe(parseLetter(l).items.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('truncated anywhere', () => {
    fc.assert(
      fc.property(source(), fc.double({ min: 0, max: 1, noNaN: true }), (l, at) =>
        parseAndCheck(l.text.slice(0, Math.floor(l.text.length * at))),
      ),
      { numRuns: 80 },
    );
  });

  it('sections (paragraphs) shuffled', () => {
    fc.assert(
      fc.property(source(), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (l, order) => {
        const paragraphs = l.text.split(/\n\s*\n/);
        for (let i = paragraphs.length - 1; i > 0; i--) {
          const j = (order[i % order.length] ?? 0) % (i + 1);
          [paragraphs[i], paragraphs[j]] = [paragraphs[j]!, paragraphs[i]!];
        }
        parseAndCheck(paragraphs.join('\n\n'));
      }),
      { numRuns: 60 },
    );
  });

  it('arbitrary junk inserted, and arbitrary text', () => {
    fc.assert(
      fc.property(
        source(),
        fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'grapheme', maxLength: 30 })), { maxLength: 10 }),
        (l, inserts) => {
          let text = l.text;
          for (const [at, junk] of inserts) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + junk + text.slice(i);
          }
          parseAndCheck(text);
        },
      ),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => parseAndCheck(text)),
      { numRuns: 200 },
    );
  });

  it('keeps the PDF line information consistent when the text is untouched', () => {
    for (const l of letters.filter((x) => x.kind === 'pdf')) {
      for (const line of l.lines) {
        expect(line.end).toBeLessThanOrEqual(l.text.length);
        expect(l.text.slice(line.start, line.end)).not.toContain('\n');
      }
    }
  });
});
