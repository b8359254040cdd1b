/**
 * No renderer-facing call can write outside what the user chose to export, or
 * list a folder the user did not choose — over Electron IPC (main's handlers
 * with the real service behind them) and over HTTP (the browser host). The
 * same attacks run on both transports, as a compromised renderer would try them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult, ExportResult } from '../../../shared/api/contract';
import { IPC } from '../../../shared/api/bridge';
import { PRIVILEGED_NAMES } from '../../../shared/api/privileged';
import type { ImportSummary } from '../../../shared/domain/case';
import { registerIpcHandlers, type BackendLike, type FileDialogs, type IpcMainLike } from '../../../electron/ipc';
import { createService, type Service } from '../../../backend/service/service';
import { startWebHost, type WebHost } from '../../../backend/hosts/web/server';
import { FRAMED_UPLOAD_TYPE } from '../../../shared/api/upload-frames';
import { corpusSeeds, makeTmpDir } from '../import/fixtures';
import { framedBody, incoming } from './upload-helpers';

/** What a renderer can do: API calls and sending file bytes. */
interface Transport {
  call(name: string, args: unknown): Promise<ApiResult<unknown>>;
  upload(uploadId: string, name: string, bytes: Uint8Array): Promise<ApiResult<unknown>>;
}

let dir: string;
let chosen: string;
let secret: string;
let service: Service;

beforeEach(() => {
  dir = makeTmpDir('imr-powers-');
  // The folder the user chooses, and one beside it they never chose.
  chosen = path.join(dir, 'chosen');
  secret = path.join(dir, 'secret-folder');
  for (const d of [chosen, secret]) fs.mkdirSync(d);
  const seeds = corpusSeeds();
  fs.copyFileSync(seeds[0]!, path.join(chosen, 'letter-a.txt'));
  fs.copyFileSync(seeds[1]!, path.join(secret, 'patient-jane-doe-ssn.txt'));
  fs.writeFileSync(path.join(secret, 'notes.docx'), 'private notes');
  service = createService({ dbPath: path.join(dir, 'ws.sqlite'), host: 'test', samplesDir: null, settingsPath: null });
});
afterEach(() => {
  service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function value<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Every file under `dir` apart from the workspace and its private folder. */
function userFiles(): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => !f.startsWith('ws.sqlite'))
    .sort();
}

/** Every path any import ever reported (the importer's listing of what it saw). */
function reportedPaths(): string[] {
  return service.ctx.db.prepare('SELECT path FROM import_outcomes').pluck().all() as string[];
}

