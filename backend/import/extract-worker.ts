/**
 * Worker thread: turns file bytes into LetterText with pdf.js, so both cores
 * extract while the main thread parses and writes. Started through
 * worker-bootstrap.mjs (see there for why).
 */
import { parentPort } from 'node:worker_threads';
import { extractLetterText, isExtractionError } from '../extract';
import type { ExtractRequest, ExtractResponse } from './extract-protocol';

if (!parentPort) throw new Error('extract-worker must run in a worker thread');
const port = parentPort;

port.on('message', (request: ExtractRequest) => {
  void handle(request).then((response) => port.postMessage(response));
});

async function handle(request: ExtractRequest): Promise<ExtractResponse> {
  try {
    const letterText = await extractLetterText(request.bytes, request.fileName);
    return { id: request.id, ok: true, letterText };
  } catch (err) {
    if (isExtractionError(err)) return { id: request.id, ok: false, expected: true, reason: err.reason };
    const message = err instanceof Error ? err.message : String(err);
    return { id: request.id, ok: false, expected: false, reason: message };
  }
}

port.postMessage({ ready: true });
