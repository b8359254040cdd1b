import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { callBodyBytes, isApiName, unknownCall } from '../../../shared/api/contract';
import { boundedMessage, LIMITS } from '../../../shared/api/limits';
import { FRAMED_UPLOAD_TYPE, MAX_UPLOAD_REQUEST_BYTES } from '../../../shared/api/upload-frames';
import type { Service } from '../../service/service';
import { ApiFailure } from '../../service/errors';
import { TooLargeError } from '../../service/uploads';
import { chunksOf, HttpError, readJsonBody } from './body';
import { readFrames } from './upload-frames';
import {
  assertLoopbackHost,
  bearerToken,
  CONTENT_SECURITY_POLICY,
  credentialInQuery,
  isAllowedHostHeader,
  isAllowedOrigin,
  safeStaticPath,
} from './security';
import { newAccessCode, SessionStore } from './sessions';
import { errorText } from '../../../shared/api/error-text';

export interface WebHostOptions {
  service: Service;
  /** Built renderer (dist/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  /** Fixed access code for tests; random per run otherwise. */
  accessCode?: string;
  /** Tests: smaller transport limits (connections, streams, timeouts) than shared/api/limits.ts. */
  limits?: Partial<Record<TransportLimit, number>>;
}

type TransportLimit = 'connections' | 'eventStreams' | 'headersTimeoutMs' | 'requestTimeoutMs' | 'callBodyBytes';

export interface WebHost {
  /** The address to open; it carries no credential. */
  url: string;
  port: number;
  /** Printed on the host's terminal; the page asks for it. */
  accessCode: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const DOWNLOAD_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** A session sign-in is a few dozen bytes. */
const SESSION_BODY_BYTES = 1024;
/** Comment lines on idle event streams, so a tab that went away is noticed. */
const EVENT_PING_MS = 25_000;

/**
 * The browser host: the real renderer and the API over HTTP on loopback only.
 * The app's static files are public (they are the app's code, nothing of the
 * reviewer's); every /api/ request needs a session from the access code
 * (sessions.ts), sent as a header. Requests are bounded (shared/api/limits.ts):
 * body sizes answer 413 before the body is read, connections, event streams,
 * headers and whole requests have caps and timeouts, and errors never repeat
 * the input.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackHost(host);
  const accessCode = options.accessCode ?? newAccessCode();
  const sessions = new SessionStore(accessCode);
  const { service } = options;
  const limits = { ...LIMITS, ...options.limits };
  const eventStreams = new Set<http.ServerResponse>();
  let port = 0;

  const unsubscribe = service.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of eventStreams) client.write(frame);
  });
  const ping = setInterval(() => {
    for (const client of eventStreams) client.write(': ping\n\n');
  }, EVENT_PING_MS);
  ping.unref();

  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node looks for requests past those timeouts (its default, 30 s, would triple them).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      handle(req, res).catch((err: unknown) => fail(req, res, err));
    },
  );
  // Connections past the cap are closed at once by Node, before any request is read.
  server.maxConnections = limits.connections;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!isAllowedHostHeader(req.headers.host, port)) return sendText(res, 421, 'Misdirected request');
    if (!isAllowedOrigin(req.headers.origin, port)) return sendText(res, 403, 'Cross-origin requests are refused');

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (credentialInQuery(url)) {
      const message =
        'IMR Workbench never takes a credential in an address. Open the address without it and enter the access code the host printed.';
      // A page address is read by a person in the browser: plain text, not an API error.
      if (!url.pathname.startsWith('/api/')) return sendText(res, 400, message);
      throw new HttpError(400, message);
    }
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
      return serveStatic(res, url.pathname);
    }
    res.setHeader('Cache-Control', 'no-store');
    if (url.pathname === '/api/session') return handleSession(req, res);

    const session = bearerToken(req.headers.authorization);
    if (!sessions.valid(session)) {
      throw new HttpError(401, 'Not signed in: enter the access code printed by the host.');
    }
    const call = /^\/api\/call\/([\w.]{1,100})$/.exec(url.pathname);
    if (call) {
      if (req.method !== 'POST') throw new HttpError(405, 'Use POST');
      const name = call[1]!;
      // Known before the body is read: an unknown call or a body larger than the call can use is refused unread.
      if (!isApiName(name)) throw new HttpError(400, unknownCall(name).error.message);
      const args = await readJsonBody(req, Math.min(limits.callBodyBytes, callBodyBytes(name)), 'The request');
      return sendJson(res, 200, await service.dispatch(name, args));
    }
    const upload = /^\/api\/upload\/([\w-]{16,64})$/.exec(url.pathname);
    if (upload) return receiveUpload(req, res, upload[1]!);
    const download = /^\/api\/download\/([\w-]{16,64})$/.exec(url.pathname);
    if (download && (req.method === 'GET' || req.method === 'HEAD')) return sendDownload(req, res, download[1]!);
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(req, res);
    throw new HttpError(404, 'No such endpoint');
  }

  /** POST: access code → session id; DELETE: sign out (a tab closing). */
  async function handleSession(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method === 'DELETE') {
      sessions.revoke(bearerToken(req.headers.authorization));
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST');
    const body = (await readJsonBody(req, SESSION_BODY_BYTES, 'The sign-in')) as { code?: unknown } | null;
    const session = sessions.signIn(body?.code);
    if (!session) throw new HttpError(401, 'That is not the access code this host printed.');
    sendJson(res, 201, { session });
  }

