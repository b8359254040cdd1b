/**
 * Which fields a selection of letter text can be assigned to, and the value
 * each would receive. Pure, so the rules are unit-tested without a browser.
 *
 * What a field accepts is the field model's own rule (parseFieldValue): the
 * selection is offered to a field only if that field would save it. When the
 * selection reads as something specific — a date, a number, a case number, one
 * of a field's choices — only the fields of that kind are offered: "12/05/2016"
 * offers the date fields, not Treatment. Otherwise the free-text fields are.
 */
import type { EffectiveItem } from '../../../shared/domain/case';
import {
  ITEM_FIELD_DEFS,
  LETTER_FIELD_DEFS,
  fieldText,
  parseFieldValue,
  type FieldDef,
} from '../../../shared/domain/fields';

export interface AssignTarget {
  /** Correction path: "decisionDate", "items[1].quantity". */
  path: string;
  /** "Decision date", "Item 2 · Quantity". */
  label: string;
  def: FieldDef;
  /** What would be saved. */
  value: unknown;
  /** The field's value now, as text; null when empty. */
  current: string | null;
}

/** Kinds whose values have a shape of their own; a selection that fits one is not offered to free text. */
const SPECIFIC_KINDS: ReadonlySet<FieldDef['kind']> = new Set(['caseNumber', 'date', 'integer', 'number', 'choice']);

/** Kinds a selection can never be assigned to (citations are structured; see the CLI's JSON form). */
const NOT_ASSIGNABLE: ReadonlySet<FieldDef['kind']> = new Set(['citations']);

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * Every field `selection` can be assigned to in a case whose effective values
 * are `letter` and `items`, letter fields first, then item by item, each in the
 * field model's order. Empty when the selection is blank.
 */
export function assignTargets(
  selection: string,
  letter: Readonly<Record<string, unknown>>,
  items: readonly EffectiveItem[],
): AssignTarget[] {
  if (!selection.trim()) return [];
  const candidates: AssignTarget[] = [];
  const consider = (def: FieldDef, path: string, label: string, currentValue: unknown) => {
    if (!def.correctable || NOT_ASSIGNABLE.has(def.kind)) return;
    const parsed = parseFieldValue(def, selection);
    if (!parsed.ok || isEmpty(parsed.value)) return;
    candidates.push({
      path,
      label,
      def,
      value: parsed.value,
      current: isEmpty(currentValue) ? null : fieldText(def, currentValue),
    });
  };
  for (const def of LETTER_FIELD_DEFS) consider(def, def.key, def.label, letter[def.key]);
  items.forEach((item, index) => {
    for (const def of ITEM_FIELD_DEFS) {
      consider(def, `items[${index}].${def.key}`, `Item ${index + 1} · ${def.label}`, item[def.key]);
    }
  });
  const specific = candidates.filter((t) => SPECIFIC_KINDS.has(t.def.kind));
  return specific.length > 0 ? specific : candidates;
}

/**
 * The targets matching what the reviewer typed: every word must start a word
 * of the label ("it 2 dec" finds "Item 2 · Decision", "date" every date).
 */
export function filterTargets(targets: readonly AssignTarget[], query: string): AssignTarget[] {
  const words = query
    .toLowerCase()
    .split(/[\s·]+/)
    .filter(Boolean);
  if (words.length === 0) return [...targets];
  return targets.filter((target) => {
    const labelWords = target.label
      .toLowerCase()
      .split(/[\s·]+/)
      .filter(Boolean);
    return words.every((word) => labelWords.some((labelWord) => labelWord.startsWith(word)));
  });
}
