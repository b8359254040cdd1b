/**
 * Entry of the Electron utilityProcess that owns the database and the
 * importer, so a 10,000-file import never blocks a window. It is the same
 * Node service the CLI and the browser host use; only the transport differs.
 * (No `electron` import: utility processes talk through process.parentPort.)
 *
 * Only the main process can post to this port. Main relays the renderer's
 * calls as `call` (the renderer-facing API) and file bytes as `upload`; it
 * sends `privileged` messages only for its own work (grants for the paths the
 * user chose in a native dialog), never with anything the renderer supplied.
 */
import { createService, type Service } from '../backend/service/service';
import { toApiError } from '../backend/service/errors';
import { ownerOnlyUmask } from '../backend/runtime/file-modes';
import { errorText } from '../shared/api/error-text';

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export type BackendRequest =
  | { kind: 'call'; id: number; name: string; args: unknown }
  | { kind: 'privileged'; id: number; name: string; args: unknown }
  | { kind: 'upload'; id: number; uploadId: string; files: { name: string; bytes: Uint8Array }[] };

export type BackendMessage =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'reply'; id: number; result: unknown }
  | { kind: 'event'; event: unknown };

ownerOnlyUmask();
const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const dbPath = process.env.IMR_DB;

async function answer(service: Service, request: BackendRequest): Promise<unknown> {
  switch (request.kind) {
    case 'call':
      return service.dispatch(request.name, request.args);
    case 'privileged':
      return service.privileged.dispatch(request.name, request.args);
    case 'upload': {
      // Main checked the batch (electron/ipc.ts); each file's size is checked again as it is stored.
      const files = request.files.map((file) => ({
        name: file.name,
        bytes: file.bytes.length,
        body: [file.bytes],
        skip: async () => undefined,
      }));
      try {
        return { ok: true, value: await service.files.receive(request.uploadId, files) };
      } catch (err) {
        return { ok: false, error: toApiError(err) };
      }
    }
    default:
      return { ok: false, error: { code: 'invalid_input', message: 'Unknown request' } };
  }
}

if (!dbPath) {
  port.postMessage({ kind: 'fatal', message: 'IMR_DB is not set' } satisfies BackendMessage);
} else {
  try {
    const service = createService({
      dbPath,
      host: 'electron',
      samplesDir: process.env.IMR_SAMPLES_DIR || undefined,
      // The reviewer's name and theme belong to the user, not to one workspace.
      settingsPath: process.env.IMR_SETTINGS || undefined,
      warmUp: true,
    });
    service.onEvent((event) => port.postMessage({ kind: 'event', event } satisfies BackendMessage));
    port.on('message', ({ data }) => {
      const request = data as BackendRequest;
      void answer(service, request).then((result) => {
        port.postMessage({ kind: 'reply', id: request.id, result } satisfies BackendMessage);
      });
    });
    process.on('exit', () => service.close());
    port.postMessage({ kind: 'ready' } satisfies BackendMessage);
  } catch (err) {
    port.postMessage({
      kind: 'fatal',
      message: errorText(err),
    } satisfies BackendMessage);
  }
}
