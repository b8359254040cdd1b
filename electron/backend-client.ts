import path from 'node:path';
import { utilityProcess, type UtilityProcess } from 'electron';
import type { ApiResult } from '../shared/api/contract';
import { LIMITS } from '../shared/api/limits';
import type { PrivilegedInput, PrivilegedName, PrivilegedOutput } from '../shared/api/privileged';
import type { BackendEvent } from '../shared/domain/case';
import type { BackendMessage, BackendRequest } from './backend-process';
import type { BackendLike } from './ipc';

type Pending = { settle: (result: ApiResult<unknown>) => void; timer: NodeJS.Timeout };
type RequestBody = BackendRequest extends infer R ? (R extends BackendRequest ? Omit<R, 'id'> : never) : never;

/** The backend's own per-call timeout plus the hop; after this the backend is treated as hung. */
const REPLY_TIMEOUT_MS = LIMITS.callTimeoutMs + 5_000;

/**
 * Main-process side of the backend utility process: request/reply by id,
 * events forwarded to a callback. A crashed or hung backend answers pending
 * calls with an error instead of leaving the renderer waiting forever.
 */
export class BackendClient implements BackendLike {
  private child: UtilityProcess;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  readonly ready: Promise<void>;

  /** `env` is the whole environment of the process (electron/backend-env.ts); nothing else is inherited. */
  constructor(
    readonly dbPath: string,
    onEvent: (event: BackendEvent) => void,
    env: Record<string, string>,
  ) {
    this.child = utilityProcess.fork(path.join(__dirname, 'backend.cjs'), [], {
      serviceName: 'IMR Workbench backend',
      env,
      stdio: 'inherit',
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (message: BackendMessage) => {
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'fatal') reject(new Error(message.message));
        else if (message.kind === 'event') onEvent(message.event as BackendEvent);
        else if (message.kind === 'reply') this.settle(message.id, message.result as ApiResult<unknown>);
      });
      this.child.on('exit', (code) => {
        reject(new Error(`backend exited (${code})`));
        for (const id of [...this.pending.keys()]) {
          this.settle(id, {
            ok: false,
            error: { code: 'internal', message: 'The backend stopped unexpectedly; restart the app.' },
          });
        }
      });
    });
  }

  /** A renderer-facing API call. */
  dispatch(name: string, args: unknown): Promise<ApiResult<unknown>> {
    return this.request({ kind: 'call', name, args });
  }

  /** A privileged call main makes for itself (grants after a native dialog); never with renderer input. */
  privileged<N extends PrivilegedName>(name: N, args: PrivilegedInput<N>): Promise<ApiResult<PrivilegedOutput<N>>> {
    return this.request({ kind: 'privileged', name, args }) as Promise<ApiResult<PrivilegedOutput<N>>>;
  }

  /** A batch of files of an open upload. */
  upload(uploadId: string, files: { name: string; bytes: Uint8Array }[]): Promise<ApiResult<unknown>> {
    return this.request({ kind: 'upload', uploadId, files });
  }

  stop(): void {
    this.child.kill();
  }

  private async request(body: RequestBody): Promise<ApiResult<unknown>> {
    try {
      await this.ready;
    } catch (err) {
      return {
        ok: false,
        error: { code: 'internal', message: `The workspace could not be opened: ${(err as Error).message}` },
      };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () =>
          this.settle(id, {
            ok: false,
            error: { code: 'timeout', message: 'The backend did not answer; restart the app if this persists.' },
          }),
        REPLY_TIMEOUT_MS,
      );
      this.pending.set(id, { settle: resolve, timer });
      this.child.postMessage({ ...body, id } as BackendRequest);
    });
  }

  private settle(id: number, result: ApiResult<unknown>): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(id);
    pending.settle(result);
  }
}
