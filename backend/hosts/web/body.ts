import type http from 'node:http';
import { LIMITS } from '../../../shared/api/limits';
import { tooLargeMessage } from '../../../shared/api/call-size';

/** A refusal with its HTTP status; the message is fixed text, never a copy of the input. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The declared body size, or null when the request does not say (chunked). */
export function declaredLength(req: http.IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * Refuses a body that says it is over `limit` before reading a byte of it,
 * so a 200 MB body costs nothing but the 413.
 */
export function refuseDeclaredOver(req: http.IncomingMessage, limit: number, what: string): void {
  const declared = declaredLength(req);
  if (declared !== null && declared > limit) {
    throw new HttpError(413, tooLargeMessage(what, limit));
  }
}

/** The body as text, at most `limit` bytes (chunksOf), so memory never holds more than `limit` per request. */
export async function readBodyText(req: http.IncomingMessage, limit: number, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of chunksOf(req, limit, what)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The chunks of a request body, with backpressure, at most `limit` bytes: a
 * declared length over it is refused unread, an undeclared one as soon as it
 * passes it. Unlike iterating the request itself, stopping early leaves the
 * connection open, so the host can still answer 413 rather than reset it.
 */
export async function* chunksOf(req: http.IncomingMessage, limit: number, what: string): AsyncGenerator<Buffer> {
  refuseDeclaredOver(req, limit, what);
  let size = 0;
  for (;;) {
    const chunk = req.read() as Buffer | null;
    if (chunk !== null) {
      size += chunk.length;
      if (size > limit) throw new HttpError(413, tooLargeMessage(what, limit));
      yield chunk;
      continue;
    }
    if (req.readableEnded) return;
    if (req.destroyed) throw new HttpError(400, 'The connection closed before the body arrived');
    await new Promise<void>((resolve) => {
      const wake = () => {
        req.off('readable', wake);
        req.off('end', wake);
        req.off('close', wake);
        resolve();
      };
      req.on('readable', wake);
      req.on('end', wake);
      req.on('close', wake);
    });
  }
}

/**
 * True when the JSON text nests arrays and objects deeper than `max`. A linear
 * scan of the text (brackets inside strings do not count), so a body of a
 * million `[` is refused before the parser builds a million arrays from it.
 */
export function jsonNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * A JSON body (empty = `{}`), nested at most LIMITS.inputDepth deep; unreadable
 * JSON gets a fixed message, not the parser's excerpt of the input.
 */
export async function readJsonBody(req: http.IncomingMessage, limit: number, what: string): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'Send JSON (Content-Type: application/json)');
  const text = await readBodyText(req, limit, what);
  if (text.trim() === '') return {};
  if (jsonNestedDeeperThan(text, LIMITS.inputDepth)) {
    throw new HttpError(400, `${what} is nested deeper than ${LIMITS.inputDepth} levels`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON');
  }
}
