import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { COMMAND_KEYS, electronAccelerator } from '../../../shared/api/command-keys';
import { SHORTCUTS, comboText, type Shortcut } from '../../../renderer/src/keyboard/keymap';

// The Electron binary is not installed on the build machines: the menu's template is what buildMenu hands to
// Menu.buildFromTemplate, so that is what the stand-in returns.
vi.mock('electron', () => ({ Menu: { buildFromTemplate: (template: unknown) => template } }));
const { buildMenu } = await import('../../../electron/menu');

/** Every item of the menu with a label, with its accelerator (if any). */
function menuItems(isMac: boolean): { label: string; accelerator?: string }[] {
  const noop = () => undefined;
  const template = buildMenu(
    { importLetters: noop, importFolder: noop, newWorkspace: noop, openWorkspace: noop, send: noop },
    { isMac, devTools: false },
  ) as unknown as MenuItemConstructorOptions[];
  const items: { label: string; accelerator?: string }[] = [];
  const walk = (list: MenuItemConstructorOptions[]) => {
    for (const item of list) {
      if (item.label) items.push({ label: item.label, accelerator: item.accelerator as string | undefined });
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(template);
  return items;
}

const accelerator = (label: string) => menuItems(false).find((i) => i.label === label)?.accelerator;
const shortcut = (id: string) => (SHORTCUTS as readonly Shortcut[]).find((s) => s.id === id);

describe('the desktop menu and the review screen name the same keys', () => {
  it('gives Import Letters, Export and the integrity check the keys the shortcuts overlay lists', () => {
    // The overlay said Ctrl+O imports while the menu gave Ctrl+O to Open Workspace: in the desktop app the menu wins.
    expect(accelerator('Import Letters…')).toBe('CmdOrCtrl+I');
    expect(shortcut('import')?.keys.map((k) => comboText(k))).toEqual(['Ctrl+I']);
    expect(accelerator('Export…')).toBe('CmdOrCtrl+E');
    expect(shortcut('export')?.keys.map((k) => comboText(k))).toEqual(['Ctrl+E']);
    expect(accelerator('Check Workspace Integrity…')).toBe('Alt+Shift+I');
    expect(shortcut('integrity')?.keys.map((k) => comboText(k))).toEqual(['Alt+Shift+I']);
  });

  it('never gives one key to two menu items', () => {
    for (const isMac of [false, true]) {
      const withKeys = menuItems(isMac).filter((i) => i.accelerator);
      const keys = withKeys.map((i) => i.accelerator);
      expect(new Set(keys).size, JSON.stringify(withKeys)).toBe(keys.length);
    }
  });

  it('never lets a menu item take a key the review screen documents for something else', () => {
    // A menu accelerator is handled before the page sees the key, so a shortcut sharing it would never run.
    const byAccelerator = new Map(menuItems(false).flatMap((i) => (i.accelerator ? [[i.accelerator, i.label]] : [])));
    const commandOf: Record<string, string> = {
      import: 'Import Letters…',
      export: 'Export…',
      integrity: 'Check Workspace Integrity…',
    };
    for (const s of SHORTCUTS as readonly Shortcut[]) {
      if (s.scope !== 'global') continue;
      for (const combo of s.keys) {
        const label = byAccelerator.get(electronAccelerator(combo));
        if (label) expect(label, `${s.id} (${comboText(combo)}) is the menu's ${label}`).toBe(commandOf[s.id]);
      }
    }
  });

  it('writes accelerators as Electron reads them', () => {
    expect(electronAccelerator(COMMAND_KEYS.importFolder)).toBe('CmdOrCtrl+Shift+I');
    expect(electronAccelerator(COMMAND_KEYS.settings)).toBe('CmdOrCtrl+,');
    expect(electronAccelerator({ code: 'Digit1', alt: true, shift: true })).toBe('Alt+Shift+1');
  });
});
