import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractLetterText } from '../../../backend/extract';
import { withoutDecompressionStream } from '../../../backend/extract/inflate-in-thread';

const lettersDir = path.resolve(import.meta.dirname, '../../fixtures/corpus/letters');

describe('DecompressionStream is hidden only while pdf.js works', () => {
  it('is absent inside overlapping extractions and restored exactly once the last one ends', async () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'DecompressionStream');
    let releaseFirst!: () => void;
    const first = withoutDecompressionStream(
      () => new Promise<boolean>((resolve) => (releaseFirst = () => resolve('DecompressionStream' in globalThis))),
    );
    const second = withoutDecompressionStream(async () => 'DecompressionStream' in globalThis);
    expect(await second).toBe(false);
    // The first extraction is still running, so the global must stay hidden.
    expect('DecompressionStream' in globalThis).toBe(false);
    releaseFirst();
    expect(await first).toBe(false);
    expect(Object.getOwnPropertyDescriptor(globalThis, 'DecompressionStream')).toEqual(before);
  });

  it('is restored after concurrent PDF extractions, including a failing one', async () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'DecompressionStream');
    const names = fs
      .readdirSync(lettersDir)
      .filter((f) => f.endsWith('.pdf'))
      .slice(0, 3);
    const results = await Promise.allSettled([
      ...names.map((name) => extractLetterText(new Uint8Array(fs.readFileSync(path.join(lettersDir, name))), name)),
      extractLetterText(new TextEncoder().encode('%PDF-1.7\nnot really a pdf\n%%EOF\n'), 'broken.pdf'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect(Object.getOwnPropertyDescriptor(globalThis, 'DecompressionStream')).toEqual(before);
  });
});
