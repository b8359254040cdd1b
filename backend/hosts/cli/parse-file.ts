import fs from 'node:fs/promises';
import path from 'node:path';
import type { ParsedLetter } from '../../../shared/domain/letter';
import { parseLetter } from '../../../shared/parser';
import { extractLetterText } from '../../extract';
import { isExtractionError } from '../../extract/errors';

export type ParseOutcome = { ok: true; letter: ParsedLetter } | { ok: false; reason: string };

/** `imr parse`: one file to a parsed letter, or a one-line reason it could not be. */
export async function parseLetterFile(file: string): Promise<ParseOutcome> {
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return { ok: false, reason: 'is a folder (use `imr import` for folders)' };
    bytes = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})`,
    };
  }
  try {
    const text = await extractLetterText(bytes, path.basename(file));
    return { ok: true, letter: parseLetter(text) };
  } catch (err) {
    if (isExtractionError(err)) return { ok: false, reason: err.reason };
    throw err;
  }
}
