import type Database from 'better-sqlite3';
import type { AppInfo, ApiName, ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { BackendEvent } from '../../shared/domain/case';
import type { PrivilegedName, PrivilegedOutput, PrivilegedParsedInput } from '../../shared/api/privileged';
import type { PartialJournal } from '../export/atomic-file';
import type { GrantStore } from './grants';
import type { JobRunner } from './jobs';
import type { Outbox } from './outbox';
import type { PrivateDir } from './private-dir';
import type { SettingsStore } from './settings';
import type { WriteGuard } from './write-guard';
import type { UploadSpool } from './uploads';

/** Everything a handler may touch. One per open workspace. */
export interface ServiceContext {
  db: Database.Database;
  dbPath: string;
  host: AppInfo['host'];
  /** Folder of bundled sample letters, or null when not shipped. */
  samplesDir: string | null;
  /** Whether calls that write may run (read-only or damaged workspaces refuse them). */
  writes: WriteGuard;
  /** Owner-only folder for uploads waiting to be imported and exports waiting to be downloaded. */
  privateDir: PrivateDir;
  /** File choices the user made, by opaque id (grants.ts). */
  grants: GrantStore;
  uploads: UploadSpool;
  /** Browser host: exports waiting to be downloaded. */
  outbox: Outbox;
  /** Temporary files of exports in progress, removed at the next start-up if this process dies. */
  partials: PartialJournal;
  jobs: JobRunner;
  settings: SettingsStore;
  emit(event: BackendEvent): void;
}

export type Handler<N extends ApiName> = (
  args: ApiParsedInput<N>,
  ctx: ServiceContext,
) => ApiOutput<N> | Promise<ApiOutput<N>>;

export type Handlers = { [N in ApiName]: Handler<N> };

export type PrivilegedHandler<N extends PrivilegedName> = (
  args: PrivilegedParsedInput<N>,
  ctx: ServiceContext,
) => PrivilegedOutput<N> | Promise<PrivilegedOutput<N>>;

export type PrivilegedHandlers = { [N in PrivilegedName]: PrivilegedHandler<N> };
/** Each area of the backend contributes the handlers it owns. */
export type HandlerGroup<K extends ApiName> = { [N in K]: Handler<N> };
