import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LetterText } from '../../shared/domain/letter';
import { extractLetterText, isExtractionError } from '../extract';
import type { ExtractRequest, ExtractResponse } from './extract-protocol';

export type ExtractResult = { ok: true; letterText: LetterText } | { ok: false; reason: string };

export interface ExtractPoolOptions {
  /** Worker threads; default: one per core, at most 4. */
  size?: number;
  /** A file that takes longer than this is given up on and its worker replaced. */
  timeoutMs?: number;
}

/**
 * Where the worker code lives. From source (tsx, vitest) the .ts entry is
 * loaded through worker-bootstrap.mjs, which registers tsx inside the worker.
 * A packaged build that bundles the backend must ship extract-worker.js and
 * worker-bootstrap.mjs and call `configureExtractWorker` with their URLs.
 */
const DEFAULT_WORKER_FILES = {
  bootstrap: new URL('./worker-bootstrap.mjs', import.meta.url),
  entry: new URL(import.meta.url.endsWith('.ts') ? './extract-worker.ts' : './extract-worker.js', import.meta.url),
};
let workerFiles = DEFAULT_WORKER_FILES;

/** Points new pools at other worker files (packaged builds, tests); null restores the source-tree default. */
export function configureExtractWorker(files: { bootstrap?: URL; entry: URL } | null): void {
  workerFiles = files
    ? { bootstrap: files.bootstrap ?? DEFAULT_WORKER_FILES.bootstrap, entry: files.entry }
    : DEFAULT_WORKER_FILES;
}

interface Task {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  resolve(result: ExtractResult): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  started: boolean;
}

const MAX_STARTUP_FAILURES = 2;

/**
 * A small pool of extraction workers. Never rejects: every file gets a result,
 * and a worker that crashes or hangs on one file costs only that file (the
 * worker is replaced). If workers cannot start at all (a broken install), the
 * pool falls back to extracting on the calling thread so an import still works.
 */
export class ExtractPool {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private startupFailures = 0;
  private inThreadFallback = false;
  private closed = false;

  constructor(options: ExtractPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(4, os.availableParallelism()));
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  extract(bytes: Uint8Array, fileName: string): Promise<ExtractResult> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'import was stopped before this file was read' });
    if (this.inThreadFallback) return extractInThread(bytes, fileName);
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, bytes, fileName, resolve });
      this.pump();
    });
  }

  /** True when workers could not be started and extraction runs on the calling thread. */
  get degraded(): boolean {
    return this.inThreadFallback;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) {
      task.resolve({ ok: false, reason: 'import was stopped before this file was read' });
    }
    await Promise.all(this.slots.splice(0).map((slot) => this.retire(slot)));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      if (this.inThreadFallback) {
        for (const task of this.queue.splice(0)) void extractInThread(task.bytes, task.fileName).then(task.resolve);
        return;
      }
      let slot = this.slots.find((s) => s.task === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const task = this.queue.shift()!;
      this.assign(slot, task);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(workerFiles.bootstrap, { workerData: { entry: workerFiles.entry.href } });
    const slot: Slot = { worker, task: null, timer: null, started: false };
    worker.on('message', (message: ExtractResponse | { ready: true }) => {
      if ('ready' in message) {
        slot.started = true;
        return;
      }
      const task = slot.task;
      if (!task || task.id !== message.id) return;
      this.finish(slot, message.ok ? { ok: true, letterText: message.letterText } : responseFailure(message));
    });
    worker.on('error', (err) => this.onWorkerDeath(slot, err.message));
    worker.on('exit', (code) => this.onWorkerDeath(slot, `exited with code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  private assign(slot: Slot, task: Task): void {
    slot.task = task;
    slot.timer = setTimeout(() => {
      this.finish(slot, {
        ok: false,
        reason: `gave up reading the file after ${Math.round(this.timeoutMs / 1000)} s (the PDF may be damaged or extremely complex)`,
      });
      this.replace(slot);
    }, this.timeoutMs);
    // Transfer a copy: the caller keeps the original bytes to store them.
    const bytes = task.bytes.slice();
    const request: ExtractRequest = { id: task.id, bytes, fileName: task.fileName };
    slot.worker.postMessage(request, [bytes.buffer as ArrayBuffer]);
  }

  private finish(slot: Slot, result: ExtractResult): void {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    task?.resolve(result);
    this.pump();
  }

  private onWorkerDeath(slot: Slot, detail: string): void {
    if (!this.slots.includes(slot)) return; // retired on purpose
    this.slots.splice(this.slots.indexOf(slot), 1);
    if (!slot.started) {
      this.startupFailures++;
      if (this.startupFailures >= MAX_STARTUP_FAILURES) {
        this.inThreadFallback = true;
        process.emitWarning(
          `IMR Workbench: extraction workers failed to start (${detail}); extracting on the main thread`,
        );
      }
    }
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    if (task) {
      if (!slot.started)
        this.queue.unshift(task); // not this file's fault: try again
      else task.resolve({ ok: false, reason: 'the PDF reader crashed on this file' });
    }
    if (!this.closed) this.pump();
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void this.retire(slot);
    this.pump();
  }

  private async retire(slot: Slot): Promise<void> {
    if (slot.timer) clearTimeout(slot.timer);
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => undefined);
    await slot.worker.terminate();
  }
}

function responseFailure(message: Extract<ExtractResponse, { ok: false }>): ExtractResult {
  return {
    ok: false,
    reason: message.expected ? message.reason : `could not read the file: ${firstLine(message.reason)}`,
  };
}

export async function extractInThread(bytes: Uint8Array, fileName: string): Promise<ExtractResult> {
  try {
    return { ok: true, letterText: await extractLetterText(bytes, fileName) };
  } catch (err) {
    if (isExtractionError(err)) return { ok: false, reason: err.reason };
    return {
      ok: false,
      reason: `could not read the file: ${firstLine(err instanceof Error ? err.message : String(err))}`,
    };
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300);
}
