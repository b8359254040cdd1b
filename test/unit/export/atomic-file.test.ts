import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingFile, writeAtomically } from '../../../backend/export/atomic-file';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-atomic-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeAtomically', () => {
  it('writes to hidden temporary files in the same folder and renames them into place', async () => {
    const targets = [path.join(dir, 'a.csv'), path.join(dir, 'b.csv')];
    const seen: string[] = [];
    const result = await writeAtomically(targets, async (temps) => {
      for (const [i, temp] of temps.entries()) {
        expect(path.dirname(temp)).toBe(dir);
        expect(path.basename(temp)).toMatch(/^\..*\.partial$/);
        fs.writeFileSync(temp, `file ${i}`);
        seen.push(...fs.readdirSync(dir));
      }
      expect(fs.existsSync(targets[0]!)).toBe(false);
      return 'done';
    });
    expect(result).toBe('done');
    expect(fs.readFileSync(targets[0]!, 'utf8')).toBe('file 0');
    expect(fs.readFileSync(targets[1]!, 'utf8')).toBe('file 1');
    expect(fs.readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
  });

  it('on failure deletes the temporary files and leaves an existing target untouched', async () => {
    const target = path.join(dir, 'report.xlsx');
    fs.writeFileSync(target, 'old');
    await expect(
      writeAtomically([target], async ([temp]) => {
        fs.writeFileSync(temp!, 'half');
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['report.xlsx']);
  });

  it('names temporary files uniquely', () => {
    const target = path.join(dir, 'x.xlsx');
    expect(pendingFile(target).tempPath).not.toBe(pendingFile(target).tempPath);
  });
});
