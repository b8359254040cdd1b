import type { Worker } from 'node:worker_threads';
import type { ExtractFileResult, ExtractProgress, ExtractRequest, ExtractResponse } from './extract-protocol';
import { defaultExtractWorkers, startExtractWorker } from './extract-workers';
import { defaultParse, firstLine, readLetter, type ReadResult } from './read-letter';

export type ExtractResult = ReadResult;

export interface ExtractPoolOptions {
  /** Worker threads; default: one per core, at most 4. */
  size?: number;
  /** A file that takes longer than this is given up on and its worker replaced. */
  timeoutMs?: number;
}

export { configureExtractWorker } from './extract-workers';

interface Task {
  bytes: Uint8Array;
  fileName: string;
  parse: boolean;
  /** May share a message with other small files (text letters; never PDFs, so a crash costs one PDF). */
  batchable: boolean;
  resolve(result: ExtractResult): void;
}

interface Batch {
  id: number;
  tasks: Task[];
  timer: NodeJS.Timeout;
  /** Gives up on the batch (replaces the worker); re-armed when the worker asks for more time. */
  expire(): void;
}

interface Slot {
  worker: Worker;
  /** Messages sent and not yet answered, oldest first (the worker answers them in order). */
  batches: Batch[];
  started: boolean;
}

/** Small files per message: enough to amortise a thread wake-up, few enough to keep both workers fed. */
const MAX_BATCH_FILES = 8;

/**
 * Messages of small files a worker may hold at once. With one, a worker that
 * finished its message sat idle until the main thread, busy storing letters,
 * came back to the event loop to take the answer and send the next; with a
 * second message already queued it carries straight on. PDFs stay one at a
 * time, so a crash or hang still costs only the PDF it happened on.
 */
const MAX_QUEUED_BATCHES = 2;

const MAX_STARTUP_FAILURES = 2;

