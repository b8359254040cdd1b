import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Pure guards for the loopback browser host, kept apart from the server so
 * each rule has a unit test.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** Only loopback binds are allowed: the host serves medical letters. */
export function assertLoopbackHost(host: string): void {
  if (!LOOPBACK_HOSTS.has(host.trim().toLowerCase())) {
    throw new Error(
      `Refusing to listen on ${host}: the browser host serves only this machine (use 127.0.0.1, ::1 or localhost).`,
    );
  }
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const TOKEN_COOKIE = 'imr_token';

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * DNS-rebinding guard: a page on evil.example that resolves to 127.0.0.1
 * still sends `Host: evil.example`, so only our own loopback names pass.
 */
export function isAllowedHostHeader(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  return allowed.includes(hostHeader.toLowerCase());
}

/** Cross-site requests carry a foreign Origin; same-origin fetches carry ours or none. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`].includes(
    origin.toLowerCase(),
  );
}

export { CONTENT_SECURITY_POLICY } from '../../../shared/api/csp';

/** Resolves a request path inside `root`; null when it would escape it. */
export function safeStaticPath(root: string, urlPath: string, join: (a: string, b: string) => string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const segments = decoded.split(/[\\/]+/).filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  return join(root, segments.join('/'));
}
