import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LIMITS } from '../../shared/api/limits';
import type { UploadBatchResult } from '../../shared/api/upload-frames';
import { ApiFailure, invalid } from './errors';
import { PRIVATE_FILE_MODE } from '../runtime/file-modes';

/** A letter received from a browser or a window: its display name and where its bytes wait. */
export interface UploadedFile {
  /** As the user's browser named it (relative to the folder picked or dropped); shown, never used as a path. */
  name: string;
  path: string;
  bytes: number;
}

/** A file the renderer did not send (not a letter, too large), listed so the import report names it. */
export interface UnsentFile {
  name: string;
  bytes: number;
  /** The sender's reason when a send failed; otherwise the importer's rules give one. */
  reason?: string;
}

export interface FinishedUpload {
  files: UploadedFile[];
  unsent: UnsentFile[];
}

/** One file arriving in a batch (a framed HTTP body, an IPC message). */
export interface IncomingFile {
  name: string;
  /** Declared size. */
  bytes: number;
  body: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>;
  /** Drops what is left of the body after a refusal, so the next file can be read. */
  skip(): Promise<void>;
}

/** Refused because it is over a size limit; hosts answer HTTP 413. */
export class TooLargeError extends ApiFailure {
  constructor(message: string) {
    super('invalid_input', message);
    this.name = 'TooLargeError';
  }
}

interface Upload {
  dir: string;
  /** The import job that waits for this upload. */
  jobId: string | null;
  expectedFiles: number;
  files: UploadedFile[];
  /** Numbers the spool files. */
  seq: number;
  /** Files still arriving (they count against expectedFiles). */
  receiving: number;
  bytes: number;
  closed: boolean;
  idle: NodeJS.Timeout;
  onReceived: (count: number, name: string) => void;
  settle: { resolve(value: FinishedUpload): void; reject(error: Error): void };
  finished: Promise<FinishedUpload>;
}

/**
 * Letters sent as bytes, kept in the service's private folder until the
 * upload's import job reads them. Each file is stored under a number, never
 * under the name the sender gave, so no name can point anywhere. Limits:
 * LIMITS.letterFileBytes per file, LIMITS.uploadFiles / uploadBytes per
 * upload, LIMITS.openUploads at once, LIMITS.uploadIdleMs without a file.
 */
