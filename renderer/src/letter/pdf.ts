/**
 * pdf.js, loaded with its worker bundled by Vite (the CSP allows no CDN and
 * no eval). Letters are decoded from the base64 bytes `documents.original`
 * returns, which works the same on the Electron and browser hosts.
 */
import { GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// One worker for the whole session: starting pdf.js's worker costs more than
// parsing a letter, and reviewers open hundreds of letters a day.
let sharedWorker: PDFWorker | null = null;

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  sharedWorker ??= new PDFWorker();
  return getDocument({ data: bytes, worker: sharedWorker, isEvalSupported: false, useSystemFonts: true, password: '' })
    .promise;
}

export { TextLayer } from 'pdfjs-dist';
export type { PDFDocumentProxy };
