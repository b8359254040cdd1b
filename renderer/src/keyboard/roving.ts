/**
 * Roving focus (WAI-ARIA): a group of buttons is one Tab stop; the arrow
 * keys move focus inside it, Home and End to its ends; Enter or Space
 * presses. The buttons marked `data-roving` render their own first stop
 * (tabIndex 0 on the pressed one, -1 on the others); these handlers, set on
 * the group, move the stop with the focus. The arrows only move focus:
 * nothing is pressed by them.
 */

const ITEM = '[data-roving]';

function items(group: HTMLElement): HTMLElement[] {
  return Array.from(group.querySelectorAll<HTMLElement>(ITEM)).filter((el) => !el.hasAttribute('disabled'));
}

/** The group's focus handler: the focused button becomes the group's Tab stop. */
export function rovingFocus(e: React.FocusEvent<HTMLElement>): void {
  const el = (e.target as HTMLElement).closest<HTMLElement>(ITEM);
  if (!el) return;
  for (const other of items(e.currentTarget)) other.tabIndex = other === el ? 0 : -1;
}

/** The group's key handler: arrows, Home and End move focus among its buttons. */
export function rovingKeyDown(e: React.KeyboardEvent<HTMLElement>): void {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const all = items(e.currentTarget);
  const at = all.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  let next = -1;
  if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (at + 1) % all.length;
  else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (at - 1 + all.length) % all.length;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = all.length - 1;
  if (next < 0) return;
  e.preventDefault();
  all[next]!.focus();
}
