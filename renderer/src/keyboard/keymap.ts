/**
 * Every keyboard shortcut of the review screen, defined once: what the `?`
 * overlay lists and what the key handlers match (useShortcuts for the global
 * ones, the case list and the letter pane for their own). A shortcut that is
 * not here does not exist, and one that is here is documented.
 *
 * Choices, so they do not collide with what a reviewer types or with the
 * browser and the desktop menu:
 * - Shortcuts that must work while a field has focus (most of a reviewer's
 *   day is spent in the form) use Alt, or Ctrl with Enter; single keys (N, ?,
 *   /) only act outside text boxes.
 * - Ctrl+N/T/W/Tab belong to the browser and cannot be taken; Alt+↓ opens a
 *   select's list in Chromium, which a field's own Enter/Space/F4 still does.
 * - Alt combinations name the physical key (KeyboardEvent.code): Alt+Shift+1
 *   types "!" on a US keyboard and "1" on a French one, and Option+V types "√"
 *   on a Mac, but the key is the same.
 */
import { COMMAND_KEYS, type KeyCombo } from '../../../shared/api/command-keys';
import { REVIEW_STATUSES, type ReviewStatus } from '../../../shared/domain/case';
import { reviewStatusLabel } from '../../../shared/domain/fields';

/** Where a shortcut acts: anywhere in the app, or only while that pane has focus. */
export type ShortcutScope = 'global' | 'list' | 'letter';

/** One key combination (shared/api/command-keys.ts: the desktop menu reads the same type). */
export type { KeyCombo };

export interface Shortcut {
  id: string;
  scope: ShortcutScope;
  /** The overlay's section. */
  group: 'Review' | 'Move around' | 'Panes' | 'Workspace' | 'Case list' | 'Letter';
  /** What it does, as the overlay says it. */
  label: string;
  keys: readonly KeyCombo[];
  /** Also while focus is in a text box or select (default: only elsewhere). */
  whileTyping?: boolean;
  /**
   * The browser's own key, listed because a reviewer needs it here: never matched (matchShortcut), so no handler
   * takes it and it keeps its meaning.
   */
  browser?: boolean;
}

const statusShortcut = (status: ReviewStatus, n: number): Shortcut & { id: `status:${ReviewStatus}` } => ({
  id: `status:${status}`,
  scope: 'global',
  group: 'Review',
  label: `Status: ${reviewStatusLabel(status)}`,
  keys: [{ code: `Digit${n}`, alt: true, shift: true }],
  whileTyping: true,
});

