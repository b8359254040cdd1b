#!/usr/bin/env node
// `imr` on PATH (npm link / npx imr): run the TypeScript CLI through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
