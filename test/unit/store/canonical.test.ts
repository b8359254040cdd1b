/**
 * canonicalJson is what the audit chain hashes: the same value must always
 * give the same bytes, whichever path it takes (a flat array of plain values,
 * as every audit row is hashed, skips the key sort).
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../backend/store/canonical';

describe('canonicalJson', () => {
  it('writes an audit row (a flat array of plain values) as JSON.stringify does', () => {
    const row = [1, 42, null, 'set-field', 'items[0].decision', '"Upheld"', '{"b":1,"a":"x\\u2028"}', true, -0.5];
    expect(canonicalJson(row)).toBe(JSON.stringify(row));
    expect(canonicalJson(['"quoted"\n\u0000\ud800', 'é'])).toBe(JSON.stringify(['"quoted"\n\u0000\ud800', 'é']));
  });

  it('sorts keys at every level, inside arrays too', () => {
    expect(canonicalJson([{ b: 1, a: [{ d: 2, c: 3 }] }, 'x'])).toBe('[{"a":[{"c":3,"d":2}],"b":1},"x"]');
    expect(canonicalJson({ z: 1, a: { y: null, b: undefined } })).toBe('{"a":{"y":null},"z":1}');
  });

  it('writes undefined in an array as null, and an undefined value as null', () => {
    expect(canonicalJson([1, undefined, 'a'])).toBe('[1,null,"a"]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('refuses a non-finite number wherever it is, rather than hashing it as null', () => {
    expect(() => canonicalJson([1, Number.NaN])).toThrow(/non-finite/);
    expect(() => canonicalJson([1, Infinity, 'a'])).toThrow(/non-finite/);
    expect(() => canonicalJson({ a: [-Infinity] })).toThrow(/non-finite/);
  });
});
