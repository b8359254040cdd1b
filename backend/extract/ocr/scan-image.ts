/**
 * Clean-up of a scanned page before OCR, measured on scans of the corpus
 * letters (backend/extract/README.md, "OCR"):
 *
 * - Binarize at the page's Otsu threshold. Letters set their header labels on
 *   light-gray cells and scans turn thin rules into light-gray lines; both
 *   become white, the dark text stays.
 * - Paint white the rules that are left: IMR letters set the header block
 *   (case number, dates, priority) in a ruled table whose lines touch the
 *   text, and Tesseract then reads the cells as one garbled block (without
 *   this step the header dates were lost). Long horizontal and vertical runs
 *   of ink — far longer than any stroke of a letter — are rules.
 * - Remove isolated specks (scanner and fax noise).
 */

/** A horizontal run longer than this share of the page width is a rule (a 12 pt "M" is ~1.5 %). */
const MIN_RULE_WIDTH = 0.04;
/** A vertical run longer than this share of the page height is a rule. */
const MIN_RULE_HEIGHT = 0.02;

export function cleanScan(gray: Uint8Array, width: number, height: number): Uint8Array {
  const ink = binarize(gray, otsuThreshold(gray));
  removeRules(ink, width, height);
  removeSpecks(ink, width, height);
  const out = new Uint8Array(ink.length);
  for (let i = 0; i < ink.length; i++) out[i] = ink[i] ? 0 : 255;
  return out;
}

/** Otsu's threshold: the gray level that best separates the page's two classes (ink and paper). */
export function otsuThreshold(gray: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < gray.length; i++) histogram[gray[i]!]! += 1;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * histogram[v]!;
  let below = 0;
  let belowSum = 0;
  let best = 128;
  let bestSpread = -1;
  for (let v = 0; v < 256; v++) {
    below += histogram[v]!;
    if (below === 0) continue;
    const above = gray.length - below;
    if (above === 0) break;
    belowSum += v * histogram[v]!;
    const meanBelow = belowSum / below;
    const meanAbove = (sum - belowSum) / above;
    const spread = below * above * (meanBelow - meanAbove) ** 2;
    if (spread > bestSpread) {
      bestSpread = spread;
      best = v;
    }
  }
  return best;
}

/** 1 where the pixel is ink (at or below the threshold). */
function binarize(gray: Uint8Array, threshold: number): Uint8Array {
  const ink = new Uint8Array(gray.length);
  for (let i = 0; i < gray.length; i++) ink[i] = gray[i]! <= threshold ? 1 : 0;
  return ink;
}

/**
 * A scan is rarely straight: a rule skewed by 0.3° steps down a pixel every
 * ~190 pixels, so runs are measured on each row OR-ed with its neighbours
 * (and each column with its neighbours), which keeps a slightly skewed rule
 * one long run. Only ink on the row (column) itself is erased.
 */
function removeRules(ink: Uint8Array, width: number, height: number): void {
  const minH = Math.max(8, Math.round(width * MIN_RULE_WIDTH));
  const minV = Math.max(8, Math.round(height * MIN_RULE_HEIGHT));
  const erase = new Uint8Array(ink.length);
  const at = (x: number, y: number) => (y >= 0 && y < height && x >= 0 && x < width ? ink[y * width + x]! : 0);
  for (let y = 0; y < height; y++) {
    let run = 0;
    for (let x = 0; x <= width; x++) {
      if (x < width && at(x, y) | at(x, y - 1) | at(x, y + 1)) {
        run++;
        continue;
      }
      if (run >= minH) erase.fill(1, y * width + x - run, y * width + x);
      run = 0;
    }
  }
  for (let x = 0; x < width; x++) {
    let run = 0;
    for (let y = 0; y <= height; y++) {
      if (y < height && at(x, y) | at(x - 1, y) | at(x + 1, y)) {
        run++;
        continue;
      }
      if (run >= minV) for (let k = y - run; k < y; k++) erase[k * width + x] = 1;
      run = 0;
    }
  }
  for (let i = 0; i < ink.length; i++) if (erase[i]) ink[i] = 0;
}

/** Ink pixels with no ink among their 8 neighbours. */
function removeSpecks(ink: Uint8Array, width: number, height: number): void {
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (!ink[i]) continue;
      const up = i - width;
      const down = i + width;
      if (
        ink[up - 1] ||
        ink[up] ||
        ink[up + 1] ||
        ink[i - 1] ||
        ink[i + 1] ||
        ink[down - 1] ||
        ink[down] ||
        ink[down + 1]
      ) {
        continue;
      }
      ink[i] = 0;
    }
  }
}

/** The bitmap as a binary PGM (P5) file, which Tesseract's image reader (Leptonica) reads without a codec. */
export function toPgm(gray: Uint8Array, width: number, height: number): Buffer {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  return Buffer.concat([header, Buffer.from(gray.buffer, gray.byteOffset, gray.byteLength)]);
}
