// Builds the renderer (renderer/) into dist/renderer. `base: './'` keeps every
// asset URL relative so the same bundle loads from file://, the Electron custom
// scheme and the loopback browser host.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: `${here}renderer`,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}dist/renderer`,
    emptyOutDir: true,
    // The pdf.js worker alone is ~1 MB; warnings about it are noise.
    chunkSizeWarningLimit: 2500,
    target: 'es2022',
    sourcemap: false,
  },
  worker: { format: 'es' },
});
