/**
 * The field model: for every letter and item field its key, label, kind,
 * allowed values or range, and how a value is read from input and written for
 * a person. Defined once; derived from it:
 * - correction validation (backend/audit/validate.ts): what `imr correct`, the
 *   API and the UI may save;
 * - the renderer's field form, the assign-from-selection targets and the
 *   history's labels (renderer/src/fields);
 * - the export's column headers and cell types (backend/export/columns.ts);
 * - the CLI's `show` output.
 *
 * Keys are the ParsedLetter keys (shared/domain/letter.ts) and part of the
 * product's contract (`imr parse --json`, correction paths); labels are what a
 * reviewer reads in the form and the spreadsheet headers. Rules settled here
 * that used to disagree between copies:
 * - Quantity is a number from 0 to 100,000, decimals allowed: the parser reads
 *   "0.5 ml", so an integer-only editor could not re-save a parsed value, and
 *   no request in the corpus comes near 100,000 units (a year of a drug taken
 *   four times a day is under 1,500). A medication's count has the same range.
 * - `format` is labelled "Layout" (a reviewer reads "format" as PDF vs text) and
 *   is not correctable: it records which layout the parser recognised.
 * - "MAXIMUS" is written in capitals, as MAXIMUS Federal Services writes its
 *   name in the letters.
 * - Lists (licensure, specialty, diagnoses) typed as text are split on new lines
 *   and semicolons; licensure and specialty also on commas (state and specialty
 *   names have none), diagnoses never (they contain commas: "Sprain, lumbar").
 * - Case numbers have the IMR shape CM16-0230651 (two letters, two digits of
 *   year, seven digits), the shape the parser reads; typed lower case is upper-cased.
 */
import { z } from 'zod';
import { REVIEW_STATUSES, type ReviewStatus } from './case';
import { findBodyRegions } from '../parser/derive/body-region';
import { readMedication } from '../parser/derive/medication';
import { DATE_EXAMPLES, parseDate } from './dates';
import {
  BODY_REGIONS,
  CITATION_SOURCES,
  CONCLUSIONS,
  DECISIONS,
  ITEM_CATEGORIES,
  LETTER_FORMATS,
  REVIEWER_TYPES,
  SEXES,
  type Citation,
  type ItemField,
  type LetterField,
  type Medication,
  type ParsedLetter,
} from './letter';

export type FieldKind =
  'caseNumber' | 'text' | 'longText' | 'date' | 'integer' | 'number' | 'choice' | 'list' | 'medication' | 'citations';

export interface Choice {
  value: string;
  label: string;
}

interface FieldBase<K extends string> {
  key: K;
  /** What a reviewer reads: form label, spreadsheet header, history entry. */
  label: string;
  /** False for values that record what the parser did (layout): shown, never corrected. */
  correctable: boolean;
  /** Whether the value may be cleared (saved as nothing). */
  nullable: boolean;
  /**
   * A value a reviewer checks against the letter and confirms with a tick
   * (the case's "n of N fields confirmed"): the header, reviewer and patient
   * facts and each item's decision and request. Not the layout (the parser's
   * own record) nor the long passages copied from the letter (summary,
   * guidelines, rationale, citations), which are read, not confirmed.
   */
  confirm: boolean;
}

export type FieldDef<K extends string = string> = FieldBase<K> &
  (
    | { kind: 'caseNumber' | 'date' | 'medication' | 'citations' }
    | { kind: 'text' | 'longText'; maxLength: number }
    | { kind: 'integer' | 'number'; min: number; max: number }
    | { kind: 'choice'; choices: readonly Choice[] }
    | {
        kind: 'list';
        maxItems: number;
        maxLength: number;
        commaSeparates: boolean;
        /** A closed vocabulary: each entry is read as its values (an entry naming none is refused). */
        vocabulary?: Vocabulary;
      }
  );

