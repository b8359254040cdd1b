import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TooLargeError, UploadSpool, displayName } from '../../../backend/service/uploads';

let dir: string;
const limits = { letterFileBytes: 100, uploadFiles: 3, uploadBytes: 250, openUploads: 2, uploadIdleMs: 1000 };
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-uploads-'));
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

const bytes = (n: number) => [Buffer.alloc(n, 0x61)];
const spooled = () => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes(path.sep));

describe('upload limits', () => {
  it('stores each file owner-only under a number, whatever name it was sent with', async () => {
    const spool = new UploadSpool(() => dir, limits);
    const { uploadId, finished } = spool.open(2);
    const a = await spool.receive(uploadId, '../../../etc/cron.d/evil.txt', bytes(10));
    const b = await spool.receive(uploadId, 'C:\\Users\\me\\letters\\b.pdf', bytes(20));
    expect(path.relative(dir, a.path)).toBe(path.join(uploadId, '000001'));
    expect(a.name).toBe('../../../etc/cron.d/evil.txt');
    expect(b.name).toBe('C:/Users/me/letters/b.pdf');
    expect(fs.statSync(a.path).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(a.path)).mode & 0o777).toBe(0o700);
    spool.finish(uploadId, [{ name: 'notes.docx', bytes: 5 }]);
    expect((await finished).files.map((f) => f.bytes)).toEqual([10, 20]);
  });

  it('refuses a file over the per-file limit, keeping nothing of it', async () => {
    const spool = new UploadSpool(() => dir, limits);
    const { uploadId } = spool.open(2);
    await expect(spool.receive(uploadId, 'big.pdf', bytes(101))).rejects.toBeInstanceOf(TooLargeError);
    await expect(spool.receive(uploadId, 'declared.pdf', [], 5000)).rejects.toThrow(/over the 0 MB limit/);
    expect(spooled()).toEqual([]);
  });

  it('refuses files past the upload’s total size and past the count it was opened for', async () => {
    const spool = new UploadSpool(() => dir, limits);
    const { uploadId } = spool.open(3);
    await spool.receive(uploadId, 'a.pdf', bytes(100));
    await spool.receive(uploadId, 'b.pdf', bytes(100));
    await expect(spool.receive(uploadId, 'c.pdf', bytes(60))).rejects.toThrow(/limit for one upload/);
    const small = spool.open(1);
    await spool.receive(small.uploadId, 'a.txt', bytes(1));
    await expect(spool.receive(small.uploadId, 'b.txt', bytes(1))).rejects.toThrow(/opened for 1 file/);
  });

  it('keeps at most openUploads uploads open', () => {
    const spool = new UploadSpool(() => dir, limits);
    spool.open(1);
    spool.open(1);
    expect(() => spool.open(1)).toThrow(/already receiving files/);
  });

  it('abandons an upload that receives nothing for a while and removes what arrived', async () => {
    vi.useFakeTimers();
    const spool = new UploadSpool(() => dir, limits);
    const { uploadId, finished } = spool.open(2);
    await spool.receive(uploadId, 'a.txt', bytes(5));
    expect(spooled()).toHaveLength(1);
    vi.advanceTimersByTime(limits.uploadIdleMs);
    await expect(finished).rejects.toThrow(/abandoned/);
    expect(fs.readdirSync(dir)).toEqual([]);
    await expect(spool.receive(uploadId, 'b.txt', bytes(5))).rejects.toThrow(/no longer receiving/);
  });

  it('cleans names for display only', () => {
    expect(displayName('/folder/sub/a.pdf')).toBe('folder/sub/a.pdf');
    expect(displayName('a\u0000b\u001b[31m.txt')).toBe('ab[31m.txt');
    expect(displayName('')).toBe('unnamed file');
    expect(displayName('x'.repeat(5000)).length).toBe(1024);
  });
});
