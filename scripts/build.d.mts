// Types for scripts/build.mjs, which stays plain JavaScript so that `npm install` can run it without a TypeScript loader.
export type Part = 'node' | 'electron' | 'renderer';
export interface Entry {
  out: string;
  source: string;
  parts: Part[];
  worker?: boolean;
}
export const ENTRIES: Entry[];
export const PARTS: Part[];
export function isStale(part: Part): boolean;
export function runBuild(options?: {
  parts?: Part[];
  ifStale?: boolean;
  log?: (line: string) => void;
}): Promise<Part[]>;
