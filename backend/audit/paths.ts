/**
 * Field paths as reviewers type them: `patientAge`, `licensure`,
 * `items[0].decision`. The names are the ParsedLetter keys (shared/domain/letter.ts).
 */
import { ITEM_FIELDS, LETTER_FIELDS, type ItemField, type LetterField } from '../../shared/domain/letter';
import { CorrectionError } from './errors';

export type FieldPath = { scope: 'letter'; field: LetterField } | { scope: 'item'; index: number; field: ItemField };

const ITEM_PATH = /^items\s*\[\s*(\d+)\s*\]\s*\.\s*([A-Za-z]+)$/;

export function isLetterField(name: string): name is LetterField {
  return (LETTER_FIELDS as readonly string[]).includes(name);
}

export function isItemField(name: string): name is ItemField {
  return (ITEM_FIELDS as readonly string[]).includes(name);
}

/** Parses a path, refusing anything that is not a correctable field. */
export function parseFieldPath(raw: string): FieldPath {
  const path = raw.trim();
  if (isLetterField(path)) return { scope: 'letter', field: path };
  const match = ITEM_PATH.exec(path);
  if (match) {
    const field = match[2] ?? '';
    if (!isItemField(field)) {
      throw new CorrectionError(`Unknown item field "${field}" in "${path}". Item fields: ${ITEM_FIELDS.join(', ')}.`);
    }
    return { scope: 'item', index: Number(match[1]), field };
  }
  if (isItemField(path)) {
    throw new CorrectionError(`"${path}" is an item field: say which item, e.g. items[0].${path}.`);
  }
  throw new CorrectionError(
    `Unknown field "${path}". Letter fields: ${LETTER_FIELDS.join(', ')}; item fields: items[N].<${ITEM_FIELDS.join('|')}>.`,
  );
}

export function formatFieldPath(path: FieldPath): string {
  return path.scope === 'letter' ? path.field : `items[${path.index}].${path.field}`;
}

/** The path of a whole item, as add / delete / split events record it: `items[3]`. */
export const itemPath = (index: number) => `items[${index}]`;

/** The position in an item path (`items[3]`, `items[3].decision`), or null for any other path. */
export function itemPosition(path: string | null): number | null {
  const match = /^items\[(\d+)\]/.exec(path ?? '');
  return match ? Number(match[1]) : null;
}
