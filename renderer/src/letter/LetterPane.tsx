/**
 * The original letter: PDFs drawn by pdf.js (with a toggle to the extracted
 * text), text letters as text. Shows the highlighted source of the field in
 * focus and lets the reviewer assign selected text to a field.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApp } from '../store/appStore';
import { call, errorMessage } from '../api/bridge';
import { base64ToBytes, openPdf, type PDFDocumentProxy } from './pdf';
import { PdfView } from './PdfView';
import { TextView } from './TextView';
import { clearPdfHighlight, drawSourceBoxes, highlightInTextLayer, selectionToSpan } from './pdfHighlight';
import { withoutInvisible } from '../../../shared/domain/control-characters';
import { AssignPopover } from './AssignPopover';
import { isTyping, revealInPane } from '../keyboard/focus';
import { matchShortcut, shortcutText } from '../keyboard/keymap';
import { rovingFocus, rovingKeyDown } from '../keyboard/roving';
import type { LetterText } from '../../../shared/domain/letter';

const ZOOM_MIN = 0.5;
const ZOOM_MAX = 3;

function pageOfOffset(letter: LetterText, offset: number): number | null {
  for (const line of letter.lines) if (offset >= line.start && offset <= line.end) return line.page;
  return null;
}

export function LetterPane() {
  const current = useApp((s) => s.current);
  const highlight = useApp((s) => s.highlight);
  const content = current.content;
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [pdfError, setPdfError] = useState<string | null>(null);
  const [view, setView] = useState<'pdf' | 'text'>('pdf');
  const [scale, setScale] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [renderedSeq, setRenderedSeq] = useState(0);
  /** Highlight seq that could not be located on the PDF text layer. */
  const [notFoundSeq, setNotFoundSeq] = useState(-1);
  const [selection, setSelection] = useState<{
    text: string;
    x: number;
    y: number;
    view: { scrollLeft: number; width: number };
  } | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  const isPdf = content?.kind === 'pdf';
  // Known as soon as the case is (before its text arrives), so the PDF bytes load in parallel.
  const documentId = current.detail?.documentId ?? null;
  const probablyPdf = isPdf || (content === null && /\.pdf$/i.test(current.detail?.file ?? ''));

  // A different document starts from a clean view.
  const [shownDocument, setShownDocument] = useState(documentId);
  if (shownDocument !== documentId) {
    setShownDocument(documentId);
    setPdf(null);
    setPdfError(null);
    setPage(1);
    setScale(null);
    setSelection(null);
  }

  // Load the original bytes whenever the document changes.
  useEffect(() => {
    if (documentId === null || !probablyPdf) return;
    let cancelled = false;
    let loaded: PDFDocumentProxy | null = null;
    (async () => {
      try {
        const original = await call('documents.original', { documentId });
        if (original.mime !== 'application/pdf') return;
        const doc = await openPdf(base64ToBytes(original.base64));
        loaded = doc;
        if (cancelled) {
          void doc.destroy();
          return;
        }
        setPdf(doc);
      } catch (error) {
        if (!cancelled) setPdfError(`The original PDF could not be shown: ${errorMessage(error)}`);
      }
    })();
    return () => {
      cancelled = true;
      if (loaded) void loaded.destroy();
    };
  }, [documentId, probablyPdf]);

  // Fit the page width on first show, and again when the pane is resized
  // (history opened, window resized) unless the reviewer chose a zoom.
  const [fitWidth, setFitWidth] = useState(true);
  useEffect(() => {
    const body = bodyRef.current;
    if (!pdf || !fitWidth || !body) return;
    let pageWidth: number | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fit = () => {
      if (pageWidth === null) return;
      const next = Math.max(ZOOM_MIN, Math.min(2, (body.clientWidth - 32) / pageWidth));
      // Redrawing every page is costly: ignore changes of a few pixels.
      setScale((current) =>
        current !== null && Math.abs(current - next) < 0.02 ? current : Math.round(next * 100) / 100,
      );
    };
    void pdf.getPage(1).then((p) => {
      pageWidth = p.getViewport({ scale: 1 }).width;
      fit();
    });
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(fit, 120);
    });
    observer.observe(body);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [pdf, fitWidth]);
  const zoom = (factor: number) => {
    setFitWidth(false);
    setScale((s) => Math.max(ZOOM_MIN, Math.min(ZOOM_MAX, (s ?? 1) * factor)));
  };

  const showPdf = isPdf && view === 'pdf' && !pdfError;

  // Apply the highlight in the PDF text layer once pages are drawn.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || !showPdf || !content) return;
    if (!highlight) {
      clearPdfHighlight(body);
      return;
    }
    if (renderedSeq === 0) return;
    const letter = content.letterText;
    // A box over exactly the value's characters; letters imported before boxes were kept: the text-layer spans.
    const target =
      drawSourceBoxes(body, letter.lines, highlight) ??
      highlightInTextLayer(
        body,
        letter.text.slice(highlight.start, highlight.end),
        pageOfOffset(letter, highlight.start),
      );
    // The text layer is DOM pdf.js owns; its search result feeds back into React state.
    if (target) {
      // Only the letter scrolls: scrollIntoView would scroll the app's body too when it can.
      revealInPane(target, true);
      setNotFoundSeq(-1);
    } else {
      setNotFoundSeq(highlight.seq);
    }
  }, [highlight, renderedSeq, showPdf, content]);

  const onRendered = useCallback(() => setRenderedSeq((n) => n + 1), []);

  const onScroll = () => {
    const body = bodyRef.current;
    if (!body || !showPdf) return;
    const pages = body.querySelectorAll<HTMLElement>('.pdf-page');
    const mid = body.scrollTop + body.clientHeight / 3;
    let currentPage = 1;
    pages.forEach((el) => {
      if (el.offsetTop <= mid) currentPage = Number(el.dataset.page);
    });
    setPage(currentPage);
  };

  const goToPage = (n: number) => {
    const el = bodyRef.current?.querySelector<HTMLElement>(`.pdf-page[data-page="${n}"]`);
    if (el && bodyRef.current) bodyRef.current.scrollTo({ top: el.offsetTop - 8, behavior: 'smooth' });
    setPage(n);
  };

  /** Offers to assign the letter text the reviewer selected, next to the point (x, y) in the viewport. */
  const offerAssign = (x: number, y: number) => {
    const sel = window.getSelection();
    let text = sel?.toString().replace(/\s+/g, ' ').trim() ?? '';
    if (!text || !sel || sel.rangeCount === 0 || !bodyRef.current?.contains(sel.anchorNode)) {
      setSelection(null);
      return;
    }
    // On a PDF page the selection is mapped through the characters' boxes to the letter text itself,
    // which the text layer only approximates (its spacing and line breaks are pdf.js's, not the extractor's).
    if (showPdf && content) {
      const span = selectionToSpan(bodyRef.current, content.letterText.lines, sel.getRangeAt(0));
      const exact = span ? content.letterText.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim() : '';
      if (exact) text = exact;
    }
    // A soft hyphen or zero-width space in the letter's text would make the value refused (typed text holds none).
    text = withoutInvisible(text).trim();
    if (!text) {
      setSelection(null);
      return;
    }
    const body = bodyRef.current;
    const paneRect = body.getBoundingClientRect();
    setSelection({
      text,
      x: x - paneRect.left,
      y: y - paneRect.top + body.scrollTop,
      view: { scrollLeft: body.scrollLeft, width: body.clientWidth },
    });
  };
  /**
   * Closes the assign popover (Escape, Close, or a value saved). Focus was in it (its search box, its Replace
   * button): it goes back to the letter, where the text was selected, rather than to the page, where the next Tab
   * would start over from the top bar.
   */
  const closeAssign = () => {
    const body = bodyRef.current;
    const hadFocus = body?.querySelector('.assign-popover')?.contains(document.activeElement) ?? false;
    setSelection(null);
    if (hadFocus) body?.focus({ preventScroll: true });
  };
  const onMouseUp = (e: React.MouseEvent) => offerAssign(e.clientX, e.clientY);
  const fitToWidth = () => {
    setFitWidth(true);
    setScale(null);
  };
  const switchView = (next: 'pdf' | 'text') => {
    // Pages are redrawn on return; highlights wait for that.
    if (next === 'pdf' && view !== 'pdf') setRenderedSeq(0);
    setView(next);
  };
  /** The letter's own keys (keymap.ts, scope "letter"), while it has focus and nothing in it takes typing. */
  const onLetterKey = (e: React.KeyboardEvent) => {
    if (isTyping(e.target)) return;
    const id = matchShortcut(e, 'letter');
    if (id === 'letter-zoom-in' && showPdf) zoom(1.2);
    else if (id === 'letter-zoom-out' && showPdf) zoom(1 / 1.2);
    else if (id === 'letter-fit' && showPdf) fitToWidth();
    else if (id === 'letter-view' && isPdf) switchView(view === 'pdf' ? 'text' : 'pdf');
    else return;
    e.preventDefault();
  };

  // A selection made from the keyboard (Shift+arrows with caret browsing) is offered as well.
  const onKeyUp = (e: React.KeyboardEvent) => {
    if (!e.shiftKey) return;
    const range = window.getSelection()?.rangeCount ? window.getSelection()!.getRangeAt(0) : null;
    const rect = range?.getBoundingClientRect();
    if (rect) offerAssign(rect.left + rect.width / 2, rect.bottom);
  };

  let body: React.ReactNode;
  if (current.id === null) {
    body = <p className="pane-placeholder">Select a case to see its letter.</p>;
  } else if (current.error && !content) {
    body = (
      <p className="error-text" role="alert">
        {current.error}
      </p>
    );
  } else if (!content) {
    body = <p className="pane-placeholder">Loading letter…</p>;
  } else if (showPdf) {
    body = pdf ? (
      <PdfView key={documentId ?? 0} pdf={pdf} scale={scale ?? 1} onRendered={onRendered} />
    ) : (
      <p className="pane-placeholder">Drawing PDF…</p>
    );
  } else {
    body = <TextView key={documentId ?? 0} letter={content.letterText} highlight={highlight} />;
  }

  const pageCount = pdf?.numPages ?? content?.letterText.pageCount ?? 0;
  return (
    <section className="pane letter-pane" aria-label="Letter">
      <div className="pane-head">
        <h2 className="pane-title" title={content?.file}>
          {content ? content.file.split(/[\\/]/).pop() : 'Letter'}
        </h2>
        {content ? (
          <div className="pane-tools">
            {isPdf ? (
              <div
                className="segmented"
                role="toolbar"
                aria-label="Letter view"
                title={`PDF or extracted text (${shortcutText('letter-view')} in the letter)`}
                onKeyDown={rovingKeyDown}
                onFocus={rovingFocus}
              >
                <button
                  type="button"
                  data-roving
                  tabIndex={view === 'pdf' ? 0 : -1}
                  aria-pressed={view === 'pdf'}
                  onClick={() => switchView('pdf')}
                >
                  PDF
                </button>
                <button
                  type="button"
                  data-roving
                  tabIndex={view === 'text' ? 0 : -1}
                  aria-pressed={view === 'text'}
                  onClick={() => switchView('text')}
                >
                  Text
                </button>
              </div>
            ) : null}
            {showPdf ? (
              <>
                <div
                  className="segmented"
                  role="toolbar"
                  aria-label="Zoom"
                  onKeyDown={rovingKeyDown}
                  onFocus={rovingFocus}
                >
                  <button
                    type="button"
                    data-roving
                    tabIndex={-1}
                    aria-label="Zoom out"
                    title={`Zoom out (${shortcutText('letter-zoom-out')} in the letter)`}
                    onClick={() => zoom(1 / 1.2)}
                  >
                    −
                  </button>
                  <button
                    type="button"
                    data-roving
                    tabIndex={0}
                    aria-label={`Fit width (now ${Math.round((scale ?? 1) * 100)}%)`}
                    title={`Fit the page width (${shortcutText('letter-fit')} in the letter)`}
                    onClick={fitToWidth}
                  >
                    {Math.round((scale ?? 1) * 100)}%
                  </button>
                  <button
                    type="button"
                    data-roving
                    tabIndex={-1}
                    aria-label="Zoom in"
                    title={`Zoom in (${shortcutText('letter-zoom-in')} in the letter)`}
                    onClick={() => zoom(1.2)}
                  >
                    +
                  </button>
                </div>
                <div className="segmented" role="group" aria-label="Pages">
                  <button
                    type="button"
                    aria-label="Previous page"
                    disabled={page <= 1}
                    onClick={() => goToPage(page - 1)}
                  >
                    ‹
                  </button>
                  <span className="page-indicator" aria-live="polite">
                    Page {page} of {pageCount}
                  </span>
                  <button
                    type="button"
                    aria-label="Next page"
                    disabled={page >= pageCount}
                    onClick={() => goToPage(page + 1)}
                  >
                    ›
                  </button>
                </div>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
      {pdfError && isPdf ? <p className="notice-inline">{pdfError} Showing the extracted text instead.</p> : null}
      {highlight && notFoundSeq === highlight.seq && showPdf ? (
        <p className="notice-inline">
          This source could not be located on the PDF text layer.{' '}
          <button type="button" className="btn ghost small" onClick={() => setView('text')}>
            Show it in the extracted text
          </button>
        </p>
      ) : null}
      <div
        id="letter-body"
        className="pane-body letter-body"
        ref={bodyRef}
        onScroll={onScroll}
        onMouseUp={onMouseUp}
        onKeyUp={onKeyUp}
        onKeyDown={onLetterKey}
        tabIndex={0}
        role="region"
        aria-label="Letter content"
      >
        {body}
        {selection ? (
          <AssignPopover
            text={selection.text}
            x={selection.x}
            y={selection.y}
            view={selection.view}
            onClose={closeAssign}
          />
        ) : null}
      </div>
    </section>
  );
}