/** The most time a worker may ask for at once (one scanned page's OCR on a busy machine). */
const MAX_EXTENSION_MS = 180_000;

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
  private started = 0;
  private startupFailures = 0;
  private inThreadFallback = false;
  private closed = false;

  constructor(options: ExtractPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultExtractWorkers());
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  /**
   * Reads (and with `parse`, parses) one letter in a worker. `batchable` files
   * (small text letters) may travel to a worker together with others.
   */
  extract(
    bytes: Uint8Array,
    fileName: string,
    options: { parse?: boolean; batchable?: boolean } = {},
  ): Promise<ExtractResult> {
    const parse = options.parse ?? false;
    if (this.closed) return Promise.resolve({ ok: false, reason: 'import was stopped before this file was read' });
    if (this.inThreadFallback) return readInThread(bytes, fileName, parse);
    return new Promise((resolve) => {
      this.queue.push({ bytes, fileName, parse, batchable: options.batchable ?? false, resolve });
      this.pump();
    });
  }

  /** Worker threads started so far, replacements included. */
  get workersStarted(): number {
    return this.started;
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
        for (const task of this.queue.splice(0))
          void readInThread(task.bytes, task.fileName, task.parse).then(task.resolve);
        return;
      }
      let slot = this.slots.find((s) => s.batches.length === 0);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot && this.queue[0]!.batchable) {
        slot = this.slots.find(
          (s) => s.batches.length < MAX_QUEUED_BATCHES && s.batches.every((b) => b.tasks[0]!.batchable),
        );
      }
      if (!slot) return;
      this.assign(slot, this.takeBatch());
    }
  }

  /** The next queued file, plus following small files that may share its message. */
  private takeBatch(): Task[] {
    const first = this.queue.shift()!;
    const tasks = [first];
    if (!first.batchable) return tasks;
    // Leave work for the other workers: a batch takes at most its share of the queue.
    const share = Math.ceil((this.queue.length + 1) / this.size);
    const limit = Math.min(MAX_BATCH_FILES, share);
    while (tasks.length < limit && this.queue[0]?.batchable && this.queue[0].parse === first.parse) {
      tasks.push(this.queue.shift()!);
    }
    return tasks;
  }

  private spawn(): Slot {
    // A worker prestarted by the host (extract-workers.ts) may have started already.
    const { worker, ready } = startExtractWorker();
    this.started++;
    const slot: Slot = { worker, batches: [], started: ready };
    worker.on('message', (message: ExtractResponse | ExtractProgress | { ready: true }) => {
      if ('ready' in message) {
        slot.started = true;
        return;
      }
      const batch = slot.batches.find((b) => b.id === message.id);
      if (!batch) return;
      if ('extendMs' in message) {
        // Slow but working (OCR of a scanned page): a new deadline from now, never more than MAX_EXTENSION_MS.
        clearTimeout(batch.timer);
        batch.timer = setTimeout(batch.expire, Math.min(message.extendMs, MAX_EXTENSION_MS));
        return;
      }
      // A worker holding a dropped engine's memory is replaced before the queue is pumped again.
      if (message.replaceMe) this.replace(slot);
      this.finish(
        slot,
        batch,
        message.results.map((r) => (r.ok ? { ok: true, letter: r.letter } : responseFailure(r))),
      );
    });
    worker.on('error', (err) => this.onWorkerDeath(slot, err.message));
    worker.on('exit', (code) => this.onWorkerDeath(slot, `exited with code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  private assign(slot: Slot, tasks: Task[]): void {
    const id = this.nextId++;
    // A queued message waits for the ones ahead of it: its time starts now but covers theirs too.
    const filesAhead = slot.batches.reduce((n, b) => n + b.tasks.length, 0);
    const timeoutMs = this.timeoutMs * tasks.length;
    const started = Date.now();
    const expire = () => {
      // Take the stuck worker out of service BEFORE settling the tasks: settling pumps the
      // queue, which must not hand the next file to this worker.
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      void this.retire(slot);
      // Messages behind the stuck one were never started: they go back to the queue.
      const behind = slot.batches.filter((b) => b !== batch);
      for (const b of behind) clearTimeout(b.timer);
      this.queue.unshift(...behind.flatMap((b) => b.tasks));
      const seconds = Math.round((Date.now() - started) / 1000);
      const reason = `gave up reading the file after ${seconds} s (the PDF may be damaged or extremely complex)`;
      this.finish(
        slot,
        batch,
        tasks.map(() => ({ ok: false, reason })),
      );
    };
    const timer = setTimeout(expire, timeoutMs + this.timeoutMs * filesAhead);
    const batch: Batch = { id, tasks, timer, expire };
    slot.batches.push(batch);
    // Transfer copies: the caller keeps the original bytes to store them.
    const files = tasks.map((task) => ({ bytes: task.bytes.slice(), fileName: task.fileName }));
    const request: ExtractRequest = { id, files, parse: tasks[0]!.parse };
    slot.worker.postMessage(
      request,
      files.map((f) => f.bytes.buffer as ArrayBuffer),
    );
  }

  private finish(slot: Slot, batch: Batch, results: ExtractResult[]): void {
    clearTimeout(batch.timer);
    slot.batches = slot.batches.filter((b) => b !== batch);
    batch.tasks.forEach((task, i) =>
      task.resolve(results[i] ?? { ok: false, reason: 'the reader returned no result' }),
    );
    if (!this.closed) this.pump();
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
    const batches = slot.batches;
    slot.batches = [];
    for (const b of batches) clearTimeout(b.timer);
    if (!slot.started) {
      this.queue.unshift(...batches.flatMap((b) => b.tasks)); // not these files' fault: try again
    } else {
      // The worker answers its messages in order, so it died on the oldest; the others go back to the queue.
      const [culprit, ...behind] = batches;
      this.queue.unshift(...behind.flatMap((b) => b.tasks));
      for (const task of culprit?.tasks ?? []) {
        task.resolve({
          ok: false,
          reason: task.batchable
            ? 'the letter reader crashed while reading this file'
            : 'the PDF reader crashed on this file',
        });
      }
    }
    if (!this.closed) this.pump();
  }

  /**
   * Takes a worker out of service after its current message (terminating it frees its memory); messages
   * queued behind that one go back to the queue. The next pump starts a new worker.
   */
  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    const [, ...behind] = slot.batches;
    slot.batches = slot.batches.slice(0, 1);
    for (const b of behind) clearTimeout(b.timer);
    this.queue.unshift(...behind.flatMap((b) => b.tasks));
    void this.retire(slot);
  }

  private async retire(slot: Slot): Promise<void> {
    for (const b of slot.batches) clearTimeout(b.timer);
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => undefined);
    await slot.worker.terminate();
  }
}

function responseFailure(message: Extract<ExtractFileResult, { ok: false }>): ExtractResult {
  return {
    ok: false,
    reason: message.expected ? message.reason : `could not read the file: ${firstLine(message.reason)}`,
  };
}

function readInThread(bytes: Uint8Array, fileName: string, parse: boolean): Promise<ExtractResult> {
  return readLetter(bytes, fileName, parse ? defaultParse : null);
}
