/**
 * Bounds on what one caller may ask of the service, in one place. The hosts
 * (HTTP, Electron IPC) enforce the transport limits, the contract the shape
 * limits; the per-field limits (a treatment's length, a change's size) live
 * in the zod schemas of contract.ts.
 */
export const LIMITS = {
  /** One API call's JSON body over HTTP (an export of 1,000,000 selected case ids is ~7.6 MiB). */
  callBodyBytes: 8 * 1024 * 1024,
  /** Nesting of objects and arrays in one call's input; the deepest real input (a correction's value) is 3. */
  inputDepth: 16,
  /** Any one array in a call's input (zod schemas set tighter limits per field). */
  arrayItems: 1_000_000,
  /** Any one string in a call's input (zod schemas set tighter limits per field). */
  stringChars: 1_000_000,
  /** One letter file; larger files are rejected unread (the importer's rule for files on disk too). */
  letterFileBytes: 50 * 1024 * 1024,
  /** Letters in one upload (files and folders dropped or picked at once). */
  uploadFiles: 20_000,
  /** Bytes in one upload. */
  uploadBytes: 4 * 1024 * 1024 * 1024,
  /** Uploads open at the same time (one per import the reviewer started and has not finished sending). */
  openUploads: 4,
  /** An upload that receives nothing for this long is abandoned and its files removed. */
  uploadIdleMs: 5 * 60 * 1000,
  /** Browser host: TCP connections at once (a browser opens at most 6 per host, plus the event streams). */
  connections: 64,
  /** Browser host: event streams at once (one per open tab). */
  eventStreams: 8,
  /** A call that has not answered after this long gets a timeout error (long work runs as a job instead). */
  callTimeoutMs: 60_000,
  /** Browser host: time to receive a request's headers. */
  headersTimeoutMs: 10_000,
  /** Browser host: time to receive a whole request (a 50 MB letter over loopback takes well under a second). */
  requestTimeoutMs: 120_000,
  /** Longest error message sent back; inputs are never echoed beyond this. */
  errorMessageChars: 300,
} as const;

/**
 * Structural check of a call's input before schema validation: depth, array
 * lengths and string lengths, so that no schema (nor a `z.unknown()` value)
 * ever walks or stores something unbounded. Iterative, so a hostile depth
 * cannot overflow the stack. Returns a one-line reason, or null when fine.
 */
export function inputShapeProblem(value: unknown): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.length > LIMITS.stringChars) return `a text value is longer than ${LIMITS.stringChars} characters`;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= LIMITS.inputDepth) return `the input is nested deeper than ${LIMITS.inputDepth} levels`;
    if (Array.isArray(current)) {
      if (current.length > LIMITS.arrayItems) return `a list has more than ${LIMITS.arrayItems} entries`;
      for (const item of current) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(current);
    if (entries.length > LIMITS.arrayItems) return `an object has more than ${LIMITS.arrayItems} keys`;
    for (const [key, item] of entries) {
      if (key.length > LIMITS.stringChars) return `a key is longer than ${LIMITS.stringChars} characters`;
      stack.push({ value: item, depth: depth + 1 });
    }
  }
  return null;
}

/** Cuts a message to LIMITS.errorMessageChars so no error repeats a large input. */
export function boundedMessage(message: string, max: number = LIMITS.errorMessageChars): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
}
