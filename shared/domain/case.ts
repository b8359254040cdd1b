/**
 * Cases as the workbench stores and shows them: a parsed letter plus the
 * reviewer's corrections (applied as an ordered list of audit events).
 */
import type {
  ConfidenceMap,
  ItemField,
  LetterField,
  LetterFormat,
  LetterText,
  ParsedItem,
  ParsedLetter,
  SpanMap,
} from './letter';
import type { VerifyJobResult } from '../api/contract';

export const REVIEW_STATUSES = ['new', 'in review', 'reviewed', 'needs second look'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Flags raised for the reviewer's attention in the case list. */
export type CaseFlag =
  | 'duplicate-case-number' // same IMR case number arrived in another file
  | 'parser-warnings'
  | 'contradiction' // an item's rationale contradicts its decision
  | 'orphaned-correction' // a correction whose target vanished after reparse
  | 'unknown-format'
  | 'read-by-ocr'; // some of the letter was read by OCR from scanned pages (ParsedLetter.ocr)

/** What each flag is called wherever a person reads it: the app's badges and filter, `imr show`. */
export const CASE_FLAG_LABELS: Record<CaseFlag, string> = {
  'duplicate-case-number': 'Duplicate case number',
  'parser-warnings': 'Parser warnings',
  contradiction: 'Rationale contradicts decision',
  'orphaned-correction': 'Orphaned correction',
  'unknown-format': 'Unknown layout',
  'read-by-ocr': 'Read by OCR',
};

/** Every flag, in the order of CASE_FLAG_LABELS: what the case filter's `flag` takes. */
export const CASE_FLAGS = Object.keys(CASE_FLAG_LABELS) as [CaseFlag, ...CaseFlag[]];

/** One row of the case list. */
export interface CaseRow {
  id: number;
  caseNumber: string | null;
  file: string;
  status: ReviewStatus;
  itemCount: number;
  upheld: number;
  overturned: number;
  flags: CaseFlag[];
  format: LetterFormat;
  decisionDate: string | null;
  importedAt: string;
  /** Version number when the same case number arrived in several files (1-based). */
  version: number;
  /** FTS snippet with hits wrapped in \u0001 … \u0002 when the list was searched. */
  snippet?: string;
}

/** The letter as the reviewer sees it: letter fields without provenance maps. */
export type LetterValues = Omit<ParsedLetter, 'spans' | 'confidence' | 'items' | 'warnings'> & {
  items: ItemValues[];
};
export type ItemValues = Omit<ParsedItem, 'spans' | 'confidence' | 'warnings'>;

/**
 * An item of a case as the reviewer sees it: its effective values and where
 * they were read in the letter. The backend works this out from the audit
 * trail; a view shows it and reconstructs nothing.
 */
export interface EffectiveItem extends ItemValues {
  /**
   * Index into `parsed.items` of the parsed item this item comes from: itself
   * for a parsed item, the split item for each part of a split, the first
   * merged item that has one for a merge; null for an item a reviewer added.
   */
  parsedIndex: number | null;
  /**
   * Where each field's value was read in the letter text (half-open offsets
   * into LetterText.text). Only fields whose value is still the one read there:
   * a corrected value, or a reviewer-added item, has no source.
   */
  spans: SpanMap<ItemField>;
  /** The parser's confidence for those same fields (absent = 1). */
  confidence: ConfidenceMap<ItemField>;
}

/** The effective letter of a case detail: values with their sources, as for items. */
export type EffectiveLetter = Omit<LetterValues, 'items'> & {
  items: EffectiveItem[];
  /** Letter fields whose value is still the one read at this span of the letter text. */
  spans: SpanMap<LetterField>;
  confidence: ConfidenceMap<LetterField>;
};

export interface CorrectedField {
  /** Path as used by `correct`, e.g. "patientAge" or "items[0].decision". */
  path: string;
  parsedValue: unknown;
  effectiveValue: unknown;
  eventId: number;
}

export interface CaseDetail {
  id: number;
  documentId: number;
  file: string;
  status: ReviewStatus;
  flags: CaseFlag[];
  version: number;
  /** Other cases with the same IMR case number (other files). */
  otherVersions: { id: number; file: string; importedAt: string }[];
  /** Parsed values exactly as the parser produced them (with spans etc.). */
  parsed: ParsedLetter;
  /** Parsed values with every correction applied, in order, each with its source in the letter. */
  effective: EffectiveLetter;
  corrections: CorrectedField[];
  /** Corrections whose target no longer exists after a reparse. */
  orphanedCorrections: { eventId: number; path: string; reason: string }[];
  notes: { eventId: number; reviewer: string; at: string; text: string }[];
  /**
   * Fields a reviewer confirmed as read in the letter ("patientAge",
   * "items[0].decision"), each only while its value is still the one confirmed.
   */
  verified: string[];
  /**
   * The fields a reviewer checks (the field model's `confirm` fields of the
   * letter and of every item) and how many of them are confirmed: ticked, or
   * corrected (a value a reviewer typed is one they read).
   */
  confirmation: { confirmed: number; total: number };
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * The corrections that change what the letter says (a value, or the items):
 * what the workspace's "corrections" count counts while in force. Status
 * changes, notes and confirmations are recorded too, but change no value;
 * undo and redo change whether another event is in force.
 */
export const VALUE_CHANGE_EVENT_TYPES = [
  'set-field',
  'add-item',
  'delete-item',
  'split-item',
  'merge-items',
  'reorder-items',
] as const;

/** A reviewer's changes: applied in order on top of the case's parse to give its effective values. */
export const CORRECTION_EVENT_TYPES = [
  ...VALUE_CHANGE_EVENT_TYPES,
  'set-status',
  'note',
  'verify-field',
  'undo',
  'redo',
] as const;
export type CorrectionEventType = (typeof CORRECTION_EVENT_TYPES)[number];

/**
 * What the case's values are made of, recorded by the app itself: the letter
 * as imported (checksums of its bytes, text and line map, with its first
 * parse) and each later parse the case switched to (checksum of the stored
 * parse, parser version). `imr verify` recomputes the checksums from the
 * stored rows.
 */
export const PROVENANCE_EVENT_TYPES = ['import-letter', 'parse'] as const;
export type ProvenanceEventType = (typeof PROVENANCE_EVENT_TYPES)[number];

export type AuditEventType = CorrectionEventType | ProvenanceEventType;

export interface AuditEvent {
  id: number;
  caseId: number;
  caseNumber: string | null;
  type: AuditEventType;
  path: string | null;
  oldValue: unknown;
  newValue: unknown;
  reviewer: string;
  at: string;
  reason: string | null;
  /** For undo/redo: the event being reverted / re-applied. */
  targetEventId: number | null;
  hash: string;
  prevHash: string;
}

export type ImportOutcomeKind = 'imported' | 'duplicate' | 'rejected' | 'skipped';

export interface ImportOutcome {
  path: string;
  outcome: ImportOutcomeKind;
  /** One line a reviewer understands; null for a clean import. */
  reason: string | null;
  caseId: number | null;
  documentId: number | null;
}

export interface ImportSummary {
  runId: number;
  total: number;
  imported: number;
  duplicate: number;
  rejected: number;
  skipped: number;
  cancelled: boolean;
  outcomes: ImportOutcome[];
}

export interface Stats {
  documents: number;
  cases: number;
  items: number;
  rejected: number;
  corrections: number;
  upheld: number;
  overturned: number;
}

export interface DocumentContent {
  documentId: number;
  file: string;
  kind: 'pdf' | 'text';
  sha256: string;
  letterText: LetterText;
}

/** One file an export wrote. */
export interface ExportedFile {
  /** File name only. */
  name: string;
  /** Full path for a file the user chose (save dialog, command line); null for a browser download. */
  path: string | null;
  /** Browser host: fetch the file from /api/download/<id> (once; it is then removed). */
  downloadId: string | null;
  bytes: number;
}

/** What an export wrote (the result of an `export` job). */
export interface ExportResult {
  files: ExportedFile[];
  cases: number;
  items: number;
  /**
   * Exported cases with no (effective) item: a row each in the Cases table,
   * none in the Items table — so a CSV of the items alone does not hold them.
   */
  casesWithoutItems: number;
  /**
   * Audit events in the Corrections table; null when the export has no such
   * table (CSV of the items alone, without allTables): not "0 corrections".
   */
  corrections: number | null;
  /** Text cells in which characters the file format cannot hold were replaced by U+FFFD. */
  cleanedCells: number;
  /**
   * Text cells whose text-direction controls (from a letter's text) were replaced by U+FFFD, so no cell shows its
   * text reversed (DIRECTION_CHARACTERS, shared/domain/export-characters.ts): how many, and where — the first
   * DIRECTION_CELLS_LISTED, as "Items!D2 (Treatment)" in a workbook, "cases.csv row 2 (Treatment)" in CSV.
   */
  directionControls: { cells: number; where: string[] };
  /**
   * A damaged workspace: what SQLite could not read and the export left out
   * (cases, later corrections, the summary), one line each; empty when the
   * export is complete. Also on the workbook's About sheet.
   */
  unreadable: string[];
  /**
   * What was asked for and not written, and why, one line each — not damage: everything the file holds is
   * complete (a Summary sheet that a read-only workspace of an earlier version cannot compute). Empty when
   * nothing was left out. Also on the workbook's About sheet.
   */
  leftOut: string[];
}

/** What a reparse did (the result of a `reparse` job). */
export interface ReparseSummary {
  documents: number;
  reparsed: number;
  failed: number;
  orphanedCorrections: number;
}

/** Each kind of long operation and the result its job ends with. */
export interface JobResults {
  import: ImportSummary;
  export: ExportResult;
  reparse: ReparseSummary;
  verify: VerifyJobResult;
}
export type JobKind = keyof JobResults;
export type JobResult = JobResults[JobKind];
export type JobPhase = 'running' | 'done' | 'failed' | 'cancelled';

/** A job event of one kind: its result, when there is one, is that kind's. */
export interface JobEventOf<K extends JobKind> {
  type: 'job';
  jobId: string;
  kind: K;
  phase: JobPhase;
  done: number;
  total: number;
  current: string | null;
  /** Items per second so far. */
  rate: number;
  etaSeconds: number | null;
  /** The job's result: on `done`, and on `cancelled` when the work stopped cleanly (an import keeps what it stored). */
  result?: JobResults[K];
  /** Why it failed (or was cancelled with an error), one line. */
  error?: string;
}

/** Streamed to every host while a long operation runs; narrowing on `kind` types the result. */
export type JobEvent = { [K in JobKind]: JobEventOf<K> }[JobKind];

/** Broadcast after writes so every open view can refresh. */
export interface ChangeEvent {
  type: 'changed';
  what: 'cases' | 'case' | 'settings';
  caseId?: number;
}

export type BackendEvent = JobEvent | ChangeEvent;

export type { LetterText, ParsedItem, ParsedLetter };
