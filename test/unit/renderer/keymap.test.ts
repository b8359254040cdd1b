import { describe, expect, it } from 'vitest';
import {
  SHORTCUTS,
  comboText,
  matchShortcut,
  matchesCombo,
  shortcutGroups,
  type KeyInput,
  type Shortcut,
} from '../../../renderer/src/keyboard/keymap';

const press = (key: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput => ({
  key,
  code: mods.code ?? (key.length === 1 && /[a-z]/i.test(key) ? `Key${key.toUpperCase()}` : key),
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('keymap', () => {
  it('gives every key combination of a scope to one shortcut only', () => {
    const seen = new Map<string, string>();
    for (const s of SHORTCUTS as readonly Shortcut[]) {
      for (const k of s.keys) {
        const id = `${s.scope}:${k.mod ?? false}:${k.alt ?? false}:${k.shift ?? false}:${k.code ?? k.key?.toLowerCase()}`;
        expect(seen.get(id), `${s.id} and ${seen.get(id)} share ${comboText(k)}`).toBeUndefined();
        seen.set(id, s.id);
      }
    }
  });

  it('matches status keys by the physical digit, whatever it types', () => {
    expect(matchShortcut(press('!', { code: 'Digit1', altKey: true, shiftKey: true }), 'global', true)).toBe(
      'status:new',
    );
    expect(matchShortcut(press('3', { code: 'Digit3', altKey: true, shiftKey: true }), 'global')).toBe(
      'status:reviewed',
    );
    // Option+N types a dead key on a Mac; the key is still N.
    expect(matchShortcut(press('Dead', { code: 'KeyN', altKey: true }), 'global', true)).toBe('next-unreviewed');
  });

  it('lets single keys type in a text box, and keeps Alt and Ctrl shortcuts working there', () => {
    expect(matchShortcut(press('n'), 'global', false)).toBe('next-unreviewed');
    expect(matchShortcut(press('n'), 'global', true)).toBeNull();
    expect(matchShortcut(press('?', { shiftKey: true }), 'global', false)).toBe('help');
    expect(matchShortcut(press('?', { shiftKey: true }), 'global', true)).toBeNull();
    expect(matchShortcut(press('/'), 'global', true)).toBeNull();
    expect(matchShortcut(press('Enter', { ctrlKey: true }), 'global', true)).toBe('reviewed-next');
    expect(matchShortcut(press('ArrowDown', { altKey: true }), 'global', true)).toBe('next-field');
    expect(matchShortcut(press('ArrowDown', { altKey: true, shiftKey: true }), 'global', true)).toBe('next-item');
    // Undo in a text box is the box's own.
    expect(matchShortcut(press('z', { ctrlKey: true }), 'global', true)).toBeNull();
    expect(matchShortcut(press('z', { metaKey: true }), 'global', false)).toBe('undo');
    expect(matchShortcut(press('Z', { ctrlKey: true, shiftKey: true }), 'global', false)).toBe('redo');
  });

  it('keeps scoped keys to their pane and ignores extra modifiers', () => {
    expect(matchShortcut(press('ArrowDown'), 'global')).toBeNull();
    expect(matchShortcut(press('ArrowDown'), 'list')).toBe('list-move');
    expect(matchShortcut(press('ArrowDown', { shiftKey: true }), 'list')).toBe('list-extend');
    expect(matchShortcut(press('+', { shiftKey: true }), 'letter')).toBe('letter-zoom-in');
    expect(matchShortcut(press('0', { ctrlKey: true }), 'letter')).toBeNull();
    expect(matchesCombo(press('Enter', { ctrlKey: true, altKey: true }), { key: 'Enter', mod: true })).toBe(false);
  });

  it('lists caret browsing (F7) for selecting letter text by keyboard, and leaves the key to the browser', () => {
    const letter = shortcutGroups().find((g) => g.group === 'Letter')!;
    const caret = letter.shortcuts.find((s) => s.keys.some((k) => k.key === 'F7'));
    expect(caret?.label).toMatch(/^Caret browsing/);
    expect(comboText(caret!.keys[0]!)).toBe('F7');
    // Never matched: no handler prevents the browser's own toggle.
    for (const scope of ['global', 'list', 'letter'] as const) expect(matchShortcut(press('F7'), scope)).toBeNull();
  });

  it('writes combinations as people read them, for the overlay and the buttons', () => {
    expect(comboText({ code: 'Digit4', alt: true, shift: true })).toBe('Alt+Shift+4');
    expect(comboText({ key: 'Enter', mod: true }, true)).toBe('⌘+Enter');
    expect(comboText({ key: 'ArrowDown', alt: true })).toBe('Alt+↓');
    expect(comboText({ code: 'KeyV', alt: true })).toBe('Alt+V');
    const groups = shortcutGroups();
    expect(groups.map((g) => g.group)).toEqual(['Review', 'Move around', 'Panes', 'Workspace', 'Case list', 'Letter']);
    expect(groups.flatMap((g) => g.shortcuts)).toHaveLength(SHORTCUTS.length);
  });
});
