import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configureExtractWorker, ExtractPool } from '../../../backend/import';
import { prestartExtractWorkers } from '../../../backend/import/extract-workers';
import { defaultParse, readLetter } from '../../../backend/import/read-letter';
import { warmUpPdf } from '../../../backend/import/warm-up';
import { corpusPdfs } from './fixtures';

const bytes = new Uint8Array([1, 2, 3]);
let pool: ExtractPool | undefined;

afterEach(async () => {
  await pool?.close();
  pool = undefined;
  configureExtractWorker(null);
});

describe('extraction worker pool', () => {
  it('extracts real PDFs in worker threads, also when started from vitest (tsx registered in the worker)', async () => {
    pool = new ExtractPool({ size: 2 });
    const files = corpusPdfs().slice(0, 4);
    const results = await Promise.all(
      files.map((f, i) => pool!.extract(new Uint8Array(fs.readFileSync(f)), f, { parse: i % 2 === 0 })),
    );
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.letter.kind).toBe('pdf');
      expect(JSON.parse(r.letter.linesJson).length).toBeGreaterThan(10);
      if (i % 2 === 0) {
        // Parsed in the worker and sent as JSON, ready for storage.
        expect(r.letter.parse?.isImrLetter).toBe(true);
        expect(JSON.parse(r.letter.parse!.json).caseNumber).toBe(path.basename(files[i]!, '.pdf'));
      } else {
        expect(r.letter.parse).toBeNull();
      }
    });
    expect(pool.degraded).toBe(false);
  });

  it('takes a worker started ahead of the import, which warmed up on its built-in letter first', async () => {
    // The warm-up letter reads like a letter (a failure there would be swallowed by the worker and go unseen).
    const warmUp = await readLetter(warmUpPdf(), 'warm-up.pdf', defaultParse);
    expect(warmUp.ok && warmUp.letter.text).toContain('Case Number: CM00-0000000');
    prestartExtractWorkers(1);
    pool = new ExtractPool({ size: 1 });
    const letter = corpusPdfs()[0]!;
    const result = await pool.extract(new Uint8Array(fs.readFileSync(letter)), letter, { parse: true });
    expect(result.ok && result.letter.parse?.isImrLetter).toBe(true);
    expect(pool.workersStarted).toBe(1);
  });

  it('replaces a worker whose PDF engine held a lot of memory (a decompression bomb), and reads on', async () => {
    pool = new ExtractPool({ size: 1 });
    const bomb = path.join(import.meta.dirname, '../../fixtures/realworld/08-flate-300MB-content.pdf');
    const rejected = await pool.extract(new Uint8Array(fs.readFileSync(bomb)), 'bomb.pdf');
    expect(rejected).toMatchObject({ ok: false, reason: expect.stringMatching(/^too large to read safely/) });
    const letter = corpusPdfs()[0]!;
    expect((await pool.extract(new Uint8Array(fs.readFileSync(letter)), letter)).ok).toBe(true);
    // The first worker was terminated (its memory freed at once) and the letter read by a new one.
    expect(pool.workersStarted).toBe(2);
  });

  it('costs only the file a worker crashes on, and replaces the worker', async () => {
    configureExtractWorker({ entry: new URL('./misbehaving-worker.ts', import.meta.url) });
    pool = new ExtractPool({ size: 1 });
    const [before, crashed, after] = await Promise.all([
      pool.extract(bytes, 'a.pdf'),
      pool.extract(bytes, 'crash.pdf'),
      pool.extract(bytes, 'b.pdf'),
    ]);
    expect(before.ok).toBe(true);
    expect(crashed).toEqual({ ok: false, reason: 'the PDF reader crashed on this file' });
    expect(after.ok).toBe(true);
  });

  it('with several messages of small files queued on a worker, a crash costs only the message it happened in', async () => {
    configureExtractWorker({ entry: new URL('./misbehaving-worker.ts', import.meta.url) });
    pool = new ExtractPool({ size: 1 });
    const names = Array.from({ length: 40 }, (_, i) => (i === 20 ? 'crash.pdf' : `letter-${i}.txt`));
    const results = await Promise.all(names.map((n) => pool!.extract(bytes, n, { batchable: true })));
    expect(results[20]).toEqual({ ok: false, reason: 'the letter reader crashed while reading this file' });
    const failed = results.flatMap((r, i) => (r.ok ? [] : [i]));
    // One message holds at most 8 files, all of them around the crashing one; the messages queued behind it are re-sent.
    expect(failed.length).toBeLessThanOrEqual(8);
    expect(failed.every((i) => Math.abs(i - 20) < 8)).toBe(true);
    expect(results.slice(28).every((r) => r.ok)).toBe(true);
  });

  it('sends small batchable files together and answers each one', async () => {
    configureExtractWorker({ entry: new URL('./misbehaving-worker.ts', import.meta.url) });
    pool = new ExtractPool({ size: 1 });
    const names = Array.from({ length: 20 }, (_, i) => `letter-${i}.txt`);
    const results = await Promise.all(names.map((n) => pool!.extract(bytes, n, { batchable: true })));
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.letter.text).toBe(`letter ${names[i]} (3 bytes)`);
    });
  });

  it('gives up on a file that hangs, and carries on with the next', async () => {
    configureExtractWorker({ entry: new URL('./misbehaving-worker.ts', import.meta.url) });
    // The deadline is real time, and the next file's deadline starts when it is handed to the replacement
    // worker (still starting): 4 s leaves a busy machine room to start it. The reason says how long it
    // waited, which on a busy machine is later than the deadline.
    pool = new ExtractPool({ size: 1, timeoutMs: 4000 });
    const [hung, next] = await Promise.all([pool.extract(bytes, 'hang.pdf'), pool.extract(bytes, 'c.pdf')]);
    expect(hung.ok).toBe(false);
    if (!hung.ok) expect(hung.reason).toMatch(/^gave up reading the file after ([4-9]|\d{2,}) s /);
    expect(next.ok).toBe(true);
  });

  it('falls back to extracting on the calling thread when workers cannot start', async () => {
    configureExtractWorker({ entry: new URL('./broken-worker.ts', import.meta.url) });
    pool = new ExtractPool({ size: 2 });
    const pdf = corpusPdfs()[0]!;
    const result = await pool.extract(new Uint8Array(fs.readFileSync(pdf)), pdf);
    expect(result.ok).toBe(true);
    expect(pool.degraded).toBe(true);
  });
});
