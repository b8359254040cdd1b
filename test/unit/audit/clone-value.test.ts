/**
 * cloneValue (apply.ts) stands in for structuredClone wherever the event model
 * copies values (a case's items, an event's new value): for JSON-shaped values
 * it must give what structuredClone gives, and a copy that shares nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cloneValue } from '../../../backend/audit/apply';
import { parsedToValues } from '../../../backend/store/letter-values';
import { parseLetter } from '../../../shared/parser';
import { CORPUS_SEED_DIR } from '../../integration/import/fixtures';
import { letterText } from '../parser/helpers';

/** Every object and array reachable from a value. */
function containers(value: unknown, into: Set<object> = new Set()): Set<object> {
  if (typeof value === 'object' && value !== null) {
    into.add(value);
    for (const member of Object.values(value)) containers(member, into);
  }
  return into;
}

function expectLikeStructuredClone(value: unknown): void {
  const copy = cloneValue(value);
  expect(isDeepStrictEqual(copy, structuredClone(value))).toBe(true);
  const shared = [...containers(copy)].filter((c) => containers(value).has(c));
  expect(shared).toEqual([]);
}

describe('cloneValue', () => {
  it("gives what structuredClone gives for every corpus seed's parse and item values, sharing nothing", () => {
    const seeds = fs.readdirSync(CORPUS_SEED_DIR).sort();
    expect(seeds.length).toBeGreaterThan(0);
    for (const seed of seeds) {
      const parsed = parseLetter(letterText(fs.readFileSync(path.join(CORPUS_SEED_DIR, seed), 'utf8')));
      expectLikeStructuredClone(parsed);
      expectLikeStructuredClone(parsedToValues(parsed).items);
    }
  });

  it('keeps primitives, nulls, undefined members, nested arrays and a member named __proto__ as members', () => {
    expectLikeStructuredClone(null);
    expectLikeStructuredClone('text');
    expectLikeStructuredClone(0);
    expectLikeStructuredClone([]);
    expectLikeStructuredClone({ a: undefined, b: null, c: [1, [2, { d: 'e' }]], f: true });
    const forged = JSON.parse('{"__proto__": {"polluted": true}, "treatment": "Norco"}') as Record<string, unknown>;
    const copy = cloneValue(forged);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'treatment']);
    expect(isDeepStrictEqual(copy, structuredClone(forged))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves anything but plain objects and arrays to structuredClone', () => {
    const date = new Date('2017-01-12T00:00:00Z');
    const copy = cloneValue({ at: date });
    expect(copy.at).toBeInstanceOf(Date);
    expect(copy.at).not.toBe(date);
    expect(copy.at.getTime()).toBe(date.getTime());
  });
});
