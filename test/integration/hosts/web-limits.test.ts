/**
 * Every request to the browser host is bounded (shared/api/limits.ts): one
 * test per limit. Body sizes are checked against the real `npm run web`
 * process, whose peak memory (VmHWM) is read from /proc.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callBodyBytes, CHANGE_LIMITS } from '../../../shared/api/contract';
import { LIMITS } from '../../../shared/api/limits';
import { createService, type Service } from '../../../backend/service/service';
import { startWebHost, type WebHost } from '../../../backend/hosts/web/server';
import { FRAMED_UPLOAD_TYPE } from '../../../shared/api/upload-frames';
import { corpusSeeds, makeTmpDir } from '../import/fixtures';
import { framedBody } from './upload-helpers';
import { signInOverHttp, startWebHostProcess } from '../../support/web-host';
import { IPC } from '../../../shared/api/bridge';
import { registerIpcHandlers, type BackendLike, type IpcInvokeEvent, type IpcMainLike } from '../../../electron/ipc';

const MB = 1024 * 1024;

interface Sent {
  status: number | null;
  body: string;
  /** Bytes of the body written when the answer arrived. */
  sentWhenAnswered: number;
}

/**
 * Sends a `total`-byte body in 1 MiB chunks (with backpressure) and stops
 * writing as soon as the host answers.
 */
function sendBody(
  url: string,
  total: number,
  headers: Record<string, string>,
  options: { method?: string; declare?: boolean; prefix?: Uint8Array } = {},
): Promise<Sent> {
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      url,
      {
        method: options.method ?? 'POST',
        headers: { ...headers, ...(options.declare === false ? {} : { 'Content-Length': String(total) }) },
      },
      (res) => {
        answered = true;
        const sentWhenAnswered = sent;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? null, body, sentWhenAnswered });
          req.destroy();
        });
      },
    );
    req.on('error', () => {
      if (!answered) resolve({ status: null, body: '', sentWhenAnswered: sent });
    });
    const chunk = Buffer.alloc(MB, 0x5b); // '[' — also a worst case for a JSON parser
    if (options.prefix) {
      req.write(options.prefix);
      sent += options.prefix.length;
    }
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** One call through Electron main's IPC handler (electron/ipc.ts) relaying to `service`, from the app's own page. */
async function ipcCall(service: Service, name: string, args: unknown): Promise<unknown> {
  let handler: ((event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>) | undefined;
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (channel === IPC.send) handler = listener;
    },
    removeHandler: () => undefined,
  };
  const backend: BackendLike = {
    dispatch: (n, a) => service.dispatch(n, a),
    privileged: () => Promise.reject(new Error('not used')),
    upload: () => Promise.reject(new Error('not used')),
  };
  const noDialogs = { openForImport: async () => null, saveForExport: async () => null };
  registerIpcHandlers(ipcMain, () => backend, { ...noDialogs, confirmReplace: async () => false, existing: () => [] });
  return handler!({ senderFrame: { url: 'imr://app/index.html' } }, name, args);
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

