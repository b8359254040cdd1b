import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractionError, parseFile } from '../../../backend/extract';
import { corpusPath } from './corpus-compare';

describe('parseFile', () => {
  it('reads, extracts and parses a PDF, keeping the path as given', async () => {
    const file = corpusPath('CM16-0233794.pdf');
    const parsed = await parseFile(file);
    expect(parsed.file).toBe(file);
    expect(parsed.caseNumber).toBe('CM16-0233794');
    expect(parsed.items.length).toBeGreaterThan(0);
    expect(Object.keys(parsed)[0]).toBe('file');
  });

  it('parses a text letter', async () => {
    const parsed = await parseFile(corpusPath('001_f7c04554d3ec6a02.txt'));
    expect(parsed.format).toBe('imr-2013');
    expect(parsed.items.map((i) => i.decision)).toEqual(['Upheld', 'Overturned']);
  });

  it('throws ExtractionError for an unreadable letter', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-parse-'));
    const file = path.join(dir, 'empty.pdf');
    writeFileSync(file, '');
    await expect(parseFile(file)).rejects.toBeInstanceOf(ExtractionError);
  });
});
