import type http from 'node:http';
import { LIMITS, SHAPE_PROBLEMS, type ShapeProblem } from '../../../shared/api/limits';
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
 * What is wrong with the shape of a JSON text (shared/api/limits.ts: nesting,
 * lists and objects, values in all), or null: a linear scan of the text
 * (brackets and commas inside strings do not count) that stops at the first
 * limit passed, so a body of a million `[`, or of 2,000,000 `{}` (6 MB, under
 * the body limit), is refused before JSON.parse builds a million objects from
 * it. Counts entries by their commas: a duplicated key counts twice, which
 * only a made-up body has.
 */
export function jsonTextShapeProblem(text: string): ShapeProblem | null {
  let depth = 0;
  let containers = 0;
  let entries = 0;
  /** Whether the list or object open at each depth has an entry yet (an empty one has none, `[1]` one, `[1,2]` two). */
  const filled: boolean[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (c === 0x5d || c === 0x7d) {
      // ] }
      if (filled[depth] === true) entries++;
      depth--;
      continue;
    }
    if (depth > 0 && filled[depth] !== true) filled[depth] = true;
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      // [ {
      if (++depth > LIMITS.inputDepth) return 'depth';
      if (++containers > LIMITS.inputContainers) return 'containers';
      filled[depth] = false;
    } else if (c === 0x2c && depth > 0) {
      // , : one entry ends
      if (++entries > LIMITS.inputEntries) return 'entries';
    }
  }
  return null;
}

/**
 * A JSON body (empty = `{}`) within the input limits of shared/api/limits.ts
 * (jsonTextShapeProblem); unreadable JSON gets a fixed message, not the
 * parser's excerpt of the input.
 */
export async function readJsonBody(req: http.IncomingMessage, limit: number, what: string): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'Send JSON (Content-Type: application/json)');
  const text = await readBodyText(req, limit, what);
  if (text.trim() === '') return {};
  const shape = jsonTextShapeProblem(text);
  if (shape) throw new HttpError(400, `${what} ${SHAPE_PROBLEMS[shape]}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON');
  }
}
