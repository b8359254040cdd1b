/**
 * `npm run web -- --db PATH [--port N] [--host 127.0.0.1]`
 * First stdout line: the URL with the per-run token.
 */
import { parseArgs } from 'node:util';
import { createService } from '../../service/service';
import { startWebHost } from './server';
import { assertLoopbackHost } from './security';
import { ensureRendererBuilt, RENDERER_DIST } from './renderer-build';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '5174' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-build': { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run web -- --db PATH [--port N (0 = any free port)] [--host 127.0.0.1|::1|localhost]\n',
    );
    return;
  }
  if (!values.db) throw new Error('--db PATH is required (the workspace database; created if absent)');
  // Refuse a public bind before doing any work.
  assertLoopbackHost(values.host);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, got ${values.port}`);

  if (!values['no-build']) await ensureRendererBuilt(values.rebuild);
  const service = createService({ dbPath: values.db, host: 'web' });
  const host = await startWebHost({ service, staticDir: RENDERER_DIST, host: values.host, port });
  process.stdout.write(`${host.url}\n`);
  process.stderr.write(
    `IMR Workbench browser host on ${host.url.split('?')[0]} (workspace ${values.db}). Ctrl+C to stop.\n`,
  );

  const shutdown = () => {
    void host.close().then(() => {
      service.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`imr web: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
