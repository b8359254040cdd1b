/**
 * Several letters in one upload request. Sending each small letter as its own
 * request cost more than importing it (measured: 2,000 text letters took ~3×
 * as long uploaded one per request as imported from a folder), so the
 * renderer sends batches, and the body of a batch is a run of frames:
 *
 *   [u32 big-endian: name length in bytes][u32 big-endian: file length][name, UTF-8][file bytes]
 *
 * The renderer builds it from Blobs without copying the files; the browser
 * host reads it as a stream (backend/hosts/web/upload-frames.ts).
 */
import { LIMITS } from './limits';

export const FRAMED_UPLOAD_TYPE = 'application/vnd.imr.letters';
export const FRAME_HEADER_BYTES = 8;
/** A name longer than this is refused (it is only a label). */
export const MAX_NAME_BYTES = 4096;
/** One batch: at most this many letters… */
export const BATCH_MAX_FILES = 64;
/** …and this many bytes, unless it is a single larger letter. */
export const BATCH_MAX_BYTES = 8 * 1024 * 1024;
/** The largest body one upload request may have: one letter at the size limit, or a full batch. */
export const MAX_UPLOAD_REQUEST_BYTES =
  Math.max(LIMITS.letterFileBytes, BATCH_MAX_BYTES) + BATCH_MAX_FILES * (FRAME_HEADER_BYTES + MAX_NAME_BYTES);

/** What a batch answers: how many letters were stored, and each one refused with its reason. */
export interface UploadBatchResult {
  received: number;
  failed: { name: string; message: string }[];
}

/** Groups files for sending: in order, each batch within BATCH_MAX_FILES and BATCH_MAX_BYTES (or one larger file). */
export function uploadBatches<T extends { size: number }>(files: readonly T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= BATCH_MAX_FILES || bytes + file.size > BATCH_MAX_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The header of one frame. */
export function frameHeader(nameBytes: number, fileBytes: number): Uint8Array {
  const header = new Uint8Array(FRAME_HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint32(0, nameBytes);
  view.setUint32(4, fileBytes);
  return header;
}
