/**
 * Worker thread: file bytes → letter text (PDFium for PDFs) → parsed letter,
 * so both cores extract and parse while the main thread only stores. Started
 * through worker-bootstrap.mjs from source, directly when bundled.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorText } from '../../shared/api/error-text';
import { takeLargeInstanceDropped } from '../extract';
import type {
  ExtractFileResult,
  ExtractProgress,
  ExtractRequest,
  ExtractResponse,
  ExtractWorkerData,
} from './extract-protocol';
import { defaultParse, readLetter } from './read-letter';
import { warmUpPdf } from './warm-up';

if (!parentPort) throw new Error('extract-worker must run in a worker thread');
/** Time allowed for one scanned page (render + OCR; ~3–5 s of CPU each on the 2-core machine). */
const OCR_PAGE_DEADLINE_MS = 90_000;
const port = parentPort;

// One message at a time, in arrival order: the pool may queue a second message of small files
// behind the first, and relies on the order to know which file a crash happened on.
let previous: Promise<void> = Promise.resolve();
// Started ahead of an import: the first letter's one-time costs are paid on a built-in letter meanwhile
// (extract-workers.ts). Requests that arrive first wait behind it, as they would have waited for them anyway.
if ((workerData as ExtractWorkerData | null)?.warmUp) {
  previous = readLetter(warmUpPdf(), 'warm-up.pdf', defaultParse).then(
    () => undefined,
    () => undefined,
  );
}
port.on('message', (request: ExtractRequest) => {
  previous = previous.then(() => handle(request)).then((response) => port.postMessage(response));
});

async function handle(request: ExtractRequest): Promise<ExtractResponse> {
  const results: ExtractFileResult[] = [];
  for (const file of request.files) {
    try {
      const result = await readLetter(file.bytes, file.fileName, request.parse ? defaultParse : null, {
        // Each scanned page takes seconds of OCR: ask the pool for a fresh deadline before each one.
        onOcrPage: () => port.postMessage({ id: request.id, extendMs: OCR_PAGE_DEADLINE_MS } satisfies ExtractProgress),
      });
      results.push(
        result.ok ? { ok: true, letter: result.letter } : { ok: false, expected: true, reason: result.reason },
      );
    } catch (err) {
      results.push({ ok: false, expected: false, reason: errorText(err) });
    }
  }
  return takeLargeInstanceDropped() ? { id: request.id, results, replaceMe: true } : { id: request.id, results };
}

port.postMessage({ ready: true });
