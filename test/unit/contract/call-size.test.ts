import { describe, expect, it } from 'vitest';
import { callSizeRefusal, jsonBytesUpTo, sizeText } from '../../../shared/api/call-size';
import { callBodyBytes, CHANGE_LIMITS } from '../../../shared/api/contract';
import { LIMITS } from '../../../shared/api/limits';

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

describe('jsonBytesUpTo: the size of a call as JSON, as the browser host reads it', () => {
  it.each([
    ['an empty object', {}],
    ['a correction', { caseId: 1, reviewer: 'Dana', change: { type: 'set-field', path: 'patientAge', value: -3 } }],
    ['escapes', { text: 'a "quoted" back\\slash\n\ttab\b\f\r \u0001 \u001f end' }],
    ['non-ASCII', { name: 'José Núñez — ½ — 中文 — 😀', keys: { 'ü-key': 'é' } }],
    ['lone surrogates', ['\ud800', 'x\udc00y', '\ud83d\ude00\ud83d']],
    ['numbers', [0, -0, 1.5, -3, 9, 10, 99, 100, -123456, 2 ** 53 - 1, -(2 ** 53) + 1, 1e21, 1e-7, NaN, Infinity]],
    ['a list of ids', { caseIds: Array.from({ length: 100_000 }, (_, i) => i + 1) }],
    ['nulls and booleans', [null, true, false, { a: null, b: true }]],
    ['left-out members', { a: undefined, b: 1, c: undefined, d: [undefined, 2] }],
    ['nesting', { a: [[[[{ b: [[], {}, [1, [2, [3]]]] }]]]] }],
    ['a string alone', 'plain'],
    ['a number alone', 42],
  ])('counts %s exactly', (_label, value) => {
    expect(jsonBytesUpTo(value, 1_000_000)).toBe(jsonBytes(value));
  });

  it('counts no input as nothing, and refuses what JSON cannot carry', () => {
    expect(jsonBytesUpTo(undefined, 10)).toBe(0);
    for (const value of [
      new Map([['a', 1]]),
      new Set([1]),
      new Date(0),
      new Uint8Array(4),
      10n,
      { when: new Date(0) },
    ]) {
      expect(jsonBytesUpTo(value, 1_000)).toBeNull();
    }
  });

  it('stops once past the limit: a 40 MB text, a million-entry list and a million levels are measured at once', () => {
    const limit = 1024;
    expect(jsonBytesUpTo({ text: 'x'.repeat(40 * 1024 * 1024) }, limit)).toBeGreaterThan(limit);
    expect(jsonBytesUpTo(Array(1_000_000).fill(0), limit)).toBeGreaterThan(limit);
    let deep: unknown = [];
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(jsonBytesUpTo(deep, limit)).toBeGreaterThan(limit);
    // A cycle (IPC's structured clone keeps them; JSON cannot write one) is over any limit.
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(jsonBytesUpTo(cycle, limit)).toBeGreaterThan(limit);
  });
});

describe('callSizeRefusal: the contract limit of each call', () => {
  it('allows a correction of exactly its limit and refuses one byte more, naming the limit, not the input', () => {
    const limit = callBodyBytes('corrections.apply');
    expect(limit).toBe(CHANGE_LIMITS.maxEventBytes + 16 * 1024);
    const base = { caseId: 1, reviewer: 'Dana', change: { type: 'set-field', path: 'diagnosis', value: '' } };
    const fill = 'é'.repeat(Math.floor((limit - jsonBytes(base)) / 2));
    const exact = {
      ...base,
      change: { ...base.change, value: fill + 'x'.repeat(limit - jsonBytes(base) - fill.length * 2) },
    };
    expect(jsonBytes(exact)).toBe(limit);
    expect(callSizeRefusal('corrections.apply', exact)).toBeNull();
    const over = { ...exact, reason: '' };
    expect(callSizeRefusal('corrections.apply', over)).toEqual({
      code: 'too_large',
      message: `The request is too large (over ${sizeText(limit)})`,
    });
    expect(sizeText(limit)).toBe('272 KB');
  });

  it('gives other calls the general limit', () => {
    const list = { filter: { search: 'x'.repeat(LIMITS.callBodyBytes) } };
    expect(callSizeRefusal('cases.list', list)).toEqual({
      code: 'too_large',
      message: 'The request is too large (over 8 MB)',
    });
    expect(callSizeRefusal('cases.list', { filter: { search: 'acupuncture' } })).toBeNull();
  });
});
