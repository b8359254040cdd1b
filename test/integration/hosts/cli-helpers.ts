import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs the CLI as `npm run imr` does (tsx, no build step). */
export function runImr(args: string[], options: { cwd?: string; timeout?: number } = {}): CliRun {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'backend/hosts/cli/main.ts'), ...args],
    {
      cwd: options.cwd ?? PROJECT_ROOT,
      encoding: 'utf8',
      timeout: options.timeout ?? 120_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    json: <T>() => JSON.parse(result.stdout) as T,
  };
}
