/**
 * Verify's workers free each letter's bytes once hashed with
 * ArrayBuffer.prototype.transfer (backend/audit/verify-content.ts): a worker
 * started after enableBufferTransferInNewWorkers() has it, whatever the Node
 * version (Node 20 behind a V8 flag, built in from Node 22).
 */
import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { enableBufferTransferInNewWorkers } from '../../../backend/runtime/buffer-transfer';

it('a worker started afterwards can detach and free a buffer it holds', async () => {
  enableBufferTransferInNewWorkers();
  enableBufferTransferInNewWorkers(); // asking twice changes nothing
  const code = `
    const { parentPort } = require('node:worker_threads');
    const bytes = Buffer.from('x'.repeat(100000));
    const memory = bytes.buffer;
    const freed = memory.transfer(0);
    parentPort.postMessage([memory.byteLength, freed.byteLength, bytes.length]);
  `;
  const worker = new Worker(code, { eval: true });
  const answer = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // Detached: the buffer and its view are empty, and the transferred copy holds nothing either.
  expect(answer).toEqual([0, 0, 0]);
  await worker.terminate();
});
