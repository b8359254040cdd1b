/**
 * ArrayBuffer.prototype.transfer (ES2024) in the worker threads started after
 * this is called. It detaches a buffer and frees its memory at once, which is
 * how verify's workers drop each letter's bytes as soon as they are hashed
 * (backend/audit/verify-content.ts `release`) instead of leaving gigabytes of
 * dead buffers to the garbage collector: at 100,000 letters about 6 % less CPU
 * and 70 MB less memory.
 *
 * Node 22 and later (and Electron's Node) have it: nothing to do there. Node 20's
 * V8 (11.3) has the same implementation behind a flag, on by default from V8
 * 11.4; a V8 flag cannot be given to one worker (Worker execArgv refuses them),
 * and a harmony flag only adds its built-ins to contexts created afterwards, so
 * it is set process-wide once, just before the first such worker starts. It
 * changes nothing already running: this thread's own context keeps no transfer.
 */
import v8 from 'node:v8';

const NODE_20_FLAG = '--harmony-rab-gsab-transfer';
let asked = false;

export function enableBufferTransferInNewWorkers(): void {
  if (asked) return;
  asked = true;
  if (typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function') return;
  // Only the V8 that has the flag (an unknown flag would print a warning): Node 20's.
  if (process.versions.v8.startsWith('11.')) v8.setFlagsFromString(NODE_20_FLAG);
}
