import path from 'node:path';
import { utilityProcess, type UtilityProcess } from 'electron';
import type { ApiResult } from '../shared/api/contract';
import type { BackendEvent } from '../shared/domain/case';
import type { BackendMessage } from './backend-process';
import type { BackendLike } from './ipc';

/**
 * Main-process side of the backend utility process: request/reply by id,
 * events forwarded to a callback. A crashed backend answers pending calls
 * with an error instead of leaving the renderer waiting forever.
 */
export class BackendClient implements BackendLike {
  private child: UtilityProcess;
  private nextId = 1;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  readonly ready: Promise<void>;

  constructor(
    readonly dbPath: string,
    onEvent: (event: BackendEvent) => void,
    env: Record<string, string> = {},
  ) {
    this.child = utilityProcess.fork(path.join(__dirname, 'backend.cjs'), [], {
      serviceName: 'IMR Workbench backend',
      env: { ...process.env, ...env, IMR_DB: dbPath },
      stdio: 'inherit',
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (message: BackendMessage) => {
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'fatal') reject(new Error(message.message));
        else if (message.kind === 'event') onEvent(message.event as BackendEvent);
        else if (message.kind === 'reply') {
          this.pending.get(message.id)?.(message.result as ApiResult<unknown>);
          this.pending.delete(message.id);
        }
      });
      this.child.on('exit', (code) => {
        reject(new Error(`backend exited (${code})`));
        for (const settle of this.pending.values()) {
          settle({
            ok: false,
            error: { code: 'internal', message: 'The backend stopped unexpectedly; restart the app.' },
          });
        }
        this.pending.clear();
      });
    });
  }

  async dispatch(name: string, args: unknown): Promise<ApiResult<unknown>> {
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
      this.pending.set(id, resolve);
      this.child.postMessage({ id, name, args });
    });
  }

  stop(): void {
    this.child.kill();
  }
}
