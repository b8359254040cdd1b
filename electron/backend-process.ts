/**
 * Entry of the Electron utilityProcess that owns the database and the
 * importer, so a 10,000-file import never blocks a window. It is the same
 * Node service the CLI and the browser host use; only the transport differs.
 * (No `electron` import: utility processes talk through process.parentPort.)
 */
import { createService } from '../backend/service/service';

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export type BackendRequest = { id: number; name: string; args: unknown };
export type BackendMessage =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'reply'; id: number; result: unknown }
  | { kind: 'event'; event: unknown };

const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const dbPath = process.env.IMR_DB;

if (!dbPath) {
  port.postMessage({ kind: 'fatal', message: 'IMR_DB is not set' } satisfies BackendMessage);
} else {
  try {
    const service = createService({
      dbPath,
      host: 'electron',
      samplesDir: process.env.IMR_SAMPLES_DIR || undefined,
      exportsDir: process.env.IMR_EXPORTS_DIR || undefined,
      // The reviewer's name and theme belong to the user, not to one workspace.
      settingsPath: process.env.IMR_SETTINGS || undefined,
    });
    service.onEvent((event) => port.postMessage({ kind: 'event', event } satisfies BackendMessage));
    port.on('message', ({ data }) => {
      const request = data as BackendRequest;
      void service.dispatch(request.name, request.args).then((result) => {
        port.postMessage({ kind: 'reply', id: request.id, result } satisfies BackendMessage);
      });
    });
    process.on('exit', () => service.close());
    port.postMessage({ kind: 'ready' } satisfies BackendMessage);
  } catch (err) {
    port.postMessage({
      kind: 'fatal',
      message: err instanceof Error ? err.message : String(err),
    } satisfies BackendMessage);
  }
}