export const SHORTCUTS = [
  // Review
  {
    id: 'reviewed-next',
    scope: 'global',
    group: 'Review',
    label: 'Mark reviewed and open the next unreviewed case in the list',
    keys: [{ key: 'Enter', mod: true }],
    whileTyping: true,
  },
  ...REVIEW_STATUSES.map((status, i) => statusShortcut(status, i + 1)),
  {
    id: 'verify-field',
    scope: 'global',
    group: 'Review',
    label: 'Confirm the focused field as read (again: take the tick back)',
    keys: [{ code: 'KeyV', alt: true }],
    whileTyping: true,
  },
  {
    id: 'show-source',
    scope: 'global',
    group: 'Review',
    label: 'Show the focused field where the letter says it',
    keys: [{ code: 'KeyL', alt: true }],
    whileTyping: true,
  },
  {
    id: 'undo',
    scope: 'global',
    group: 'Review',
    label: 'Undo the last change to this case',
    keys: [{ key: 'z', mod: true }],
  },
  {
    id: 'redo',
    scope: 'global',
    group: 'Review',
    label: 'Redo',
    keys: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
  },
  // Move around
  {
    id: 'next-field',
    scope: 'global',
    group: 'Move around',
    label: 'Next field',
    keys: [{ key: 'ArrowDown', alt: true }],
    whileTyping: true,
  },
  {
    id: 'previous-field',
    scope: 'global',
    group: 'Move around',
    label: 'Previous field',
    keys: [{ key: 'ArrowUp', alt: true }],
    whileTyping: true,
  },
  {
    id: 'next-item',
    scope: 'global',
    group: 'Move around',
    label: 'Next item',
    keys: [{ key: 'ArrowDown', alt: true, shift: true }],
    whileTyping: true,
  },
  {
    id: 'previous-item',
    scope: 'global',
    group: 'Move around',
    label: 'Previous item',
    keys: [{ key: 'ArrowUp', alt: true, shift: true }],
    whileTyping: true,
  },
  {
    id: 'next-case',
    scope: 'global',
    group: 'Move around',
    label: 'Next case in the list',
    keys: [{ key: 'ArrowRight', alt: true }],
    whileTyping: true,
  },
  {
    id: 'previous-case',
    scope: 'global',
    group: 'Move around',
    label: 'Previous case in the list',
    keys: [{ key: 'ArrowLeft', alt: true }],
    whileTyping: true,
  },
  {
    id: 'next-unreviewed',
    scope: 'global',
    group: 'Move around',
    label: 'Next case in the list with status New',
    keys: [{ code: 'KeyN', alt: true }, { key: 'n' }],
    whileTyping: true,
  },
  // Panes
  {
    id: 'focus-list',
    scope: 'global',
    group: 'Panes',
    label: 'Go to the case list',
    keys: [{ code: 'Digit1', alt: true }],
    whileTyping: true,
  },
  {
    id: 'focus-letter',
    scope: 'global',
    group: 'Panes',
    label: 'Go to the letter',
    keys: [{ code: 'Digit2', alt: true }],
    whileTyping: true,
  },
  {
    id: 'focus-fields',
    scope: 'global',
    group: 'Panes',
    label: 'Go to the fields',
    keys: [{ code: 'Digit3', alt: true }],
    whileTyping: true,
  },
  {
    id: 'next-pane',
    scope: 'global',
    group: 'Panes',
    label: 'Next pane / previous pane',
    keys: [{ key: 'F6' }, { key: 'F6', shift: true }],
    whileTyping: true,
  },
  {
    id: 'search',
    scope: 'global',
    group: 'Panes',
    label: 'Search letters',
    keys: [{ key: 'f', mod: true }, { key: '/' }],
    whileTyping: true,
  },
  {
    id: 'toggle-list',
    scope: 'global',
    group: 'Panes',
    label: 'Show or hide the case list',
    keys: [{ key: 'l', mod: true }],
    whileTyping: true,
  },
  {
    id: 'toggle-history',
    scope: 'global',
    group: 'Panes',
    label: 'Show or hide the history',
    keys: [{ code: 'KeyH', alt: true }],
    whileTyping: true,
  },
  // Workspace
  {
    id: 'help',
    scope: 'global',
    group: 'Workspace',
    label: 'Keyboard shortcuts (this list)',
    keys: [{ key: '?' }, { key: 'F1' }],
  },
  {
    id: 'export',
    scope: 'global',
    group: 'Workspace',
    label: 'Export to Excel or CSV',
    keys: [COMMAND_KEYS.export],
    whileTyping: true,
  },
  {
    id: 'import',
    scope: 'global',
    group: 'Workspace',
    label: 'Import letters',
    keys: [COMMAND_KEYS.importLetters],
    whileTyping: true,
  },
  {
    id: 'integrity',
    scope: 'global',
    group: 'Workspace',
    label: 'Check workspace integrity (that nothing was changed outside IMR Workbench)',
    keys: [COMMAND_KEYS.integrity],
    whileTyping: true,
  },
  // Case list (while it has focus)
  {
    id: 'list-move',
    scope: 'list',
    group: 'Case list',
    label: 'Move through the cases and open the one reached',
    keys: [
      { key: 'ArrowDown' },
      { key: 'ArrowUp' },
      { key: 'PageDown' },
      { key: 'PageUp' },
      { key: 'Home' },
      { key: 'End' },
    ],
  },
  {
    id: 'list-open',
    scope: 'list',
    group: 'Case list',
    label: 'Open the case at once / go to its fields',
    keys: [{ key: 'Enter' }],
  },
  {
    id: 'list-select',
    scope: 'list',
    group: 'Case list',
    label: 'Select or unselect the case (for a status change of several)',
    keys: [{ key: ' ' }],
  },
  {
    id: 'list-extend',
    scope: 'list',
    group: 'Case list',
    label: 'Extend the selection',
    keys: [
      { key: 'ArrowDown', shift: true },
      { key: 'ArrowUp', shift: true },
    ],
  },
  {
    id: 'list-select-all',
    scope: 'list',
    group: 'Case list',
    label: 'Select every case listed',
    keys: [{ key: 'a', mod: true }],
  },
  {
    id: 'list-headers',
    scope: 'list',
    group: 'Case list',
    label: 'Column headers: ArrowUp from the first case, ←/→ between columns, Enter sorts',
    keys: [{ key: 'ArrowLeft' }, { key: 'ArrowRight' }],
  },
  // Letter (while it has focus)
  {
    id: 'letter-zoom-in',
    scope: 'letter',
    group: 'Letter',
    label: 'Zoom in',
    keys: [{ key: '+' }, { key: '=' }],
  },
  {
    id: 'letter-zoom-out',
    scope: 'letter',
    group: 'Letter',
    label: 'Zoom out',
    keys: [{ key: '-' }],
  },
  {
    id: 'letter-fit',
    scope: 'letter',
    group: 'Letter',
    label: 'Fit the page width',
    keys: [{ key: '0' }],
  },
  {
    id: 'letter-view',
    scope: 'letter',
    group: 'Letter',
    label: 'Switch between the PDF and its extracted text',
    keys: [{ key: 't' }],
  },
  {
    // Without it a letter's text can be selected only with the mouse; the letter pane offers a keyboard
    // selection (Shift+arrows) for assigning as it does a mouse one (LetterPane's onKeyUp).
    id: 'letter-caret-browsing',
    scope: 'letter',
    group: 'Letter',
    label:
      "Caret browsing on or off (the browser's own key): a text cursor in the letter; Shift+arrows select text to assign to a field",
    keys: [{ key: 'F7' }],
    browser: true,
  },
] as const satisfies readonly Shortcut[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

/** The part of a KeyboardEvent the matcher reads. */
export interface KeyInput {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * Whether the event is this combination. Shift is compared only where it is
 * part of the combination or where the key does not already imply it ("?" is
 * Shift+/ on most layouts, "+" Shift+= on a US keyboard).
 */
export function matchesCombo(e: KeyInput, combo: KeyCombo): boolean {
  const mod = e.ctrlKey || e.metaKey;
  if ((combo.mod ?? false) !== mod || (combo.alt ?? false) !== e.altKey) return false;
  if (combo.code !== undefined) {
    if (combo.code !== e.code) return false;
  } else if (combo.key === undefined || combo.key.toLowerCase() !== e.key.toLowerCase()) {
    return false;
  }
  const printable = combo.key !== undefined && combo.key.length === 1 && !/[a-z0-9 ]/i.test(combo.key);
  return printable || (combo.shift ?? false) === e.shiftKey;
}

/**
 * The shortcut of `scope` this key press is, if any. `typing`: focus is in a
 * text box or select, where only shortcuts marked `whileTyping` act.
 */
export function matchShortcut(e: KeyInput, scope: ShortcutScope, typing = false): ShortcutId | null {
  for (const shortcut of SHORTCUTS as readonly Shortcut[]) {
    if (shortcut.scope !== scope || shortcut.browser) continue;
    for (const combo of shortcut.keys) {
      if (!matchesCombo(e, combo)) continue;
      // A single unmodified key types a character in a text box: it is a shortcut only outside one.
      const plain = !combo.mod && !combo.alt && combo.key !== undefined && combo.key.length === 1;
      if (typing && (!shortcut.whileTyping || plain)) continue;
      return shortcut.id as ShortcutId;
    }
  }
  return null;
}

const KEY_NAMES: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
  ' ': 'Space',
  PageDown: 'Page Down',
  PageUp: 'Page Up',
};

/** "Alt+Shift+1", "Ctrl+Enter" (⌘ on a Mac), as the overlay and tooltips show a combination. */
export function comboText(combo: KeyCombo, mac = false): string {
  const parts: string[] = [];
  if (combo.mod) parts.push(mac ? '⌘' : 'Ctrl');
  if (combo.alt) parts.push(mac ? '⌥' : 'Alt');
  if (combo.shift) parts.push('Shift');
  const key = combo.code?.replace(/^(Digit|Key)/, '') ?? combo.key ?? '';
  parts.push(KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key));
  return parts.join('+');
}

/** The keys of a shortcut as text ("Alt+N or N"), for a button's title. */
export function shortcutText(id: ShortcutId, mac = false): string {
  const shortcut = (SHORTCUTS as readonly Shortcut[]).find((s) => s.id === id);
  return shortcut ? shortcut.keys.map((k) => comboText(k, mac)).join(' or ') : '';
}

/** The shortcuts of the overlay, grouped in order. */
export function shortcutGroups(): { group: Shortcut['group']; shortcuts: Shortcut[] }[] {
  const groups: { group: Shortcut['group']; shortcuts: Shortcut[] }[] = [];
  for (const shortcut of SHORTCUTS as readonly Shortcut[]) {
    let entry = groups.find((g) => g.group === shortcut.group);
    if (!entry) groups.push((entry = { group: shortcut.group, shortcuts: [] }));
    entry.shortcuts.push(shortcut);
  }
  return groups;
}
