/**
 * What the fields form shows and how each value is edited and validated.
 * Labels are the human names screen readers announce and the tests query by,
 * so they are part of the UI contract.
 */
import { ITEM_CATEGORIES, type ItemField, type LetterField } from '../../../shared/domain/letter';
import { REVIEW_STATUSES } from '../../../shared/domain/case';

export type FieldKind = 'text' | 'longtext' | 'date' | 'integer' | 'select' | 'list' | 'medication' | 'citations';

export interface FieldDef<K extends string> {
  key: K;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  /** Shown but not editable (derived by the parser). */
  readOnly?: boolean;
  min?: number;
  max?: number;
}

export interface FieldGroup {
  id: 'header' | 'reviewer' | 'patient';
  title: string;
  fields: FieldDef<LetterField>[];
}

export const LETTER_GROUPS: FieldGroup[] = [
  {
    id: 'header',
    title: 'Header',
    fields: [
      { key: 'caseNumber', label: 'Case number', kind: 'text' },
      { key: 'dateAssigned', label: 'Date assigned', kind: 'date' },
      { key: 'decisionDate', label: 'Decision date', kind: 'date' },
      { key: 'priority', label: 'Priority', kind: 'text' },
      { key: 'dateOfInjury', label: 'Date of injury', kind: 'date' },
      { key: 'urDenialDate', label: 'UR denial date', kind: 'date' },
      { key: 'applicationReceived', label: 'Application received', kind: 'date' },
      { key: 'format', label: 'Layout', kind: 'text', readOnly: true },
    ],
  },
  {
    id: 'reviewer',
    title: 'Reviewer',
    fields: [
      {
        key: 'reviewerType',
        label: 'Reviewer type',
        kind: 'select',
        options: ['expert reviewer', 'physician reviewer'],
      },
      { key: 'licensure', label: 'Licensure', kind: 'list' },
      { key: 'specialty', label: 'Specialty', kind: 'list' },
    ],
  },
  {
    id: 'patient',
    title: 'Patient',
    fields: [
      { key: 'patientAge', label: 'Patient age', kind: 'integer', min: 0, max: 120 },
      { key: 'patientSex', label: 'Patient sex', kind: 'select', options: ['female', 'male'] },
      { key: 'diagnoses', label: 'Diagnoses', kind: 'list' },
      { key: 'clinicalSummary', label: 'Clinical summary', kind: 'longtext' },
    ],
  },
];

/** Item fields in reading order; `decision` and `treatment` lead the card. */
export const ITEM_FIELD_DEFS: FieldDef<ItemField>[] = [
  { key: 'treatment', label: 'Treatment', kind: 'longtext' },
  { key: 'decision', label: 'Decision', kind: 'select', options: ['Upheld', 'Overturned'] },
  { key: 'category', label: 'Category', kind: 'select', options: ITEM_CATEGORIES },
  { key: 'originalRequest', label: 'Original request', kind: 'longtext' },
  { key: 'authorizedByClaimsAdministrator', label: 'Authorized by claims administrator', kind: 'longtext' },
  { key: 'quantity', label: 'Quantity', kind: 'integer', min: 0, max: 100000 },
  { key: 'frequency', label: 'Frequency', kind: 'text' },
  { key: 'duration', label: 'Duration', kind: 'text' },
  { key: 'bodyRegion', label: 'Body region', kind: 'text' },
  { key: 'medication', label: 'Medication', kind: 'medication' },
  {
    key: 'conclusion',
    label: 'Conclusion',
    kind: 'select',
    options: ['medically necessary', 'not medically necessary'],
  },
  { key: 'claimsAdministratorGuideline', label: 'Claims administrator guideline', kind: 'longtext' },
  { key: 'maximusGuideline', label: 'Maximus guideline', kind: 'longtext' },
  { key: 'rationale', label: 'Rationale', kind: 'longtext' },
  { key: 'citations', label: 'Citations', kind: 'citations', readOnly: true },
];

export const STATUS_LABELS: Record<(typeof REVIEW_STATUSES)[number], string> = {
  new: 'New',
  'in review': 'In review',
  reviewed: 'Reviewed',
  'needs second look': 'Needs second look',
};

export const FLAG_LABELS: Record<string, string> = {
  'duplicate-case-number': 'Duplicate case number',
  'parser-warnings': 'Parser warnings',
  contradiction: 'Rationale contradicts decision',
  'orphaned-correction': 'Orphaned correction',
  'unknown-format': 'Unknown layout',
};

export const FORMAT_LABELS: Record<string, string> = {
  'imr-2016': '2016 PDF layout',
  'imr-2013': '2013–2015 layout',
  'maximus-imr': 'Maximus IMR',
  'medical-professional-review': 'Medical professional review',
  unknown: 'Unknown layout',
};

export function itemPath(index: number, key: string): string {
  return `items[${index}].${key}`;
}

/** Label for a correction path like "items[2].decision" → "Item 3 · Decision". */
export function labelForPath(path: string | null): string {
  if (!path) return '';
  const item = /^items\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (item) {
    const def = ITEM_FIELD_DEFS.find((d) => d.key === item[2]);
    const n = Number(item[1]) + 1;
    return def ? `Item ${n} · ${def.label}` : `Item ${n}`;
  }
  for (const group of LETTER_GROUPS) {
    const def = group.fields.find((d) => d.key === path);
    if (def) return def.label;
  }
  return path;
}
