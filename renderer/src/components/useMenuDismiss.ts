import { useEffect, type RefObject } from 'react';

/**
 * Closes an open menu the way every menu of the app closes: a pointer down
 * outside `root`, or Escape — which also gives focus back to the menu's
 * button (the first button in `root`), so a keyboard user is not dropped on
 * the page body. `onOpen` runs each time it opens (e.g. focus its first item).
 */
export function useMenuDismiss(
  open: boolean,
  close: () => void,
  root: RefObject<HTMLElement | null>,
  onOpen?: () => void,
): void {
  useEffect(() => {
    if (!open) return;
    onOpen?.();
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      close();
      root.current?.querySelector<HTMLElement>('button')?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
    // `close` and `onOpen` are set-state closures: only opening and closing re-arm the listeners.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
}
