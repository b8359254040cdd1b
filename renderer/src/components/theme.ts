/** Applies the theme setting to <html data-theme>, following the OS when set to "system". */
import { useEffect } from 'react';

export function useTheme(theme: 'system' | 'light' | 'dark' | undefined): void {
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const resolved = theme === 'light' || theme === 'dark' ? theme : media.matches ? 'dark' : 'light';
      document.documentElement.dataset.theme = resolved;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
