import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * How a browser tab proves it belongs to the reviewer who started the host.
 *
 * The host prints an access code on its own terminal; the reviewer types or
 * pastes it into the page, which swaps it once (POST /api/session) for a
 * session id it keeps in memory and sends as `Authorization: Bearer` on each
 * request. Nothing is stored where another page, another local port or the
 * browser's profile could find it:
 *
 * - no cookie: cookies ignore ports, so any other server on 127.0.0.1 would
 *   receive it;
 * - no token in any URL: Chromium records every URL it commits in History and
 *   Sessions even when the page rewrites it at once (measured: replaceState,
 *   a redirect and a meta refresh all leave the first URL in History);
 * - no sessionStorage or localStorage (both are written to the profile).
 *
 * A reload or a new tab asks for the code again. The code stays valid while
 * the host runs; it has 120 random bits, so guessing is hopeless even without
 * a lockout (a lockout would let any local process lock the reviewer out).
 */

/** Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 24;
/** Sessions at once (tabs signed in); the oldest goes first. */
export const MAX_SESSIONS = 32;

/** A new access code, grouped for reading: "7QK2-M9XD-…". */
export function newAccessCode(): string {
  let code = '';
  for (let i = 0; i < CODE_CHARS; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.match(/.{4}/g)!.join('-');
}

/** What the reviewer typed, as the code's canonical characters (case, spaces, dashes and look-alikes forgiven). */
export function normalizeAccessCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export class SessionStore {
  private readonly code: Buffer;
  /** sha256 of each session id → when it was made (insertion order = age). */
  private readonly sessions = new Map<string, number>();

  constructor(accessCode: string) {
    this.code = digest(normalizeAccessCode(accessCode));
  }

  /** Swaps a correct access code for a new session id; null for a wrong one. */
  signIn(typed: unknown): string | null {
    if (typeof typed !== 'string' || typed.length > 200) return null;
    if (!timingSafeEqual(digest(normalizeAccessCode(typed)), this.code)) return null;
    const session = randomBytes(32).toString('base64url');
    this.sessions.set(digest(session).toString('hex'), Date.now());
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return session;
  }

  /** True for a session id this store issued and has not revoked. */
  valid(session: string | null): boolean {
    return session !== null && session.length <= 100 && this.sessions.has(digest(session).toString('hex'));
  }

  revoke(session: string | null): void {
    if (session !== null) this.sessions.delete(digest(session).toString('hex'));
  }
}