export class UploadSpool {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly dir: () => string,
    private readonly limits: Record<
      'letterFileBytes' | 'uploadFiles' | 'uploadBytes' | 'openUploads' | 'uploadIdleMs',
      number
    > = LIMITS,
  ) {}

  /** Opens an upload of `expectedFiles` files; `finished` settles when finish() or abort() is called. */
  open(expectedFiles: number): { uploadId: string; finished: Promise<FinishedUpload> } {
    if (this.uploads.size >= this.limits.openUploads) {
      throw new ApiFailure(
        'conflict',
        `${this.limits.openUploads} imports are already receiving files; wait for one to finish.`,
      );
    }
    const uploadId = randomBytes(18).toString('base64url');
    const dir = path.join(this.dir(), uploadId);
    fs.mkdirSync(dir, { mode: 0o700 });
    let settle!: Upload['settle'];
    const finished = new Promise<FinishedUpload>((resolve, reject) => (settle = { resolve, reject }));
    finished.catch(() => undefined);
    const upload: Upload = {
      dir,
      jobId: null,
      expectedFiles,
      files: [],
      seq: 0,
      receiving: 0,
      bytes: 0,
      closed: false,
      idle: setTimeout(() => undefined, 0),
      onReceived: () => undefined,
      settle,
      finished,
    };
    this.uploads.set(uploadId, upload);
    this.touch(uploadId, upload);
    return { uploadId, finished };
  }

  /** Records the import job waiting for this upload. */
  attachJob(uploadId: string, jobId: string): void {
    const upload = this.uploads.get(uploadId);
    if (upload) upload.jobId = jobId;
  }

  /** The job of an open upload (refused when the upload is closed or unknown). */
  jobOf(uploadId: string): string {
    const jobId = this.open_(uploadId).jobId;
    if (!jobId) throw new ApiFailure('conflict', 'This import has not started.');
    return jobId;
  }

  /** Called for each file received (the import job shows them arriving). */
  onReceived(uploadId: string, listener: (count: number, name: string) => void): void {
    const upload = this.uploads.get(uploadId);
    if (upload) upload.onReceived = listener;
  }

  /**
   * Stores one file of an open upload, streaming `chunks` to disk. Rejects
   * with TooLargeError as soon as the file passes the per-file or per-upload
   * limit (what was written is removed), and with a conflict when the upload
   * is closed, cancelled or unknown.
   */
  async receive(
    uploadId: string,
    rawName: string,
    chunks: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>,
    declaredBytes?: number,
  ): Promise<UploadedFile> {
    const upload = this.open_(uploadId);
    const name = displayName(rawName);
    if (upload.files.length + upload.receiving >= Math.min(upload.expectedFiles, this.limits.uploadFiles)) {
      throw invalid(`This upload was opened for ${upload.expectedFiles} file(s); ${name} is one more.`);
    }
    if (declaredBytes !== undefined) this.checkSize(upload, name, declaredBytes);
    const file = path.join(upload.dir, String(++upload.seq).padStart(6, '0'));
    upload.receiving++;
    let bytes: number;
    try {
      bytes = await this.spool(upload, name, file, chunks);
    } finally {
      upload.receiving--;
    }
    const received: UploadedFile = { name, path: file, bytes };
    upload.files.push(received);
    upload.bytes += bytes;
    this.touch(uploadId, upload);
    upload.onReceived(upload.files.length, name);
    return received;
  }

  /**
   * Stores the files of one batch in order. A file refused on its own (too
   * large, one more than the upload was opened for) is listed with its reason
   * and skipped; a refusal of the whole upload (closed, cancelled) or a broken
   * batch stops it by throwing.
   */
  async receiveBatch(
    uploadId: string,
    files: AsyncIterable<IncomingFile> | Iterable<IncomingFile>,
  ): Promise<UploadBatchResult> {
    const result: UploadBatchResult = { received: 0, failed: [] };
    for await (const file of files) {
      try {
        await this.receive(uploadId, file.name, file.body, file.bytes);
        result.received++;
      } catch (err) {
        if (!(err instanceof ApiFailure) || !(err instanceof TooLargeError || err.code === 'invalid_input')) throw err;
        result.failed.push({ name: displayName(file.name), message: err.message });
        await file.skip();
      }
    }
    return result;
  }

  /** Streams one file to `file`, removing it again when anything goes wrong. */
  private async spool(
    upload: Upload,
    name: string,
    file: string,
    chunks: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>,
  ): Promise<number> {
    const handle = await fs.promises.open(file, 'wx', PRIVATE_FILE_MODE);
    let bytes = 0;
    try {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        this.checkSize(upload, name, bytes);
        if (upload.closed) throw new ApiFailure('cancelled', 'The import was cancelled.');
        await handle.write(chunk);
      }
      await handle.close();
      if (upload.closed) throw new ApiFailure('cancelled', 'The import was cancelled.');
      return bytes;
    } catch (err) {
      await handle.close().catch(() => undefined);
      fs.rmSync(file, { force: true });
      throw err;
    }
  }

  /** No more files: hands the received files (and the unsent list) to the waiting import. */
  finish(uploadId: string, unsent: UnsentFile[]): void {
    const upload = this.open_(uploadId);
    if (upload.receiving > 0) throw new ApiFailure('conflict', 'Some files of this import are still arriving.');
    upload.closed = true;
    clearTimeout(upload.idle);
    upload.settle.resolve({
      files: upload.files,
      unsent: unsent.map((u) => ({ ...u, name: displayName(u.name) })),
    });
  }

  /** Stops an upload (cancelled job, abandoned sender); its files are removed. */
  abort(uploadId: string, reason: Error): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    upload.closed = true;
    clearTimeout(upload.idle);
    upload.settle.reject(reason);
    this.discard(uploadId);
  }

  /** Removes an upload's files once its import has read them. */
  discard(uploadId: string): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    clearTimeout(upload.idle);
    this.uploads.delete(uploadId);
    fs.rmSync(upload.dir, { recursive: true, force: true });
  }

  closeAll(): void {
    for (const id of [...this.uploads.keys()]) this.abort(id, new Error('The workspace was closed.'));
  }

  private open_(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.closed) {
      throw new ApiFailure('conflict', 'This import is no longer receiving files (finished, cancelled or expired).');
    }
    return upload;
  }

  private checkSize(upload: Upload, name: string, bytes: number): void {
    if (bytes > this.limits.letterFileBytes) {
      throw new TooLargeError(`${name} is over the ${mb(this.limits.letterFileBytes)} limit for one letter`);
    }
    if (upload.bytes + bytes > this.limits.uploadBytes) {
      throw new TooLargeError(`This import is over the ${mb(this.limits.uploadBytes)} limit for one upload`);
    }
  }

  private touch(uploadId: string, upload: Upload): void {
    clearTimeout(upload.idle);
    upload.idle = setTimeout(
      () => this.abort(uploadId, new Error('No files arrived for a while; the import was abandoned.')),
      this.limits.uploadIdleMs,
    );
    upload.idle.unref();
  }
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** The sender's name for display: relative, forward slashes, no control characters, bounded. */
export function displayName(raw: string): string {
  const cleaned = raw
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/\\/g, '/')
    .replace(/^\/+/, '')
    .slice(-1024);
  return cleaned || 'unnamed file';
}