/**
 * The values a list field may hold, and how a typed entry maps to them: the
 * body regions ("left knee" → knee, "low back" → lumbar spine, "L4-5" →
 * lumbar spine), so that a corrected value filters like a parsed one.
 */
export interface Vocabulary {
  values: readonly string[];
  /** The values an entry names (empty: none). */
  read(entry: string): string[];
  /** Terms a person may type, for the refusal message. */
  examples: string;
}

const BODY_REGION_VOCABULARY: Vocabulary = {
  values: BODY_REGIONS,
  read: (entry) => findBodyRegions(entry)?.value ?? [],
  examples: '"knee", "left shoulder", "low back", "L4-5", "carpal tunnel"',
};

/** Where a letter field sits in the letter (the form groups fields the same way). */
export type LetterSection = 'header' | 'reviewer' | 'patient';
export type LetterFieldDef<K extends LetterField = LetterField> = FieldDef<K> & { section: LetterSection };
export type ItemFieldDef<K extends ItemField = ItemField> = FieldDef<K>;

/** Choices whose label is the value itself. */
const same = (values: readonly string[]): Choice[] => values.map((value) => ({ value, label: value }));

/**
 * The IMR case number shape, as the parser reads it (shared/parser/header-block.ts), unanchored:
 * CASE_NUMBER_PATTERN for a whole value, CASE_NUMBER_IN_TEXT inside a text.
 */
const CASE_NUMBER_SHAPE = String.raw`[A-Z]{2}\d{2}-\d{7}`;
export const CASE_NUMBER_PATTERN = new RegExp(`^${CASE_NUMBER_SHAPE}$`);
/** Every case number in a text as a whole word (a letter's text, a report line); global: use with matchAll. */
export const CASE_NUMBER_IN_TEXT = new RegExp(String.raw`\b${CASE_NUMBER_SHAPE}\b`, 'g');
export const CASE_NUMBER_EXAMPLE = 'CM16-0230651';
export const QUANTITY_MAX = 100_000;

const SHORT_TEXT = 2_000;
const LONG_TEXT = 200_000;
const list = (commaSeparates: boolean) =>
  ({
    kind: 'list',
    maxItems: 100,
    maxLength: 500,
    commaSeparates,
    correctable: true,
    nullable: true,
    confirm: true,
  }) as const;
const date = { kind: 'date', correctable: true, nullable: true, confirm: true } as const;
const shortText = { kind: 'text', maxLength: SHORT_TEXT, correctable: true, nullable: true, confirm: true } as const;
const longText = { kind: 'longText', maxLength: LONG_TEXT, correctable: true, nullable: true, confirm: false } as const;

/** Letter fields, in the order the letter (and the form) shows them. */
const LETTER: { [K in LetterField]: LetterFieldDef<K> } = {
  caseNumber: {
    key: 'caseNumber',
    label: 'Case number',
    kind: 'caseNumber',
    section: 'header',
    correctable: true,
    nullable: true,
    confirm: true,
  },
  dateAssigned: { key: 'dateAssigned', label: 'Date assigned', section: 'header', ...date },
  decisionDate: { key: 'decisionDate', label: 'Decision date', section: 'header', ...date },
  priority: { key: 'priority', label: 'Priority', section: 'header', ...shortText },
  dateOfInjury: { key: 'dateOfInjury', label: 'Date of injury', section: 'header', ...date },
  urDenialDate: { key: 'urDenialDate', label: 'UR denial date', section: 'header', ...date },
  applicationReceived: { key: 'applicationReceived', label: 'Application received', section: 'header', ...date },
  format: {
    key: 'format',
    label: 'Layout',
    kind: 'choice',
    choices: LETTER_FORMATS,
    section: 'header',
    correctable: false,
    nullable: false,
    confirm: false,
  },
  reviewerType: {
    key: 'reviewerType',
    label: 'Reviewer type',
    kind: 'choice',
    choices: same(REVIEWER_TYPES),
    section: 'reviewer',
    correctable: true,
    nullable: true,
    confirm: true,
  },
  licensure: { key: 'licensure', label: 'Reviewer licensure', section: 'reviewer', ...list(true) },
  specialty: { key: 'specialty', label: 'Reviewer specialty', section: 'reviewer', ...list(true) },
  patientAge: {
    key: 'patientAge',
    label: 'Patient age',
    kind: 'integer',
    min: 0,
    max: 120,
    section: 'patient',
    correctable: true,
    nullable: true,
    confirm: true,
  },
  patientSex: {
    key: 'patientSex',
    label: 'Patient sex',
    kind: 'choice',
    choices: same(SEXES),
    section: 'patient',
    correctable: true,
    nullable: true,
    confirm: true,
  },
  diagnoses: { key: 'diagnoses', label: 'Diagnoses', section: 'patient', ...list(false) },
  clinicalSummary: { key: 'clinicalSummary', label: 'Clinical summary', section: 'patient', ...longText },
};

