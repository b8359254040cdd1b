import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractLetterText } from '../../backend/extract';
import { parseLetter } from '../../shared/parser';
import { compareLetter, corpusPath, describeMismatch, loadErrata, loadExpected } from './extract/corpus-compare';

const errata = loadErrata();
const expected = loadExpected(errata);

describe('corpus: extraction + parser against expected.ndjson', () => {
  it('has all 45 letters', () => {
    expect(expected).toHaveLength(45);
  });

  it('applies only documented errata to the reference data', () => {
    for (const e of errata) {
      // Visible in the test log: where the project disagrees with expected.ndjson, and why.
      console.info(
        `erratum ${e.file} ${e.field}: ${JSON.stringify(e.expected)} -> ${JSON.stringify(e.corrected)} (${e.evidence})`,
      );
      expect(e.evidence.length).toBeGreaterThan(20);
    }
  });

  it.each(expected.map((e) => [e.file, e] as const))('%s matches every expected field', async (file, letter) => {
    const bytes = new Uint8Array(readFileSync(corpusPath(file)));
    const parsed = parseLetter(await extractLetterText(bytes, file));
    const { checked, mismatches } = compareLetter(letter, parsed);
    expect(checked).toBeGreaterThan(10);
    // One readable line per wrong field rather than a deep-equal diff of the whole letter.
    expect(mismatches.map(describeMismatch).join('\n')).toBe('');
    expect(parsed.isImrLetter).toBe(true);
    expect(parsed.format).toBe(file.endsWith('.pdf') ? 'imr-2016' : 'imr-2013');
  });
});
