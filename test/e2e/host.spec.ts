import { spawnSync } from 'node:child_process';
import {
  test,
  expect,
  HOST_KIND,
  isolatedEnv,
  PROJECT_ROOT,
  screenshot,
  startWebHostProcess,
  stopProcess,
  WEB_HOST_BIN,
} from './fixtures';

test.describe('the app shell', () => {
  test('a new workspace shows an empty case list', async ({ app }) => {
    const cases = app.getByRole('region', { name: 'Cases' }).or(app.getByRole('grid', { name: 'Cases' }));
    await expect(cases.first()).toBeVisible();
    await expect(app.getByRole('row').filter({ hasText: /CM\d\d-/ })).toHaveCount(0);
    await screenshot(app, 'empty-workspace');
  });
});

test.describe('browser host security', () => {
  test.skip(HOST_KIND !== 'web', 'browser-host specific');

  test('requests without the token are refused', async ({ request, workspace }) => {
    const host = await startWebHostProcess(['--db', workspace.dbPath, '--port', '0'], workspace.dir);
    try {
      expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
      const noToken = await request.get(`${host.origin}/`);
      expect(noToken.status()).toBe(401);
      const apiNoToken = await request.post(`${host.origin}/api/call/stats.get`, { data: {} });
      expect(apiNoToken.status()).toBe(401);
      const wrongToken = await request.post(`${host.origin}/api/call/stats.get`, {
        data: {},
        headers: { Authorization: 'Bearer not-the-token' },
      });
      expect(wrongToken.status()).toBe(401);
      const events = await request.get(`${host.origin}/api/events`);
      expect(events.status()).toBe(401);

      const withToken = await request.post(`${host.origin}/api/call/stats.get`, {
        data: {},
        headers: { Authorization: `Bearer ${host.token}` },
      });
      expect(withToken.status()).toBe(200);
      expect(await withToken.json()).toMatchObject({ ok: true, value: { cases: 0, documents: 0 } });

      const invalid = await request.post(`${host.origin}/api/call/cases.list`, {
        data: { limit: -5 },
        headers: { Authorization: `Bearer ${host.token}` },
      });
      expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

      // A DNS-rebinding page reaches 127.0.0.1 under a foreign Host name.
      const rebound = await request.get(`${host.url}`, { headers: { Host: 'evil.example' } });
      expect(rebound.status()).toBe(421);
    } finally {
      await stopProcess(host.child);
    }
  });

  for (const bind of ['0.0.0.0', '::', '192.168.1.10']) {
    test(`a non-loopback bind (${bind}) is refused`, async ({ workspace }) => {
      const result = spawnSync(
        process.execPath,
        [WEB_HOST_BIN, '--db', workspace.dbPath, '--host', bind, '--port', '0'],
        { cwd: PROJECT_ROOT, env: isolatedEnv(workspace.dir), encoding: 'utf8', timeout: 30_000 },
      );
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`Refusing to listen on ${bind}`);
    });
  }
});
