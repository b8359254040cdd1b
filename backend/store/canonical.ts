import { hash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so the same value always
 * serializes to the same bytes: what is stored in the audit table is exactly
 * what is hashed, and equal values compare equal regardless of key order.
 * `undefined` object members are dropped (as JSON.stringify does); an
 * `undefined` top-level value is written as null.
 */
export function canonicalJson(value: unknown): string {
  // A flat array of plain values (an audit row's columns, hashed for every event verify walks) has no keys to
  // sort: JSON.stringify writes it exactly as sortKeys would leave it, without copying it first.
  if (Array.isArray(value) && value.every(isPlainValue)) return JSON.stringify(value);
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

/** A value JSON.stringify writes as itself and sortKeys leaves as it is (no undefined, no non-finite number). */
const isPlainValue = (value: unknown): boolean =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = sortKeys(member);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`cannot store the non-finite number ${value} in the audit trail`);
  }
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
