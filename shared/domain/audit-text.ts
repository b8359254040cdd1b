/**
 * How an audit event reads to a person — in the app's history panel and
 * `imr history` alike — naming fields and items the way the form does:
 * "Item 2 · Decision", not `items[1].decision`. Items are numbered from 1, as
 * the form shows them; the stored path keeps the 0-based position a program
 * uses. The export's Corrections sheet does not use this wording: it is the
 * exact audit record (type, stored path, values as JSON, hash), for a program
 * or an auditor to check against the trail (backend/export/columns.ts).
 */
import type { AuditEvent, AuditEventType } from './case';
import { ITEM_FIELD_DEFS, LETTER_FIELD_DEFS, REVIEW_STATUS_FIELD, fieldText, type FieldDef } from './fields';

/** The field a path names, if it names one: "patientAge", "items[0].decision", "status". */
export function fieldOfPath(path: string | null): FieldDef | undefined {
  if (!path) return undefined;
  if (path === REVIEW_STATUS_FIELD.key) return REVIEW_STATUS_FIELD;
  const item = /^items\[\d+\]\.(\w+)/.exec(path);
  if (item) return ITEM_FIELD_DEFS.find((d) => d.key === item[1]);
  return LETTER_FIELD_DEFS.find((d) => d.key === path);
}