/** Item fields in reading order: what was decided first, then the request's details, then the reasons. */
const ITEM: { [K in ItemField]: ItemFieldDef<K> } = {
  treatment: {
    key: 'treatment',
    label: 'Treatment',
    kind: 'longText',
    maxLength: 5_000,
    correctable: true,
    nullable: true,
    confirm: true,
  },
  // A reviewer settles a decision; clearing it back to "none" is not a correction.
  decision: {
    key: 'decision',
    label: 'Decision',
    kind: 'choice',
    choices: same(DECISIONS),
    correctable: true,
    nullable: false,
    confirm: true,
  },
  category: {
    key: 'category',
    label: 'Category',
    kind: 'choice',
    choices: same(ITEM_CATEGORIES),
    correctable: true,
    nullable: false,
    confirm: true,
  },
  originalRequest: { key: 'originalRequest', label: 'Original request', ...longText },
  authorizedByClaimsAdministrator: {
    key: 'authorizedByClaimsAdministrator',
    label: 'Authorized by claims administrator',
    ...longText,
  },
  quantity: {
    key: 'quantity',
    label: 'Quantity',
    kind: 'number',
    min: 0,
    max: QUANTITY_MAX,
    correctable: true,
    nullable: true,
    confirm: true,
  },
  frequency: { key: 'frequency', label: 'Frequency', ...shortText },
  duration: { key: 'duration', label: 'Duration', ...shortText },
  // Every region the request names, from one vocabulary (shared/parser/README.md, "Body region vocabulary").
  bodyRegion: { key: 'bodyRegion', label: 'Body region', ...list(true), vocabulary: BODY_REGION_VOCABULARY },
  medication: {
    key: 'medication',
    label: 'Medication',
    kind: 'medication',
    correctable: true,
    nullable: true,
    confirm: true,
  },
  conclusion: {
    key: 'conclusion',
    label: 'Conclusion',
    kind: 'choice',
    choices: same(CONCLUSIONS),
    correctable: true,
    nullable: true,
    confirm: true,
  },
  claimsAdministratorGuideline: {
    key: 'claimsAdministratorGuideline',
    label: 'Claims administrator guideline',
    ...longText,
  },
  maximusGuideline: { key: 'maximusGuideline', label: 'MAXIMUS guideline', ...longText },
  rationale: { key: 'rationale', label: 'Rationale', ...longText },
  citations: {
    key: 'citations',
    label: 'Citations',
    kind: 'citations',
    correctable: true,
    nullable: true,
    confirm: false,
  },
};

export const LETTER_FIELD_DEFS: readonly LetterFieldDef[] = Object.values(LETTER);
export const ITEM_FIELD_DEFS: readonly ItemFieldDef[] = Object.values(ITEM);

export function letterField<K extends LetterField>(key: K): LetterFieldDef<K> {
  return LETTER[key];
}

export function itemField<K extends ItemField>(key: K): ItemFieldDef<K> {
  return ITEM[key];
}

