import fs from 'node:fs/promises';
import type { ParsedFile } from '../../extract';
import { isExtractionError, parseFile } from '../../extract';

export type ParseOutcome = { ok: true; letter: ParsedFile } | { ok: false; reason: string };

/** `imr parse`: one file to a parsed letter, or a one-line reason it could not be read. */
export async function parseLetterFile(file: string): Promise<ParseOutcome> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return { ok: false, reason: 'is a folder (use `imr import` for folders)' };
    return { ok: true, letter: await parseFile(file) };
  } catch (err) {
    if (isExtractionError(err)) return { ok: false, reason: err.reason };
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'file not found' };
    if (code) return { ok: false, reason: `cannot read the file (${code})` };
    throw err;
  }
}
