/**
 * A handle between two panes that resizes one of them (WAI-ARIA window
 * splitter): drag it, or focus it and press ←/→ (Shift: a larger step),
 * Home/End for the narrowest and widest, Enter (or a double click) to hide
 * the pane when it can be hidden. The width is remembered (store/layout.ts).
 */
import { useRef } from 'react';
import { useApp } from '../store/appStore';
import { PANE_BOUNDS, STEP, STEP_LARGE, type ResizablePane } from '../store/layout';

interface Props {
  pane: ResizablePane;
  /** Which side of the handle the pane is on: dragging toward it narrows it. */
  side: 'left' | 'right';
  label: string;
  /** Hides the pane (Enter, double click); absent when it cannot be hidden. */
  onToggle?(): void;
  /** Reads the pane's drawn width (the layout's width is a wish that a narrow window may not grant). */
  measure(): number | undefined;
}

export function Splitter({ pane, side, label, onToggle, measure }: Props) {
  const width = useApp((s) => s.layout.widths[pane]);
  const resizePane = useApp((s) => s.resizePane);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const { min, max } = PANE_BOUNDS[pane];
  const sign = side === 'left' ? 1 : -1;

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width: measure() ?? width };
  };
  const onPointerMove = (e: React.PointerEvent) => {
    if (!drag.current) return;
    resizePane(pane, drag.current.width + sign * (e.clientX - drag.current.x));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const current = measure() ?? width;
    const step = e.shiftKey ? STEP_LARGE : STEP;
    let next: number | null = null;
    if (e.key === 'ArrowLeft') next = current - sign * step;
    else if (e.key === 'ArrowRight') next = current + sign * step;
    else if (e.key === 'Home') next = min;
    else if (e.key === 'End') next = max;
    else if (e.key === 'Enter' && onToggle) {
      e.preventDefault();
      onToggle();
      return;
    }
    if (next === null) return;
    e.preventDefault();
    resizePane(pane, next);
  };

  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={width}
      title={`${label}: drag, or focus and press ←/→${onToggle ? '; Enter or a double click hides the pane' : ''}`}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={onToggle}
      onKeyDown={onKeyDown}
    />
  );
}
