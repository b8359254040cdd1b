import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Service } from '../../service/service';
import {
  assertLoopbackHost,
  bearerToken,
  CONTENT_SECURITY_POLICY,
  isAllowedHostHeader,
  isAllowedOrigin,
  newToken,
  readCookie,
  safeStaticPath,
  TOKEN_COOKIE,
  tokensEqual,
} from './security';

export interface WebHostOptions {
  service: Service;
  /** Built renderer (dist/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  /** Fixed token for tests; random per run otherwise. */
  token?: string;
  /** Largest accepted request body (dropped files arrive base64 in the body). */
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
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

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The browser host: the real renderer and the API over HTTP on loopback only,
 * guarded by a random per-run token (cookie after the first visit, or a
 * Bearer header). It exists so the UI is testable in Chromium and for demos.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackHost(host);
  const token = options.token ?? newToken();
  const maxBody = options.maxBodyBytes ?? 120 * 1024 * 1024;
  const { service } = options;
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const unsubscribe = service.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(err) } });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!isAllowedHostHeader(req.headers.host, port)) return sendText(res, 421, 'Misdirected request');
    if (!isAllowedOrigin(req.headers.origin, port)) return sendText(res, 403, 'Cross-origin requests are refused');

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const queryToken = url.searchParams.get('token');
    const given = bearerToken(req.headers.authorization) ?? readCookie(req.headers.cookie, TOKEN_COOKIE) ?? queryToken;
    if (!tokensEqual(token, given)) {
      return sendText(res, 401, 'IMR Workbench: this address needs the token printed when the host started.');
    }
    if (queryToken) {
      // The URL token is traded for a cookie so assets, fetches and the event
      // stream authenticate without the token staying in the address bar.
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    }

    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    return serveStatic(res, url.pathname);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    const call = /^\/api\/call\/([\w.]+)$/.exec(url.pathname);
    if (call) {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST');
      let args: unknown;
      try {
        const body = await readBody(req, maxBody);
        args = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch (err) {
        return sendJson(res, 400, {
          ok: false,
          error: { code: 'invalid_input', message: err instanceof Error ? err.message : 'Unreadable request body' },
        });
      }
      return sendJson(res, 200, await service.dispatch(call[1], args));
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    return sendJson(res, 404, {
      ok: false,
      error: { code: 'not_found', message: `No such endpoint: ${url.pathname}` },
    });
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
    url: `http://${urlHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const client of sseClients) client.end();
        sseClients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`Request too large (over ${Math.round(limit / 1024 / 1024)} MB)`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
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
