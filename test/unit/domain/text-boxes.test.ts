import { describe, expect, it } from 'vitest';
import type { TextLine } from '../../../shared/domain/letter';
import {
  decodeLineBoxes,
  encodeLineBoxes,
  frameToPage,
  offsetAtPoint,
  pageToFrame,
  rectsForSpan,
} from '../../../shared/domain/text-boxes';

/** "Case Number: CM16-0230651" set at 6 pt per character from x = 72, baseline row 700–712. */
function line(start: number, text: string, page = 1, angle = 0, x0 = 72): TextLine {
  const edges = Array.from({ length: text.length + 1 }, (_, i) => x0 + i * 6);
  return {
    start,
    end: start + text.length,
    page,
    bold: false,
    boxes: encodeLineBoxes({ angle, top: 712, bottom: 700, edges }),
  };
}

describe('text boxes', () => {
  it('round-trip to a tenth of a point, about a byte per character', () => {
    const edges = [72, 79.93, 86.07, 92.21, 98.32, 101.39, 109.36];
    const encoded = encodeLineBoxes({ angle: 90, top: 716.96, bottom: 706.22, edges });
    const decoded = decodeLineBoxes(encoded, edges.length - 1)!;
    expect(decoded.angle).toBe(90);
    expect(decoded.top).toBeCloseTo(717, 1);
    expect(decoded.bottom).toBeCloseTo(706.2, 1);
    decoded.edges.forEach((e, i) => expect(Math.abs(e - edges[i]!)).toBeLessThanOrEqual(0.05));
    expect(Buffer.from(encoded, 'base64').length).toBeLessThanOrEqual(6 + 2 + edges.length);
  });

  it('keep backward steps and wide gaps exact', () => {
    const edges = [100, 99, 80, 300, 300.1, 2000];
    const decoded = decodeLineBoxes(encodeLineBoxes({ angle: -0.5, top: 5, bottom: -5, edges }), 5)!;
    expect(decoded.edges).toEqual(edges);
    expect(decoded.angle).toBe(-0.5);
    expect(decoded.bottom).toBe(-5);
  });

  it('write standard padded base64, the same bytes for every length of line', () => {
    for (let n = 1; n <= 12; n++) {
      const edges = Array.from({ length: n + 1 }, (_, i) => 72 + i * 5.3 - (i % 4 === 3 ? 9 : 0) + (i === 7 ? 400 : 0));
      const encoded = encodeLineBoxes({ angle: n * 7.5, top: 700 + n, bottom: 690, edges });
      expect(Buffer.from(encoded, 'base64').toString('base64')).toBe(encoded);
      expect(encoded.length % 4).toBe(0);
      const decoded = decodeLineBoxes(encoded, n)!;
      decoded.edges.forEach((e, i) => expect(Math.abs(e - edges[i]!)).toBeLessThanOrEqual(0.05));
    }
  });

  it('refuse boxes that do not match the line (never a box over the wrong characters)', () => {
    const encoded = encodeLineBoxes({ angle: 0, top: 10, bottom: 0, edges: [0, 5, 10] });
    expect(decodeLineBoxes(encoded, 2)).not.toBeNull();
    expect(decodeLineBoxes(encoded, 3)).toBeNull();
    expect(decodeLineBoxes(encoded, 1)).toBeNull();
    expect(decodeLineBoxes('not base64!', 2)).toBeNull();
    expect(decodeLineBoxes('', 0)).toBeNull();
  });

  it('give one box per line a span touches, trimmed to its characters', () => {
    const a = line(0, 'Case Number: CM16-0230651');
    const b = line(26, 'Date Assigned: 12/07/2016', 1);
    const value = 'Case Number: '.length;
    expect(rectsForSpan([a, b], value, value + 12)).toEqual([
      { page: 1, angle: 0, left: 72 + value * 6, right: 72 + (value + 12) * 6, bottom: 700, top: 712 },
    ]);
    const across = rectsForSpan([a, b], 20, 30);
    expect(across).toHaveLength(2);
    expect(across[0]).toMatchObject({ left: 72 + 20 * 6, right: 72 + 25 * 6 });
    expect(across[1]).toMatchObject({ left: 72, right: 72 + 4 * 6 });
    // Lines without boxes (text letters, letters imported before boxes) give none.
    expect(rectsForSpan([{ start: 0, end: 25, page: 1, bold: false }], 0, 5)).toEqual([]);
  });

  it('map a point on the page back to the nearest character boundary of the nearest line', () => {
    const lines = [line(0, 'Case Number: CM16-0230651'), { ...line(26, 'second line'), boxes: undefined }];
    expect(offsetAtPoint(lines, 1, 72 + 13 * 6 + 1, 705)).toBe(13);
    expect(offsetAtPoint(lines, 1, 10, 705)).toBe(0);
    expect(offsetAtPoint(lines, 1, 900, 690)).toBe(25);
    expect(offsetAtPoint(lines, 2, 100, 705)).toBeNull();
  });

  it('turn frames of text drawn sideways back into page space', () => {
    // Text running up the page (90°): frame x is page y, frame y is minus page x.
    expect(frameToPage(90, 100, -50).map((v) => Math.round(v))).toEqual([50, 100]);
    expect(pageToFrame(90, 50, 100).map((v) => Math.round(v))).toEqual([100, -50]);
    const sideways = line(0, 'CM99-0000400', 1, 90, 100);
    const [rect] = rectsForSpan([sideways], 0, 4);
    expect(rect).toMatchObject({ angle: 90, left: 100, right: 124 });
    const [x, y] = frameToPage(90, 110, 705);
    expect(offsetAtPoint([sideways], 1, x, y)).toBe(2);
  });
});