describe('body size limits on the real host process', () => {
  let dir: string;
  let child: ChildProcess;
  let origin: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    dir = makeTmpDir('imr-limits-');
    // The built host, as `npm run web` runs it, with the user's folders inside the test's own.
    const host = await startWebHostProcess(['--db', path.join(dir, 'ws.sqlite'), '--port', '0'], dir);
    child = host.child;
    origin = host.origin;
    auth = await signInOverHttp(origin, host.accessCode);
  }, 60_000);

  afterAll(() => {
    child?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 200 MB call bodies with 413 before reading them, declared or not, and its memory stays flat', async () => {
    // Warm up: the first calls load code the host needs anyway.
    await fetch(`${origin}/api/call/stats.get`, { method: 'POST', headers: auth, body: '{}' });
    const before = peakRssMb(child.pid!);
    const total = 200 * MB;
    const url = `${origin}/api/call/stats.get`;
    const results = await Promise.all([
      sendBody(url, total, auth),
      sendBody(url, total, auth, { declare: false }),
      sendBody(url, total, auth, { declare: false }),
    ]);
    for (const result of results) {
      expect(result.status).toBe(413);
      expect(JSON.parse(result.body)).toEqual({
        ok: false,
        error: { code: 'too_large', message: `The request is too large (over ${LIMITS.callBodyBytes / MB} MB)` },
      });
      // The host answered long before the body was all sent.
      expect(result.sentWhenAnswered).toBeLessThan(total / 2);
    }
    const grown = peakRssMb(child.pid!) - before;
    expect(grown).toBeLessThan(64);
    // And it still serves the reviewer.
    const after = await fetch(`${origin}/api/call/stats.get`, { method: 'POST', headers: auth, body: '{}' });
    expect(after.status).toBe(200);
  });

  it('answers an upload over the size limit with 413 before reading it', async () => {
    const open = await fetch(`${origin}/api/call/import.upload.open`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ files: 1 }),
    });
    const { uploadId } = ((await open.json()) as { value: { uploadId: string } }).value;
    const result = await sendBody(
      `${origin}/api/upload/${uploadId}`,
      200 * MB,
      { ...auth, 'Content-Type': FRAMED_UPLOAD_TYPE },
      { method: 'PUT' },
    );
    expect(result.status).toBe(413);
    expect(result.sentWhenAnswered).toBeLessThan(100 * MB);
    expect(JSON.parse(result.body)).toEqual({
      ok: false,
      error: { code: 'too_large', message: 'The upload is too large (over 50 MB)' },
    });
  });

  it('refuses an undeclared upload as soon as it passes the size limit, keeping nothing of it', async () => {
    const open = await fetch(`${origin}/api/call/import.upload.open`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ files: 1 }),
    });
    const { uploadId } = ((await open.json()) as { value: { uploadId: string } }).value;
    // One frame that says it holds a 150 MB letter, then the bytes.
    const prefix = framedBody([{ name: 'huge.pdf', bytes: new Uint8Array(0) }]);
    new DataView(prefix.buffer).setUint32(4, 150 * MB);
    const result = await sendBody(
      `${origin}/api/upload/${uploadId}`,
      200 * MB,
      { ...auth, 'Content-Type': FRAMED_UPLOAD_TYPE },
      { method: 'PUT', declare: false, prefix },
    );
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).error.message).toBe('The upload is too large (over 50 MB)');
    expect(result.sentWhenAnswered).toBeLessThan(100 * MB);
    const spooled = fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.includes(`${path.sep}uploads${path.sep}`) && fs.statSync(path.join(dir, f)).isFile());
    expect(spooled).toEqual([]);
  });

  it('answers a sign-in body over 1 KB with 413', async () => {
    const result = await sendBody(`${origin}/api/session`, 10 * MB, { 'Content-Type': 'application/json' });
    expect(result.status).toBe(413);
  });
});

