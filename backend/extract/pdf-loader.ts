type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | null = null;

/**
 * pdf.js is large; import it on first use so the CLI, the service and
 * worker threads that never see a PDF do not pay for it. The cached promise is
 * per module instance (so per worker thread) and holds no per-document state.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return loading;
}
