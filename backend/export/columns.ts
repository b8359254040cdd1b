/**
 * The row model of every export: which columns each sheet has, in which order,
 * how wide, of which type, and where each value comes from. XLSX and CSV are
 * both written from these definitions, so the two never disagree.
 */
import type { AuditEvent } from '../../shared/domain/case';
import type { Citation } from '../../shared/domain/letter';
import { calendarDate, displayText, numeric, timestamp, type CellValue } from './cells';
import { isCorrected, isItemCorrected, parsedCaseView, parsedItemView, type CaseView, type ItemView } from './record';

/**
 * text: short text; longText: wrapped in XLSX; integer/number: numeric cells;
 * date: calendar date (yyyy-mm-dd); dateTime: a moment, shown in UTC.
 */
export type ColumnKind = 'text' | 'longText' | 'integer' | 'number' | 'date' | 'dateTime';

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

const join = (values: readonly string[] | null | undefined) => displayText(values ?? null);

/** "MTUS: Chronic Pain Medical Treatment 2016, Electrodiagnostic testing (EMG/NCS), pp. 78-80". */
export function citationText(citation: Citation): string {
  const detail = [citation.title, citation.section, citation.pages ? `pp. ${citation.pages}` : null].filter(
    (part): part is string => Boolean(part),
  );
  return detail.length ? `${citation.source}: ${detail.join(', ')}` : citation.source;
}

/** Distinct citations of an item, in order, joined (the same citation is often on both guideline lines). */
export function citationsText(citations: readonly Citation[] | null | undefined): string | null {
  if (!citations?.length) return null;
  return [...new Set(citations.map(citationText))].join('; ');
}

/** Case-level columns shared by the Cases sheet and (repeated per item) the Items sheet. */
function caseKeyColumns<R extends { letter: CaseView['letter'] }>(): Record<string, Column<R>> {
  return {
    caseNumber: {
      header: 'Case number',
      kind: 'text',
      width: 15,
      value: (r) => r.letter.caseNumber,
      path: () => 'caseNumber',
    },
    decisionDate: {
      header: 'Decision date',
      kind: 'date',
      width: 13,
      value: (r) => calendarDate(r.letter.decisionDate),
      path: () => 'decisionDate',
    },
    dateOfInjury: {
      header: 'Date of injury',
      kind: 'date',
      width: 13,
      value: (r) => calendarDate(r.letter.dateOfInjury),
      path: () => 'dateOfInjury',
    },
    patientAge: {
      header: 'Patient age',
      kind: 'integer',
      width: 11,
      value: (r) => numeric(r.letter.patientAge),
      path: () => 'patientAge',
    },
    patientSex: {
      header: 'Patient sex',
      kind: 'text',
      width: 11,
      value: (r) => r.letter.patientSex,
      path: () => 'patientSex',
    },
    specialty: {
      header: 'Reviewer specialty',
      kind: 'text',
      width: 30,
      value: (r) => join(r.letter.specialty),
      path: () => 'specialty',
    },
  };
}

const caseKeys = caseKeyColumns<CaseView>();
const itemCaseKeys = caseKeyColumns<ItemView>();

export const CASES_SHEET: SheetSpec<CaseView> = {
  name: 'Cases',
  parsed: { view: parsedCaseView, isCorrected: (r, path) => isCorrected(r.record, path) },
  columns: [
    caseKeys.caseNumber!,
    { header: 'File', kind: 'text', width: 30, value: (r) => r.record.file },
    { header: 'Version', kind: 'integer', width: 9, value: (r) => r.record.version },
    { header: 'Review status', kind: 'text', width: 17, value: (r) => r.record.status },
    { header: 'Format', kind: 'text', width: 16, value: (r) => r.letter.format, path: () => 'format' },
    {
      header: 'Date assigned',
      kind: 'date',
      width: 13,
      value: (r) => calendarDate(r.letter.dateAssigned),
      path: () => 'dateAssigned',
    },
    caseKeys.decisionDate!,
    caseKeys.dateOfInjury!,
    {
      header: 'UR denial date',
      kind: 'date',
      width: 13,
      value: (r) => calendarDate(r.letter.urDenialDate),
      path: () => 'urDenialDate',
    },
    {
      header: 'Application received',
      kind: 'date',
      width: 13,
      value: (r) => calendarDate(r.letter.applicationReceived),
      path: () => 'applicationReceived',
    },
    { header: 'Priority', kind: 'text', width: 12, value: (r) => r.letter.priority, path: () => 'priority' },
    {
      header: 'Reviewer licensure',
      kind: 'text',
      width: 22,
      value: (r) => join(r.letter.licensure),
      path: () => 'licensure',
    },
    caseKeys.specialty!,
    {
      header: 'Reviewer type',
      kind: 'text',
      width: 18,
      value: (r) => r.letter.reviewerType,
      path: () => 'reviewerType',
    },
    caseKeys.patientAge!,
    caseKeys.patientSex!,
    {
      header: 'Diagnoses',
      kind: 'longText',
      width: 50,
      value: (r) => join(r.letter.diagnoses),
      path: () => 'diagnoses',
    },
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
    { header: 'Flags', kind: 'text', width: 24, value: (r) => join(r.record.flags) },
    { header: 'Corrections', kind: 'integer', width: 12, value: (r) => r.record.corrections.length },
    { header: 'Imported at (UTC)', kind: 'dateTime', width: 19, value: (r) => timestamp(r.record.importedAt) },
    { header: 'Parser version', kind: 'text', width: 10, value: (r) => r.record.parserVersion },
    {
      header: 'Clinical summary',
      kind: 'longText',
      width: 80,
      value: (r) => r.letter.clinicalSummary,
      path: () => 'clinicalSummary',
    },
    { header: 'Case ID', kind: 'integer', width: 9, value: (r) => r.record.id },
  ],
};

