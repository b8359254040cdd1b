/** Upload bodies and batches as the renderer and Electron's main build them, for tests. */
import { frameHeader } from '../../../shared/api/upload-frames';
import type { IncomingFile } from '../../../backend/service/uploads';

/** A framed upload body (shared/api/upload-frames.ts). */
export function framedBody(files: { name: string; bytes: Uint8Array }[]): Uint8Array<ArrayBuffer> {
  const body = Buffer.concat(
    files.flatMap(({ name, bytes }) => {
      const nameBytes = Buffer.from(name, 'utf8');
      return [Buffer.from(frameHeader(nameBytes.length, bytes.length)), nameBytes, Buffer.from(bytes)];
    }),
  );
  return new Uint8Array(body);
}

/** One file already in memory, as Electron's backend process receives it. */
export function incoming(name: string, bytes: Uint8Array): IncomingFile {
  return { name, bytes: bytes.length, body: [bytes], skip: async () => undefined };
}
