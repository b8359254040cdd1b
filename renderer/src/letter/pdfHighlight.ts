/**
 * The source of a field on the PDF page, and text selected on the page.
 *
 * Field → box: the extractor kept every character's box (TextLine.boxes,
 * shared/domain/text-boxes.ts), so a span of the letter text becomes one box
 * per line, drawn over exactly those characters in an overlay above the
 * page's canvas. Letters imported before boxes were kept fall back to marking
 * the pdf.js text-layer spans that contain the text.
 *
 * Selection → text offsets: the ends of a selection on the page are mapped
 * back through the same boxes to offsets in the letter text.
 */
import type { Span, TextLine } from '../../../shared/domain/letter';
import { frameToPage, offsetAtPoint, rectsForSpan } from '../../../shared/domain/text-boxes';

/** PDF page space → CSS pixels of a drawn page: pdf.js viewport.transform [a, b, c, d, e, f]. */
type Transform = readonly number[];

const pageTransforms = new WeakMap<HTMLElement, Transform>();

/** PdfView registers each drawn page element with its viewport transform. */
export function registerPage(pageEl: HTMLElement, transform: Transform): void {
  pageTransforms.set(pageEl, transform);
}

function apply(t: Transform, x: number, y: number): [number, number] {
  return [t[0]! * x + t[2]! * y + t[4]!, t[1]! * x + t[3]! * y + t[5]!];
}

function invert(t: Transform, px: number, py: number): [number, number] {
  const [a, b, c, d, e, f] = t as [number, number, number, number, number, number];
  const det = a * d - b * c;
  const x = px - e;
  const y = py - f;
  return [(d * x - c * y) / det, (-b * x + a * y) / det];
}

function pageElements(root: HTMLElement): Map<number, HTMLElement> {
  const pages = new Map<number, HTMLElement>();
  root.querySelectorAll<HTMLElement>('.pdf-page').forEach((el) => pages.set(Number(el.dataset.page), el));
  return pages;
}

export function clearPdfHighlight(root: HTMLElement): void {
  root.querySelectorAll('.src-box').forEach((el) => el.remove());
  root.querySelectorAll('[data-highlight]').forEach((el) => {
    el.removeAttribute('data-highlight');
    el.classList.remove('src-highlight', 'src-highlight-first');
  });
}

/**
 * Draws a box over the characters of [start, end) on their pages; returns the
 * first box, or null when the span's lines have no boxes (or their pages are
 * not drawn yet).
 */
export function drawSourceBoxes(root: HTMLElement, lines: readonly TextLine[], span: Span): HTMLElement | null {
  clearPdfHighlight(root);
  const pages = pageElements(root);
  let first: HTMLElement | null = null;
  for (const rect of rectsForSpan(lines, span.start, span.end)) {
    const pageEl = pages.get(rect.page);
    const transform = pageEl && pageTransforms.get(pageEl);
    if (!pageEl || !transform) continue;
    // The box's corners in page space, then on screen: bottom-left, bottom-right, top-left.
    const corner = (x: number, y: number) => apply(transform, ...frameToPage(rect.angle, x, y));
    const [x0, y0] = corner(rect.left, rect.bottom);
    const [x1, y1] = corner(rect.right, rect.bottom);
    const [x3, y3] = corner(rect.left, rect.top);
    const box = document.createElement('div');
    box.className = 'src-box';
    box.dataset.testid = 'source-box';
    box.setAttribute('aria-hidden', 'true');
    // A div from the top-left corner, as long as the bottom edge and as tall as the left edge, turned
    // along the bottom edge: upright for ordinary text, sideways for text drawn sideways.
    box.style.left = `${x3}px`;
    box.style.top = `${y3}px`;
    box.style.width = `${Math.hypot(x1 - x0, y1 - y0)}px`;
    box.style.height = `${Math.hypot(x0 - x3, y0 - y3)}px`;
    const turn = Math.atan2(y1 - y0, x1 - x0);
    if (Math.abs(turn) > 1e-6) box.style.transform = `rotate(${turn}rad)`;
    pageEl.append(box);
    first ??= box;
  }
  return first;
}

/**
 * Fallback for letters without boxes: marks the text-layer spans covering
 * `needle`. The layer's text differs from the extractor's in spacing and line
 * breaks, so both sides are compared with all white space removed; the
 * occurrence on the span's own page wins.
 */
export function highlightInTextLayer(
  root: HTMLElement,
  needle: string,
  preferredPage: number | null,
): HTMLElement | null {
  clearPdfHighlight(root);
  const target = needle.replace(/\s+/g, '');
  if (!target) return null;
  const spans: { page: number; element: HTMLElement }[] = [];
  root.querySelectorAll<HTMLElement>('.pdf-page').forEach((pageEl) => {
    const page = Number(pageEl.dataset.page);
    pageEl.querySelectorAll<HTMLElement>('.textLayer span:not(.markedContent)').forEach((element) => {
      if (element.childElementCount === 0) spans.push({ page, element });
    });
  });
  // Concatenate normalised span texts, remembering which span each char came from.
  let haystack = '';
  const owner: number[] = [];
  spans.forEach((span, index) => {
    const text = (span.element.textContent ?? '').replace(/\s+/g, '');
    haystack += text;
    for (let i = 0; i < text.length; i++) owner.push(index);
  });
  const lowerHay = haystack.toLowerCase();
  const lowerTarget = target.toLowerCase();
  let best = -1;
  for (let at = lowerHay.indexOf(lowerTarget); at >= 0; at = lowerHay.indexOf(lowerTarget, at + 1)) {
    if (best < 0) best = at;
    if (preferredPage !== null && spans[owner[at]!]!.page === preferredPage) {
      best = at;
      break;
    }
  }
  if (best < 0) return null;
  const firstSpan = owner[best]!;
  const lastSpan = owner[best + lowerTarget.length - 1]!;
  for (let i = firstSpan; i <= lastSpan; i++) {
    const el = spans[i]!.element;
    el.setAttribute('data-highlight', 'true');
    el.classList.add('src-highlight');
  }
  spans[firstSpan]!.element.classList.add('src-highlight-first');
  return spans[firstSpan]!.element;
}

/**
 * The letter-text offsets a selection on the drawn pages covers: its first
 * and last client rectangles are mapped to page space and through the
 * characters' boxes to the nearest character boundaries. Null when the
 * selection is not on a page with boxes.
 */
export function selectionToSpan(root: HTMLElement, lines: readonly TextLine[], range: Range): Span | null {
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  if (!rects.length) return null;
  const at = (clientX: number, clientY: number): number | null => {
    for (const [page, pageEl] of pageElements(root)) {
      const bounds = pageEl.getBoundingClientRect();
      if (clientX < bounds.left || clientX > bounds.right || clientY < bounds.top || clientY > bounds.bottom) continue;
      const transform = pageTransforms.get(pageEl);
      if (!transform) return null;
      const [x, y] = invert(transform, clientX - bounds.left, clientY - bounds.top);
      return offsetAtPoint(lines, page, x, y);
    }
    return null;
  };
  const first = rects[0]!;
  const last = rects[rects.length - 1]!;
  const start = at(first.left + 0.5, first.top + first.height / 2);
  const end = at(last.right - 0.5, last.top + last.height / 2);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}
