type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | null = null;

/**
 * pdf.js is large; import it on first use so the CLI, the service and
 * worker threads that never see a PDF do not pay for it. The cached promise is
 * per module instance (so per worker thread) and holds no per-document state.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= importPdfJs();
  return loading;
}

async function importPdfJs(): Promise<PdfJs> {
  // The legacy build bundles core-js, which replaces Array.prototype.push for the whole
  // thread on Node 20 (V8 < 12.1 fails core-js's non-writable-length check). The replacement
  // is an ordinary function call per push and cost about a fifth of extraction CPU in
  // profiles; pdf.js never pushes onto frozen-length arrays, so the native one is put back.
  const nativePush = Array.prototype.push;
  // Importing the worker module in this thread registers globalThis.pdfjsWorker, which pdf.js's
  // in-thread ("fake") worker uses directly instead of importing it lazily on the first
  // document — so both bundles (and their polyfills) are loaded before push is restored.
  const [pdfjs] = await Promise.all([
    import('pdfjs-dist/legacy/build/pdf.mjs'),
    import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
  ]);
  if (Array.prototype.push !== nativePush) {
    Object.defineProperty(Array.prototype, 'push', {
      value: nativePush,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
  return pdfjs;
}
