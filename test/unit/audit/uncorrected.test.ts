/**
 * verify compares each uncorrected case's list copy with uncorrectedValues
 * (the fast path) instead of building effectiveState: the two must agree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveState, effectiveValues, uncorrectedValues } from '../../../backend/audit/apply';
import { parseLetter } from '../../../shared/parser';
import { CORPUS_SEED_DIR } from '../../integration/import/fixtures';
import { letterText } from '../parser/helpers';

describe('uncorrectedValues', () => {
  it('gives what effectiveState gives a case with no events, for every corpus seed', () => {
    const seeds = fs.readdirSync(CORPUS_SEED_DIR).sort();
    expect(seeds.length).toBeGreaterThan(0);
    for (const seed of seeds) {
      const parsed = parseLetter(letterText(fs.readFileSync(path.join(CORPUS_SEED_DIR, seed), 'utf8')));
      expect(parsed.items.length).toBeGreaterThan(0);
      const state = effectiveState(parsed, []);
      expect(uncorrectedValues(parsed)).toEqual({ values: effectiveValues(state), status: state.status });
    }
  });
});
