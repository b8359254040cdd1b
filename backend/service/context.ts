import type Database from 'better-sqlite3';
import type { AppInfo, ApiName, ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { BackendEvent } from '../../shared/domain/case';
import type { JobRunner } from './jobs';
import type { SettingsStore } from './settings';
import type { WriteGuard } from './write-guard';

/** Everything a handler may touch. One per open workspace. */
export interface ServiceContext {
  db: Database.Database;
  dbPath: string;
  host: AppInfo['host'];
  /** Folder of bundled sample letters, or null when not shipped. */
  samplesDir: string | null;
  /** Where exports go when the caller gives no path. */
  exportsDir: string;
  /** Whether calls that write may run (read-only or damaged workspaces refuse them). */
  writes: WriteGuard;
  jobs: JobRunner;
  settings: SettingsStore;
  emit(event: BackendEvent): void;
}

export type Handler<N extends ApiName> = (
  args: ApiParsedInput<N>,
  ctx: ServiceContext,
) => ApiOutput<N> | Promise<ApiOutput<N>>;

export type Handlers = { [N in ApiName]: Handler<N> };
/** Each area of the backend contributes the handlers it owns. */
export type HandlerGroup<K extends ApiName> = { [N in K]: Handler<N> };
