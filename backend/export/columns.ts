/**
 * The row model of every export: which columns each sheet has, in which order,
 * how wide, of which type, and where each value comes from. XLSX and CSV are
 * both written from these definitions, so the two never disagree.
 */
import type { AuditEvent } from '../../shared/domain/case';
import { REVIEW_STATUS_FIELD, fieldText, itemField, letterField, type FieldDef } from '../../shared/domain/fields';
import type { ItemField, LetterField } from '../../shared/domain/letter';
import { calendarDate, numeric, timestamp, type CellValue } from './cells';
import { isCorrected, isItemCorrected, parsedCaseView, parsedItemView, type CaseView, type ItemView } from './record';

/**
 * text: short text; longText: wrapped in XLSX; integer/number: numeric cells;
 * date: calendar date (yyyy-mm-dd); dateTime: a moment, shown in UTC.
 */
/** `percent`: a share 0–1 a spreadsheet shows as a percentage (the Summary sheet's rates). */
export type ColumnKind = 'text' | 'longText' | 'integer' | 'number' | 'percent' | 'date' | 'dateTime';

export interface Column<R> {
  header: string;
  kind: ColumnKind;
  /** Width in characters (XLSX). */
  width: number;
  value(row: R): CellValue;
  /**
   * The correction path of this cell's value (as used by `correct`), when a
   * reviewer can correct it. Such columns get a "(parsed)" twin when the export
   * asks for parsed values.
   */
  path?(row: R): string;
}

export interface SheetSpec<R> {
  name: string;
  columns: Column<R>[];
  /** For sheets with correctable values: the row as parsed, and whether a path was corrected on it. */
  parsed?: {
    view(row: R): R;
    isCorrected(row: R, path: string): boolean;
  };
}

/** The cell type of a field's values; `wrap` asks for wrapped text (long lists). */
function columnKind(def: FieldDef, wrap: boolean): ColumnKind {
  switch (def.kind) {
    case 'date':
      return 'date';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'longText':
    case 'citations':
      return 'longText';
    default:
      return wrap ? 'longText' : 'text';
  }
}

/**
 * A field's value as a cell: dates as calendar dates, numbers as numbers,
 * lists joined with "; ", citations as text; choices keep their stored value
 * (Upheld, imr-2016) so a spreadsheet filter matches `imr parse --json`.
 */
function fieldCell(def: FieldDef, value: unknown): CellValue {
  switch (def.kind) {
    case 'date':
      return calendarDate(typeof value === 'string' ? value : null);
    case 'integer':
    case 'number':
      return numeric(value);
    case 'choice':
      return typeof value === 'string' ? value : null;
    default:
      return fieldText(def, value);
  }
}

/**
 * A column of one field of the field model (shared/domain/fields.ts): its
 * label is the header, its kind the cell type, its key the correction path.
 */
function fieldColumn<R>(
  def: FieldDef,
  width: number,
  read: (row: R) => unknown,
  path: (row: R) => string,
  options: { wrap?: boolean } = {},
): Column<R> {
  return {
    header: def.label,
    kind: columnKind(def, options.wrap ?? false),
    width,
    value: (row) => fieldCell(def, read(row)),
    path,
  };
}

function letterColumn<R extends { letter: CaseView['letter'] }>(
  key: LetterField,
  width: number,
  options?: { wrap?: boolean },
): Column<R> {
  return fieldColumn<R>(
    letterField(key),
    width,
    (r) => r.letter[key],
    () => key,
    options,
  );
}

function itemColumn(key: ItemField, width: number): Column<ItemView> {
  return fieldColumn<ItemView>(
    itemField(key),
    width,
    (r) => r.item[key],
    (r) => `items[${r.index}].${key}`,
  );
}

/** Case-level columns shared by the Cases sheet and (repeated per item) the Items sheet. */
function caseKeyColumns<R extends { letter: CaseView['letter'] }>() {
  return {
    caseNumber: letterColumn<R>('caseNumber', 15),
    decisionDate: letterColumn<R>('decisionDate', 13),
    dateOfInjury: letterColumn<R>('dateOfInjury', 13),
    patientAge: letterColumn<R>('patientAge', 11),
    patientSex: letterColumn<R>('patientSex', 11),
    specialty: letterColumn<R>('specialty', 30),
  };
}

const caseKeys = caseKeyColumns<CaseView>();
const itemCaseKeys = caseKeyColumns<ItemView>();

export const CASES_SHEET: SheetSpec<CaseView> = {
  name: 'Cases',
  parsed: { view: parsedCaseView, isCorrected: (r, path) => isCorrected(r.record, path) },
  columns: [
    caseKeys.caseNumber,
    { header: 'File', kind: 'text', width: 30, value: (r) => r.record.file },
    { header: 'Version', kind: 'integer', width: 9, value: (r) => r.record.version },
    { header: REVIEW_STATUS_FIELD.label, kind: 'text', width: 17, value: (r) => r.record.status },
    letterColumn('format', 16),
    letterColumn('dateAssigned', 13),
    caseKeys.decisionDate,
    caseKeys.dateOfInjury,
    letterColumn('urDenialDate', 13),
    letterColumn('applicationReceived', 13),
    letterColumn('priority', 12),
    letterColumn('licensure', 22),
    caseKeys.specialty,
    letterColumn('reviewerType', 18),
    caseKeys.patientAge,
    caseKeys.patientSex,
    letterColumn('diagnoses', 50, { wrap: true }),
    { header: 'Items', kind: 'integer', width: 8, value: (r) => r.letter.items.length },
    {
      header: 'Upheld',
      kind: 'integer',
      width: 9,
      value: (r) => r.letter.items.filter((i) => i.decision === 'Upheld').length,
    },
    {
      header: 'Overturned',
      kind: 'integer',
      width: 12,
      value: (r) => r.letter.items.filter((i) => i.decision === 'Overturned').length,
    },
    { header: 'Flags', kind: 'text', width: 24, value: (r) => r.record.flags.join('; ') || null },
    { header: 'Corrections', kind: 'integer', width: 12, value: (r) => r.record.corrections.length },
    { header: 'Imported at (UTC)', kind: 'dateTime', width: 19, value: (r) => timestamp(r.record.importedAt) },
    { header: 'Parser version', kind: 'text', width: 10, value: (r) => r.record.parserVersion },
    letterColumn('clinicalSummary', 80),
    { header: 'Case ID', kind: 'integer', width: 9, value: (r) => r.record.id },
  ],
};

