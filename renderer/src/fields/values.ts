/**
 * Converting between stored field values and what an input shows, with the
 * validation a reviewer gets before anything is saved.
 */
import type { FieldDef, FieldKind } from './fieldDefs';
import type { Medication } from '../../../shared/domain/letter';

export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string };

export function displayValue(kind: FieldKind, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (kind === 'list' && Array.isArray(value)) return value.join('\n');
  if (kind === 'medication' && typeof value === 'object') {
    const m = value as Medication;
    return [m.name, m.strength, m.count !== null && m.count !== undefined ? `#${m.count}` : null]
      .filter(Boolean)
      .join(' ');
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isValidIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** US letters write dates as MM/DD/YYYY; accept that too and store ISO. */
function normaliseDate(text: string): string | null {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : text;
  if (isValidIsoDate(iso)) return iso;
  const parsed = Date.parse(text);
  if (!Number.isNaN(parsed) && /[a-z]/i.test(text)) {
    const d = new Date(parsed);
    const local = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    return isValidIsoDate(local) ? local : null;
  }
  return null;
}

/** Turns what the reviewer typed into the value to store, or says why not. */
export function parseInput(def: FieldDef<string>, raw: string): ParseResult {
  const text = raw.trim();
  switch (def.kind) {
    case 'text':
    case 'longtext':
      return { ok: true, value: text === '' ? null : def.kind === 'text' ? text.replace(/\s+/g, ' ') : text };
    case 'date': {
      if (text === '') return { ok: true, value: null };
      const iso = normaliseDate(text);
      return iso
        ? { ok: true, value: iso }
        : { ok: false, message: `${def.label} must be a date like 2016-10-13 or 10/13/2016` };
    }
    case 'integer': {
      if (text === '') return { ok: true, value: null };
      if (!/^\d+$/.test(text)) return { ok: false, message: `${def.label} must be a whole number` };
      const n = Number(text);
      if (def.min !== undefined && n < def.min)
        return { ok: false, message: `${def.label} must be at least ${def.min}` };
      if (def.max !== undefined && n > def.max)
        return { ok: false, message: `${def.label} must be at most ${def.max}` };
      return { ok: true, value: n };
    }
    case 'select': {
      if (text === '') return { ok: true, value: null };
      const match = def.options?.find((o) => o.toLowerCase() === text.toLowerCase());
      return match
        ? { ok: true, value: match }
        : { ok: false, message: `${def.label} must be one of: ${def.options?.join(', ')}` };
    }
    case 'list':
      return {
        ok: true,
        value: raw
          .split(/\n|;/)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case 'medication': {
      if (text === '') return { ok: true, value: null };
      const count = /#\s*(\d+)\s*$/.exec(text);
      const rest = count ? text.slice(0, count.index).trim() : text;
      const strength = /(\d+(?:\.\d+)?\s*(?:mg|mcg|g|ml|%|units?)(?:\/\S+)?)\s*$/i.exec(rest);
      const name = strength ? rest.slice(0, strength.index).trim() : rest;
      if (!name) return { ok: false, message: 'Medication needs a name, e.g. "Norco 10/325mg #60"' };
      return {
        ok: true,
        value: { name, strength: strength ? strength[1]!.trim() : null, count: count ? Number(count[1]) : null },
      };
    }
    case 'citations':
      return { ok: false, message: 'Citations are read from the guideline lines and cannot be edited here' };
  }
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
