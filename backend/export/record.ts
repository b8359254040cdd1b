/**
 * One case as the export sees it: its effective values (parse + corrections),
 * which paths a reviewer corrected, and — on demand — the parsed values those
 * corrections replaced.
 */
import type { CorrectedField, ItemValues, LetterValues, ReviewStatus } from '../../shared/domain/case';
import { itemPath, parseFieldPath } from '../audit/paths';

export interface ExportCase {
  id: number;
  file: string;
  status: ReviewStatus;
  flags: string[];
  importedAt: string;
  /** Version among cases sharing a case number (1-based, by arrival). */
  version: number;
  parserVersion: string;
  effective: LetterValues;
  /**
   * Fields whose effective value differs from the parse, with the parsed value
   * (backend/audit correctedFields). Besides field paths this may hold "items"
   * when items were added, deleted, split, merged or reordered.
   */
  corrections: CorrectedField[];
  /** Per effective item: true when a reviewer created it (add, split, merge) rather than the parser. */
  reviewerItems: boolean[];
}

/** A row of the Cases sheet. */
export interface CaseView {
  record: ExportCase;
  letter: LetterValues;
}

/** A row of the Items sheet: one disputed item with its case. */
export interface ItemView {
  record: ExportCase;
  letter: LetterValues;
  item: ItemValues;
  /** 0-based position among the case's effective items (paths use it). */
  index: number;
}

/** True when `a` and `b` name the same value or one contains the other. */
export function pathsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return longer.startsWith(shorter) && (longer[shorter.length] === '.' || longer[shorter.length] === '[');
}

/** The structural marker ("items": the list itself changed) is not a field and never marks a cell. */
const isFieldCorrection = (correction: CorrectedField) => correction.path !== 'items';

export function isCorrected(record: ExportCase, path: string): boolean {
  return record.corrections.some((c) => isFieldCorrection(c) && pathsOverlap(c.path, path));
}

/** True when a reviewer corrected a field of the item at `index`, or created the item. */
export function isItemCorrected(record: ExportCase, index: number): boolean {
  return record.reviewerItems[index] === true || isCorrected(record, itemPath(index));
}

const parsedCache = new WeakMap<ExportCase, LetterValues>();

/**
 * The effective letter with every corrected path put back to its parsed value.
 * Positions are the effective ones, so item N here lines up with item N of the
 * Items sheet even after items were added, split or reordered.
 */
export function parsedLetterOf(record: ExportCase): LetterValues {
  if (record.corrections.length === 0) return record.effective;
  const cached = parsedCache.get(record);
  if (cached) return cached;
  const letter = structuredClone(record.effective);
  for (const correction of record.corrections) {
    if (!isFieldCorrection(correction)) continue;
    // Correction paths are the audit's field paths (`patientAge`, `items[2].decision`).
    const path = parseFieldPath(correction.path);
    const target: Record<string, unknown> | undefined = path.scope === 'letter' ? letter : letter.items[path.index];
    if (target) target[path.field] = correction.parsedValue;
  }
  parsedCache.set(record, letter);
  return letter;
}

export function parsedCaseView(view: CaseView): CaseView {
  return { record: view.record, letter: parsedLetterOf(view.record) };
}

export function parsedItemView(view: ItemView): ItemView {
  const letter = parsedLetterOf(view.record);
  return { ...view, letter, item: letter.items[view.index] ?? view.item };
}
