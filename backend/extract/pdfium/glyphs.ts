/**
 * A PDF's text as PDFium sees it: per page, runs of characters (one run per
 * text-showing operation) with each character's box. Lines are built from
 * these elsewhere (pdf-lines.ts); this module only talks to PDFium.
 */
import { ExtractionError } from '../errors';
import { PdfiumLimitError, runPdfium, type Pdfium } from './runtime';

/** Characters drawn by one text-showing operation: same font, size, direction and baseline. */
export interface GlyphRun {
  /** The run's characters are [start, end) of the page's `text` and `boxes`. */
  start: number;
  end: number;
  /** Baseline origin of the first character, page space. */
  x: number;
  y: number;
  /** Font size as drawn (points): the font size times the text matrix's scale. */
  size: number;
  /** Writing direction, radians counter-clockwise from the page's x axis. */
  angle: number;
  bold: boolean;
  /** Read by OCR from a scanned page: the word's confidence, 0–1. Absent for text in the PDF. */
  confidence?: number;
}

export interface PageGlyphs {
  /** 1-based. */
  page: number;
  /** Every character of the page in drawing order, UTF-16 (a character outside the BMP is two units). */
  text: string;
  /**
   * Per UTF-16 unit of `text`, the character's box in PDF page space (points,
   * y up): left, bottom, right, top. PDFium's "loose" box — the advance width
   * by the font's ascent to descent, so boxes of neighbours touch.
   */
  boxes: Float32Array;
  runs: GlyphRun[];
  /** Objects drawn on the page (text, paths, images…); 0 for a blank or unreadable page. */
  objectCount: number;
  /** Share of the page covered by images (0–1): near 1 for a scanned page. Only measured on pages with little text. */
  imageCoverage: number;
}

export interface PdfGlyphs {
  pages: PageGlyphs[];
  /** The cross-reference table was broken and PDFium rebuilt it by scanning the file. */
  repaired: boolean;
}

/** Matches the style part of PostScript / TrueType font names ("Times New Roman,Bold", "ABCDEF+Arial-BoldMT"). */
const BOLD_FONT_NAME = /bold|black|heavy|semibold|demibold|[-,]bd\b/i;
/** PDF font descriptor flag ForceBold (bit 19). */
const FORCE_BOLD = 1 << 18;

/** FPDF_GetLastError codes (fpdfview.h). */
const ERR_PASSWORD = 4;
const ERR_SECURITY = 5;

/**
 * Opens the PDF with an empty password and reads every page's characters.
 * Throws ExtractionError (password, damaged file, engine limits) with a
 * reviewer-facing reason.
 */
export async function readPdfGlyphs(bytes: Uint8Array, fileName: string): Promise<PdfGlyphs> {
  try {
    return await runPdfium((pdfium) => readDocument(pdfium, bytes, fileName));
  } catch (err) {
    if (err instanceof PdfiumLimitError) {
      throw new ExtractionError(
        'too-complex',
        err.kind === 'memory'
          ? `too large to read safely: the PDF ${err.message} (content that inflates to an extreme size?)`
          : err.message,
        fileName,
      );
    }
    throw err;
  }
}

function readDocument(pdfium: Pdfium, bytes: Uint8Array, fileName: string): PdfGlyphs {
  const { fn } = pdfium;
  const data = pdfium.malloc(bytes.length);
  // Scratch space: an empty password string, a float rect, a matrix, a font-name buffer, an int.
  const scratch = pdfium.malloc(512);
  if (!data || !scratch) throw new PdfiumLimitError('memory', 'cannot hold the file in memory');
  try {
    new Uint8Array(pdfium.memory.buffer).set(bytes, data);
    new Uint8Array(pdfium.memory.buffer)[scratch] = 0;
    const doc = fn.FPDF_LoadMemDocument!(data, bytes.length, scratch);
    if (!doc) throw openFailure(fn.FPDF_GetLastError!(), fileName);
    try {
      const pageCount = fn.FPDF_GetPageCount!(doc);
      const pages: PageGlyphs[] = [];
      const fonts = new Map<string, boolean>();
      for (let index = 0; index < pageCount; index++) {
        pages.push(readPage(pdfium, doc, index, scratch, fonts, fileName));
      }
      return { pages, repaired: !fn.FPDF_DocumentHasValidCrossReferenceTable!(doc) };
    } finally {
      fn.FPDF_CloseDocument!(doc);
    }
  } finally {
    pdfium.free(scratch);
    pdfium.free(data);
  }
}

