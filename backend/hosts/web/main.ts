/**
 * The browser host: `npm run web -- [--db PATH] [--port N] [--host 127.0.0.1] [--open] [--import-from DIR]...`
 * (`--version`, `--help`).
 * stdout, for scripts: line 1 the address to open (no credential in it), line 2
 * `access-code: XXXX-XXXX-…`, which the page asks for (sessions.ts); everything
 * meant for a person goes to stderr.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RENDERER_DIST } from '../../runtime/app-root';
import { defaultWorkspacePath, ensureDefaultWorkspaceFolder } from '../../runtime/user-dirs';
import { createService } from '../../service/service';
import { NewerDatabaseError } from '../../store/database';
import { WorkspaceOpenError } from '../../store/errors';
import { ownerOnlyUmask } from '../../runtime/file-modes';
import { versionLine } from '../../runtime/version';
import { joinOptionValues } from '../cli/args';
import { EXIT, refusedOpen, type ExitCode } from '../cli/output';
import { openInBrowser } from './open-browser';
import { startWebHost } from './server';
import { assertLoopbackHost } from './security';
import { errorText } from '../../../shared/api/error-text';

const DEFAULT_PORT = 5174;

const USAGE = `Usage: npm run web -- [--db PATH] [--port N] [--host 127.0.0.1|::1|localhost] [--open]
  --db PATH   the workspace database, created if absent or empty (default: ${defaultWorkspacePath()})
  --port N    default ${DEFAULT_PORT}; 0 picks any free port; auto: ${DEFAULT_PORT} if free, else any
  --open      open the address in the system's browser
  --import-from DIR  a folder the page may import from directly (repeatable); otherwise letters are uploaded
  --version   print the version (as imr --version does)
The first line printed is the address to open; the second, the access code the page asks for.
`;

/**
 * An expected failure: one line for the user, no stack trace, and its exit code as `imr` defines them (EXIT in
 * backend/hosts/cli/output.ts): a mistake in the command line — an unknown option, a bad port, a public host, a
 * missing folder, no workspace where one was named — is refused (2); anything that stops the host from going on
 * (a damaged or newer workspace, a port in use, the user interface not built) is 1.
 */
class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/** A command-line mistake: its message with the usage hint. */
const refused = (message: string) => new UsageError(`${message} (try --help)`, EXIT.rejected);

async function main(): Promise<void> {
  ownerOnlyUmask();
  let values;
  const options = {
    db: { type: 'string' },
    port: { type: 'string', default: String(DEFAULT_PORT) },
    host: { type: 'string', default: '127.0.0.1' },
    open: { type: 'boolean', default: false },
    'import-from': { type: 'string', multiple: true, default: [] as string[] },
    help: { type: 'boolean', short: 'h', default: false },
    version: { type: 'boolean', short: 'V', default: false },
  } as const;
  try {
    // As `imr` reads them: the word after an option that takes a value is its value, even if it starts with '-'.
    ({ values } = parseArgs({ args: joinOptionValues(process.argv.slice(2), options), options, strict: true }));
  } catch (err) {
    throw refused(errorText(err));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.version) {
    process.stdout.write(versionLine('imr web'));
    return;
  }
  // Refuse a public bind before doing any work.
  try {
    assertLoopbackHost(values.host);
  } catch (err) {
    throw refused(errorText(err));
  }
  const auto = values.port === 'auto';
  const port = auto ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw refused(`--port must be 0–65535 or auto, got ${values.port}`);
  }
  if (!fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) {
    throw new UsageError('the user interface is not built: run `npm run build` (npm install does it)', EXIT.fatal);
  }
  const folders = values['import-from'].map((dir) => path.resolve(dir));
  for (const dir of folders) {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      throw refused(`--import-from ${dir}: no such folder`);
    }
  }

  // The default workspace's folder is the one the app creates; a --db in a missing folder is refused by the store.
  const dbPath = values.db === undefined ? ensureDefaultWorkspaceFolder() : resolvedKeepingSlash(values.db);
  let service;
  try {
    service = createService({ dbPath, host: 'web', warmUp: true });
  } catch (err) {
    // These name the file and say what to do (the same words as `imr` and the desktop app's Open workspace); a
    // --db that is no workspace, or in no folder, is a mistake in the command line like the others: the hint too.
    if (err instanceof WorkspaceOpenError && refusedOpen(err.kind)) throw refused(err.message);
    if (err instanceof WorkspaceOpenError || err instanceof NewerDatabaseError) {
      throw new UsageError(err.message, EXIT.fatal);
    }
    throw new UsageError(`cannot open the workspace ${dbPath}: ${errorText(err)}`, EXIT.fatal);
  }
  // Folders named here are the user's choice, made in their shell: the page may import them (grants.ts).
  for (const dir of folders) {
    const granted = await service.privileged.send('grants.issue', { purpose: 'import', paths: [dir], reusable: true });
    if (!granted.ok) throw new UsageError(`--import-from ${dir}: ${granted.error.message}`, EXIT.rejected);
  }
  const listen = (onPort: number) =>
    startWebHost({ service, staticDir: RENDERER_DIST, host: values.host, port: onPort });
  let host;
  try {
    host = await listen(port).catch((err: NodeJS.ErrnoException) => {
      if (auto && err.code === 'EADDRINUSE') return listen(0);
      throw err;
    });
  } catch (err) {
    service.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(`port ${port} is in use (another IMR Workbench?); --port 0 picks a free one`, EXIT.fatal);
    }
    throw err;
  }
  process.stdout.write(`${host.url}\naccess-code: ${host.accessCode}\n`);
  process.stderr.write(`IMR Workbench is serving ${host.url} on this machine only.\n`);
  process.stderr.write(`Access code (the page asks for it): ${host.accessCode}\n`);
  process.stderr.write(`Workspace: ${dbPath}\n`);
  if (values.open) {
    const outcome = await openInBrowser(host.url);
    process.stderr.write(
      outcome.opened
        ? 'Opened in your browser.\n'
        : `No browser opened (${outcome.reason}); open the address above in one.\n`,
    );
  }
  process.stderr.write('Ctrl+C to stop.\n');

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void host.close().then(() => {
      service.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  const message = errorText(err);
  process.stderr.write(`imr web: ${err instanceof UsageError ? message : message.split('\n')[0]}\n`);
  process.exit(err instanceof UsageError ? err.exitCode : EXIT.fatal);
});

/**
 * `file` made absolute, a trailing slash or "/." kept: path.resolve drops them, and "ws.sqlite/" or "ws.sqlite/."
 * names a folder, which the store refuses when it is none (refuseFolderPath in backend/store/workspace-file.ts), as
 * `imr` does. Without it the browser host opened ws.sqlite.
 */
function resolvedKeepingSlash(file: string): string {
  const resolved = path.resolve(file);
  if (resolved.endsWith(path.sep)) return resolved; // the root
  if (file.endsWith('/') || file.endsWith(path.sep)) return resolved + path.sep;
  if (/[\\/]\.$/.test(file) && (path.sep === '\\' || file.endsWith('/.'))) return `${resolved}${path.sep}.`;
  return resolved;
}