/** A case's review status, as a field (the status buttons, `imr correct … status`, the export). */
export const REVIEW_STATUS_FIELD: FieldDef<'status'> & { kind: 'choice'; choices: readonly Choice[] } = {
  key: 'status',
  label: 'Review status',
  kind: 'choice',
  choices: REVIEW_STATUSES.map((value) => ({ value, label: value[0]!.toUpperCase() + value.slice(1) })),
  correctable: true,
  nullable: false,
  confirm: false,
};

export function reviewStatusLabel(status: ReviewStatus): string {
  return REVIEW_STATUS_FIELD.choices.find((c) => c.value === status)?.label ?? status;
}

/** The label of a choice value ("imr-2016" → "2016–2017 layout"); the value itself when it is not a choice. */
export function choiceLabel(def: FieldDef, value: string): string {
  return def.kind === 'choice' ? (def.choices.find((c) => c.value === value)?.label ?? value) : value;
}

// ---------------------------------------------------------------------------
// Reading values

export type FieldParse = { ok: true; value: unknown } | { ok: false; message: string };

const medicationSchema = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(500),
    strength: z.string().trim().max(200).nullable().default(null),
    count: z.number().int().min(0).max(QUANTITY_MAX).nullable().default(null),
  })
  .strict();

const citationSchema = z
  .object({
    source: z.enum(CITATION_SOURCES),
    title: z.string().max(1000).nullable().default(null),
    section: z.string().max(1000).nullable().default(null),
    pages: z.string().max(100).nullable().default(null),
    from: z.enum(['claimsAdministrator', 'maximus']),
  })
  .strict();
const citationsSchema = z.array(citationSchema).max(100);

/** "null", "" and JSON null all mean "no value" (the CLI types `--value null` or `--value ""`). */
export function isEmptyInput(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && /^(null)?$/i.test(value.trim()));
}

const quoted = (value: unknown) => {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};
const oneOf = (choices: readonly Choice[]) =>
  `one of ${choices.map((c) => (c.label.toLowerCase() === c.value.toLowerCase() ? c.value : `${c.value} (${c.label})`)).join(', ')}`;

function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
}

/** JSON text typed for a structured field (the CLI's form of a list, a medication, citations). */
function readJson(text: string, name: string): FieldParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: `${name} must be valid JSON (got ${quoted(text)}).` };
  }
}

/**
 * "Norco 10/325mg #60" → name, strength, count: read as the parser reads a
 * request (shared/parser/derive/medication.ts), so a typed drug has the same
 * shape as a parsed one ("10/325 mg", "Lidoderm" with strength "5%").
 */
export function readMedicationText(text: string): Medication | null {
  return readMedication(text)?.value ?? null;
}

/**
 * Reads a value for `def` from what a person or program gave: typed values
 * from the UI and API (52, null, ["a", "b"]) or text from the CLI and the
 * letter ("52", "null", "a; b", "Feb 3 2016"). Returns the value to store, or a
 * one-line message naming the field as `name` (the label by default; the
 * audit passes the path, e.g. `items[0].quantity`).
 */