/** "Items 2 and 5", "Items 1, 2 and 3". */
function itemList(numbers: readonly number[]): string {
  if (numbers.length === 1) return `Item ${numbers[0]}`;
  return `Items ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}

/**
 * A path as the form names it: "Patient age", "Item 3 · Decision",
 * "Item 3" (a whole item), "Items 2 and 5" (a merge), "Items" (their order).
 */
export function pathLabel(path: string | null): string {
  if (!path) return '';
  const field = /^items\[(\d+)\]\.(\w+)/.exec(path);
  if (field) {
    const def = ITEM_FIELD_DEFS.find((d) => d.key === field[2]);
    return `Item ${Number(field[1]) + 1}${def ? ` · ${def.label}` : ''}`;
  }
  const items = /^items\[([\d,\s]+)\]$/.exec(path);
  if (items) return itemList(items[1]!.split(',').map((n) => Number(n) + 1));
  if (path === 'items') return 'Items';
  return fieldOfPath(path)?.label ?? path;
}

const VERBS: Record<AuditEventType, string> = {
  'set-field': 'Changed',
  'add-item': 'Added',
  'delete-item': 'Deleted',
  'split-item': 'Split',
  'merge-items': 'Merged',
  'reorder-items': 'Reordered',
  'set-status': 'Status',
  'verify-field': 'Confirmed',
  note: 'Note',
  undo: 'Undid',
  redo: 'Redid',
  'import-letter': 'Imported',
  parse: 'Parsed',
};

const treatmentOf = (value: unknown): string | null => {
  const t = (value as { treatment?: unknown } | null)?.treatment;
  return typeof t === 'string' && t.trim() ? t.trim() : null;
};
const quoted = (text: string | null) =>
  text ? `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”` : 'no treatment';

/**
 * One line saying what the event did, with the treatments an item event
 * concerns: "Changed Item 1 · Decision", "Added Item 3: “Physical therapy”",
 * "Split Item 2 “A and B” into 2: “A” | “B”", "Merged Items 2 and 3 into
 * “A; B”", "Confirmed Patient age", "Undid: Changed Item 1 · Decision".
 * `target` is the event an undo or redo names.
 */
export function eventTitle(
  event: Pick<AuditEvent, 'type' | 'path' | 'oldValue' | 'newValue'>,
  target?: Pick<AuditEvent, 'type' | 'path' | 'oldValue' | 'newValue'>,
): string {
  const where = pathLabel(event.path);
  switch (event.type) {
    case 'set-field':
    case 'reorder-items':
      return `${VERBS[event.type]} ${where}`;
    case 'add-item':
      return `Added ${where}: ${quoted(treatmentOf(event.newValue))}`;
    case 'delete-item':
      return `Deleted ${where}: ${quoted(treatmentOf(event.oldValue))}`;
    case 'split-item': {
      const parts = Array.isArray(event.newValue) ? event.newValue.map((p) => quoted(treatmentOf(p))) : [];
      return `Split ${where} ${quoted(treatmentOf(event.oldValue))} into ${parts.length}: ${parts.join(' | ')}`;
    }
    case 'merge-items': {
      const from = Array.isArray(event.oldValue) ? event.oldValue.map((p) => quoted(treatmentOf(p))) : [];
      return `Merged ${where} (${from.join(', ')}) into ${quoted(treatmentOf(event.newValue))}`;
    }
    case 'set-status':
      return 'Review status';
    case 'verify-field':
      return event.newValue === true ? `Confirmed ${where}` : `Took back the confirmation of ${where}`;
    case 'note':
      return 'Note';
    case 'undo':
    case 'redo':
      return `${VERBS[event.type]}: ${target ? eventTitle(target) : where}`;
    case 'import-letter':
      return 'Imported the letter';
    case 'parse':
      return 'Parsed the letter again';
  }
}

/** A value as the form shows it (lists joined, choices by label); "empty" for none. */
export function valueText(path: string | null, value: unknown, max = 120): string {
  const def = fieldOfPath(path);
  let text: string | null;
  if (def) text = fieldText(def, value);
  else if (value === null || value === undefined) text = null;
  else text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === null || text === '') return 'empty';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What an event changed: a value before and after, or one line of text. */
export type EventChange = { before: string; after: string } | { text: string };

/**
 * What the event changed: before and after for the events that change one
 * value (a field, the status); the value confirmed for a tick; the text of a
 * note; the file, checksum and parser of an import or parse; null for item
 * events, whose title already names their treatments. An undo or redo is
 * shown as its `target`'s change in its own direction (its values with the
 * target's type), as `eventTitle` takes the target; without one, null.
 */
export function eventChange(
  event: Pick<AuditEvent, 'type' | 'path' | 'oldValue' | 'newValue'>,
  target?: Pick<AuditEvent, 'type'>,
): EventChange | null {
  const type = target?.type ?? event.type;
  switch (type) {
    case 'set-field':
    case 'set-status':
      return { before: valueText(event.path, event.oldValue), after: valueText(event.path, event.newValue) };
    case 'verify-field':
      return { text: valueText(event.path, event.oldValue) };
    case 'note':
      return { text: valueText(null, event.newValue, 2000) };
    case 'import-letter':
    case 'parse':
      return { text: provenanceText(event.newValue) };
    default:
      return null;
  }
}

/** An event's change on one line ("Overturned → Upheld"), for spreadsheets and the CLI. */
export function eventChangeText(
  event: Pick<AuditEvent, 'type' | 'path' | 'oldValue' | 'newValue'>,
  target?: Pick<AuditEvent, 'type'>,
): string | null {
  const change = eventChange(event, target);
  if (!change) return null;
  return 'text' in change ? change.text : `${change.before} → ${change.after}`;
}

/**
 * What an import or parse event recorded, in a line: the file and the start
 * of its SHA-256 (the full checksums are in `imr history --json`), the parser
 * version.
 */
function provenanceText(value: unknown): string {
  const record = value as { document?: { fileName?: string; sha256?: string }; parse?: { parserVersion?: string } };
  const parser = record?.parse?.parserVersion ? `parser ${record.parse.parserVersion}` : '';
  if (!record?.document) return parser;
  const checksum = record.document.sha256 ? ` · SHA-256 ${record.document.sha256.slice(0, 12)}…` : '';
  return `${record.document.fileName ?? 'letter'}${checksum}${parser ? ` · ${parser}` : ''}`;
}
