import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** The `imr` package bin, which runs the built CLI (dist/node/cli.mjs; test/global-setup.ts rebuilds it when stale). */
export const IMR_BIN = path.join(PROJECT_ROOT, 'backend/hosts/cli/bin.mjs');

/** Runs the CLI as a user does (`imr …`, `npm run imr -- …`). */
export function runImr(
  args: string[],
  options: { cwd?: string; timeout?: number; env?: NodeJS.ProcessEnv } = {},
): CliRun {
  const result = spawnSync(process.execPath, [IMR_BIN, ...args], {
    env: options.env ?? process.env,
    cwd: options.cwd ?? PROJECT_ROOT,
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    json: <T>() => JSON.parse(result.stdout) as T,
  };
}