export function parseFieldValue(def: FieldDef, input: unknown, name: string = def.label): FieldParse {
  const refuse = (expected: string): FieldParse => ({
    ok: false,
    message: `${name} must be ${expected} (got ${quoted(input)}).`,
  });
  if (isEmptyInput(input)) {
    if (def.kind === 'list' || def.kind === 'citations') return { ok: true, value: [] };
    if (def.nullable) return { ok: true, value: null };
    return def.kind === 'choice' ? refuse(oneOf(def.choices)) : refuse('a value; it cannot be cleared');
  }
  switch (def.kind) {
    case 'caseNumber': {
      if (typeof input !== 'string') return refuse(`an IMR case number like ${CASE_NUMBER_EXAMPLE}`);
      const text = input.trim().toUpperCase();
      return CASE_NUMBER_PATTERN.test(text)
        ? { ok: true, value: text }
        : refuse(`an IMR case number like ${CASE_NUMBER_EXAMPLE}`);
    }
    case 'text':
    case 'longText': {
      if (typeof input !== 'string') return refuse('text');
      // A short value copied across a line break reads as one line.
      const text = def.kind === 'text' ? input.trim().replace(/\s+/g, ' ') : input.trim();
      return text.length > def.maxLength
        ? refuse(`at most ${def.maxLength.toLocaleString('en-US')} characters`)
        : { ok: true, value: text };
    }
    case 'date': {
      if (typeof input !== 'string') return refuse(`a date like ${DATE_EXAMPLES}`);
      const parsed = parseDate(input);
      return parsed.ok ? { ok: true, value: parsed.iso } : { ok: false, message: `${name}: ${parsed.message}.` };
    }
    case 'integer':
    case 'number': {
      const whole = def.kind === 'integer';
      const range = `from ${def.min.toLocaleString('en-US')} to ${def.max.toLocaleString('en-US')}`;
      const expected = whole ? `a whole number ${range}` : `a number ${range}`;
      const pattern = whole ? /^\d+$/ : /^\d+(?:\.\d+)?$/;
      const number =
        typeof input === 'number'
          ? input
          : typeof input === 'string' && pattern.test(input.trim())
            ? Number(input.trim())
            : Number.NaN;
      if (!Number.isFinite(number) || (whole && !Number.isInteger(number)) || number < def.min || number > def.max) {
        return refuse(expected);
      }
      return { ok: true, value: number };
    }
    case 'choice': {
      if (typeof input !== 'string') return refuse(oneOf(def.choices));
      const wanted = input.trim().replace(/\s+/g, ' ').toLowerCase();
      const match = def.choices.find((c) => c.value.toLowerCase() === wanted || c.label.toLowerCase() === wanted);
      return match ? { ok: true, value: match.value } : refuse(oneOf(def.choices));
    }
    case 'list': {
      let values: unknown = input;
      if (typeof input === 'string') {
        const text = input.trim();
        if (text.startsWith('[')) {
          const json = readJson(text, name);
          if (!json.ok) return json;
          values = json.value;
        } else {
          values = text.split(def.commaSeparates ? /[\n;,]/ : /[\n;]/);
        }
      }
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return refuse('a list of text values');
      let entries = values.map((v: string) => v.trim().replace(/\s+/g, ' ')).filter((v) => v.length > 0);
      if (def.vocabulary) {
        const known = entries.map((e) => def.vocabulary!.read(e));
        const unknown = entries.find((_, i) => known[i]!.length === 0);
        if (unknown !== undefined) {
          return {
            ok: false,
            message: `${name}: "${unknown.length > 40 ? `${unknown.slice(0, 37)}…` : unknown}" names no body region; use ${def.vocabulary.examples} (values: ${def.vocabulary.values.join(', ')}).`,
          };
        }
        entries = [...new Set(known.flat())];
      }
      if (entries.length > def.maxItems) return refuse(`at most ${def.maxItems} entries`);
      if (entries.some((v) => v.length > def.maxLength))
        return refuse(`entries of at most ${def.maxLength} characters`);
      return { ok: true, value: entries };
    }
    case 'medication': {
      let candidate: unknown = input;
      if (typeof input === 'string') {
        const text = input.trim();
        if (text.startsWith('{')) {
          const json = readJson(text, name);
          if (!json.ok) return json;
          candidate = json.value;
        } else {
          candidate = readMedicationText(text.replace(/\s+/g, ' '));
          if (!candidate) return refuse('a drug like "Norco 10/325mg #60"');
        }
      }
      const parsed = medicationSchema.safeParse(candidate);
      return parsed.success
        ? { ok: true, value: parsed.data }
        : refuse(`a medication {name, strength, count}: ${zodMessage(parsed.error)}`);
    }
    case 'citations': {
      let candidate: unknown = input;
      if (typeof input === 'string') {
        const json = readJson(input.trim(), name);
        if (!json.ok) return json;
        candidate = json.value;
      }
      const parsed = citationsSchema.safeParse(candidate);
      return parsed.success
        ? { ok: true, value: parsed.data }
        : refuse(`a list of citations {source, title, section, pages, from}: ${zodMessage(parsed.error)}`);
    }
  }
}

