/**
 * Maps a source span (offsets into the extracted letter text) onto pdf.js
 * text-layer elements. The layer's text differs from the extractor's in
 * spacing and line breaks, so both sides are compared with all whitespace
 * removed; the occurrence on the span's own page wins.
 */
const WS = /\s+/g;

export interface LayerSpan {
  page: number;
  element: HTMLElement;
}

export function clearPdfHighlight(root: HTMLElement): void {
  root.querySelectorAll('[data-highlight]').forEach((el) => {
    el.removeAttribute('data-highlight');
    el.classList.remove('src-highlight', 'src-highlight-first');
  });
}

/** Marks the text-layer spans covering `needle`; returns the first one or null if not found. */
export function highlightInPdf(root: HTMLElement, needle: string, preferredPage: number | null): HTMLElement | null {
  clearPdfHighlight(root);
  const target = needle.replace(WS, '');
  if (!target) return null;
  const spans: LayerSpan[] = [];
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
    const text = (span.element.textContent ?? '').replace(WS, '');
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
  const first = owner[best]!;
  const last = owner[best + lowerTarget.length - 1]!;
  for (let i = first; i <= last; i++) {
    const el = spans[i]!.element;
    el.setAttribute('data-highlight', 'true');
    el.classList.add('src-highlight');
  }
  spans[first]!.element.classList.add('src-highlight-first');
  return spans[first]!.element;
}