/** The attacks that must fail on every transport, with no file written and no folder listed. */
async function attack(t: Transport): Promise<void> {
  const before = userFiles();
  const target = path.join(dir, 'overwritten.csv');
  // 1. The privileged calls do not exist here.
  for (const name of PRIVILEGED_NAMES) {
    const result = await t.call(name, { paths: [secret], outPath: target, format: 'csv', purpose: 'import' });
    expect(result).toMatchObject({ ok: false, error: { message: `Unknown API call: ${name}` } });
  }
  // 2. No call takes a path.
  for (const args of [
    { format: 'csv', outPath: target },
    { format: 'csv', path: target },
    { format: 'csv', grant: target },
  ]) {
    expect(await t.call('export.start', args)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  }
  for (const args of [{ grant: secret }, { paths: [secret] }, { grant: 'forged-grant-id-00000000' }]) {
    expect(await t.call('import.start', args)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  }
  expect(await t.call('export.start', { format: 'csv', grant: 'forged-grant-id-00000000' })).toMatchObject({
    ok: false,
  });
  // 3. An upload's name is only a label: the bytes land in the service's private folder.
  const upload = value<{ uploadId: string; jobId: string }>(await t.call('import.upload.open', { files: 1 }));
  const traversal = `../../../${path.relative('/', path.join(dir, 'planted.txt'))}`;
  value(await t.upload(upload.uploadId, traversal, fs.readFileSync(corpusSeeds()[2]!)));
  value(await t.call('import.upload.finish', { uploadId: upload.uploadId, unsent: [] }));
  const summary = (await service.waitForJob(upload.jobId)) as ImportSummary;
  expect(summary.imported).toBe(1);
  expect(fs.existsSync(path.join(dir, 'planted.txt'))).toBe(false);

  expect(fs.existsSync(target)).toBe(false);
  expect(userFiles()).toEqual(before);
  expect(reportedPaths().filter((p) => p.includes('secret-folder') || p.includes('patient-jane'))).toEqual([]);
}

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<
    string,
    (event: { senderFrame: { url: string } }, ...args: unknown[]) => Promise<unknown>
  >();
  handle(channel: string, listener: (event: { senderFrame: { url: string } }, ...args: unknown[]) => Promise<unknown>) {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** As the app's own page would call — a compromised renderer has exactly this. */
  invoke(channel: string, ...args: unknown[]) {
    return this.handlers.get(channel)!({ senderFrame: { url: 'imr://app/index.html' } }, ...args) as Promise<
      ApiResult<unknown>
    >;
  }
}

/** Electron main's IPC with the real service behind it, as electron/backend-process.ts wires it. */
function ipcTransport(dialogs: FileDialogs) {
  const ipcMain = new FakeIpcMain();
  const backend: BackendLike = {
    dispatch: (name, args) => service.dispatch(name, args),
    privileged: ((name: string, args: unknown) => service.privileged.dispatch(name, args)) as BackendLike['privileged'],
    upload: async (uploadId, files) => {
      try {
        return {
          ok: true,
          value: await service.files.receive(
            uploadId,
            files.map((f) => incoming(f.name, f.bytes)),
          ),
        };
      } catch (err) {
        return { ok: false, error: { code: 'invalid_input', message: (err as Error).message } };
      }
    },
  };
  registerIpcHandlers(ipcMain, () => backend, dialogs);
  const transport: Transport = {
    call: (name, args) => ipcMain.invoke(IPC.send, name, args),
    upload: (uploadId, name, bytes) => ipcMain.invoke(IPC.upload, uploadId, [{ name, bytes }]),
  };
  return { ipcMain, transport };
}

describe('over Electron IPC', () => {
  it('refuses every attempt to name a path, and imports and exports only what main’s dialogs chose', async () => {
    let saveAs = path.join(dir, 'out', 'report.csv');
    fs.mkdirSync(path.dirname(saveAs));
    const { ipcMain, transport } = ipcTransport({
      openForImport: async () => [chosen],
      saveForExport: async () => saveAs,
      confirmReplace: async () => true,
      existing: () => [],
    });
    await attack(transport);

    // The user chooses a folder in main's dialog: only that folder is read and reported.
    const grant = value<{ grant: string }>(await ipcMain.invoke(IPC.chooseImport, 'folder'));
    const job = value<{ jobId: string }>(await transport.call('import.start', { grant: grant.grant }));
    expect(((await service.waitForJob(job.jobId)) as ImportSummary).outcomes.map((o) => o.path)).toEqual([
      path.join(chosen, 'letter-a.txt'),
    ]);
    // A grant is spent once used.
    expect(await transport.call('import.start', { grant: grant.grant })).toMatchObject({ ok: false });

    // An export grant covers exactly the chosen file: an export that would also write siblings is refused.
    const narrow = value<{ grant: string }>(
      await ipcMain.invoke(IPC.chooseExport, { format: 'csv', allTables: false }),
    );
    expect(await transport.call('export.start', { format: 'csv', allTables: true, grant: narrow.grant })).toMatchObject(
      {
        ok: false,
        error: { message: /report-cases\.csv, which was not chosen/ },
      },
    );
    // …and one for another format, or an import grant, writes nothing either.
    const other = value<{ grant: string }>(await ipcMain.invoke(IPC.chooseExport, { format: 'csv', allTables: false }));
    expect(await transport.call('export.start', { format: 'xlsx', grant: other.grant })).toMatchObject({ ok: false });
    const importGrant = value<{ grant: string }>(await ipcMain.invoke(IPC.chooseImport, 'folder'));
    expect(await transport.call('export.start', { format: 'csv', grant: importGrant.grant })).toMatchObject({
      ok: false,
    });
    expect(fs.readdirSync(path.dirname(saveAs))).toEqual([]);

    // The real thing: exactly the chosen file, once.
    const granted = value<{ grant: string }>(
      await ipcMain.invoke(IPC.chooseExport, { format: 'csv', allTables: true }),
    );
    const exported = value<{ jobId: string }>(
      await transport.call('export.start', { format: 'csv', allTables: true, grant: granted.grant }),
    );
    const result = (await service.waitForJob(exported.jobId)) as ExportResult;
    expect(result.files.map((f) => f.path)).toEqual([
      saveAs,
      path.join(dir, 'out', 'report-cases.csv'),
      path.join(dir, 'out', 'report-corrections.csv'),
    ]);
    expect(fs.readdirSync(path.dirname(saveAs)).sort()).toEqual([
      'report-cases.csv',
      'report-corrections.csv',
      'report.csv',
    ]);
    saveAs = path.join(dir, 'out', 'again.csv');
    expect(
      await transport.call('export.start', { format: 'csv', allTables: true, grant: granted.grant }),
    ).toMatchObject({ ok: false });
    expect(reportedPaths().some((p) => p.includes('secret-folder'))).toBe(false);
  });
});

describe('over HTTP (browser host)', () => {
  let host: WebHost;
  let session: string;
  let transport: Transport;

  beforeEach(async () => {
    // The folder named on the host's command line (main.ts issues this grant at start-up).
    value(await service.privileged.send('grants.issue', { purpose: 'import', paths: [chosen], reusable: true }));
    host = await startWebHost({ service, staticDir: dir, port: 0 });
    const signIn = await fetch(`${host.url}api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: host.accessCode }),
    });
    session = ((await signIn.json()) as { session: string }).session;
    const headers = { Authorization: `Bearer ${session}` };
    transport = {
      call: async (name, args) =>
        (await (
          await fetch(`${host.url}api/call/${name}`, {
            method: 'POST',
            headers: { ...headers, 'Content-Type': 'application/json' },
            body: JSON.stringify(args),
          })
        ).json()) as ApiResult<unknown>,
      upload: async (uploadId, name, bytes) =>
        (await (
          await fetch(`${host.url}api/upload/${uploadId}`, {
            method: 'PUT',
            headers: { ...headers, 'Content-Type': FRAMED_UPLOAD_TYPE },
            body: framedBody([{ name, bytes }]),
          })
        ).json()) as ApiResult<unknown>,
    };
  });
  afterEach(async () => {
    await host.close();
  });

  it('refuses every attempt to name a path; imports only the named folder; exports are downloads', async () => {
    await attack(transport);

    // The page sees the folder named at start-up as a grant, and can import it again and again.
    const info = value<{ importFolders: { grant: string; label: string }[] }>(await transport.call('app.info', {}));
    expect(info.importFolders.map((f) => f.label)).toEqual([chosen]);
    for (let run = 0; run < 2; run++) {
      const job = value<{ jobId: string }>(
        await transport.call('import.start', { grant: info.importFolders[0]!.grant }),
      );
      const summary = (await service.waitForJob(job.jobId)) as ImportSummary;
      expect(summary.outcomes.map((o) => o.path)).toEqual([path.join(chosen, 'letter-a.txt')]);
    }

    // An export without a grant writes nowhere but the service's private folder, for one download.
    const before = userFiles();
    const job = value<{ jobId: string }>(await transport.call('export.start', { format: 'csv', allTables: true }));
    const result = (await service.waitForJob(job.jobId)) as ExportResult;
    expect(result.files.map((f) => f.path)).toEqual([null, null, null]);
    expect(userFiles()).toEqual(before);
    const auth = { Authorization: `Bearer ${session}` };
    const first = result.files[0]!;
    expect((await fetch(`${host.url}api/download/${first.downloadId}`)).status).toBe(401);
    const download = await fetch(`${host.url}api/download/${first.downloadId}`, { headers: auth });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${first.name}`);
    expect((await download.arrayBuffer()).byteLength).toBe(first.bytes);
    // Sent once, then gone from the host.
    await expect
      .poll(async () => (await fetch(`${host.url}api/download/${first.downloadId}`, { headers: auth })).status)
      .toBe(404);

    // Two requests at once: one gets the whole file, the other is told it is gone (both used to get it).
    const second = result.files[1]!;
    const secondPath = service.files.download(second.downloadId!)!.path;
    const pair = await Promise.all(
      [0, 1].map(async () => {
        const response = await fetch(`${host.url}api/download/${second.downloadId}`, { headers: auth });
        return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
      }),
    );
    expect(pair.map((p) => p.status).sort()).toEqual([200, 404]);
    expect(pair.find((p) => p.status === 200)!.bytes).toBe(second.bytes);
    await expect.poll(() => fs.existsSync(secondPath)).toBe(false);
  });
});
