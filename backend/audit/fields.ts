/**
 * Field types for validation and coercion. Values arrive typed from the UI
 * (52, null, ["a","b"]) or as strings from the CLI ("52", "null", "a, b"); both
 * are coerced to the stored type here, or refused with a one-line message.
 */
import { z } from 'zod';
import { DECISIONS, ITEM_CATEGORIES, type ItemField, type LetterField } from '../../shared/domain/letter';
import { CorrectionError } from './errors';

type FieldSpec =
  | { kind: 'text'; nullable: boolean; max: number }
  | { kind: 'date' }
  | { kind: 'enum'; values: readonly string[]; nullable: boolean }
  | { kind: 'integer'; min: number; max: number; nullable: boolean }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'list' }
  | { kind: 'medication' }
  | { kind: 'citations' };

const LETTER_FORMATS = ['imr-2016', 'imr-2013', 'maximus-imr', 'medical-professional-review', 'unknown'] as const;
const shortText: FieldSpec = { kind: 'text', nullable: true, max: 2_000 };
const longText: FieldSpec = { kind: 'text', nullable: true, max: 200_000 };
const date: FieldSpec = { kind: 'date' };

export const LETTER_FIELD_SPECS: Record<LetterField, FieldSpec> = {
  caseNumber: { kind: 'text', nullable: true, max: 100 },
  dateAssigned: date,
  decisionDate: date,
  priority: shortText,
  dateOfInjury: date,
  urDenialDate: date,
  applicationReceived: date,
  licensure: { kind: 'list' },
  specialty: { kind: 'list' },
  reviewerType: { kind: 'enum', values: ['expert reviewer', 'physician reviewer'], nullable: true },
  patientAge: { kind: 'integer', min: 0, max: 120, nullable: true },
  patientSex: { kind: 'enum', values: ['male', 'female'], nullable: true },
  diagnoses: { kind: 'list' },
  clinicalSummary: longText,
  format: { kind: 'enum', values: LETTER_FORMATS, nullable: false },
};

export const ITEM_FIELD_SPECS: Record<ItemField, FieldSpec> = {
  treatment: { kind: 'text', nullable: true, max: 5_000 },
  // A reviewer settles a decision; clearing it back to "unknown" is not a correction.
  decision: { kind: 'enum', values: DECISIONS, nullable: false },
  originalRequest: longText,
  authorizedByClaimsAdministrator: longText,
  claimsAdministratorGuideline: longText,
  maximusGuideline: longText,
  rationale: longText,
  category: { kind: 'enum', values: ITEM_CATEGORIES, nullable: false },
  quantity: { kind: 'number', min: 0, max: 1_000_000 },
  frequency: shortText,
  duration: shortText,
  bodyRegion: shortText,
  medication: { kind: 'medication' },
  citations: { kind: 'citations' },
  conclusion: { kind: 'enum', values: ['medically necessary', 'not medically necessary'], nullable: true },
};

const medicationSchema = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(500),
    strength: z.string().trim().max(200).nullable().default(null),
    count: z.number().int().min(0).max(1_000_000).nullable().default(null),
  })
  .strict();

const citationSchema = z
  .object({
    source: z.enum(['MTUS', 'ACOEM', 'ODG', 'other']),
    title: z.string().max(1000).nullable().default(null),
    section: z.string().max(1000).nullable().default(null),
    pages: z.string().max(100).nullable().default(null),
    from: z.enum(['claimsAdministrator', 'maximus']),
  })
  .strict();

/** "null", "" and JSON null all mean "no value" where the field allows it. */
const isEmpty = (value: unknown) => value === null || (typeof value === 'string' && /^(null)?$/i.test(value.trim()));

const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

/** Coerces `value` to the type of field `name`, or throws a CorrectionError naming the field and the value. */
export function coerceFieldValue(spec: FieldSpec, name: string, value: unknown): unknown {
  const refuse = (expected: string): never => {
    throw new CorrectionError(`${name} must be ${expected} (got ${shown(value)}).`);
  };
  switch (spec.kind) {
    case 'text': {
      if (isEmpty(value)) return spec.nullable ? null : refuse('non-empty text');
      if (typeof value !== 'string') return refuse('text');
      const text = value.trim();
      if (text.length > spec.max) refuse(`at most ${spec.max} characters`);
      return text;
    }
    case 'date': {
      if (isEmpty(value)) return null;
      if (typeof value !== 'string') return refuse('a date as YYYY-MM-DD');
      return parseDate(value.trim()) ?? refuse('a real date as YYYY-MM-DD');
    }
    case 'enum': {
      if (isEmpty(value)) return spec.nullable ? null : refuse(oneOf(spec.values));
      if (typeof value !== 'string') return refuse(oneOf(spec.values));
      const wanted = value.trim().toLowerCase();
      return spec.values.find((v) => v.toLowerCase() === wanted) ?? refuse(oneOf(spec.values));
    }
    case 'integer': {
      const expected = `a whole number from ${spec.min} to ${spec.max}`;
      if (isEmpty(value)) return spec.nullable ? null : refuse(expected);
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
            ? Number(value)
            : NaN;
      if (!Number.isInteger(number) || number < spec.min || number > spec.max) refuse(expected);
      return number;
    }
    case 'number': {
      const expected = `a number from ${spec.min} to ${spec.max}`;
      if (isEmpty(value)) return null;
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
            ? Number(value)
            : NaN;
      if (!Number.isFinite(number) || number < spec.min || number > spec.max) refuse(expected);
      return number;
    }
    case 'list': {
      if (isEmpty(value)) return [];
      const list = typeof value === 'string' ? splitList(value, name) : value;
      if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) return refuse('a list of text values');
      return list.map((v: string) => v.trim()).filter((v) => v.length > 0);
    }
    case 'medication': {
      if (isEmpty(value)) return null;
      let candidate = value;
      if (typeof value === 'string') {
        // A bare name from the CLI is the common case; JSON is accepted for the full shape.
        candidate = value.trim().startsWith('{') ? parseJson(value, name) : { name: value };
      }
      const parsed = medicationSchema.safeParse(candidate);
      return parsed.success ? parsed.data : refuse(`a medication {name, strength, count}: ${zodMessage(parsed.error)}`);
    }
    case 'citations': {
      if (isEmpty(value)) return [];
      const candidate = typeof value === 'string' ? parseJson(value, name) : value;
      const parsed = z.array(citationSchema).max(100).safeParse(candidate);
      return parsed.success
        ? parsed.data
        : refuse(`a list of citations {source, title, section, pages, from}: ${zodMessage(parsed.error)}`);
    }
  }
}

const oneOf = (values: readonly string[]) => `one of ${values.join(', ')}`;

function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CorrectionError(`${name} must be valid JSON (got "${text}").`);
  }
}

/** A JSON array, or text split on newlines / semicolons when present (diagnoses contain commas), else on commas. */
function splitList(text: string, name: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return parseJson(trimmed, name);
  const separator = /[\n;]/.test(trimmed) ? /[\n;]/ : /,/;
  return trimmed.split(separator);
}

/**
 * A real calendar date as ISO YYYY-MM-DD. US-style MM/DD/YYYY (as printed in
 * the letters) is accepted and converted. 2016-02-30 and 2016-13-45 are refused.
 */
export function parseDate(text: string): string | null {
  let year: number, month: number, day: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [year, month, day] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else return null;
  if (year < 1900 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
