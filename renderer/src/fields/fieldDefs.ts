/**
 * What the fields form shows, taken from the one field model
 * (shared/domain/fields.ts): labels, kinds, choices and ranges are never
 * restated here. Labels are the names screen readers announce and the tests
 * query by, so they are part of the UI contract.
 */
import {
  ITEM_FIELD_DEFS,
  LETTER_FIELD_DEFS,
  REVIEW_STATUS_FIELD,
  type FieldDef,
  type ItemFieldDef,
  type LetterFieldDef,
  type LetterSection,
} from '../../../shared/domain/fields';
import type { ReviewStatus } from '../../../shared/domain/case';

export type { FieldDef, ItemFieldDef, LetterFieldDef };
export { ITEM_FIELD_DEFS };

export interface FieldGroup {
  id: LetterSection;
  title: string;
  fields: LetterFieldDef[];
}

const SECTION_TITLES: Record<LetterSection, string> = { header: 'Header', reviewer: 'Reviewer', patient: 'Patient' };

export const LETTER_GROUPS: FieldGroup[] = (Object.keys(SECTION_TITLES) as LetterSection[]).map((id) => ({
  id,
  title: SECTION_TITLES[id],
  fields: LETTER_FIELD_DEFS.filter((def) => def.section === id),
}));

export const STATUS_LABELS = Object.fromEntries(REVIEW_STATUS_FIELD.choices.map((c) => [c.value, c.label])) as Record<
  ReviewStatus,
  string
>;

export { CASE_FLAG_LABELS as FLAG_LABELS } from '../../../shared/domain/case';

export function itemPath(index: number, key: string): string {
  return `items[${index}].${key}`;
}

/** Label for a correction path like "items[2].decision" → "Item 3 · Decision" (shared/domain/audit-text.ts). */
export { pathLabel as labelForPath } from '../../../shared/domain/audit-text';

/** Whether the form edits this field in a multi-line box. */
export function isMultiline(def: FieldDef): boolean {
  return def.kind === 'longText' || def.kind === 'list';
}
