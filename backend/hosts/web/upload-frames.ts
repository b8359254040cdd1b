/**
 * Reads a framed upload body (shared/api/upload-frames.ts) as a stream: each
 * file's bytes go on to the spool as they arrive, so memory holds one network
 * chunk at a time, never a file or a batch.
 */
import { FRAME_HEADER_BYTES, MAX_NAME_BYTES } from '../../../shared/api/upload-frames';
import type { IncomingFile } from '../../service/uploads';
import { HttpError } from './body';

/** Buffers a chunk stream just enough to read exact byte counts. */
class ByteReader {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private ended = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** True when at least `n` bytes are buffered (false if the stream ends first). */
  private async fill(n: number): Promise<boolean> {
    while (this.length < n && !this.ended) {
      const next = await this.source.next();
      if (next.done) this.ended = true;
      else {
        this.chunks.push(next.value);
        this.length += next.value.length;
      }
    }
    return this.length >= n;
  }

  /** Up to `n` bytes from what is buffered (at least one). */
  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length <= n) {
      this.chunks.shift();
      this.length -= first.length;
      return first;
    }
    this.chunks[0] = first.subarray(n);
    this.length -= n;
    return first.subarray(0, n);
  }

  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }

  /** Exactly `n` bytes (small reads: headers and names). */
  async read(n: number): Promise<Buffer> {
    if (!(await this.fill(n))) throw new HttpError(400, 'The upload ended in the middle of a file');
    const parts: Buffer[] = [];
    for (let left = n; left > 0;) {
      const part = this.take(left);
      parts.push(part);
      left -= part.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** The next `n` bytes as they arrive. */
  async *stream(n: number, progress: { left: number }): AsyncGenerator<Buffer> {
    progress.left = n;
    while (progress.left > 0) {
      if (this.length === 0 && !(await this.fill(1))) {
        throw new HttpError(400, 'The upload ended in the middle of a file');
      }
      const chunk = this.take(Math.min(progress.left, this.length));
      progress.left -= chunk.length;
      yield chunk;
    }
  }
}

/** The files of a framed body, one after another; each must be read to its end or skipped before the next. */
export async function* readFrames(chunks: AsyncIterable<Buffer>): AsyncGenerator<IncomingFile> {
  const reader = new ByteReader(chunks[Symbol.asyncIterator]());
  while (!(await reader.atEnd())) {
    const header = await reader.read(FRAME_HEADER_BYTES);
    const nameBytes = header.readUInt32BE(0);
    const bytes = header.readUInt32BE(4);
    if (nameBytes === 0 || nameBytes > MAX_NAME_BYTES)
      throw new HttpError(400, 'A file in the upload has no usable name');
    const name = (await reader.read(nameBytes)).toString('utf8');
    const progress = { left: bytes };
    const body = reader.stream(bytes, progress);
    yield {
      name,
      bytes,
      body,
      async skip() {
        // The consumer may have stopped part-way; what it did not read is dropped here.
        for await (const chunk of reader.stream(progress.left, progress)) void chunk;
      },
    };
    if (progress.left > 0) throw new HttpError(500, 'A file of the upload was not read to its end');
  }
}
