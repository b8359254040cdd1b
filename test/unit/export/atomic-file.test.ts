import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileAppearedError, pendingFile, writeAtomically } from '../../../backend/export/atomic-file';

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

describe('writeAtomically without replacing', () => {
  const appearWhileWriting = (target: string) => async (temps: string[]) => {
    for (const temp of temps) fs.writeFileSync(temp, 'new');
    // Another program takes the name while the export is being written.
    fs.writeFileSync(target, 'theirs');
  };

  it('writes a file whose name is free, with no temporary file left', async () => {
    const target = path.join(dir, 'report.csv');
    await writeAtomically([target], async ([temp]) => fs.writeFileSync(temp!, 'new'), { replace: false });
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
  });

  it('keeps a file that appeared under the name meanwhile and fails naming it', async () => {
    const target = path.join(dir, 'report.xlsx');
    await expect(writeAtomically([target], appearWhileWriting(target), { replace: false })).rejects.toThrow(
      FileAppearedError,
    );
    expect(fs.readFileSync(target, 'utf8')).toBe('theirs');
    expect(fs.readdirSync(dir)).toEqual(['report.xlsx']);
  });

  it('takes back the files it placed when a later one is taken: all or none', async () => {
    const [a, b] = [path.join(dir, 'a.csv'), path.join(dir, 'b.csv')];
    await expect(writeAtomically([a, b], appearWhileWriting(b), { replace: false })).rejects.toThrow(`${b}:`);
    expect(fs.readdirSync(dir)).toEqual(['b.csv']);
    expect(fs.readFileSync(b, 'utf8')).toBe('theirs');
  });

  it('where the file system has no hard links, still writes a free name and keeps a taken one', async () => {
    const noLinks = vi.spyOn(fs, 'linkSync').mockImplementation(() => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    });
    try {
      const free = path.join(dir, 'free.csv');
      await writeAtomically([free], async ([temp]) => fs.writeFileSync(temp!, 'new'), { replace: false });
      expect(fs.readFileSync(free, 'utf8')).toBe('new');
      const taken = path.join(dir, 'taken.csv');
      await expect(writeAtomically([taken], appearWhileWriting(taken), { replace: false })).rejects.toThrow(
        FileAppearedError,
      );
      expect(fs.readFileSync(taken, 'utf8')).toBe('theirs');
      expect(fs.readdirSync(dir).sort()).toEqual(['free.csv', 'taken.csv']);
      expect(noLinks).toHaveBeenCalled();
    } finally {
      noLinks.mockRestore();
    }
  });
});