// ---------------------------------------------------------------------------
// Writing values

/** "MTUS: Chronic Pain Medical Treatment 2016, Electrodiagnostic testing (EMG/NCS), pp. 78-80". */
export function citationText(citation: Citation): string {
  const detail = [citation.title, citation.section, citation.pages ? `pp. ${citation.pages}` : null].filter(
    (part): part is string => Boolean(part),
  );
  return detail.length ? `${citation.source}: ${detail.join(', ')}` : citation.source;
}

/** Distinct citations in order, joined (the same citation is often on both guideline lines); null for none. */
export function citationsText(citations: readonly Citation[] | null | undefined, separator = '; '): string | null {
  if (!citations?.length) return null;
  return [...new Set(citations.map(citationText))].join(separator);
}

export function medicationText(medication: Medication): string {
  return [medication.name, medication.strength, medication.count !== null ? `#${medication.count}` : null]
    .filter((part) => part !== null && part !== '')
    .join(' ');
}

/**
 * A stored value as text a person can edit and that `parseFieldValue` reads
 * back to the same value: lists one entry per line, a medication as
 * "Norco 10/325mg #60", citations one per line. Nothing is "".
 */
export function formatFieldValue(def: FieldDef, value: unknown): string {
  if (def.kind === 'choice') return value === null || value === undefined ? '' : String(value);
  return fieldText(def, value, '\n') ?? '';
}

/**
 * A stored value on one line for reading (CLI, history, spreadsheet cells):
 * list entries joined with `separator`, choices by their label, null for no value.
 */
export function fieldText(def: FieldDef, value: unknown, separator = '; '): string | null {
  if (value === null || value === undefined) return null;
  switch (def.kind) {
    case 'list':
      return Array.isArray(value) && value.length ? value.map(String).join(separator) : null;
    case 'medication':
      return typeof value === 'object' ? medicationText(value as Medication) : String(value);
    case 'citations':
      return Array.isArray(value) ? citationsText(value as Citation[], separator) : null;
    case 'choice':
      return choiceLabel(def, String(value));
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  }
}

// ---------------------------------------------------------------------------
// Values stored by earlier versions

/**
 * A value stored by an earlier version in another shape, read in the current
 * one. Parsed letters and audit events are kept exactly as written, so a
 * field whose kind changed is upgraded where it is read: a list stored as
 * text or nothing (the body region before parser 2.0.0: null, "lumbar", "hip,
 * knee") is read as its entries; a text that reads as no entry is kept as the
 * one entry it is.
 */
export function upgradeStoredValue(def: FieldDef, value: unknown): unknown {
  if (def.kind !== 'list' || Array.isArray(value)) return value;
  if (value === null || value === undefined) return [];
  if (typeof value !== 'string') return value;
  const parsed = parseFieldValue(def, value);
  return parsed.ok ? parsed.value : [value.trim()];
}

/** A stored parsed letter with its values in the current shapes (see `upgradeStoredValue`); the same object. */
export function upgradeParsedLetter(letter: ParsedLetter): ParsedLetter {
  const fields = letter as unknown as Record<string, unknown>;
  for (const def of LETTER_FIELD_DEFS) fields[def.key] = upgradeStoredValue(def, fields[def.key]);
  for (const item of letter.items ?? []) {
    const values = item as unknown as Record<string, unknown>;
    for (const def of ITEM_FIELD_DEFS) values[def.key] = upgradeStoredValue(def, values[def.key]);
  }
  return letter;
}
