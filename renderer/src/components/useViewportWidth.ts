import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
};
const width = () => window.innerWidth;

/** The window's width in CSS pixels, re-rendering on resize (whether the list and the history both fit: layout.ts). */
export function useViewportWidth(): number {
  return useSyncExternalStore(subscribe, width);
}
