import type Database from 'better-sqlite3';
import type { LetterText, TextLine } from '../../shared/domain/letter';
import { indexHasDates, searchDates } from './search';
import { statement } from './statements';

export type DocumentKind = 'pdf' | 'text';

interface NewDocumentBase {
  sha256: string;
  fileName: string;
  originalPath: string;
  size: number;
  kind: DocumentKind;
  importedAt: string;
  importRunId: number | null;
  original: Buffer;
}

/**
 * A document to store: with its LetterText, or (the importer's fast path) with
 * the text and the line map already serialized off the main thread.
 */
export type NewDocument =
  | (NewDocumentBase & { letterText: LetterText })
  | (NewDocumentBase & {
      text: string;
      linesJson: string;
      pageCount: number;
      encoding: string | null;
      /** searchDates(text), when already computed off the main thread (the importer's workers). */
      textDates?: string;
    });

/** The content columns of a document to store. */
export function documentContentOf(doc: NewDocument): {
  text: string;
  linesJson: string;
  pageCount: number;
  encoding: string | null;
} {
  if ('letterText' in doc) {
    return {
      text: doc.letterText.text,
      linesJson: JSON.stringify(doc.letterText.lines),
      pageCount: doc.letterText.pageCount,
      encoding: doc.letterText.encoding ?? null,
    };
  }
  return doc;
}

/** A stored document's metadata: what was given at import, without the bytes, plus what extraction found. */
export type DocumentRecord = Omit<NewDocumentBase, 'importRunId' | 'original'> & {
  id: number;
  pageCount: number;
  encoding: string | null;
};

const DOCUMENT_COLUMNS = `id, sha256, file_name AS fileName, original_path AS originalPath, size, kind,
  imported_at AS importedAt, page_count AS pageCount, encoding`;

export function insertDocument(db: Database.Database, doc: NewDocument): number {
  const content = documentContentOf(doc);
  // Before migration 004 (schema tests writing older workspaces) documents have no text_dates.
  const dated = indexHasDates(db);
  const info = statement(
    db,
    `INSERT INTO documents (sha256, file_name, original_path, size, kind, imported_at, page_count, encoding, import_run_id
       ${dated ? ', text_dates' : ''})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?${dated ? ', ?' : ''})`,
  ).run(
    doc.sha256,
    doc.fileName,
    doc.originalPath,
    doc.size,
    doc.kind,
    doc.importedAt,
    content.pageCount,
    content.encoding,
    doc.importRunId,
    ...(dated ? [('textDates' in doc ? doc.textDates : undefined) ?? searchDates(content.text)] : []),
  );
  const id = Number(info.lastInsertRowid);
  statement(db, 'INSERT INTO document_content (document_id, text, lines_json, original) VALUES (?, ?, ?, ?)').run(
    id,
    content.text,
    content.linesJson,
    doc.original,
  );
  return id;
}

export function findDocumentBySha256(
  db: Database.Database,
  sha256: string,
): { documentId: number; caseId: number | null; fileName: string; caseNumber: string | null } | undefined {
  return statement(
    db,
    `SELECT d.id AS documentId, c.id AS caseId, d.file_name AS fileName, c.case_number AS caseNumber
       FROM documents d LEFT JOIN cases c ON c.document_id = d.id WHERE d.sha256 = ?`,
  ).get(sha256) as
    { documentId: number; caseId: number | null; fileName: string; caseNumber: string | null } | undefined;
}

export function getDocument(db: Database.Database, documentId: number): DocumentRecord | undefined {
  return statement(db, `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = ?`).get(documentId) as
    DocumentRecord | undefined;
}

export function getLetterText(db: Database.Database, documentId: number): LetterText | undefined {
  const row = statement(
    db,
    `SELECT dc.text, dc.lines_json AS linesJson, d.page_count AS pageCount, d.kind, d.encoding
       FROM document_content dc JOIN documents d ON d.id = dc.document_id WHERE dc.document_id = ?`,
  ).get(documentId) as
    { text: string; linesJson: string; pageCount: number; kind: DocumentKind; encoding: string | null } | undefined;
  if (!row) return undefined;
  const letterText: LetterText = {
    text: row.text,
    lines: JSON.parse(row.linesJson) as TextLine[],
    pageCount: row.pageCount,
    kind: row.kind,
  };
  if (row.encoding) letterText.encoding = row.encoding;
  return letterText;
}

export function getOriginalBytes(db: Database.Database, documentId: number): Buffer | undefined {
  return statement(db, 'SELECT original FROM document_content WHERE document_id = ?', { pluck: true }).get(
    documentId,
  ) as Buffer | undefined;
}

export function listDocumentIds(db: Database.Database): number[] {
  return statement(db, 'SELECT id FROM documents ORDER BY id', { pluck: true }).all() as number[];
}
