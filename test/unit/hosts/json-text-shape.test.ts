/**
 * The browser host refuses a JSON body by its shape before parsing it
 * (jsonTextShapeProblem), and the contract refuses a decoded input by the
 * same limits (inputShapeProblem): both count the same things, so a call
 * over HTTP and over IPC is refused alike.
 */
import { describe, expect, it } from 'vitest';
import { jsonTextShapeProblem } from '../../../backend/hosts/web/body';
import { LIMITS, inputShapeProblem } from '../../../shared/api/limits';

const both = (value: unknown) => [jsonTextShapeProblem(JSON.stringify(value)), inputShapeProblem(value)];

describe('the shape of a JSON text and of its value', () => {
  it('takes real inputs: a filter, a correction, a million selected ids', () => {
    expect(both({ filter: { search: 'a, [b] {c}', month: null }, sort: 'caseNumber' })).toEqual([null, null]);
    expect(
      both({ caseId: 1, change: { type: 'set-field', path: 'citations', value: [{ source: 'MTUS' }, {}] } }),
    ).toEqual([null, null]);
    expect(both({ format: 'csv', caseIds: Array.from({ length: 1_000_000 }, (_, i) => i + 1) })).toEqual([null, null]);
    expect(jsonTextShapeProblem(' [ ] ')).toBeNull();
  });

  it('refuses too many lists and objects, or values in all, in both', () => {
    const [text, value] = both({ caseIds: new Array(LIMITS.inputContainers).fill({}) });
    expect(text).toBe('containers');
    expect(value).toMatch(/lists and objects/);
    const many = { a: new Array(600_000).fill(0), b: new Array(600_000).fill('x') };
    expect(jsonTextShapeProblem(JSON.stringify(many))).toBe('entries');
    expect(inputShapeProblem(many)).toMatch(/values/);
    // One fewer is not refused by either count.
    const fewer = { a: new Array(LIMITS.inputEntries - 1).fill(0) };
    expect(both(fewer)).toEqual([null, 'a: a list has more than 1000000 entries']);
  });

  it('counts nothing inside strings', () => {
    expect(jsonTextShapeProblem(JSON.stringify({ search: '{['.repeat(100_000) + ','.repeat(2_000_000) }))).toBeNull();
    expect(jsonTextShapeProblem(`{"s":"\\"[[[[","t":[${'[]'.repeat(10)}]}`)).toBeNull();
  });
});
