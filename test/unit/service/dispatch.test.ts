import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createService, type Service } from '../../../backend/service/service';

let service: Service | undefined;
const dirs: string[] = [];
function open(): Service {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-svc-'));
  dirs.push(dir);
  service = createService({
    dbPath: path.join(dir, 'ws.sqlite'),
    host: 'test',
    samplesDir: null,
    settingsPath: path.join(dir, 'settings.json'),
  });
  return service;
}
afterEach(() => {
  service?.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('service dispatch', () => {
  it('answers unknown names and invalid input as error values', async () => {
    const s = open();
    expect(await s.dispatch('drop.tables', {})).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown API call: drop.tables' },
    });
    const bad = await s.dispatch('cases.list', { limit: 'all' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/^cases\.list: limit:/);
  });

  it('applies schema defaults before the handler runs', async () => {
    const s = open();
    const result = await s.send('cases.list', {});
    expect(result).toEqual({ ok: true, value: { total: 0, rows: [] } });
  });

  it('keeps the reviewer name in the settings file across restarts', async () => {
    const s = open();
    const initial = await s.send('settings.get', {});
    expect(initial.ok && initial.value.reviewerName.length).toBeGreaterThan(0);
    await s.send('settings.set', { reviewerName: 'Dr. Rivera', theme: 'dark' });
    const dbPath = s.ctx.dbPath;
    s.close();
    service = createService({
      dbPath,
      host: 'test',
      samplesDir: null,
      settingsPath: path.join(dirs[0]!, 'settings.json'),
    });
    expect(await service.send('settings.get', {})).toEqual({
      ok: true,
      value: { reviewerName: 'Dr. Rivera', theme: 'dark' },
    });
  });

  it('falls back to default settings when the settings file is damaged', async () => {
    const s = open();
    const dbPath = s.ctx.dbPath;
    s.close();
    const settingsPath = path.join(dirs[0]!, 'settings.json');
    fs.writeFileSync(settingsPath, '{ not json');
    service = createService({ dbPath, host: 'test', samplesDir: null, settingsPath });
    const settings = await service.send('settings.get', {});
    expect(settings).toMatchObject({ ok: true, value: { theme: 'system' } });
  });

  it('reports versions and where the workspace is', async () => {
    const s = open();
    const info = await s.send('app.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: {
        host: 'test',
        dbPath: s.ctx.dbPath,
        samplesAvailable: false,
        appVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
      },
    });
  });
});
