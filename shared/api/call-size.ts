/**
 * How large one API call may be, measured the same way for every host. The
 * limit is the contract's (`callBodyBytes`: a correction is one event of at
 * most CHANGE_LIMITS.maxEventBytes, other calls LIMITS.callBodyBytes) and is
 * a number of bytes of the call's input as JSON — what the browser host reads
 * off the wire, and what Electron IPC's already-decoded input would be on it.
 * So a call the browser host refuses as too large, IPC refuses too, with the
 * same words.
 */
import { callBodyBytes, type ApiError, type ApiName } from './contract';

/** A limit for a person: "8 MB", "272 KB". */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** "<what> is too large (over 8 MB)": fixed text, never a copy of the input. */
export function tooLargeMessage(what: string, limit: number): string {
  return `${what} is too large (over ${sizeText(limit)})`;
}

/** The refusal of a call over its limit, as both hosts send it (the browser host with HTTP 413). */
export function tooLargeError(limit: number): ApiError {
  return { code: 'too_large', message: tooLargeMessage('The request', limit) };
}

/** Characters JSON writes as a two-character escape (\b \t \n \f \r); other control characters take six (\u001f). */
const SHORT_ESCAPES = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);

/**
 * UTF-8 bytes of `JSON.stringify(text)`, counted without building it and
 * without reading past `budget` (the count returned is then > budget).
 */
function jsonStringBytes(text: string, budget: number): number {
  let bytes = 2; // the quotes
  for (let i = 0; i < text.length && bytes <= budget; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x20) bytes += SHORT_ESCAPES.has(c) ? 2 : 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4; // a pair: one 4-byte character
        i++;
      } else bytes += 6; // a lone surrogate is written as \udXXX
    } else if (c >= 0xdc00 && c <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

/** Values JSON leaves out of an object and writes as null in a list. */
const skipped = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** JSON bytes of a number: digits of a safe integer counted without making a string (a list of a million ids). */
function jsonNumberBytes(n: number): number {
  if (!Number.isFinite(n)) return 4; // null
  if (Number.isSafeInteger(n)) {
    let digits = n < 0 ? 2 : 1;
    for (let rest = Math.abs(n); rest >= 10; rest = Math.floor(rest / 10)) digits++;
    return digits;
  }
  return String(n).length;
}

/**
 * Bytes of a value that holds no list or object (`budget` bounds a string's
 * walk), or -1 when it does, or -2 when JSON cannot carry it (a BigInt).
 */
function scalarBytes(value: unknown, budget: number): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'number':
      return jsonNumberBytes(value);
    case 'string':
      return jsonStringBytes(value, budget);
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      return -1;
    case 'bigint':
      return -2;
    default:
      return 4; // undefined, a function or a symbol: only reached in a list, where JSON writes null
  }
}

/**
 * The UTF-8 size of `value` as JSON (`JSON.stringify`, no spaces), counted
 * without building the text: iteratively (any depth), and stopping as soon as
 * the count passes `limit`, so a 100 MB input costs no more than `limit` bytes
 * of walking. Returns a number > `limit` when over it (a cycle, which JSON
 * cannot write, ends up over any limit), and null when `value` is not JSON
 * data (a Map, a Date, a typed array, a BigInt: what no HTTP body can carry).
 * `undefined` (no input) counts as 0.
 */
export function jsonBytesUpTo(value: unknown, limit: number): number | null {
  if (value === undefined) return 0;
  let bytes = 0;
  const stack: object[] = [];
  /** Counts one value: scalars at once, lists and objects later (from the stack). False: not JSON data. */
  const count = (member: unknown): boolean => {
    const size = scalarBytes(member, limit - bytes);
    if (size === -2) return false;
    if (size === -1) stack.push(member as object);
    else bytes += size;
    return true;
  };
  if (!count(value)) return null;
  while (stack.length > 0 && bytes <= limit) {
    const current = stack.pop()!;
    if (Array.isArray(current)) {
      // The brackets and commas first: a million-entry list may pass the limit before a single item is read.
      bytes += 2 + Math.max(0, current.length - 1);
      for (let i = 0; i < current.length && bytes <= limit; i++) if (!count(current[i])) return null;
      continue;
    }
    const proto = Object.getPrototypeOf(current) as unknown;
    if (proto !== Object.prototype && proto !== null) return null;
    bytes += 2;
    let members = 0;
    for (const key in current) {
      if (bytes > limit) break;
      if (!Object.prototype.hasOwnProperty.call(current, key)) continue;
      const member = (current as Record<string, unknown>)[key];
      if (skipped(member)) continue;
      bytes += jsonStringBytes(key, limit - bytes) + 1 + (members++ > 0 ? 1 : 0);
      if (!count(member)) return null;
    }
  }
  return bytes;
}

/**
 * For a host that receives a call's input already decoded (Electron IPC): the
 * refusal when the input is larger as JSON than the call may be
 * (`callBodyBytes`), or is not JSON data at all; null when it may go on to
 * validation. The browser host applies the same limit to the body it reads.
 */
export function callSizeRefusal(name: ApiName, args: unknown): ApiError | null {
  const limit = callBodyBytes(name);
  const bytes = jsonBytesUpTo(args, limit);
  if (bytes === null) return { code: 'invalid_input', message: 'The request is not JSON data' };
  return bytes > limit ? tooLargeError(limit) : null;
}
