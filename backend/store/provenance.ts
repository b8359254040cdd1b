/**
 * Provenance events: what a case's values are made of, in the audit chain
 * beside the reviewers' corrections (issue 12). A value a reviewer sees is the
 * letter (its bytes, extracted text and line map), the parse in force, and the
 * corrections; the last were always chained, these cover the first two:
 *
 * - `import-letter`: a letter was stored as a case, with SHA-256 of the
 *   document's bytes, of its extracted text and of its line map (JSON), the
 *   document facts shown to reviewers, and its first parse (id, parser
 *   version, SHA-256 of the parse JSON exactly as stored).
 * - `parse`: a new parse was stored and the case switched to it (reparse),
 *   with its id, parser version and SHA-256; `old_value` names the parse it
 *   replaced.
 * - `migration`: a workspace event (no case) written when a schema upgrade
 *   records provenance for letters stored before these events existed.
 *
 * `imr verify` (backend/audit/verify.ts) recomputes every checksum from the
 * stored rows and checks each case's parse pointer against its last
 * import/parse event, so editing a letter, a parse or the pointer without a
 * matching event is reported, naming the case.
 *
 * The payloads are canonical JSON (sorted keys) in `new_value`; the event
 * hash covers them like any other column.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { appendAuditRow, type AuditRow } from './audit-chain';
import { canonicalJson } from './canonical';
import type { DocumentKind } from './documents';

/** Who provenance events are recorded by: the app itself, not a reviewer. */
export const SYSTEM_ACTOR = 'IMR Workbench';

/** The document as imported: what verify compares with the stored `documents` and `document_content` rows. */
export interface DocumentFacts {
  id: number;
  /** SHA-256 of the original bytes (also `documents.sha256`). */
  sha256: string;
  /** SHA-256 of the extracted text (UTF-8), `document_content.text`. */
  textSha256: string;
  /** SHA-256 of the line map JSON as stored, `document_content.lines_json`. */
  linesSha256: string;
  fileName: string;
  size: number;
  kind: DocumentKind;
  pageCount: number;
  encoding: string | null;
}

export interface ParseFacts {
  id: number;
  parserVersion: string;
  /** SHA-256 of `case_parses.parsed_json` exactly as stored (UTF-8). */
  sha256: string;
}

/** `new_value` of an import-letter event. */
export interface ImportRecord {
  document: DocumentFacts;
  parse: ParseFacts;
  importRunId: number | null;
}

/** `new_value` of a parse event; its `old_value` is `{ parse: { id, parserVersion } }` of the parse replaced, or null. */
export interface ParseRecord {
  parse: ParseFacts;
}

/** `new_value` of a migration event. */
export interface MigrationRecord {
  schemaVersion: number;
  letters: number;
  parses: number;
}

export const sha256Of = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Checksums of a document's stored content. `sha256` is the caller's checksum of `original` (computed once). */
export function documentFacts(input: {
  id: number;
  sha256: string;
  text: string;
  linesJson: string;
  fileName: string;
  size: number;
  kind: DocumentKind;
  pageCount: number;
  encoding: string | null;
}): DocumentFacts {
  return {
    id: input.id,
    sha256: input.sha256,
    textSha256: sha256Of(input.text),
    linesSha256: sha256Of(input.linesJson),
    fileName: input.fileName,
    size: input.size,
    kind: input.kind,
    pageCount: input.pageCount,
    encoding: input.encoding,
  };
}

export const parseFacts = (id: number, parserVersion: string, parsedJson: string): ParseFacts => ({
  id,
  parserVersion,
  sha256: sha256Of(parsedJson),
});

export interface ProvenanceOptions {
  /** ISO time of the event (defaults to now). */
  at?: string;
  /** Why the event was written, when not at the moment it records (a schema upgrade). */
  reason?: string | null;
}

/** Records a stored letter. Call in the transaction that stored it. */
export function recordImport(
  db: Database.Database,
  caseId: number,
  record: ImportRecord,
  options: ProvenanceOptions = {},
): AuditRow {
  return appendSystemEvent(db, caseId, 'import-letter', null, record, options);
}

/** Records that a case now uses a newly stored parse. Call in the transaction that stored it. */
export function recordParse(
  db: Database.Database,
  caseId: number,
  parse: ParseFacts,
  replaced: { id: number; parserVersion: string } | null,
  options: ProvenanceOptions = {},
): AuditRow {
  return appendSystemEvent(
    db,
    caseId,
    'parse',
    replaced ? { parse: replaced } : null,
    { parse } satisfies ParseRecord,
    options,
  );
}

/** Records a schema upgrade that wrote provenance for earlier letters. */
export function recordMigration(db: Database.Database, record: MigrationRecord, reason: string): AuditRow {
  return appendSystemEvent(db, null, 'migration', null, record, { reason });
}

/** An event the app records itself: no path, target or reverted event; the app as its author. */
function appendSystemEvent(
  db: Database.Database,
  caseId: number | null,
  type: 'import-letter' | 'parse' | 'migration',
  oldValue: unknown,
  newValue: unknown,
  options: ProvenanceOptions,
): AuditRow {
  return appendAuditRow(db, {
    case_id: caseId,
    type,
    path: null,
    old_value: canonicalJson(oldValue),
    new_value: canonicalJson(newValue),
    target: null,
    reviewer: SYSTEM_ACTOR,
    ...(options.at ? { at: options.at } : {}),
    reason: options.reason ?? null,
    target_event_id: null,
  });
}
