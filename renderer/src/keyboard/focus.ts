/**
 * Moving focus between the panes and through the fields form, for the
 * keyboard shortcuts. The form's controls carry `data-path` (FieldInput) and
 * sit in `[data-field]` wrappers with their locate and confirm buttons, which
 * are not Tab stops: they are reached by shortcut from the focused field.
 */

export type PaneName = 'list' | 'letter' | 'fields';
export const PANES: readonly PaneName[] = ['list', 'letter', 'fields'];

/** The field last focused in the form, so returning to the form returns to it. */
let lastField: string | null = null;

export function rememberField(path: string): void {
  lastField = path;
}

function fieldControls(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('#fields-body [data-path]')).filter(
    (el) => !(el as HTMLInputElement).disabled && el.getClientRects().length > 0,
  );
}

/** Focuses an element without letting the browser scroll anything but the pane that holds it. */
export function focusInPane(el: HTMLElement): void {
  el.focus({ preventScroll: true });
  revealInPane(el);
}

/**
 * Scrolls the nearest scrolling pane (only it: never the page, never another
 * pane) so `el` is in view; `center` puts it in the middle. scrollIntoView
 * would also scroll every clipped ancestor, the page included.
 */
export function revealInPane(el: HTMLElement, center = false): void {
  let pane: HTMLElement | null = el.parentElement;
  while (pane && !(pane.scrollHeight > pane.clientHeight && /(auto|scroll)/.test(getComputedStyle(pane).overflowY))) {
    pane = pane.parentElement;
  }
  if (!pane) return;
  const box = el.getBoundingClientRect();
  const view = pane.getBoundingClientRect();
  const margin = 24;
  let delta = 0;
  if (center) delta = box.top + box.height / 2 - (view.top + view.height / 2);
  else if (box.top < view.top + margin) delta = box.top - view.top - margin;
  else if (box.bottom > view.bottom - margin)
    delta = Math.min(box.bottom - view.bottom + margin, box.top - view.top - margin);
  let dx = 0;
  if (center) dx = box.left + box.width / 2 - (view.left + view.width / 2);
  if (delta || dx) pane.scrollBy({ top: delta, left: dx });
}

export function focusPane(pane: PaneName): boolean {
  if (pane === 'list') {
    const grid = document.getElementById('case-grid');
    if (!grid) return false;
    grid.focus({ preventScroll: true });
    return true;
  }
  if (pane === 'letter') {
    const letter = document.getElementById('letter-body');
    if (!letter) return false;
    letter.focus({ preventScroll: true });
    return true;
  }
  const controls = fieldControls();
  const target = controls.find((el) => el.dataset.path === lastField) ?? controls[0];
  if (!target) return false;
  focusInPane(target);
  return true;
}

/** The pane holding focus now, if any. */
export function currentPane(): PaneName | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement)) return null;
  if (active.closest('.case-pane')) return 'list';
  if (active.closest('.letter-pane')) return 'letter';
  if (active.closest('.fields-pane')) return 'fields';
  return null;
}

/** F6: the next (or previous) pane that can take focus. */
export function cyclePane(step: 1 | -1): void {
  const at = currentPane();
  const start = at ? PANES.indexOf(at) : step === 1 ? -1 : 0;
  for (let k = 1; k <= PANES.length; k++) {
    const pane = PANES[(start + step * k + PANES.length * 2) % PANES.length]!;
    if (focusPane(pane)) return;
  }
}

/** The field (its path) that has focus, or that holds the focused element. */
export function focusedField(): string | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement)) return null;
  return active.closest<HTMLElement>('[data-field]')?.dataset.field ?? null;
}

/** Next or previous field of the form; from outside the form, its first (or last) field. */
export function moveField(step: 1 | -1): void {
  const controls = fieldControls();
  if (!controls.length) return;
  const path = focusedField();
  const at = path === null ? -1 : controls.findIndex((el) => el.dataset.path === path);
  const next = at < 0 ? (step === 1 ? 0 : controls.length - 1) : at + step;
  const target = controls[Math.max(0, Math.min(controls.length - 1, next))];
  if (target) focusInPane(target);
}

/** First field of the next or previous item card; from the letter's fields, the first item. */
export function moveItem(step: 1 | -1): void {
  const cards = Array.from(document.querySelectorAll<HTMLElement>('#fields-body .item-card'));
  if (!cards.length) return;
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const card = active?.closest<HTMLElement>('.item-card') ?? null;
  const at = card ? cards.indexOf(card) : -1;
  const next = at < 0 ? (step === 1 ? 0 : cards.length - 1) : at + step;
  const target = cards[Math.max(0, Math.min(cards.length - 1, next))];
  const control = target?.querySelector<HTMLElement>('[data-path]');
  if (control) focusInPane(control);
}

/** Presses a button of the focused field (its locate or confirm button); false when it has none. */
export function pressFieldButton(selector: '.locate-btn' | '.verify-btn'): boolean {
  const path = focusedField();
  if (path === null) return false;
  const field = document.querySelector<HTMLElement>(`#fields-body [data-field="${CSS.escape(path)}"]`);
  const button = field?.querySelector<HTMLButtonElement>(selector);
  if (!button || button.disabled) return false;
  button.click();
  return true;
}

/** Whether focus is where a key types text (so single-key shortcuts must not act). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit'].includes(type);
  }
  return false;
}
