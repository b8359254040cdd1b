/**
 * The ImrBridge over HTTP, for the loopback browser host. The reviewer signs
 * in with the access code the host printed; the page swaps it once for a
 * session id kept only in this module's memory and sent as a header. No
 * cookie, no storage, nothing in the address (backend/hosts/web/sessions.ts
 * says why). A reload asks for the code again.
 */
import type { ImrBridge, MenuAction } from '../../../shared/api/bridge';
import type { ApiName, ApiResult, ExportedFile, Send } from '../../../shared/api/contract';
import type { BackendEvent } from '../../../shared/domain/case';
import { FRAMED_UPLOAD_TYPE, frameHeader } from '../../../shared/api/upload-frames';
import { EventStreamParser } from '../../../shared/api/event-stream';
import { saveBlob } from './saveBlob';

let session: string | null = null;
const signedOutListeners = new Set<() => void>();

export function isSignedIn(): boolean {
  return session !== null;
}

/** Called when the host no longer knows this tab (restarted, signed out). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

function signedOut(): void {
  if (session === null) return;
  session = null;
  for (const listener of signedOutListeners) listener();
}

/** Swaps the access code for a session; resolves with an error message, or null when signed in. */
export async function signIn(code: string): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch('./api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
      credentials: 'omit',
    });
  } catch {
    return 'The workbench host is not reachable. Is it still running?';
  }
  if (response.status === 401) return 'That is not the access code the host printed. Check it and try again.';
  const body = (await response.json().catch(() => null)) as { session?: string } | null;
  if (!response.ok || typeof body?.session !== 'string') return `The host answered ${response.status}.`;
  session = body.session;
  return null;
}

/** A tab that goes away takes its session with it. */
function endSessionOnPageHide(): void {
  window.addEventListener('pagehide', () => {
    if (!session) return;
    void fetch('./api/session', { method: 'DELETE', headers: authHeaders(), keepalive: true }).catch(() => {});
  });
}

function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return session ? { ...extra, Authorization: `Bearer ${session}` } : extra;
}

function failure(code: 'internal' | 'not_available', message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

/** Sends a request with the session; an answer of 401 signs this tab out. */
async function authorised(url: string, init: RequestInit): Promise<Response | ApiResult<never>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'omit' });
  } catch {
    return failure('internal', 'The workbench host is not reachable. Is it still running?');
  }
  if (response.status === 401) {
    signedOut();
    return failure('internal', 'This tab is signed out. Enter the access code the host printed.');
  }
  return response;
}

async function resultOf<T>(response: Response | ApiResult<never>): Promise<ApiResult<T>> {
  if (!(response instanceof Response)) return response;
  const body = (await response.json().catch(() => null)) as ApiResult<T> | null;
  if (body && typeof body === 'object' && 'ok' in body) return body;
  return failure('internal', `The host answered ${response.status} ${response.statusText || ''}`.trim());
}

/**
 * The host's events, read from a streamed fetch (EventSource cannot send a
 * header). Reconnects while signed in.
 */
function streamEvents(deliver: (event: BackendEvent) => void): void {
  const run = async () => {
    for (let attempt = 0; ; attempt++) {
      if (session) {
        try {
          const response = await fetch('./api/events', { headers: authHeaders(), credentials: 'omit' });
          if (response.status === 401) signedOut();
          else if (response.ok && response.body) {
            attempt = 0;
            await readEventStream(response.body, deliver);
          }
        } catch {
          // The host went away; try again below.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
    }
  };
  void run();
}

async function readEventStream(body: ReadableStream<Uint8Array>, deliver: (event: BackendEvent) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new EventStreamParser();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    for (const event of parser.push(decoder.decode(value, { stream: true }))) deliver(event);
  }
}

/** Fetches a finished export (with the session) and hands it to the browser's downloads. */
async function download(file: ExportedFile): Promise<void> {
  if (!file.downloadId) throw new Error(`${file.name} is not waiting for a download`);
  const response = await authorised(`./api/download/${encodeURIComponent(file.downloadId)}`, {
    headers: authHeaders(),
  });
  if (!(response instanceof Response)) throw new Error(response.ok ? 'Unexpected answer' : response.error.message);
  if (!response.ok) throw new Error(`${file.name} could not be downloaded (${response.status}); export again.`);
  saveBlob(await response.blob(), file.name);
}

export function createWebBridge(): ImrBridge {
  endSessionOnPageHide();
  const send = (async (name: ApiName, args: unknown) =>
    resultOf(
      await authorised(`./api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: authHeaders({ 'Content-Type': 'application/json' }),
        body: JSON.stringify(args ?? {}),
      }),
    )) as Send;

  const eventListeners = new Set<(event: BackendEvent) => void>();
  let streaming = false;

  return {
    host: 'web',
    send,
    onEvent(listener) {
      eventListeners.add(listener);
      if (!streaming) {
        streaming = true;
        streamEvents((event) => eventListeners.forEach((l) => l(event)));
      }
      return () => {
        eventListeners.delete(listener);
      };
    },
    // A browser has no application menu; the toolbar offers the same actions.
    onMenu(_listener: (action: MenuAction) => void) {
      return () => {};
    },
    async upload(uploadId, files) {
      // One framed body (shared/api/upload-frames.ts): the Blob parts refer to the files, nothing is copied here.
      const encoder = new TextEncoder();
      const parts: BlobPart[] = [];
      for (const { name, file } of files) {
        const nameBytes = encoder.encode(name);
        parts.push(frameHeader(nameBytes.length, file.size) as Uint8Array<ArrayBuffer>, nameBytes, file);
      }
      return resultOf(
        await authorised(`./api/upload/${encodeURIComponent(uploadId)}`, {
          method: 'PUT',
          headers: authHeaders({ 'Content-Type': FRAMED_UPLOAD_TYPE }),
          body: new Blob(parts),
        }),
      );
    },
    download,
  };
}
