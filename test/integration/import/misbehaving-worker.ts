/**
 * Stand-in extraction worker for the pool's failure tests: crashes on
 * "crash.pdf", never answers "hang.pdf", answers everything else at once.
 */
import { parentPort } from 'node:worker_threads';
import type { ExtractRequest, ExtractResponse } from '../../../backend/import/extract-protocol';

const port = parentPort!;
port.on('message', (request: ExtractRequest) => {
  if (request.fileName === 'crash.pdf') process.exit(3);
  if (request.fileName === 'hang.pdf') return;
  const text = `letter ${request.fileName} (${request.bytes.length} bytes)`;
  const response: ExtractResponse = {
    id: request.id,
    ok: true,
    letter: {
      text,
      pageCount: 1,
      kind: 'pdf',
      encoding: null,
      linesJson: JSON.stringify([{ start: 0, end: text.length, page: 1, bold: false }]),
      parse: null,
    },
  };
  port.postMessage(response);
});
port.postMessage({ ready: true });
