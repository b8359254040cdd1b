/**
 * The environment of the backend utility process: what it needs and nothing
 * else. Electron's default would hand it the whole environment of whoever
 * started the app — NODE_OPTIONS, ELECTRON_RUN_AS_NODE, proxies, tokens — and
 * the backend holds the reviewer's letters.
 */

/** Inherited from the app's own environment: temp folders, home, locale and time zone. */
const INHERITED = ['HOME', 'USERPROFILE', 'TMPDIR', 'TMP', 'TEMP', 'SYSTEMROOT', 'WINDIR', 'LANG', 'LC_ALL', 'TZ'];

export interface BackendEnvOptions {
  /** The app's environment (process.env). */
  parent: Record<string, string | undefined>;
  dbPath: string;
  samplesDir: string;
  settingsPath: string;
  /**
   * better-sqlite3 built for Electron's ABI (scripts/start.mjs), when the app
   * found one beside its bundle. Always the app's own file: never taken from
   * the environment, which would let whoever starts the app choose the native
   * code the backend loads.
   */
  sqliteBinding: string | null;
}

export function backendEnvironment(options: BackendEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = options.parent[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  env.IMR_DB = options.dbPath;
  env.IMR_SAMPLES_DIR = options.samplesDir;
  env.IMR_SETTINGS = options.settingsPath;
  if (options.sqliteBinding) env.IMR_SQLITE_BINDING = options.sqliteBinding;
  return env;
}
