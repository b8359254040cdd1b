/**
 * Tesseract's words on a page bitmap → the same per-page characters and
 * boxes (PageGlyphs) that PDFium gives for a text layer, so OCR'd pages go
 * through the same line building (pdf-lines.ts) and keep boxes for
 * highlighting.
 */
import type { GlyphRun, PageGlyphs } from '../pdfium/glyphs';
import type { PageBitmap } from '../pdfium/render';
import type { OcrLine } from './tesseract';

/**
 * One run per word, all words of a Tesseract line sharing one baseline: the
 * line's baseline extended to the middle of the page along the page's skew.
 * A scan is rarely straight; measured at each word, the baseline of a long
 * line drifts by more than the same-line tolerance, and cells of one header
 * row (which Tesseract may read as separate lines) would fall apart.
 */
export function ocrPageGlyphs(page: number, lines: OcrLine[], bitmap: PageBitmap): PageGlyphs {
  const [a, b, c, d, e, f] = bitmap.toPage;
  const toPage = (x: number, y: number): [number, number] => [a * x + c * y + e, b * x + d * y + f];
  /** Points per bitmap pixel. */
  const scale = Math.hypot(a, b);
  const angle = Math.atan2(b, a);
  const skew = pageSkew(lines, bitmap.width);
  const middle = bitmap.width / 2;

  const codes: number[] = [];
  const boxes: number[] = [];
  const runs: GlyphRun[] = [];
  const push = (code: number, x0: number, x1: number, y0: number, y1: number) => {
    // Bitmap rectangle → page-space box (axis-aligned in page space for quarter-turn pages).
    const [px0, py0] = toPage(x0, y1);
    const [px1, py1] = toPage(x1, y0);
    codes.push(code);
    boxes.push(Math.min(px0, px1), Math.min(py0, py1), Math.max(px0, px1), Math.max(py0, py1));
  };
  for (const line of lines) {
    const words = line.words.filter((w) => w.text.trim() && w.symbols.length);
    if (!words.length) continue;
    const base = line.baseline ?? { x0: line.bbox.x0, y0: line.bbox.y1, x1: line.bbox.x1, y1: line.bbox.y1 };
    const [x, y] = toPage(middle, base.y0 + skew * (middle - base.x0));
    const em = line.rowHeight && line.rowHeight > 0 ? line.rowHeight : (line.bbox.y1 - line.bbox.y0) * 0.8;
    words.forEach((word, w) => {
      const start = codes.length;
      // Symbol boxes are approximate (the LSTM's, not ink outlines): two neighbours may overlap or even come out
      // in the wrong order. The word's own reading order wins: each symbol starts where the previous one ends
      // at the earliest, and symbols touch, so no gap inside a word reads as a space.
      let left = word.bbox.x0;
      word.symbols.forEach((symbol, s) => {
        const from = Math.max(left, symbol.bbox.x0);
        const next = word.symbols[s + 1];
        const right = Math.max(from, next ? Math.max(symbol.bbox.x1, next.bbox.x0) : symbol.bbox.x1);
        const to =
          s === word.symbols.length - 1
            ? Math.max(right, word.bbox.x1)
            : Math.min(right, Math.max(from, next!.bbox.x0));
        for (let k = 0; k < symbol.text.length; k++) {
          const a = from + ((to - from) * k) / symbol.text.length;
          const b = from + ((to - from) * (k + 1)) / symbol.text.length;
          push(symbol.text.charCodeAt(k), a, b, line.bbox.y0, line.bbox.y1);
        }
        left = to;
      });
      // Between words, a space (its box the gap), so word breaks never depend on gap width alone.
      const following = words[w + 1];
      if (following) push(0x20, word.bbox.x1, Math.max(word.bbox.x1, following.bbox.x0), line.bbox.y0, line.bbox.y1);
      runs.push({
        start,
        end: codes.length,
        x,
        y,
        size: Math.max(1, em * scale),
        angle,
        bold: false,
        confidence: Math.max(0, Math.min(1, word.confidence / 100)),
      });
    });
  }
  let text = '';
  for (let i = 0; i < codes.length; i += 4096) text += String.fromCharCode(...codes.slice(i, i + 4096));
  return { page, text, boxes: Float32Array.from(boxes), runs, objectCount: lines.length, imageCoverage: 1 };
}

/** The page's skew (baseline rise per pixel, bitmap y down): the median over lines wide enough to tell. */
function pageSkew(lines: OcrLine[], width: number): number {
  const slopes = lines
    .map((l) => l.baseline)
    .filter((bl): bl is NonNullable<typeof bl> => bl !== null && bl.x1 - bl.x0 > width * 0.2)
    .map((bl) => (bl.y1 - bl.y0) / (bl.x1 - bl.x0))
    .sort((p, q) => p - q);
  return slopes.length ? slopes[Math.floor(slopes.length / 2)]! : 0;
}
