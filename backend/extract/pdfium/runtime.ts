/**
 * PDFium (Google's PDF engine, BSD-3/Apache-2.0) compiled to WebAssembly by
 * `@embedpdf/pdfium` (MIT): one instance per thread, created on first use.
 *
 * Resource bounds. A PDF is untrusted input: a few hundred KB can inflate to
 * gigabytes (backend/extract/README.md, "Bounds"). PDFium allocates everything
 * it decodes — inflated streams, parsed content operators, fonts, images —
 * in the instance's WebAssembly memory, so capping that memory bounds all of
 * it at once: the instance's `memory.grow` refuses to go past
 * `PDFIUM_MEMORY_LIMIT_BYTES`, the allocation fails, PDFium stops with a
 * WebAssembly trap, and `runPdfium` reports `PdfiumLimitError`. A trapped
 * instance is never used again; the next document gets a fresh one from the
 * compiled module (a few ms). WebAssembly memory never shrinks, so an
 * instance that grew past `RECYCLE_AFTER_BYTES` for one large document is
 * dropped afterwards too. A dropped instance's memory is only returned when
 * the garbage collector gets to it, so a thread that dropped a large one says
 * so (`takeLargeInstanceDropped`) and the import pool replaces that worker:
 * the importer's memory stays within about one capped instance per worker.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { WrappedPdfiumModule } from '@embedpdf/pdfium';
import { errorLine } from '../../../shared/api/error-text';

/**
 * The most WebAssembly memory one PDFium instance may use (bytes). Corpus letters and the realworld scans
 * never grow it past its initial 18 MB; each import worker may hold one instance at this cap.
 */
export const PDFIUM_MEMORY_LIMIT_BYTES = 128 * 1024 * 1024;
/** An instance whose memory grew past this is replaced after the document (memory is never returned). */
const RECYCLE_AFTER_BYTES = 64 * 1024 * 1024;
const WASM_PAGE = 64 * 1024;

/** The raw exports of the PDFium module: C functions taking and returning numbers (pointers, handles). */
export type PdfiumExports = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };

export interface Pdfium {
  /** PDFium's C API by name, e.g. `fn.FPDF_LoadPage(doc, 0)`. */
  fn: PdfiumExports;
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(pointer: number): void;
}

/** The document needed more memory than PDFIUM_MEMORY_LIMIT_BYTES (or PDFium stopped on a fatal error). */
export class PdfiumLimitError extends Error {
  constructor(
    readonly kind: 'memory' | 'crash',
    message: string,
  ) {
    super(message);
    this.name = 'PdfiumLimitError';
  }
}

let compiled: Promise<WebAssembly.Module> | null = null;
let current: Promise<Instance> | null = null;
/** Set when an instance holding more than RECYCLE_AFTER_BYTES was dropped (its memory awaits the GC). */
let largeInstanceDropped = false;

/** True once after this thread dropped a PDFium instance holding a lot of memory (see the top of this file). */
export function takeLargeInstanceDropped(): boolean {
  const dropped = largeInstanceDropped;
  largeInstanceDropped = false;
  return dropped;
}

interface Instance {
  pdfium: Pdfium;
  /** Set when a grow request was refused during the current call. */
  refusedGrow: boolean;
}

function wasmPath(): string {
  return createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm');
}

function compile(): Promise<WebAssembly.Module> {
  compiled ??= fs.promises.readFile(wasmPath()).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

async function createInstance(limitBytes: number): Promise<Instance> {
  // Loaded on the first PDF, not at start-up: commands and threads that never read a PDF do not pay for it.
  const [module, { init }] = await Promise.all([compile(), import('@embedpdf/pdfium')]);
  const silent = () => undefined;
  const wrapped: WrappedPdfiumModule = await init({
    // Instantiate from the module compiled once per thread instead of reading and compiling 4.6 MB again.
    instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void) {
      void WebAssembly.instantiate(module, imports).then((instance) => receive(instance));
      return {};
    },
    // PDFium and the Emscripten runtime report refused allocations and parse warnings on stderr.
    print: silent,
    printErr: silent,
  } as Parameters<typeof init>[0]);
  wrapped.PDFiumExt_Init();
  const fn = (wrapped.pdfium as unknown as { wasmExports: PdfiumExports }).wasmExports;
  const memory = fn.memory;
  const instance: Instance = {
    refusedGrow: false,
    pdfium: { fn, memory, malloc: (size) => fn.malloc!(size), free: (pointer) => void fn.free!(pointer) },
  };
  // Emscripten's heap growth calls memory.grow(); an own property shadows the prototype's for this memory only
  // (OCR's WebAssembly in the same thread keeps its own limits).
  const grow = WebAssembly.Memory.prototype.grow;
  Object.defineProperty(memory, 'grow', {
    configurable: true,
    value(this: WebAssembly.Memory, pages: number) {
      if (memory.buffer.byteLength + pages * WASM_PAGE > limitBytes) {
        instance.refusedGrow = true;
        throw new RangeError('PDFium memory limit reached');
      }
      return grow.call(memory, pages);
    },
  });
  return instance;
}

/**
 * Runs synchronous PDFium work on this thread's instance. The callback must
 * not keep pointers or handles beyond its return. A WebAssembly trap inside it
 * (a refused allocation, a PDFium fatal error) becomes a PdfiumLimitError and
 * retires the instance; other errors propagate as they are.
 */
export async function runPdfium<T>(work: (pdfium: Pdfium) => T, options: { limitBytes?: number } = {}): Promise<T> {
  const limitBytes = options.limitBytes ?? PDFIUM_MEMORY_LIMIT_BYTES;
  // A non-default limit (tests) gets an instance of its own.
  const instancePromise =
    limitBytes === PDFIUM_MEMORY_LIMIT_BYTES ? (current ??= createInstance(limitBytes)) : createInstance(limitBytes);
  let instance: Instance;
  try {
    instance = await instancePromise;
  } catch (err) {
    if (current === instancePromise) current = null;
    throw err;
  }
  instance.refusedGrow = false;
  const retire = () => {
    if (current === instancePromise) current = null;
    if (instance.pdfium.memory.buffer.byteLength > RECYCLE_AFTER_BYTES) largeInstanceDropped = true;
  };
  try {
    const result = work(instance.pdfium);
    // PDFium may carry on after a refused allocation with part of a stream: the result is not the whole file.
    if (instance.refusedGrow) throw memoryLimit(limitBytes);
    if (instance.pdfium.memory.buffer.byteLength > RECYCLE_AFTER_BYTES) retire();
    return result;
  } catch (err) {
    if (!(err instanceof WebAssembly.RuntimeError) && !instance.refusedGrow && !isEmscriptenAbort(err)) throw err;
    retire();
    if (instance.refusedGrow) throw memoryLimit(limitBytes);
    throw new PdfiumLimitError('crash', `the PDF engine stopped on this file (${errorLine(err, 120)})`);
  }
}

function memoryLimit(limitBytes: number): PdfiumLimitError {
  return new PdfiumLimitError('memory', `needs more than ${Math.round(limitBytes / 1024 / 1024)} MB of memory to read`);
}

function isEmscriptenAbort(err: unknown): boolean {
  return err instanceof Error && /^Aborted\(/.test(err.message);
}