function readPage(
  pdfium: Pdfium,
  doc: number,
  index: number,
  scratch: number,
  fonts: Map<string, boolean>,
  fileName: string,
): PageGlyphs {
  const { fn } = pdfium;
  const page = fn.FPDF_LoadPage!(doc, index);
  if (!page) {
    throw new ExtractionError('corrupt-pdf', `damaged PDF, page ${index + 1} cannot be read`, fileName);
  }
  const textPage = fn.FPDFText_LoadPage!(page);
  try {
    if (!textPage) {
      throw new ExtractionError('corrupt-pdf', `damaged PDF, text of page ${index + 1} cannot be read`, fileName);
    }
    const { text, boxes, runs } = readRuns(pdfium, textPage, scratch, fonts);
    const objectCount = fn.FPDFPage_CountObjects!(page);
    const imageCoverage = text.length < LITTLE_TEXT_CHARS ? coveredByImages(pdfium, page, scratch) : 0;
    return { page: index + 1, text, boxes, runs, objectCount, imageCoverage };
  } finally {
    if (textPage) fn.FPDFText_ClosePage!(textPage);
    fn.FPDF_ClosePage!(page);
  }
}

/** Pages with fewer characters than this are checked for images (scans); others are text pages. */
export const LITTLE_TEXT_CHARS = 400;
/** FPDFPageObj_GetType values (fpdf_edit.h). */
const OBJ_IMAGE = 3;
const OBJ_FORM = 5;

/**
 * Share of the page's area covered by image objects (a scan is one image the
 * size of the page), looking into form XObjects, which some scanners wrap the
 * image in. Overlaps are not subtracted; the result is capped at 1.
 */
function coveredByImages(pdfium: Pdfium, page: number, scratch: number): number {
  const { fn } = pdfium;
  const pageArea = fn.FPDF_GetPageWidthF!(page) * fn.FPDF_GetPageHeightF!(page);
  if (!(pageArea > 0)) return 0;
  let area = 0;
  const visit = (count: number, get: (i: number) => number, depth: number) => {
    for (let i = 0; i < count && i < 10_000; i++) {
      const object = get(i);
      const type = fn.FPDFPageObj_GetType!(object);
      if (type === OBJ_FORM && depth < 3) {
        visit(fn.FPDFFormObj_CountObjects!(object), (k) => fn.FPDFFormObj_GetObject!(object, k), depth + 1);
      } else if (
        type === OBJ_IMAGE &&
        fn.FPDFPageObj_GetBounds!(object, scratch + RECT, scratch + RECT + 4, scratch + RECT + 8, scratch + RECT + 12)
      ) {
        const [left, bottom, right, top] = new Float32Array(pdfium.memory.buffer, scratch + RECT, 4);
        area += Math.max(0, right! - left!) * Math.max(0, top! - bottom!);
      }
    }
  };
  visit(fn.FPDFPage_CountObjects!(page), (i) => fn.FPDFPage_GetObject!(page, i), 0);
  return Math.min(1, area / pageArea);
}

/** Scratch layout (bytes): 0 password "", 8 FS_RECTF (4 × f32), 24 FS_MATRIX (6 × f32), 48 2 × f64, 64 int, 128.. font name. */
const RECT = 8;
const MATRIX = 24;
const ORIGIN = 48;
const FLAGS = 64;
const NAME = 128;
const NAME_BYTES = 384;

function readRuns(
  pdfium: Pdfium,
  textPage: number,
  scratch: number,
  fonts: Map<string, boolean>,
): { text: string; boxes: Float32Array; runs: GlyphRun[] } {
  const { fn } = pdfium;
  const count = fn.FPDFText_CountChars!(textPage);
  const runs: GlyphRun[] = [];
  // Ligatures expand and astral characters take two units: grow when needed.
  let codes = new Uint16Array(count + 16);
  let boxes = new Float32Array((count + 16) * 4);
  let length = 0;
  let run: GlyphRun | null = null;
  let object = -1;
  // One view of the rect PDFium writes, renewed only if the memory grows (which replaces its buffer).
  let memoryBuffer = pdfium.memory.buffer;
  let rect = new Float32Array(memoryBuffer, scratch + RECT, 4); // left, top, right, bottom
  const push = (code: number, left: number, bottom: number, right: number, top: number) => {
    if (length + 1 >= codes.length) {
      const grownCodes = new Uint16Array(codes.length * 2);
      grownCodes.set(codes);
      codes = grownCodes;
      const grownBoxes = new Float32Array(boxes.length * 2);
      grownBoxes.set(boxes);
      boxes = grownBoxes;
    }
    if (code > 0xffff) {
      if (code > 0x10ffff) {
        push(0xfffd, left, bottom, right, top);
      } else {
        push(0xd800 + ((code - 0x10000) >> 10), left, bottom, right, top);
        push(0xdc00 + ((code - 0x10000) & 0x3ff), left, bottom, right, top);
      }
      return;
    }
    codes[length] = code;
    const at = length * 4;
    boxes[at] = left;
    boxes[at + 1] = bottom;
    boxes[at + 2] = right;
    boxes[at + 3] = top;
    length++;
  };
  for (let i = 0; i < count; i++) {
    // Spaces and line ends PDFium infers from gaps are not in the file: lines are rebuilt from positions instead.
    if (fn.FPDFText_IsGenerated!(textPage, i) === 1) continue;
    let unicode = fn.FPDFText_GetUnicode!(textPage, i);
    // PDFium reports a hyphen that ends a line as U+0002 ("soft" hyphen marker); the letter shows a "-".
    if (unicode === 0x02 && fn.FPDFText_IsHyphen!(textPage, i) === 1) unicode = 0x2d;
    const textObject = fn.FPDFText_GetTextObject!(textPage, i);
    if (textObject !== object || !run) {
      if (run && length > run.start) {
        run.end = length;
        runs.push(run);
      }
      object = textObject;
      run = { start: length, end: length, ...runStyle(pdfium, textPage, i, scratch, fonts) };
    }
    fn.FPDFText_GetLooseCharBox!(textPage, i, scratch + RECT);
    if (pdfium.memory.buffer !== memoryBuffer) {
      memoryBuffer = pdfium.memory.buffer;
      rect = new Float32Array(memoryBuffer, scratch + RECT, 4);
    }
    const left = rect[0]!;
    const top = rect[1]!;
    const right = rect[2]!;
    const bottom = rect[3]!;
    if (unicode < 0xfb00 || unicode > 0xfb06) {
      push(unicode, left, bottom, right, top);
      continue;
    }
    // A ligature ("ﬁ") becomes its letters (as pdf.js and poppler report them), sharing the glyph's box.
    const letters = String.fromCharCode(unicode).normalize('NFKC');
    const horizontal = Math.abs(Math.cos(run.angle)) >= Math.abs(Math.sin(run.angle));
    for (let k = 0; k < letters.length; k++) {
      const a = k / letters.length;
      const b = (k + 1) / letters.length;
      const code = letters.charCodeAt(k);
      if (horizontal) push(code, left + (right - left) * a, bottom, left + (right - left) * b, top);
      else push(code, left, bottom + (top - bottom) * a, right, bottom + (top - bottom) * b);
    }
  }
  if (run && length > run.start) {
    run.end = length;
    runs.push(run);
  }
  return { text: fromCharCodes(codes, length), boxes: boxes.subarray(0, length * 4), runs };
}

