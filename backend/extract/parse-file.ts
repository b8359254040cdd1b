import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ParsedLetter } from '../../shared/domain/letter';
import { extractLetterText } from './extract-letter-text';
import { parseExtractedLetter } from './parse-extracted';

/** What `imr parse --json` prints per input: the path as given, then the parsed letter. */
export type ParsedFile = { file: string } & ParsedLetter;

/** Read one letter file, extract its text and parse it. Throws ExtractionError for unreadable letters. */
export async function parseFile(filePath: string): Promise<ParsedFile> {
  const bytes = await readFile(filePath);
  const text = await extractLetterText(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    path.basename(filePath),
  );
  return { file: filePath, ...parseExtractedLetter(text) };
}
