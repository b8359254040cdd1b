import type { LetterText } from '../../shared/domain/letter';

/**
 * Main thread → extract worker: one or more files (a PDF alone; small text
 * letters in batches, so one message and one thread wake-up serve many). Every
 * `bytes` buffer is transferred, not copied.
 */
export interface ExtractRequest {
  id: number;
  files: { bytes: Uint8Array; fileName: string }[];
  /** Also run the parser in the worker. */
  parse: boolean;
}

/**
 * A letter read from its bytes, as strings: structured-cloning the line and
 * parse objects back to the main thread cost more than the main thread's whole
 * share of storing the letter, so workers send JSON (which the store writes as
 * is) and the main thread parses only what it needs.
 */
export interface ReadLetter {
  text: string;
  pageCount: number;
  kind: LetterText['kind'];
  encoding: string | null;
  /** JSON of LetterText.lines (document_content.lines_json). */
  linesJson: string;
  /**
   * SHA-256 (hex) of `text` and of `linesJson`, for the letter's import-letter
   * audit event (backend/store/provenance.ts): hashed where the strings are
   * made, so the main thread, which stores every letter, does not.
   */
  textSha256: string;
  linesSha256: string;
  /**
   * The days the text names, as the search index holds them (searchDates in
   * backend/store/search.ts): a regular expression over the whole text, run
   * here rather than on the main thread, which stores every letter.
   */
  textDates: string;
  /** The parse, when the letter was parsed where it was read; `sha256` is of `json`. */
  parse: { isImrLetter: boolean; parserVersion: string; json: string; sha256: string } | null;
}

/** `workerData` of an extract worker. */
export interface ExtractWorkerData {
  /** Started ahead of an import (extract-workers.ts): read a built-in letter first (warm-up.ts). */
  warmUp?: boolean;
}

/** One file's result. `expected` failures carry a reviewer-facing reason. */
export type ExtractFileResult = { ok: true; letter: ReadLetter } | { ok: false; expected: boolean; reason: string };

/** Extract worker → main thread: results in the order of the request's files. */
export interface ExtractResponse {
  id: number;
  results: ExtractFileResult[];
  /**
   * The worker dropped a PDF engine instance that held a lot of memory (a huge
   * or hostile PDF), which only the garbage collector would return: the pool
   * replaces the worker, so its memory is freed at once.
   */
  replaceMe?: true;
}

/**
 * Extract worker → main thread, while a file is being read: it is slow but
 * working (a scanned page is being read by OCR), so its deadline starts again
 * with `extendMs` from now.
 */
export interface ExtractProgress {
  id: number;
  extendMs: number;
}