describe('shape, connection, stream and time limits', () => {
  let dir: string;
  let service: Service;
  let host: WebHost;
  let auth: Record<string, string>;
  const call = async (name: string, body: string) =>
    fetch(`${host.url}api/call/${name}`, { method: 'POST', headers: auth, body });

  beforeEach(async () => {
    dir = makeTmpDir('imr-limits-');
    service = createService({
      dbPath: path.join(dir, 'ws.sqlite'),
      host: 'test',
      samplesDir: null,
      settingsPath: null,
    });
    host = await startWebHost({
      service,
      staticDir: dir,
      port: 0,
      limits: { connections: 4, eventStreams: 2, headersTimeoutMs: 300, requestTimeoutMs: 3_000 },
    });
    auth = await signInOverHttp(new URL(host.url).origin, host.accessCode);
  });
  afterEach(async () => {
    await host.close();
    service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a 2.5 MB split unread, from its declared size or as it streams, and over IPC, with a short answer and nothing written', async () => {
    const imported = await service.privileged.send('import.paths', { paths: [corpusSeeds()[0]!] });
    if (!imported.ok) throw new Error(imported.error.message);
    await service.waitForJob(imported.value.jobId);
    const events = () => service.ctx.db.prepare('SELECT COUNT(*) FROM audit_events').pluck().get() as number;
    const before = events();
    const treatment = 'Physical therapy twice a week for six weeks, lumbar spine. '.repeat(40).trim();
    const body = JSON.stringify({
      caseId: 1,
      reviewer: 'Dana',
      change: { type: 'split-item', index: 0, treatments: Array(Math.ceil(2.5e6 / treatment.length)).fill(treatment) },
    });
    const limit = callBodyBytes('corrections.apply');
    expect(limit).toBe(CHANGE_LIMITS.maxEventBytes + 16 * 1024);
    const refusal = { ok: false, error: { code: 'too_large', message: 'The request is too large (over 272 KB)' } };
    const declared = await call('corrections.apply', body);
    expect(declared.status).toBe(413);
    const answer = await declared.text();
    expect(JSON.parse(answer)).toEqual(refusal);
    expect(answer).not.toContain('Physical therapy');
    // Without a Content-Length the body is cut off once it passes the limit.
    const url = `${host.url}api/call/corrections.apply`;
    const streamed = await sendBody(url, 200 * MB, auth, { declare: false, prefix: Buffer.from(body) });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toEqual(refusal);
    expect(streamed.sentWhenAnswered).toBeLessThan(100 * MB);
    expect(events()).toBe(before);
    // Electron IPC, relaying to the same service, refuses the same call with the same answer.
    const viaIpc = await ipcCall(service, 'corrections.apply', JSON.parse(body));
    expect(viaIpc).toEqual({ ok: false, error: refusal.error });
    expect(JSON.stringify(viaIpc)).not.toContain('Physical therapy');
    expect(events()).toBe(before);
    // A change of ordinary size still goes through.
    const split = { type: 'split-item', index: 0, treatments: ['Physical therapy', 'Massage'] };
    const accepted = await call('corrections.apply', JSON.stringify({ caseId: 1, reviewer: 'Dana', change: split }));
    expect(await accepted.json()).toMatchObject({ ok: true });
    expect(events()).toBe(before + 1);
    const acceptedViaIpc = await ipcCall(service, 'corrections.apply', { caseId: 1, reviewer: 'Dana', change: split });
    expect(acceptedViaIpc).toMatchObject({ ok: true });
    expect(events()).toBe(before + 2);
  });

  it('refuses JSON nested deeper than the limit before parsing it', async () => {
    const deep = `{"filter":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    const answer = await call('cases.list', deep);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: `The request is nested deeper than ${LIMITS.inputDepth} levels` },
    });
    // Brackets inside strings are text, not nesting.
    const quoted = await call('cases.list', JSON.stringify({ filter: { search: '['.repeat(400) } }));
    expect(await quoted.json()).toMatchObject({ ok: true });
  });

  it('refuses 2,000,000 empty objects (6 MB, under the body limit) before parsing them, and answers the next call', async () => {
    const body = `{"format":"xlsx","caseIds":[${new Array(2_000_000).fill('{}').join(',')}]}`;
    expect(body.length).toBeLessThan(LIMITS.callBodyBytes);
    const [refused, stats] = await Promise.all([call('export.start', body), call('stats.get', '{}')]);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: `The request holds more than ${LIMITS.inputContainers.toLocaleString('en-US')} lists and objects`,
      },
    });
    expect(await stats.json()).toMatchObject({ ok: true });
    // Over IPC (decoded already) the same limit, by the value walk.
    const viaIpc = await ipcCall(service, 'export.start', { format: 'xlsx', caseIds: new Array(60_000).fill({}) });
    expect(viaIpc).toMatchObject({
      ok: false,
      error: {
        message: `export.start: the input holds more than ${LIMITS.inputContainers.toLocaleString('en-US')} lists and objects`,
      },
    });
  });

  it('refuses 1,000,000 wrong case ids with one short reason, and takes 1,000,000 right ones', async () => {
    const wrong = await (
      await call('export.start', JSON.stringify({ format: 'csv', caseIds: new Array(1_000_000).fill('a') }))
    ).json();
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'export.start: caseIds.0: a case id is a positive whole number' },
    });
    const ids = Array.from({ length: 1_000_000 }, (_, i) => i + 1);
    const right = await (await call('export.start', JSON.stringify({ format: 'csv', caseIds: ids }))).json();
    expect(right).toMatchObject({ ok: true });
    const values = await (
      await call('cases.list', `{"filter":{},"x":[${new Array(LIMITS.inputEntries + 1).fill(0).join(',')}]}`)
    ).json();
    expect(values).toMatchObject({
      ok: false,
      error: { message: `The request holds more than ${LIMITS.inputEntries.toLocaleString('en-US')} values` },
    });
  });

  it('refuses an over-long list and an over-long string, without repeating them', async () => {
    const list = `{"caseIds":[${new Array(1_000_001).fill(7).join(',')}]}`;
    const refusedList = await (await call('export.start', list)).text();
    expect(JSON.parse(refusedList)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: /caseIds/ } });
    expect(refusedList.length).toBeLessThan(1000);
    const text = 'x'.repeat(2_000_000);
    const answer = await (await call('cases.list', JSON.stringify({ filter: { search: text } }))).text();
    expect(JSON.parse(answer)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: /search/ } });
    expect(answer).not.toContain('xxxxxxxxxxxxxxxxxxxx');
    expect(answer.length).toBeLessThan(1000);
  });

  it('answers unreadable JSON and a foreign content type with fixed messages', async () => {
    const broken = await call('stats.get', '{"secret-looking-input": ');
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toContain('secret-looking-input');
    const form = await fetch(`${host.url}api/call/stats.get`, {
      method: 'POST',
      headers: { Authorization: auth.Authorization!, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const longName = await fetch(`${host.url}api/call/${'x'.repeat(5000)}`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    expect(longName.status).toBe(404);
    expect((await longName.text()).length).toBeLessThan(200);
  });

  it('closes connections past the cap before reading them', async () => {
    const origin = new URL(host.url);
    const sockets = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(Number(origin.port), origin.hostname, () => resolve(s));
          }),
      ),
    );
    const extra = net.connect(Number(origin.port), origin.hostname);
    await new Promise<void>((resolve) => extra.on('close', () => resolve()).on('error', () => undefined));
    for (const s of sockets) s.destroy();
    // Room again once the others are gone.
    await expect
      .poll(
        async () =>
          (await fetch(`${host.url}api/call/stats.get`, { method: 'POST', headers: auth, body: '{}' })).status,
      )
      .toBe(200);
  });

  it('refuses event streams past the cap', async () => {
    const controllers = [new AbortController(), new AbortController()];
    const open = await Promise.all(
      controllers.map((c) => fetch(`${host.url}api/events`, { headers: auth, signal: c.signal })),
    );
    expect(open.map((r) => r.status)).toEqual([200, 200]);
    const third = await fetch(`${host.url}api/events`, { headers: auth });
    expect(third.status).toBe(503);
    for (const c of controllers) c.abort();
  });

  it('drops a connection whose headers do not arrive in time', async () => {
    const origin = new URL(host.url);
    const socket = net.connect(Number(origin.port), origin.hostname);
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.write('POST /api/call/stats.get HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('drops a request whose body does not arrive in time', async () => {
    const origin = new URL(host.url);
    const socket = net.connect(Number(origin.port), origin.hostname);
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // Complete, signed-in headers; then 10 of the 100 bytes promised, and nothing more.
    socket.write(
      `POST /api/call/stats.get HTTP/1.1\r\nHost: ${origin.host}\r\nAuthorization: ${auth.Authorization}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":    ',
    );
    await closed;
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    // The host still answers others.
    expect((await call('stats.get', '{}')).status).toBe(200);
  });
});
