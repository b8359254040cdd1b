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

/**
 * Query parameters that look like a credential. The host never reads a
 * credential from a URL (URLs end up in History, Sessions, logs and Referer
 * headers); a request that carries one is refused outright, so a link or a
 * habit that puts one there fails loudly instead of leaking.
 */
const CREDENTIAL_PARAMS = ['token', 'session', 'code', 'access_code', 'key'];

export function credentialInQuery(url: URL): boolean {
  for (const name of url.searchParams.keys()) if (CREDENTIAL_PARAMS.includes(name.toLowerCase())) return true;
  return false;
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
