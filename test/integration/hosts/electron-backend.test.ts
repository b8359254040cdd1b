import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './cli-helpers';

/**
 * The desktop app's backend runs in an Electron utilityProcess. No Electron
 * binary here, so this test runs the very bundle main would fork
 * (dist-electron/backend.cjs, built by the test set-up) under Node with parentPort emulated, and talks
 * the same request/reply protocol as electron/backend-client.ts.
 */
let child: ChildProcess;
const messages: { kind: string; id?: number; result?: unknown; message?: string }[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-backend-'));

function request(id: number, name: string, args: unknown): Promise<unknown> {
  child.send({ id, name, args });
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const reply = messages.find((m) => m.kind === 'reply' && m.id === id);
      if (reply) {
        clearInterval(poll);
        resolve(reply.result);
      }
    }, 10);
  });
}

beforeAll(async () => {
  child = fork(path.join(PROJECT_ROOT, 'dist-electron/backend.cjs'), [], {
    execArgv: ['-r', path.join(import.meta.dirname, 'parent-port-shim.cjs')],
    env: { ...process.env, IMR_DB: path.join(tmp, 'ws.imr.sqlite') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (m) => messages.push(m as (typeof messages)[number]));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      const first = messages[0];
      if (!first) return;
      clearInterval(poll);
      if (first.kind === 'ready') resolve();
      else reject(new Error(first.message));
    }, 10);
  });
});

afterAll(() => {
  child?.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('Electron backend process bundle', () => {
  it('opens the workspace and answers API calls', async () => {
    expect(await request(1, 'app.info', {})).toMatchObject({
      ok: true,
      value: { host: 'electron', schemaVersion: expect.any(Number) },
    });
    expect(await request(2, 'stats.get', {})).toMatchObject({ ok: true, value: { cases: 0, documents: 0 } });
  });

  it('returns invalid input as an error value, not a crash', async () => {
    expect(await request(3, 'cases.get', { caseId: -1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await request(4, 'no.such.call', {})).toMatchObject({
      ok: false,
      error: { message: 'Unknown API call: no.such.call' },
    });
    expect(child.exitCode).toBeNull();
  });
});
