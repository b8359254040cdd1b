/**
 * Compare parser output with the corpus's expected.ndjson: text values with
 * white space folded to single spaces, lists as sets, items in letter order.
 * Shared by the corpus test and the parser benchmark.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParsedLetter } from '../../../shared/domain/letter';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../fixtures/corpus');

export interface ExpectedLetter {
  file: string;
  items: Record<string, unknown>[];
  [field: string]: unknown;
}

export interface Mismatch {
  file: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface Erratum {
  file: string;
  /** "caseNumber" or "items[0].treatment". */
  field: string;
  expected: unknown;
  corrected: unknown;
  evidence: string;
}

export function loadErrata(): Erratum[] {
  const raw = JSON.parse(readFileSync(path.join(CORPUS_DIR, 'expected-errata.json'), 'utf8')) as { errata: Erratum[] };
  return raw.errata;
}

/**
 * expected.ndjson with the documented errata applied. An erratum whose
 * `expected` no longer matches the file is an error: the reference changed
 * and the erratum must be reviewed.
 */
export function loadExpected(errata: Erratum[] = loadErrata()): ExpectedLetter[] {
  const letters = readFileSync(path.join(CORPUS_DIR, 'expected.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ExpectedLetter);
  for (const e of errata) {
    const letter = letters.find((l) => l.file === e.file);
    const m = /^items\[(\d+)\]\.(\w+)$/.exec(e.field);
    const holder = (m ? letter?.items[Number(m[1])] : letter) as Record<string, unknown> | undefined;
    const key = m ? m[2]! : e.field;
    if (!holder || JSON.stringify(holder[key]) !== JSON.stringify(e.expected)) {
      throw new Error(`erratum for ${e.file} ${e.field} does not match expected.ndjson any more; review it`);
    }
    holder[key] = e.corrected;
  }
  return letters;
}

export function corpusPath(file: string): string {
  return path.join(CORPUS_DIR, file.endsWith('.pdf') ? 'letters' : 'seeds', file);
}

const fold = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v);

function same(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false;
    const a = new Set(actual.map(fold));
    const e = new Set(expected.map(fold));
    return a.size === e.size && [...e].every((x) => a.has(x));
  }
  return fold(expected) === fold(actual ?? null);
}

/** Every field expected.ndjson lists for this letter, checked; returns [checked, mismatches]. */
export function compareLetter(
  expected: ExpectedLetter,
  actual: ParsedLetter,
): { checked: number; mismatches: Mismatch[] } {
  const mismatches: Mismatch[] = [];
  let checked = 0;
  const record = actual as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(expected)) {
    if (field === 'file' || field === 'items') continue;
    checked++;
    if (!same(value, record[field]))
      mismatches.push({ file: expected.file, field, expected: value, actual: record[field] });
  }
  checked++;
  if (expected.items.length !== actual.items.length) {
    mismatches.push({
      file: expected.file,
      field: 'items.length',
      expected: expected.items.length,
      actual: actual.items.length,
    });
  }
  expected.items.forEach((item, i) => {
    const got = (actual.items[i] ?? {}) as unknown as Record<string, unknown>;
    for (const [field, value] of Object.entries(item)) {
      checked++;
      if (!same(value, got[field]))
        mismatches.push({ file: expected.file, field: `items[${i}].${field}`, expected: value, actual: got[field] });
    }
  });
  return { checked, mismatches };
}

export function describeMismatch(m: Mismatch): string {
  return `${m.file} ${m.field}\n    expected: ${JSON.stringify(m.expected)}\n    actual:   ${JSON.stringify(m.actual)}`;
}
