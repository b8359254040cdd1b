import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BATCH_MAX_BYTES, BATCH_MAX_FILES, uploadBatches } from '../../../shared/api/upload-frames';
import { readFrames } from '../../../backend/hosts/web/upload-frames';
import { UploadSpool } from '../../../backend/service/uploads';
import { framedBody } from '../../integration/hosts/upload-helpers';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-frames-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The body cut into chunks at the given sizes, as a network would deliver it. */
async function* chunked(body: Uint8Array, sizes: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let i = 0; at < body.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield Buffer.from(body.subarray(at, at + size));
    at += size;
  }
}

const files = [
  { name: 'letters/a.txt', bytes: new Uint8Array(1000).fill(0x61) },
  { name: 'letters/é-b.pdf', bytes: new Uint8Array(0) },
  { name: 'c.txt', bytes: new Uint8Array(70_000).fill(0x63) },
];

describe('framed uploads', () => {
  it.each([[[1]], [[7, 3]], [[65_536]], [[100_000]]])('reads every file whatever the chunk sizes %j', async (sizes) => {
    const read: { name: string; bytes: number; content: Buffer }[] = [];
    for await (const frame of readFrames(chunked(framedBody(files), sizes))) {
      const parts: Buffer[] = [];
      for await (const chunk of frame.body) parts.push(Buffer.from(chunk));
      read.push({ name: frame.name, bytes: frame.bytes, content: Buffer.concat(parts) });
    }
    expect(read.map((r) => [r.name, r.bytes, r.content.length])).toEqual(
      files.map((f) => [f.name, f.bytes.length, f.bytes.length]),
    );
    expect(read[2]!.content.equals(Buffer.from(files[2]!.bytes))).toBe(true);
  });

  it('skips a refused file and stores the next ones', async () => {
    const spool = new UploadSpool(() => dir, {
      letterFileBytes: 5000,
      uploadFiles: 10,
      uploadBytes: 1e9,
      openUploads: 1,
      uploadIdleMs: 60_000,
    });
    const { uploadId, finished } = spool.open(3);
    const result = await spool.receiveBatch(uploadId, readFrames(chunked(framedBody(files), [4096])));
    expect(result).toEqual({
      received: 2,
      failed: [{ name: 'c.txt', message: 'c.txt is over the 0 MB limit for one letter' }],
    });
    spool.finish(uploadId, []);
    expect((await finished).files.map((f) => [f.name, f.bytes])).toEqual([
      ['letters/a.txt', 1000],
      ['letters/é-b.pdf', 0],
    ]);
  });

  it('refuses a body that ends inside a file, or a frame without a name', async () => {
    const body = framedBody(files);
    const read = async (bytes: Uint8Array) => {
      for await (const frame of readFrames(chunked(bytes, [100]))) for await (const chunk of frame.body) void chunk;
    };
    await expect(read(body.subarray(0, body.length - 10))).rejects.toThrow(/ended in the middle of a file/);
    await expect(read(new Uint8Array(8))).rejects.toThrow(/no usable name/);
  });

  it('batches files in order within the count and size limits, a large file alone', () => {
    const sizes = [
      ...new Array(BATCH_MAX_FILES + 1).fill(10),
      BATCH_MAX_BYTES * 2,
      10,
      10,
      BATCH_MAX_BYTES - 100,
      10,
      80,
    ];
    const batches = uploadBatches(sizes.map((size, i) => ({ size, i })));
    expect(batches.map((b) => b.length)).toEqual([BATCH_MAX_FILES, 1, 1, 4, 1]);
    expect(batches.flat().map((f) => f.i)).toEqual(sizes.map((_, i) => i));
  });
});
