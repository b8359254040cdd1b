import { createRequire } from 'node:module';
import path from 'node:path';

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

let fontDataUrl: string | null = null;

/** Where pdf.js finds the standard 14 fonts' metrics (a directory URL ending in "/"). */
export function standardFontDataUrl(): string {
  if (fontDataUrl) return fontDataUrl;
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('pdfjs-dist/package.json');
  const dir = path.join(path.dirname(packageJson), 'standard_fonts') + path.sep;
  // pdf.js in Node reads this with fs when it is a plain path; a file URL is not accepted by its Node factory.
  fontDataUrl = dir;
  return fontDataUrl;
}