/**
 * The first `length` UTF-16 units as a string, unit for unit (a lone surrogate stays as it is, as with
 * String.fromCharCode): Node's 'utf16le' decoding copies the units; spreading them into
 * String.fromCharCode cost ~0.2 ms per letter. Typed arrays are in the platform's byte order, little-endian
 * on every platform the app ships for.
 */
function fromCharCodes(codes: Uint16Array, length: number): string {
  return Buffer.from(codes.buffer, codes.byteOffset, length * 2).toString('utf16le');
}

function runStyle(
  pdfium: Pdfium,
  textPage: number,
  i: number,
  scratch: number,
  fonts: Map<string, boolean>,
): Omit<GlyphRun, 'start' | 'end'> {
  const { fn } = pdfium;
  fn.FPDFText_GetCharOrigin!(textPage, i, scratch + ORIGIN, scratch + ORIGIN + 8);
  const origin = new Float64Array(pdfium.memory.buffer, scratch + ORIGIN, 2);
  const x = origin[0]!;
  const y = origin[1]!;
  const fontSize = fn.FPDFText_GetFontSize!(textPage, i);
  let angle = 0;
  let scale = 1;
  if (fn.FPDFText_GetMatrix!(textPage, i, scratch + MATRIX)) {
    const m = new Float32Array(pdfium.memory.buffer, scratch + MATRIX, 6); // a b c d e f
    angle = Math.atan2(m[1]!, m[0]!);
    // The vertical scale of the text space: how tall an em of this font is drawn.
    scale = Math.hypot(m[2]!, m[3]!) || 1;
  }
  const nameLength = fn.FPDFText_GetFontInfo!(textPage, i, scratch + NAME, NAME_BYTES, scratch + FLAGS);
  const name =
    nameLength > 1
      ? new TextDecoder('latin1').decode(
          new Uint8Array(pdfium.memory.buffer, scratch + NAME, Math.min(nameLength, NAME_BYTES) - 1),
        )
      : '';
  const flags = new Int32Array(pdfium.memory.buffer, scratch + FLAGS, 1)[0]!;
  const key = `${name}\u0000${flags}`;
  let bold = fonts.get(key);
  if (bold === undefined) {
    bold = BOLD_FONT_NAME.test(name) || (flags & FORCE_BOLD) !== 0;
    fonts.set(key, bold);
  }
  return { x, y, size: Math.abs(fontSize * scale) || 12, angle, bold };
}

function openFailure(code: number, fileName: string): ExtractionError {
  if (code === ERR_PASSWORD) {
    return new ExtractionError(
      'password-protected',
      'password-protected PDF: remove the password and import again',
      fileName,
    );
  }
  if (code === ERR_SECURITY) {
    return new ExtractionError('password-protected', 'encrypted PDF with an unsupported security scheme', fileName);
  }
  return new ExtractionError('corrupt-pdf', 'damaged or truncated PDF: it cannot be opened', fileName);
}