  /** PUT a batch of letters of an open upload (framed, upload-frames.ts); the bytes stream to the private folder. */
  async function receiveUpload(req: http.IncomingMessage, res: http.ServerResponse, uploadId: string) {
    if (req.method !== 'PUT') throw new HttpError(405, 'Use PUT');
    if (req.headers['content-type'] !== FRAMED_UPLOAD_TYPE) throw new HttpError(415, `Send ${FRAMED_UPLOAD_TYPE}`);
    const frames = readFrames(chunksOf(req, MAX_UPLOAD_REQUEST_BYTES, 'The upload'));
    sendJson(res, 200, { ok: true, value: await service.files.receive(uploadId, frames) });
  }

  /** A finished export, streamed once; the file is removed when it has been sent in full. */
  async function sendDownload(req: http.IncomingMessage, res: http.ServerResponse, id: string) {
    // A GET takes the file before the first byte goes out (sent once, even to two requests at once); HEAD only looks.
    const sending = req.method !== 'HEAD';
    const file = sending ? service.files.claim(id) : service.files.download(id);
    if (!file) throw new HttpError(404, 'This export is no longer available; export again.');
    try {
      res.writeHead(200, {
        'Content-Type': DOWNLOAD_TYPES[path.extname(file.name).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': file.bytes,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      });
      if (!sending) return void res.end();
      await pipeline(fs.createReadStream(file.path), res);
    } catch (error) {
      if (sending) service.files.unclaim(id);
      throw error;
    }
    service.files.downloaded(id);
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (eventStreams.size >= limits.eventStreams) {
      throw new HttpError(503, `Too many open windows (at most ${limits.eventStreams}); close one and reload.`);
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    eventStreams.add(res);
    req.on('close', () => eventStreams.delete(res));
  }

  function serveStatic(res: http.ServerResponse, pathname: string): void {
    const relative = pathname === '/' ? 'index.html' : pathname;
    const file = safeStaticPath(options.staticDir, relative, path.join);
    if (!file) return sendText(res, 400, 'Bad path');
    let target = file;
    if (!fs.existsSync(target) || !fs.statSync(target).isFile()) {
      // Client-side routes fall back to the app shell; missing assets are 404.
      if (path.extname(relative)) return sendText(res, 404, 'Not found');
      target = path.join(options.staticDir, 'index.html');
      if (!fs.existsSync(target)) return sendText(res, 503, 'The user interface is not built: run `npm run build`.');
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(target)] ?? 'application/octet-stream',
      'Cache-Control': target.endsWith('.html') ? 'no-store' : 'private, max-age=3600',
    });
    fs.createReadStream(target).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === 'localhost' ? '127.0.0.1' : host;

  return {
    url: `http://${urlHost}:${port}/`,
    port,
    accessCode,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        clearInterval(ping);
        for (const client of eventStreams) client.end();
        eventStreams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Status for a failure: refusals keep theirs, a too-large upload is 413, the rest 400 or 500. */
function statusOf(err: unknown): number {
  if (err instanceof HttpError) return err.status;
  if (err instanceof TooLargeError) return 413;
  if (err instanceof ApiFailure) return err.code === 'conflict' || err.code === 'cancelled' ? 409 : 400;
  return 500;
}

/**
 * What a refused request may still send after the answer: it is read and
 * dropped (so the client reads the answer, not a reset), up to this much;
 * past it the connection is cut.
 */
const DISCARD_MAX_BYTES = 256 * 1024 * 1024;

/** Reads and drops the rest of a refused body, keeping memory flat; cuts the connection past DISCARD_MAX_BYTES. */
function discardRest(req: http.IncomingMessage): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_MAX_BYTES) req.socket.destroy();
  });
  req.resume();
}

/**
 * Answers a failed request. A refused body is not read into memory: the
 * answer goes out at once and the rest of the body is dropped as it arrives
 * (discardRest), so the client reads a 413 instead of a reset.
 */
function fail(req: http.IncomingMessage, res: http.ServerResponse, err: unknown): void {
  const status = statusOf(err);
  const message = status === 500 ? 'Internal error' : boundedMessage(errorText(err));
  if (status === 500) process.stderr.write(`imr web: ${err instanceof Error ? (err.stack ?? err.message) : err}\n`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const code =
    status === 500
      ? 'internal'
      : status === 401 || status === 403
        ? 'not_authorised'
        : status === 413
          ? 'too_large'
          : err instanceof ApiFailure
            ? err.code
            : 'invalid_input';
  sendJson(res, status, { ok: false, error: { code, message } });
  if (!req.complete) discardRest(req);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
