import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertLoopbackHost,
  bearerToken,
  credentialInQuery,
  isAllowedHostHeader,
  isAllowedOrigin,
  safeStaticPath,
} from '../../../backend/hosts/web/security';
import { MAX_SESSIONS, newAccessCode, normalizeAccessCode, SessionStore } from '../../../backend/hosts/web/sessions';

describe('browser host guards', () => {
  it.each(['127.0.0.1', '::1', 'localhost', 'LOCALHOST'])('accepts the loopback bind %s', (host) => {
    expect(() => assertLoopbackHost(host)).not.toThrow();
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.org', '127.0.0.2.nip.io', ''])(
    'refuses the non-loopback bind %j',
    (host) => {
      expect(() => assertLoopbackHost(host)).toThrow(/Refusing to listen/);
    },
  );

  it('makes random access codes of 120 bits, forgiving case, dashes, spaces and look-alike letters', () => {
    const code = newAccessCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(newAccessCode()).not.toBe(code);
    expect(normalizeAccessCode(` ${code.toLowerCase().replaceAll('-', ' ')} `)).toBe(code.replaceAll('-', ''));
    expect(normalizeAccessCode('o0-Il')).toBe('0011');
  });

  it('swaps the access code for sessions, refuses anything else, and revokes', () => {
    const code = newAccessCode();
    const store = new SessionStore(code);
    for (const wrong of ['', 'nope', newAccessCode(), null, 42, { code }, 'x'.repeat(10_000)]) {
      expect(store.signIn(wrong)).toBeNull();
    }
    const session = store.signIn(code.toLowerCase())!;
    expect(session).toMatch(/^[\w-]{43}$/);
    expect(store.valid(session)).toBe(true);
    // The access code itself is not a session.
    expect(store.valid(code)).toBe(false);
    expect(store.valid(null)).toBe(false);
    store.revoke(session);
    expect(store.valid(session)).toBe(false);
  });

  it('keeps at most MAX_SESSIONS sessions, dropping the oldest', () => {
    const code = newAccessCode();
    const store = new SessionStore(code);
    const sessions = Array.from({ length: MAX_SESSIONS + 1 }, () => store.signIn(code)!);
    expect(store.valid(sessions[0]!)).toBe(false);
    expect(sessions.slice(1).every((s) => store.valid(s))).toBe(true);
  });

  it('reads a session from a Bearer header only, and spots credentials in a query string', () => {
    expect(bearerToken('Bearer xyz')).toBe('xyz');
    expect(bearerToken('Basic xyz')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    for (const query of ['?token=a', '?TOKEN=a', '?session=a', '?x=1&code=a']) {
      expect(credentialInQuery(new URL(`http://127.0.0.1:1/api/call/stats.get${query}`))).toBe(true);
    }
    expect(credentialInQuery(new URL('http://127.0.0.1:1/assets/index.js?v=3'))).toBe(false);
  });

  it('accepts only our own Host and Origin (DNS rebinding, cross-site requests)', () => {
    expect(isAllowedHostHeader('127.0.0.1:5174', 5174)).toBe(true);
    expect(isAllowedHostHeader('localhost:5174', 5174)).toBe(true);
    expect(isAllowedHostHeader('evil.example:5174', 5174)).toBe(false);
    expect(isAllowedHostHeader('127.0.0.1:9999', 5174)).toBe(false);
    expect(isAllowedHostHeader(undefined, 5174)).toBe(false);
    expect(isAllowedOrigin(undefined, 5174)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5174', 5174)).toBe(true);
    expect(isAllowedOrigin('https://evil.example', 5174)).toBe(false);
    expect(isAllowedOrigin('null', 5174)).toBe(false);
  });

  it('keeps static paths inside the renderer folder', () => {
    const root = '/srv/renderer';
    expect(safeStaticPath(root, '/assets/index.js', path.join)).toBe('/srv/renderer/assets/index.js');
    expect(safeStaticPath(root, '/../../etc/passwd', path.join)).toBeNull();
    expect(safeStaticPath(root, '/assets/%2e%2e/%2e%2e/secret', path.join)).toBeNull();
    expect(safeStaticPath(root, '/a%00b', path.join)).toBeNull();
    expect(safeStaticPath(root, '/%E0%A4%A', path.join)).toBeNull();
    expect(safeStaticPath(root, '/assets\\..\\..\\x', path.join)).toBeNull();
  });
});
