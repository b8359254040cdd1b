/**
 * A PDF page drawn by PDFium as an 8-bit grayscale bitmap, for OCR.
 */
import { ExtractionError } from '../errors';
import { runPdfium, type Pdfium } from './runtime';

export interface PageBitmap {
  width: number;
  height: number;
  /** One byte per pixel, row by row, 0 = black. */
  gray: Uint8Array;
  /** Bitmap pixel (x right, y down) → PDF page space (points, y up): [a, b, c, d, e, f]. */
  toPage: [number, number, number, number, number, number];
}

/** The most pixels one page may be drawn with (a letter page at 300 dpi is 8.4 million). */
export const MAX_BITMAP_PIXELS = 12_000_000;

/** FPDF_RenderPageBitmap flags (fpdfview.h). */
const FPDF_GRAYSCALE = 0x08;
const FPDF_PRINTING = 0x800;
/** FPDFBitmap_Gray: one byte per pixel, drawn in gray directly. */
const BITMAP_GRAY = 1;

/**
 * Draws page `pageIndex` (0-based) of the PDF at `dpi`, as displayed (the
 * page's /Rotate applied), reduced if it would exceed MAX_BITMAP_PIXELS.
 * Opens the document for this page only, so a long scan never holds more
 * than one page's bitmap.
 */
export async function renderPageGray(
  bytes: Uint8Array,
  pageIndex: number,
  dpi: number,
  fileName: string,
): Promise<PageBitmap> {
  return runPdfium((pdfium) => {
    const { fn } = pdfium;
    const data = pdfium.malloc(bytes.length);
    const scratch = pdfium.malloc(64);
    try {
      new Uint8Array(pdfium.memory.buffer).set(bytes, data);
      new Uint8Array(pdfium.memory.buffer)[scratch] = 0;
      const doc = fn.FPDF_LoadMemDocument!(data, bytes.length, scratch);
      if (!doc) throw new ExtractionError('corrupt-pdf', 'damaged PDF: it cannot be opened', fileName);
      try {
        const page = fn.FPDF_LoadPage!(doc, pageIndex);
        if (!page) {
          throw new ExtractionError('corrupt-pdf', `damaged PDF, page ${pageIndex + 1} cannot be read`, fileName);
        }
        try {
          return draw(pdfium, page, dpi, scratch);
        } finally {
          fn.FPDF_ClosePage!(page);
        }
      } finally {
        fn.FPDF_CloseDocument!(doc);
      }
    } finally {
      pdfium.free(scratch);
      pdfium.free(data);
    }
  });
}

function draw(pdfium: Pdfium, page: number, dpi: number, scratch: number): PageBitmap {
  const { fn } = pdfium;
  // Page size as displayed (rotation applied), points.
  const widthPt = fn.FPDF_GetPageWidthF!(page);
  const heightPt = fn.FPDF_GetPageHeightF!(page);
  let scale = dpi / 72;
  const pixels = widthPt * heightPt * scale * scale;
  if (pixels > MAX_BITMAP_PIXELS) scale *= Math.sqrt(MAX_BITMAP_PIXELS / pixels);
  const width = Math.max(1, Math.round(widthPt * scale));
  const height = Math.max(1, Math.round(heightPt * scale));
  const bitmap = fn.FPDFBitmap_CreateEx!(width, height, BITMAP_GRAY, 0, 0);
  if (!bitmap) throw new RangeError('PDFium could not allocate the page bitmap');
  try {
    fn.FPDFBitmap_FillRect!(bitmap, 0, 0, width, height, 0xffffffff);
    fn.FPDF_RenderPageBitmap!(bitmap, page, 0, 0, width, height, 0, FPDF_GRAYSCALE | FPDF_PRINTING);
    const stride = fn.FPDFBitmap_GetStride!(bitmap);
    const buffer = fn.FPDFBitmap_GetBuffer!(bitmap);
    const source = new Uint8Array(pdfium.memory.buffer, buffer, stride * height);
    const gray = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) gray.set(source.subarray(y * stride, y * stride + width), y * width);
    return { width, height, gray, toPage: deviceToPage(pdfium, page, width, height, scratch) };
  } finally {
    fn.FPDFBitmap_Destroy!(bitmap);
  }
}

/** The affine map from bitmap pixels to page space, from three points PDFium converts. */
function deviceToPage(
  pdfium: Pdfium,
  page: number,
  width: number,
  height: number,
  scratch: number,
): PageBitmap['toPage'] {
  const { fn } = pdfium;
  const point = (x: number, y: number): [number, number] => {
    fn.FPDF_DeviceToPage!(page, 0, 0, width, height, 0, x, y, scratch + 16, scratch + 24);
    const out = new Float64Array(pdfium.memory.buffer, scratch + 16, 2);
    return [out[0]!, out[1]!];
  };
  // Far-apart points keep the integer device coordinates' rounding negligible.
  const [e, f] = point(0, 0);
  const [ax, ay] = point(width, 0);
  const [cx, cy] = point(0, height);
  return [(ax - e) / width, (ay - f) / width, (cx - e) / height, (cy - f) / height, e, f];
}
