/**
 * A case filter as a person reads it, one condition at a time ("Body region:
 * knee", "Decision month: 2016-03", "Turnaround: 8–14 days"): the chips that
 * show (and remove) a filter in the case list and the Analytics view, and the
 * export's About sheet. Labels come from the analytics dimensions and the
 * field model, so a condition reads the same everywhere.
 */
import { DIMENSIONS, type StatsDimension } from '../domain/analytics';
import { LETTER_FORMATS } from '../domain/letter';
import { REVIEW_STATUS_FIELD } from '../domain/fields';
import type { CaseFilter } from './contract';

export type FilterKey = keyof CaseFilter;

export interface FilterCondition {
  key: FilterKey;
  /** "Body region" */
  label: string;
  /** "knee", "no region named" */
  value: string;
}

const OTHER_LABELS: Record<Exclude<FilterKey, StatsDimension>, string> = {
  status: REVIEW_STATUS_FIELD.label,
  decision: 'Decision',
  format: 'Layout',
  flag: 'Flag',
  search: 'Search',
  modified: 'Modified by UR',
  turnaround: 'Turnaround',
};

export function filterLabel(key: FilterKey): string {
  return key in DIMENSIONS ? DIMENSIONS[key as StatsDimension].label : OTHER_LABELS[key as keyof typeof OTHER_LABELS];
}

/** Days as a range: "8–14 days", "31 days or more", "up to 7 days". */
function daysText(range: { min?: number | undefined; max?: number | undefined }): string {
  const { min, max } = range;
  if (min !== undefined && max !== undefined) return min === max ? `${min} days` : `${min}–${max} days`;
  if (min !== undefined) return `${min} days or more`;
  if (max !== undefined) return max < 0 ? 'decided before the application' : `up to ${max} days`;
  return 'any';
}

function valueText(key: FilterKey, value: unknown): string {
  if (key in DIMENSIONS && value === null) return DIMENSIONS[key as StatsDimension].noneLabel;
  switch (key) {
    case 'decision':
      return value === null ? 'no decision' : String(value);
    case 'status':
      return REVIEW_STATUS_FIELD.choices.find((c) => c.value === value)?.label ?? String(value);
    case 'format':
      return LETTER_FORMATS.find((f) => f.value === value)?.label ?? String(value);
    case 'modified':
      return value ? 'yes' : 'no';
    case 'turnaround':
      return value === null ? 'a date missing' : daysText(value as { min?: number; max?: number });
    case 'search':
      return `“${String(value)}”`;
    default:
      return String(value);
  }
}

/** The filter's conditions, in the schema's order; empty and unset ones left out. */
export function filterConditions(filter: CaseFilter): FilterCondition[] {
  return (Object.entries(filter) as [FilterKey, unknown][])
    .filter(([, value]) => value !== undefined && !(typeof value === 'string' && value.trim() === ''))
    .map(([key, value]) => ({ key, label: filterLabel(key), value: valueText(key, value) }));
}

/** "Item category: physical therapy; Decision: Upheld" (empty for no filter). */
export function filterText(filter: CaseFilter): string {
  return filterConditions(filter)
    .map((c) => `${c.label}: ${c.value}`)
    .join('; ');
}