const itemPath = (field: string) => (r: ItemView) => `items[${r.index}].${field}`;

export const ITEMS_SHEET: SheetSpec<ItemView> = {
  name: 'Items',
  parsed: { view: parsedItemView, isCorrected: (r, path) => isCorrected(r.record, path) },
  columns: [
    itemCaseKeys.caseNumber!,
    itemCaseKeys.decisionDate!,
    itemCaseKeys.dateOfInjury!,
    itemCaseKeys.patientAge!,
    itemCaseKeys.patientSex!,
    itemCaseKeys.specialty!,
    { header: 'Item', kind: 'integer', width: 7, value: (r) => r.index + 1 },
    {
      header: 'Treatment',
      kind: 'longText',
      width: 45,
      value: (r) => r.item.treatment,
      path: itemPath('treatment'),
    },
    { header: 'Decision', kind: 'text', width: 12, value: (r) => r.item.decision, path: itemPath('decision') },
    { header: 'Category', kind: 'text', width: 20, value: (r) => r.item.category, path: itemPath('category') },
    {
      header: 'Original request',
      kind: 'longText',
      width: 40,
      value: (r) => r.item.originalRequest,
      path: itemPath('originalRequest'),
    },
    {
      header: 'Authorized by claims administrator',
      kind: 'longText',
      width: 30,
      value: (r) => r.item.authorizedByClaimsAdministrator,
      path: itemPath('authorizedByClaimsAdministrator'),
    },
    {
      header: 'Quantity',
      kind: 'number',
      width: 10,
      value: (r) => numeric(r.item.quantity),
      path: itemPath('quantity'),
    },
    { header: 'Frequency', kind: 'text', width: 16, value: (r) => r.item.frequency, path: itemPath('frequency') },
    { header: 'Duration', kind: 'text', width: 14, value: (r) => r.item.duration, path: itemPath('duration') },
    { header: 'Body region', kind: 'text', width: 16, value: (r) => r.item.bodyRegion, path: itemPath('bodyRegion') },
    {
      header: 'Medication',
      kind: 'text',
      width: 22,
      value: (r) => r.item.medication?.name ?? null,
      path: itemPath('medication.name'),
    },
    {
      header: 'Strength',
      kind: 'text',
      width: 12,
      value: (r) => r.item.medication?.strength ?? null,
      path: itemPath('medication.strength'),
    },
    {
      header: 'Count',
      kind: 'number',
      width: 8,
      value: (r) => numeric(r.item.medication?.count ?? null),
      path: itemPath('medication.count'),
    },
    {
      header: 'Citations',
      kind: 'longText',
      width: 50,
      value: (r) => citationsText(r.item.citations),
      path: itemPath('citations'),
    },
    {
      header: 'Claims administrator guideline',
      kind: 'longText',
      width: 50,
      value: (r) => r.item.claimsAdministratorGuideline,
      path: itemPath('claimsAdministratorGuideline'),
    },
    {
      header: 'MAXIMUS guideline',
      kind: 'longText',
      width: 50,
      value: (r) => r.item.maximusGuideline,
      path: itemPath('maximusGuideline'),
    },
    {
      header: 'Conclusion',
      kind: 'text',
      width: 22,
      value: (r) => r.item.conclusion,
      path: itemPath('conclusion'),
    },
    {
      header: 'Rationale',
      kind: 'longText',
      width: 80,
      value: (r) => r.item.rationale,
      path: itemPath('rationale'),
    },
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
    { header: 'Case number', kind: 'text', width: 15, value: (e) => e.caseNumber },
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
