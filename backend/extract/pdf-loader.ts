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
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  } catch {
    // Bundled builds may not resolve packages the Node way; fall back to the usual install location.
    packageDir = path.resolve('node_modules', 'pdfjs-dist');
  }
  // pdf.js's Node font loader reads this with fs: a directory path ending in a separator, not a file: URL.
  fontDataUrl = path.join(packageDir, 'standard_fonts') + path.sep;
  return fontDataUrl;
}
