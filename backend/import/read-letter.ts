import { createHash } from 'node:crypto';
import { errorLine } from '../../shared/api/error-text';
import type { LetterText, ParsedLetter } from '../../shared/domain/letter';
import { extractLetterText, isExtractionError, parseExtractedLetter, type ExtractOptions } from '../extract';
import { searchDates } from '../store/search';
import type { ReadLetter } from './extract-protocol';

/** `parsed` is the parse object when it was made on the calling thread (never sent between threads). */
export type ReadResult = { ok: true; letter: ReadLetter; parsed?: ParsedLetter } | { ok: false; reason: string };

/**
 * Bytes → letter text → (optionally) parsed letter, plus the JSON the store
 * writes. Runs in extraction workers and, for small text imports, on the main
 * thread. Never throws: a failure is a reviewer-facing reason.
 */
export async function readLetter(
  bytes: Uint8Array,
  fileName: string,
  parse: ((text: LetterText) => ParsedLetter) | null,
  options: ExtractOptions = {},
): Promise<ReadResult> {
  let letterText: LetterText;
  try {
    letterText = await extractLetterText(bytes, fileName, options);
  } catch (err) {
    if (isExtractionError(err)) return { ok: false, reason: err.reason };
    return { ok: false, reason: `could not read the file: ${firstLine(err)}` };
  }
  const linesJson = JSON.stringify(letterText.lines);
  const letter: ReadLetter = {
    text: letterText.text,
    pageCount: letterText.pageCount,
    kind: letterText.kind,
    encoding: letterText.encoding ?? null,
    linesJson,
    textSha256: sha256Hex(letterText.text),
    linesSha256: sha256Hex(linesJson),
    textDates: searchDates(letterText.text),
    parse: null,
  };
  if (!parse) return { ok: true, letter };
  let parsed: ParsedLetter;
  try {
    parsed = parse(letterText);
  } catch (err) {
    return { ok: false, reason: `the parser failed on this letter: ${firstLine(err)}` };
  }
  letter.parse = parseOf(parsed);
  return { ok: true, letter, parsed };
}

/** A parse as a ReadLetter carries it: its JSON as the store writes it, and that JSON's SHA-256. */
export function parseOf(parsed: ParsedLetter): NonNullable<ReadLetter['parse']> {
  const json = JSON.stringify(parsed);
  return { isImrLetter: parsed.isImrLetter, parserVersion: parsed.parserVersion, json, sha256: sha256Hex(json) };
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The LetterText a ReadLetter came from (for parsing on this thread). */
export function letterTextOf(letter: ReadLetter): LetterText {
  const letterText: LetterText = {
    text: letter.text,
    lines: JSON.parse(letter.linesJson) as LetterText['lines'],
    pageCount: letter.pageCount,
    kind: letter.kind,
  };
  if (letter.encoding) letterText.encoding = letter.encoding;
  return letterText;
}

/** The default parser (with OCR'd values marked), for callers that choose where parsing runs. */
export const defaultParse = parseExtractedLetter;

/** The first line of a thrown value, as an import outcome's one-line reason. */
export function firstLine(err: unknown): string {
  return errorLine(err, 300);
}
