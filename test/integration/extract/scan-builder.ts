/**
 * Scanned versions of letters for OCR tests and the OCR benchmark: page
 * bitmaps made worse the way scanners and fax machines make them (a slight
 * skew, grain, specks), wrapped as image-only PDFs (no text layer).
 */
import zlib from 'node:zlib';
import { crossReference } from './pdf-builder';

export interface GrayPage {
  width: number;
  height: number;
  /** One byte per pixel, row by row, 0 = black. */
  gray: Uint8Array;
  /** Resolution the bitmap was made at (sets the PDF page size). */
  dpi: number;
}

export interface Degradation {
  /** Rotation, degrees (positive: counter-clockwise). */
  skewDegrees?: number;
  /** Standard deviation of the gray-level grain (0–255 scale). */
  grain?: number;
  /** Share of pixels flipped to black or white specks. */
  specks?: number;
  /** Seed of the pseudo-random noise, so a scan is reproducible. */
  seed?: number;
}

/** A page as a scanner would return it: rotated a little about its centre, grainy, speckled. */
export function degrade(page: GrayPage, how: Degradation): GrayPage {
  const { width, height, gray } = page;
  const out = new Uint8Array(width * height);
  const angle = ((how.skewDegrees ?? 0) * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = width / 2;
  const cy = height / 2;
  let seed = how.seed ?? 1;
  const random = () => {
    // mulberry32
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sample = (x: number, y: number) => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) return 255;
    const fx = x - x0;
    const fy = y - y0;
    const i = y0 * width + x0;
    const top = gray[i]! * (1 - fx) + gray[i + 1]! * fx;
    const bottom = gray[i + width]! * (1 - fx) + gray[i + width + 1]! * fx;
    return top * (1 - fy) + bottom * fy;
  };
  const grain = how.grain ?? 0;
  const specks = how.specks ?? 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Inverse rotation: where this output pixel came from.
      const dx = x - cx;
      const dy = y - cy;
      let v = sample(cx + dx * cos - dy * sin, cy + dx * sin + dy * cos);
      if (grain) v += grain * Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());
      if (specks && random() < specks) v = random() < 0.5 ? 0 : 255;
      out[y * width + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return { ...page, gray: out };
}

/** An image-only PDF: one 8-bit gray image filling each page, Flate-compressed. */
export function scanPdf(pages: GrayPage[]): Uint8Array {
  const objects: Buffer[] = [];
  const add = (parts: (string | Buffer)[]) =>
    objects.push(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p))));
  add(['<< /Type /Catalog /Pages 2 0 R >>']);
  add(['']); // pages, filled in below
  const kids: number[] = [];
  for (const page of pages) {
    const w = (page.width * 72) / page.dpi;
    const h = (page.height * 72) / page.dpi;
    const image = zlib.deflateSync(Buffer.from(page.gray.buffer, page.gray.byteOffset, page.gray.byteLength));
    const imageNumber = objects.length + 1;
    add([
      `<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${image.length} >>\nstream\n`,
      image,
      '\nendstream',
    ]);
    const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`;
    const contentNumber = objects.length + 1;
    add([`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
    kids.push(objects.length + 1);
    add([
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${imageNumber} 0 R >> >> /Contents ${contentNumber} 0 R >>`,
    ]);
  }
  objects[1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  chunks.push(Buffer.from(crossReference(offsets, length, '/Root 1 0 R'), 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}
