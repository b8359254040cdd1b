/**
 * Global keyboard shortcuts. Undo/redo act on corrections only when focus is
 * not in a text field, so typing keeps the browser's own undo.
 */
import { useEffect } from 'react';
import { chooseAndImport } from './files';
import { useApp } from '../store/appStore';

function isTyping(target: EventTarget | null): boolean {
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

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const state = useApp.getState();
      // Any open modal (dialogs, prompts) owns the keyboard.
      if (state.dialog || document.querySelector('[aria-modal="true"]')) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z' && !isTyping(event.target)) {
        event.preventDefault();
        void (event.shiftKey ? state.redo() : state.undo());
      } else if (mod && key === 'y' && !isTyping(event.target)) {
        event.preventDefault();
        void state.redo();
      } else if ((event.altKey && key === 'n') || (key === 'n' && !mod && !event.altKey && !isTyping(event.target))) {
        event.preventDefault();
        void state.nextUnreviewed();
      } else if (mod && key === 'f') {
        const search = document.getElementById('case-search');
        if (search) {
          event.preventDefault();
          search.focus();
        }
      } else if (mod && key === 'l') {
        event.preventDefault();
        state.toggleList();
      } else if (mod && key === 'e') {
        event.preventDefault();
        state.setDialog('export');
      } else if (mod && key === 'o') {
        event.preventDefault();
        void chooseAndImport('files');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
