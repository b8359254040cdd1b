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

function send(message: Record<string, unknown> & { id: number }): Promise<unknown> {
  const id = message.id;
  child.send(message);
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

/** A renderer-facing call, as main relays it. */
const request = (id: number, name: string, args: unknown) => send({ kind: 'call', id, name, args });

beforeAll(async () => {
  child = fork(path.join(PROJECT_ROOT, 'dist-electron/backend.cjs'), [], {
    execArgv: ['-r', path.join(import.meta.dirname, 'parent-port-shim.cjs')],
    // As main starts it: a minimal environment (electron/backend-env.ts), nothing inherited beyond it.
    env: { PATH: process.env.PATH ?? '', HOME: tmp, IMR_DB: path.join(tmp, 'ws.imr.sqlite') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Electron's utility-process messages are structured clones (Uint8Array stays bytes), like Node's advanced mode.
    serialization: 'advanced',
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

  it('takes privileged calls only as main’s own messages, and upload bytes as uploads', async () => {
    const letters = path.join(tmp, 'letters');
    fs.mkdirSync(letters);
    fs.copyFileSync(
      path.join(
        PROJECT_ROOT,
        'samples',
        fs.readdirSync(path.join(PROJECT_ROOT, 'samples')).find((f) => f.endsWith('.txt'))!,
      ),
      path.join(letters, 'a.txt'),
    );
    // Relayed renderer calls cannot name a privileged call…
    expect(await request(5, 'grants.issue', { purpose: 'import', paths: [letters] })).toMatchObject({
      ok: false,
      error: { message: 'Unknown API call: grants.issue' },
    });
    // …main can, after its dialog; the renderer then uses the grant.
    const granted = (await send({
      kind: 'privileged',
      id: 6,
      name: 'grants.issue',
      args: { purpose: 'import', paths: [letters] },
    })) as {
      ok: true;
      value: { grant: string };
    };
    expect(granted).toMatchObject({ ok: true, value: { label: letters } });
    expect(await request(7, 'import.start', { grant: granted.value.grant })).toMatchObject({ ok: true });

    const opened = (await request(8, 'import.upload.open', { files: 1 })) as { ok: true; value: { uploadId: string } };
    const bytes = new Uint8Array(fs.readFileSync(path.join(letters, 'a.txt')));
    expect(
      await send({ kind: 'upload', id: 9, uploadId: opened.value.uploadId, files: [{ name: 'dropped.txt', bytes }] }),
    ).toEqual({ ok: true, value: { received: 1, failed: [] } });
  });
});
