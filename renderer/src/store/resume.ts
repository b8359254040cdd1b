/**
 * Where the reviewer was — the open case and the list's query — remembered per
 * workspace on this machine, so a reload (or the next day's start) returns to
 * the same case in the same queue.
 */
import { caseFilterSchema, type CaseFilter } from '../../../shared/api/contract';
import type { SortKey } from './list';

export interface Place {
  caseId: number | null;
  filter: CaseFilter;
  sort: SortKey;
  direction: 'asc' | 'desc';
}

const SORTS: readonly SortKey[] = ['caseNumber', 'itemCount', 'status', 'importedAt', 'decisionDate', 'decisions'];

/** The storage key of a workspace's place: workspaces differ by their database file. */
export const placeKey = (dbPath: string) => `imr.place.v1:${dbPath}`;

/** A remembered place read back, or null when there is none or it is not one (storage is the user's to edit). */
export function readPlace(stored: string | null): Place | null {
  if (!stored) return null;
  let value: Partial<Record<keyof Place, unknown>>;
  try {
    value = JSON.parse(stored) as typeof value;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const filter = caseFilterSchema.safeParse(value.filter ?? {});
  const caseId = value.caseId;
  return {
    caseId: typeof caseId === 'number' && Number.isInteger(caseId) && caseId > 0 ? caseId : null,
    filter: filter.success ? filter.data : {},
    sort: SORTS.includes(value.sort as SortKey) ? (value.sort as SortKey) : 'importedAt',
    direction: value.direction === 'asc' ? 'asc' : 'desc',
  };
}
