/**
 * Files with patient data are owner-only: the workspace and its WAL/SHM,
 * settings, exports, uploads and downloads (0600, folders 0700), whatever the
 * umask; and a killed export's hidden `.partial` file is removed at the next
 * start-up.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../shared/api/contract';
import { createService, type Service } from '../../../backend/service/service';
import { CORPUS_SEED_DIR, makeTmpDir } from '../import/fixtures';
import { PROJECT_ROOT, runImr } from './cli-helpers';

const mode = (file: string) => fs.statSync(file).mode & 0o777;

let dir: string;
let previousUmask: number;
beforeEach(() => {
  dir = makeTmpDir('imr-modes-');
  // The usual desktop default, which makes new files readable by every local user.
  previousUmask = process.umask(0o022);
});
afterEach(() => {
  process.umask(previousUmask);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function exportTo(service: Service, outPath: string, allTables = false): Promise<ExportResult> {
  const started = await service.privileged.send('export.toFile', { format: 'csv', outPath, allTables });
  if (!started.ok) throw new Error(started.error.message);
  return (await service.waitForJob(started.value.jobId)) as ExportResult;
}

describe('file modes', () => {
  it('creates the workspace, its WAL and SHM, settings and exports owner-only even with a lax umask', async () => {
    const db = path.join(dir, 'ws.sqlite');
    const settings = path.join(dir, 'settings.json');
    const service = createService({ dbPath: db, host: 'test', samplesDir: null, settingsPath: settings });
    try {
      const imported = await service.privileged.send('import.paths', { paths: [CORPUS_SEED_DIR] });
      if (!imported.ok) throw new Error(imported.error.message);
      await service.waitForJob(imported.value.jobId);
      await service.send('settings.set', { reviewerName: 'Dana Reviewer' });
      const result = await exportTo(service, path.join(dir, 'report.csv'), true);

      const files = ['ws.sqlite', 'ws.sqlite-wal', 'ws.sqlite-shm', 'settings.json'].map((f) => path.join(dir, f));
      for (const file of [...files, ...result.files.map((f) => f.path!)]) {
        expect({ file: path.basename(file), mode: mode(file).toString(8) }).toEqual({
          file: path.basename(file),
          mode: '600',
        });
      }
      // A download waits in an owner-only folder.
      const download = await service.send('export.start', { format: 'xlsx' });
      if (!download.ok) throw new Error(download.error.message);
      const waiting = ((await service.waitForJob(download.value.jobId)) as ExportResult).files[0]!;
      const file = service.files.download(waiting.downloadId!)!.path;
      expect(mode(file)).toBe(0o600);
      for (let d = path.dirname(file); d !== dir; d = path.dirname(d)) expect(mode(d)).toBe(0o700);
    } finally {
      service.close();
    }
    // Closing the service removes its private folder.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.private'))).toEqual([]);
  });

  it('the imr CLI creates every file owner-only', () => {
    const db = path.join(dir, 'cli.sqlite');
    expect(runImr(['import', '--db', db, CORPUS_SEED_DIR]).status).toBe(0);
    const out = path.join(dir, 'cli.xlsx');
    expect(runImr(['export', '--db', db, '--out', out]).status).toBe(0);
    for (const file of [db, out]) expect(mode(file)).toBe(0o600);
  });
});

describe('a killed export', () => {
  it('leaves its hidden temporary file only until the workspace is opened again', async () => {
    const db = path.join(dir, 'ws.sqlite');
    const outPath = path.join(dir, 'exports', 'report.xlsx');
    fs.mkdirSync(path.dirname(outPath));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'export-child.ts'), db, CORPUS_SEED_DIR, outPath],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).on('line', (line) => line === 'partial' && resolve());
      child.once('exit', (code) => reject(new Error(`export child exited ${code} before its export started`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const leftovers = fs.readdirSync(path.dirname(outPath));
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(/^\.report\.xlsx\.[0-9a-f]{12}\.partial$/);
    expect(mode(path.join(path.dirname(outPath), leftovers[0]!))).toBe(0o600);

    const service = createService({ dbPath: db, host: 'test', samplesDir: null, settingsPath: null });
    service.close();
    expect(fs.readdirSync(path.dirname(outPath))).toEqual([]);
  });
});
