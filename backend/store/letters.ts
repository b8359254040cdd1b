import type Database from 'better-sqlite3';
import type { ParsedLetter } from '../../shared/domain/letter';
import { insertCaseUnindexed } from './cases';
import { documentContentOf, insertDocument, type NewDocument } from './documents';
import { recordImport, sha256Of } from './provenance';
import { indexCase, type IndexedValues } from './search';

export type LetterToStore = NewDocument & {
  parsed: ParsedLetter;
  /** JSON.stringify(parsed) when already made (off the main thread); stored and checksummed as is. */
  parsedJson?: string;
  /**
   * SHA-256 of the text, line map JSON and parse JSON exactly as given here,
   * when already computed where they were made (the importer's workers);
   * computed here otherwise. `imr verify` recomputes them from the stored rows.
   */
  checksums?: { text: string; lines: string; parse: string };
};

export interface StoredLetter {
  documentId: number;
  caseId: number;
  parseId: number;
  /** The search-index entry, when the caller asked to write it later (`deferIndex`). */
  index: { caseId: number; values: IndexedValues } | null;
}

/**
 * Stores an imported letter: its document and content, its case with the
 * first parse and projection, and the `import-letter` audit event with the
 * checksums of its bytes, text, line map and parse (provenance.ts), all in the
 * caller's transaction (or savepoint). This is how every letter enters a
 * workspace, so none is stored without its event.
 *
 * `sha256` is the caller's checksum of `original` (the importer computes it
 * once, to find duplicates); the text, line map and parse are checksummed here
 * from the exact strings stored. With `deferIndex`, the search-index entry is
 * returned instead of written (the importer indexes a batch at once, see
 * insertCaseUnindexed).
 */
export function storeLetter(
  db: Database.Database,
  letter: LetterToStore,
  options: { deferIndex?: boolean } = {},
): StoredLetter {
  const content = documentContentOf(letter);
  const documentId = insertDocument(db, {
    sha256: letter.sha256,
    fileName: letter.fileName,
    originalPath: letter.originalPath,
    size: letter.size,
    kind: letter.kind,
    importedAt: letter.importedAt,
    importRunId: letter.importRunId,
    original: letter.original,
    ...content,
  });
  const parsedJson = letter.parsedJson ?? JSON.stringify(letter.parsed);
  const { caseId, parseId, index } = insertCaseUnindexed(db, {
    documentId,
    importedAt: letter.importedAt,
    parsed: letter.parsed,
    parsedJson,
    text: content.text,
  });
  const checksums = letter.checksums ?? {
    text: sha256Of(content.text),
    lines: sha256Of(content.linesJson),
    parse: sha256Of(parsedJson),
  };
  recordImport(
    db,
    caseId,
    {
      document: {
        id: documentId,
        sha256: letter.sha256,
        textSha256: checksums.text,
        linesSha256: checksums.lines,
        fileName: letter.fileName,
        size: letter.size,
        kind: letter.kind,
        pageCount: content.pageCount,
        encoding: content.encoding,
      },
      parse: { id: parseId, parserVersion: letter.parsed.parserVersion, sha256: checksums.parse },
      importRunId: letter.importRunId,
    },
    { at: letter.importedAt },
  );
  if (options.deferIndex) return { documentId, caseId, parseId, index: { caseId, values: index } };
  indexCase(db, caseId, index);
  return { documentId, caseId, parseId, index: null };
}
