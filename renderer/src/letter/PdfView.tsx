/**
 * Every page of a PDF letter as canvas + selectable pdf.js text layer. Each
 * page element is registered with its viewport transform, so source boxes
 * (pdfHighlight.ts) can be drawn over it in PDF coordinates.
 */
import { useEffect, useRef, useState } from 'react';
import { TextLayer, type PDFDocumentProxy } from './pdf';
import { registerPage } from './pdfHighlight';

interface Props {
  pdf: PDFDocumentProxy;
  scale: number;
  /** Called after all pages are drawn, so highlights can be applied. */
  onRendered(): void;
}

export function PdfView({ pdf, scale, onRendered }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const onRenderedRef = useRef(onRendered);
  useEffect(() => {
    onRenderedRef.current = onRendered;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    const tasks: { cancel(): void }[] = [];
    container.replaceChildren();
    // What is drawn, as state a test (or an assistive technology) can wait on: busy while the pages are drawn,
    // then the scale they were drawn at. A box and its text run measured while a zoom or a fit redraws the
    // pages belong to two different drawings.
    container.setAttribute('aria-busy', 'true');
    delete container.dataset.drawnScale;
    setError(null);
    const ratio = window.devicePixelRatio || 1;

    (async () => {
      for (let n = 1; n <= pdf.numPages; n++) {
        const page = await pdf.getPage(n);
        if (cancelled) return;
        const viewport = page.getViewport({ scale });
        const pageEl = document.createElement('div');
        pageEl.className = 'pdf-page';
        pageEl.dataset.page = String(n);
        pageEl.setAttribute('role', 'group');
        pageEl.setAttribute('aria-label', `Page ${n} of ${pdf.numPages}`);
        pageEl.style.width = `${viewport.width}px`;
        pageEl.style.height = `${viewport.height}px`;
        pageEl.style.setProperty('--total-scale-factor', String(scale));
        pageEl.style.setProperty('--scale-factor', String(scale));
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        canvas.style.width = `${viewport.width}px`;
        canvas.style.height = `${viewport.height}px`;
        canvas.setAttribute('aria-hidden', 'true');
        const textEl = document.createElement('div');
        textEl.className = 'textLayer';
        pageEl.append(canvas, textEl);
        registerPage(pageEl, viewport.transform);
        container.append(pageEl);
        const renderTask = page.render({
          canvas,
          viewport,
          transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined,
        });
        tasks.push(renderTask);
        const textLayer = new TextLayer({ textContentSource: page.streamTextContent(), container: textEl, viewport });
        tasks.push(textLayer);
        await Promise.all([renderTask.promise, textLayer.render()]);
        if (cancelled) return;
      }
      container.setAttribute('aria-busy', 'false');
      container.dataset.drawnScale = String(scale);
      onRenderedRef.current();
    })().catch((e: unknown) => {
      if (cancelled) return;
      container.setAttribute('aria-busy', 'false');
      const message = e instanceof Error ? e.message : String(e);
      if (!/cancel/i.test(message)) setError(`The PDF could not be drawn: ${message}`);
    });
    return () => {
      cancelled = true;
      for (const task of tasks) {
        try {
          task.cancel();
        } catch {
          // Already finished.
        }
      }
    };
  }, [pdf, scale]);

  return (
    <>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <div className="pdf-pages" ref={containerRef} />
    </>
  );
}
