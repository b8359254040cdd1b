import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertLoopbackHost,
  bearerToken,
  isAllowedHostHeader,
  isAllowedOrigin,
  newToken,
  readCookie,
  safeStaticPath,
  tokensEqual,
} from '../../../backend/hosts/web/security';

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

  it('makes long random tokens and compares them in constant time', () => {
    const a = newToken();
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(newToken()).not.toBe(a);
    expect(tokensEqual(a, a)).toBe(true);
    expect(tokensEqual(a, `${a}x`)).toBe(false);
    expect(tokensEqual(a, '')).toBe(false);
    expect(tokensEqual(a, null)).toBe(false);
  });

  it('reads the token from a cookie or a Bearer header', () => {
    expect(readCookie('a=1; imr_token=abc%2D1; b=2', 'imr_token')).toBe('abc-1');
    expect(readCookie('a=1', 'imr_token')).toBeNull();
    expect(readCookie(undefined, 'imr_token')).toBeNull();
    expect(bearerToken('Bearer xyz')).toBe('xyz');
    expect(bearerToken('Basic xyz')).toBeNull();
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
