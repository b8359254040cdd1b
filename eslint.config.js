// Flat config: typescript-eslint's recommended rules for all code, React hooks rules for the renderer, and the
// project's layering (scripts/lint/layers.mjs): which layer may import which.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './scripts/lint/layers.mjs';

/**
 * The layers and what each may use. A layer is a top-level folder; test/ and scripts/ may use everything.
 * Packages the page or the pure code must never load are forbidden by name ("node" = Node's built-in modules).
 */
export const LAYERS = {
  shared: {
    may: ['shared'],
    forbid: ['node', 'electron', 'better-sqlite3', 'react', 'react-dom', 'zustand'],
    why: 'shared/ is pure TypeScript used by every layer: it imports no other layer and no platform.',
  },
  renderer: {
    may: ['renderer', 'shared'],
    forbid: ['node', 'electron', 'better-sqlite3'],
    why: 'The renderer is a sandboxed page: it reaches the backend only through the API bridge (shared/api).',
  },
  backend: {
    may: ['backend', 'shared'],
    forbid: ['electron', 'react', 'react-dom', 'zustand'],
    why: 'The backend is plain Node serving every host; it knows no window and no UI.',
  },
  electron: {
    may: ['electron', 'shared'],
    // Platform helpers with no service state: the user's folders, owner-only file modes, the static-file path guard
    // shared with the web host.
    modules: ['backend/runtime/user-dirs', 'backend/runtime/file-modes', 'backend/hosts/web/security'],
    forbid: ['react', 'react-dom', 'zustand', 'better-sqlite3'],
    why: 'The desktop shell talks to the backend through its client (electron/backend-client.ts), never in-process.',
  },
};

/** Single files with a wider reach than their layer, and why. */
export const LAYER_EXCEPTIONS = {
  'electron/backend-process.ts': {
    modules: ['backend/'],
    why: 'It is the backend: the utility process entry that runs the service the client talks to.',
  },
};

export default tseslint.config(
  {
    ignores: [
      '.tmp-*/**',
      '.scratch-*/**',
      'bench-results',
      'node_modules',
      'dist',
      'dist-electron',
      'release',
      'test-results',
      'playwright-report',
      'test/fixtures',
      'samples',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { layers },
    rules: { 'layers/imports': ['error', { root: import.meta.dirname, layers: LAYERS, files: LAYER_EXCEPTIONS }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
