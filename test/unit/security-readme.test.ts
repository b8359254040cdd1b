/**
 * SECURITY.md points at the code behind each item of Electron's security
 * checklist by file and line, with the text found there. This keeps those
 * references true: a reference whose line no longer holds its text fails,
 * naming the line where the text is now.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readme = fs.readFileSync(path.join(ROOT, 'SECURITY.md'), 'utf8');
const checklist = readme.slice(readme.indexOf('## Electron security checklist'));

/** [`file:line`](…) `text` — the text may escape "|" as "\|" inside a table. */
const REFERENCE = /\[`([^`:]+):(\d+)`\]\([^)]*\) `((?:[^`\\]|\\.)+)`/g;

function references(text: string): { file: string; line: number; snippet: string }[] {
  return [...text.matchAll(REFERENCE)].map((m) => ({
    file: m[1]!,
    line: Number(m[2]),
    snippet: m[3]!.replace(/\\\|/g, '|'),
  }));
}

describe('SECURITY.md', () => {
  it('answers all 20 items of the Electron checklist, each with a reference to the code', () => {
    const rows = checklist.split('\n').filter((line) => /^\|\s*\d+\s*\|/.test(line));
    expect(rows.map((row) => Number(/^\|\s*(\d+)/.exec(row)![1]))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const row of rows) {
      expect(row, row).toContain('✅');
      expect(references(row).length, row).toBeGreaterThan(0);
    }
  });

  it.each(references(readme).map((r) => [`${r.file}:${r.line}`, r] as const))('%s holds its text', (_label, ref) => {
    const lines = fs.readFileSync(path.join(ROOT, ref.file), 'utf8').split('\n');
    const now = lines.findIndex((line) => line.includes(ref.snippet)) + 1;
    expect(
      lines[ref.line - 1]?.includes(ref.snippet),
      `SECURITY.md cites ${ref.file}:${ref.line} for \`${ref.snippet}\`, which is ${now ? `now on line ${now}: update the reference there` : 'no longer in the file: point the item at the code that does it now'}`,
    ).toBe(true);
  });
});
