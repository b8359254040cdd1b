/**
 * The keys of the workspace commands that the desktop app's menu (electron/menu.ts, as accelerators) and the
 * review screen's keymap (renderer/src/keyboard/keymap.ts, matched in the page and listed in the `?` overlay)
 * both offer, defined once. They were written in both places and disagreed: the overlay and the Import button
 * said Ctrl+O imports letters while the desktop menu gave Ctrl+O to Open Workspace and Ctrl+I to Import Letters —
 * in the desktop app the menu's accelerator wins, so the key the app documented opened another workspace.
 *
 * Commands only the desktop app has (a folder picker, switching workspaces) are here too, so no two commands
 * share a key. Ctrl+Shift+I is Chromium's developer tools in the browser host, so "Import a folder" keeps it only
 * in the desktop app (whose production builds have no developer tools).
 */

/** One key combination, named as KeyboardEvent names it. */
export interface KeyCombo {
  /** KeyboardEvent.key, compared case-insensitively; or */
  key?: string;
  /** KeyboardEvent.code, for keys whose `key` depends on the layout or on Shift (digits, Alt+letters on a Mac). */
  code?: string;
  /** Ctrl, or ⌘ on macOS. */
  mod?: boolean;
  alt?: boolean;
  shift?: boolean;
}

export const COMMAND_KEYS = {
  importLetters: { key: 'i', mod: true },
  importFolder: { key: 'i', mod: true, shift: true },
  export: { key: 'e', mod: true },
  newWorkspace: { key: 'n', mod: true, shift: true },
  openWorkspace: { key: 'o', mod: true },
  integrity: { code: 'KeyI', alt: true, shift: true },
  settings: { key: ',', mod: true },
} as const satisfies Record<string, KeyCombo>;
export type CommandKey = keyof typeof COMMAND_KEYS;

/**
 * An Electron accelerator string for a combination ("CmdOrCtrl+Shift+I", "Alt+Shift+I"): the modifiers in
 * Electron's order, the key from `code` (KeyI → I, Digit1 → 1) or `key` (upper-cased when it is one letter).
 */
export function electronAccelerator(combo: KeyCombo): string {
  const parts: string[] = [];
  if (combo.mod) parts.push('CmdOrCtrl');
  if (combo.alt) parts.push('Alt');
  if (combo.shift) parts.push('Shift');
  const key = combo.code?.replace(/^(Digit|Key)/, '') ?? combo.key ?? '';
  parts.push(key.length === 1 ? key.toUpperCase() : key);
  return parts.join('+');
}
