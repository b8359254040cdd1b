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
  /**
   * Lists and objects in one call's input, all together. The most a real
   * input holds is an upload's report of the files it did not send (at most
   * uploadFiles, one object each); 2,000,000 empty objects (6 MB, under
   * callBodyBytes) took JSON.parse 2.7 s of the host's one thread.
   */
  inputContainers: 50_000,
  /**
   * Entries of lists and members of objects in one call's input, all
   * together: the largest real input, an export of 1,000,000 selected cases,
   * has 1,000,002.
   */
  inputEntries: 1_100_000,
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
 * What is wrong with an input's shape, worded once for the value walk below
 * ("the input …") and the browser host's scan of the JSON text before it
 * parses it ("The request …", backend/hosts/web/body.ts).
 */
export const SHAPE_PROBLEMS = {
  depth: `is nested deeper than ${LIMITS.inputDepth} levels`,
  containers: `holds more than ${LIMITS.inputContainers.toLocaleString('en-US')} lists and objects`,
  entries: `holds more than ${LIMITS.inputEntries.toLocaleString('en-US')} values`,
} as const;
export type ShapeProblem = keyof typeof SHAPE_PROBLEMS;

/**
 * Structural check of a call's input, before schema validation: depth, array
 * lengths, string lengths, and the lists, objects and entries it holds in all,
 * so that no schema (nor a `z.unknown()` value) ever walks, or reports on,
 * something unbounded (zod reports every wrong entry of a list: 1,000,000 of
 * them took it 9.6 s). Iterative, so a hostile depth cannot overflow the
 * stack; a list's scalars are looked at where they are, never stacked.
 * Returns a one-line reason, naming where the problem is ("caseIds: a list
 * has more than 1000000 entries"), or null when fine.
 */
export function inputShapeProblem(value: unknown): string | null {
  if (typeof value === 'string') {
    return value.length > LIMITS.stringChars ? `a text value is longer than ${LIMITS.stringChars} characters` : null;
  }
  if (value === null || typeof value !== 'object') return null;
  const stack: { value: object; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  let containers = 0;
  let entries = 0;
  const at = (path: string, problem: string) => (path ? `${path}: ${problem}` : problem);
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (++containers > LIMITS.inputContainers) return `the input ${SHAPE_PROBLEMS.containers}`;
    if (depth >= LIMITS.inputDepth) return `the input ${SHAPE_PROBLEMS.depth}`;
    const isList = Array.isArray(current);
    const members: [string, unknown][] | unknown[] = isList ? current : Object.entries(current);
    if (members.length > LIMITS.arrayItems) {
      return at(
        path,
        isList
          ? `a list has more than ${LIMITS.arrayItems} entries`
          : `an object has more than ${LIMITS.arrayItems} keys`,
      );
    }
    entries += members.length;
    if (entries > LIMITS.inputEntries) return `the input ${SHAPE_PROBLEMS.entries}`;
    const child = (key: string) => `${path ? `${path}.` : ''}${key.slice(0, 40)}`; // a name, never a large key
    for (let i = 0; i < members.length; i++) {
      let item: unknown;
      let key: string | null = null; // made only for a message or a path (a list of 1,000,000 ids needs none)
      if (isList) item = members[i];
      else {
        [key, item] = members[i] as [string, unknown];
        if (key.length > LIMITS.stringChars) return at(path, `a key is longer than ${LIMITS.stringChars} characters`);
      }
      if (typeof item === 'string') {
        if (item.length > LIMITS.stringChars) {
          return at(child(key ?? String(i)), `a text value is longer than ${LIMITS.stringChars} characters`);
        }
      } else if (item !== null && typeof item === 'object') {
        stack.push({ value: item, depth: depth + 1, path: child(key ?? String(i)) });
      }
    }
  }
  return null;
}

/** Cuts a message to LIMITS.errorMessageChars so no error repeats a large input. */
export function boundedMessage(message: string, max: number = LIMITS.errorMessageChars): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
}
