/**
 * Stand-in extraction worker for the pool's failure tests: crashes on
 * "crash.pdf", never answers a message holding "hang.pdf", answers everything
 * else at once.
 */
import { parentPort } from 'node:worker_threads';
import type { ExtractRequest, ExtractResponse } from '../../../backend/import/extract-protocol';

const port = parentPort!;
port.on('message', (request: ExtractRequest) => {
  const names = request.files.map((f) => f.fileName);
  if (names.includes('crash.pdf')) process.exit(3);
  if (names.includes('hang.pdf')) return;
  const response: ExtractResponse = {
    id: request.id,
    results: request.files.map((file) => {
      const text = `letter ${file.fileName} (${file.bytes.length} bytes)`;
      return {
        ok: true as const,
        letter: {
          text,
          pageCount: 1,
          kind: 'pdf' as const,
          encoding: null,
          linesJson: JSON.stringify([{ start: 0, end: text.length, page: 1, bold: false }]),
          // The pool tests never store these letters.
          textSha256: '0'.repeat(64),
          linesSha256: '0'.repeat(64),
          textDates: '',
          parse: null,
        },
      };
    }),
  };
  port.postMessage(response);
});
port.postMessage({ ready: true });
