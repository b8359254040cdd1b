import type { LetterText, ParsedLetter } from '../../shared/domain/letter';

/** Main thread → extract worker. `bytes` is transferred, not copied. */
export interface ExtractRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  /** Also run the parser in the worker (the default importer path). */
  parse: boolean;
}

/** A letter read from its bytes; with `parse`, also parsed and serialized for storage. */
export interface ReadLetter {
  letterText: LetterText;
  parsed: ParsedLetter | null;
  /** JSON for document_content.lines_json and case_parses.parsed_json, made off the main thread. */
  linesJson: string | null;
  parsedJson: string | null;
}

/** Extract worker → main thread. `expected` failures carry a reviewer-facing reason. */
export type ExtractResponse =
  { id: number; ok: true; letter: ReadLetter } | { id: number; ok: false; expected: boolean; reason: string };