const medication = itemField('medication');
const medicationPath = (part: string) => (r: ItemView) => `items[${r.index}].medication.${part}`;

export const ITEMS_SHEET: SheetSpec<ItemView> = {
  name: 'Items',
  parsed: { view: parsedItemView, isCorrected: (r, path) => isCorrected(r.record, path) },
  columns: [
    itemCaseKeys.caseNumber,
    itemCaseKeys.decisionDate,
    itemCaseKeys.dateOfInjury,
    itemCaseKeys.patientAge,
    itemCaseKeys.patientSex,
    itemCaseKeys.specialty,
    { header: 'Item', kind: 'integer', width: 7, value: (r) => r.index + 1 },
    itemColumn('treatment', 45),
    itemColumn('decision', 12),
    itemColumn('category', 20),
    itemColumn('originalRequest', 40),
    itemColumn('authorizedByClaimsAdministrator', 30),
    itemColumn('quantity', 10),
    itemColumn('frequency', 16),
    itemColumn('duration', 14),
    itemColumn('bodyRegion', 16),
    // One medication field, three columns, so analysts can sort and filter on each part.
    {
      header: medication.label,
      kind: 'text',
      width: 22,
      value: (r) => r.item.medication?.name ?? null,
      path: medicationPath('name'),
    },
    {
      header: `${medication.label} strength`,
      kind: 'text',
      width: 12,
      value: (r) => r.item.medication?.strength ?? null,
      path: medicationPath('strength'),
    },
    {
      header: `${medication.label} count`,
      kind: 'number',
      width: 8,
      value: (r) => numeric(r.item.medication?.count ?? null),
      path: medicationPath('count'),
    },
    itemColumn('conclusion', 22),
    itemColumn('claimsAdministratorGuideline', 50),
    itemColumn('maximusGuideline', 50),
    itemColumn('citations', 50),
    itemColumn('rationale', 80),
    {
      header: 'Corrected',
      kind: 'text',
      width: 11,
      value: (r) => (isItemCorrected(r.record, r.index) ? 'Yes' : 'No'),
    },
    { header: 'Case ID', kind: 'integer', width: 9, value: (r) => r.record.id },
  ],
};

/** Values in the audit trail are JSON: numbers stay numbers, text stays text, the rest is compact JSON. */
export function auditValue(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return JSON.stringify(value);
}

export const CORRECTIONS_SHEET: SheetSpec<AuditEvent> = {
  name: 'Corrections',
  columns: [
    { header: 'Event ID', kind: 'integer', width: 10, value: (e) => e.id },
    { header: letterField('caseNumber').label, kind: 'text', width: 15, value: (e) => e.caseNumber },
    { header: 'Time (UTC)', kind: 'dateTime', width: 19, value: (e) => timestamp(e.at) },
    { header: 'Reviewer', kind: 'text', width: 18, value: (e) => e.reviewer },
    { header: 'Type', kind: 'text', width: 14, value: (e) => e.type },
    { header: 'Path', kind: 'text', width: 26, value: (e) => e.path },
    { header: 'Old value', kind: 'longText', width: 40, value: (e) => auditValue(e.oldValue) },
    { header: 'New value', kind: 'longText', width: 40, value: (e) => auditValue(e.newValue) },
    { header: 'Reason', kind: 'longText', width: 40, value: (e) => e.reason },
    { header: 'Reverts / re-applies event', kind: 'integer', width: 14, value: (e) => e.targetEventId },
    { header: 'Hash', kind: 'text', width: 66, value: (e) => e.hash },
    { header: 'Case ID', kind: 'integer', width: 9, value: (e) => e.caseId },
  ],
};

/**
 * With `includeParsedValues`, every correctable column is followed by a
 * "(parsed)" column holding what the parser read — filled only on rows where a
 * reviewer corrected that value, so the eye finds corrections at once and an
 * empty cell means "not corrected".
 */
export function withParsedColumns<R>(spec: SheetSpec<R>): SheetSpec<R> {
  const parsed = spec.parsed;
  if (!parsed) return spec;
  const columns: Column<R>[] = [];
  for (const column of spec.columns) {
    columns.push(column);
    const path = column.path;
    if (!path) continue;
    columns.push({
      header: `${column.header} (parsed)`,
      kind: column.kind,
      width: column.width,
      value: (row) => (parsed.isCorrected(row, path(row)) ? column.value(parsed.view(row)) : null),
    });
  }
  return { ...spec, columns };
}

export function sheetColumns<R>(spec: SheetSpec<R>, includeParsedValues: boolean): Column<R>[] {
  return includeParsedValues ? withParsedColumns(spec).columns : spec.columns;
}
