import { describe, expect, it } from 'vitest';
import { API_NAMES, type ApiInput, type ApiName, type ApiResult } from '../../../shared/api/contract';
import { IPC } from '../../../shared/api/bridge';
import { LIMITS } from '../../../shared/api/limits';
import { PRIVILEGED_NAMES } from '../../../shared/api/privileged';
import {
  registerIpcHandlers,
  type BackendLike,
  type FileDialogs,
  type IpcInvokeEvent,
  type IpcMainLike,
} from '../../../electron/ipc';

/** A stand-in for Electron's ipcMain that records what is registered. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(frameUrl: string | null, ...args: unknown[]) {
    return this.invokeOn(IPC.send, frameUrl, ...args);
  }
  invokeOn(channel: string, frameUrl: string | null, ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error('not registered');
    return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args) as Promise<
      ApiResult<unknown>
    >;
  }
}

/** One valid call per API name; the Record type makes a new API call without an entry a compile error. */
const VALID_CALLS: { [N in ApiName]: ApiInput<N> } = {
  'app.info': {},
  'settings.get': {},
  'settings.set': { reviewerName: 'A. Reviewer' },
  'stats.get': {},
  'stats.analytics': { filter: { category: 'physical therapy', bodyRegion: null }, by: ['category', 'month'] },
  'cases.list': { filter: { search: 'acupuncture' } },
  'cases.get': { caseId: 'CM16-0230651' },
  'cases.neighbor': { step: 'next' },
  'cases.setStatus': { caseIds: [1], status: 'reviewed', reviewer: 'Dana' },
  'documents.content': { documentId: 1 },
  'documents.original': { documentId: 1 },
  'import.start': { grant: 'g'.repeat(32) },
  'import.upload.open': { files: 3 },
  'import.upload.finish': { uploadId: 'u'.repeat(24), unsent: [{ name: 'notes.docx', bytes: 10 }] },
  'import.samples': {},
  'import.lastReport': {},
  'reparse.start': {},
  'jobs.cancel': { jobId: 'job-1' },
  'corrections.apply': {
    caseId: 1,
    reviewer: 'A',
    reason: 'typo',
    change: { type: 'set-field', path: 'patientAge', value: 40 },
  },
  'corrections.undo': { caseId: 1, reviewer: 'A' },
  'corrections.redo': { caseId: 1, reviewer: 'A' },
  'corrections.history': { caseId: 1 },
  'audit.verify': {},
  'audit.checkpoint': {},
  'audit.verify.start': { full: true },
  'export.start': { format: 'xlsx' },
};

/** One invalid call per API name (wrong type, missing or extra field). */
const INVALID_CALLS: Record<ApiName, unknown> = {
  'app.info': { extra: true },
  'settings.get': { extra: true },
  'settings.set': { reviewerName: '' },
  'stats.get': { extra: 1 },
  'stats.analytics': { by: ['category', 'category'] },
  'cases.list': { limit: 0 },
  'cases.get': { caseId: -3 },
  'cases.neighbor': { from: 'x' },
  'cases.setStatus': { caseIds: [], status: 'reviewed', reviewer: 'Dana' },
  'documents.content': { documentId: 'one' },
  'documents.original': {},
  'import.start': { grant: '../../etc/passwd' },
  'import.upload.open': { files: LIMITS.uploadFiles + 1 },
  'import.upload.finish': { uploadId: 'u'.repeat(24), unsent: [{ name: '/etc/passwd' }] },
  'import.samples': { force: true },
  'import.lastReport': { runId: 'x' },
  'reparse.start': { all: 1 },
  'jobs.cancel': {},
  'corrections.apply': { caseId: 1, reviewer: '', change: { type: 'set-field', path: 'x', value: 1 } },
  'corrections.undo': { caseId: 1 },
  'corrections.redo': { reviewer: 'A' },
  'corrections.history': { caseId: null },
  'audit.verify': { deep: 'yes' },
  'audit.checkpoint': { out: '/tmp/x' },
  'audit.verify.start': { against: '/tmp/checkpoint.json' },
  'export.start': { format: 'xlsx', outPath: '/home/reviewer/.bashrc.xlsx' },
};

const APP_PAGE = 'imr://app/index.html';

interface Recorded {
  dispatched: { name: string; args: unknown }[];
  privileged: { name: string; args: unknown }[];
  uploads: { uploadId: string; names: string[]; bytes: number }[];
}

function setup(dialogs: Partial<FileDialogs> = {}) {
  const ipcMain = new FakeIpcMain();
  const recorded: Recorded = { dispatched: [], privileged: [], uploads: [] };
  const backend: BackendLike = {
    dispatch: async (name, args) => {
      recorded.dispatched.push({ name, args });
      return { ok: true, value: `handled ${name}` };
    },
    privileged: (async (name: string, args: unknown) => {
      recorded.privileged.push({ name, args });
      return { ok: true, value: { grant: 'granted-id-0123456789', label: 'chosen' } };
    }) as BackendLike['privileged'],
    upload: async (uploadId, files) => {
      const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
      recorded.uploads.push({ uploadId, names: files.map((f) => f.name), bytes });
      return { ok: true, value: { received: files.length, failed: [] } };
    },
  };
  registerIpcHandlers(ipcMain, () => backend, {
    openForImport: async () => null,
    saveForExport: async () => null,
    confirmReplace: async () => true,
    existing: () => [],
    ...dialogs,
  });
  return { ipcMain, calls: recorded.dispatched, recorded };
}

describe('IPC wiring', () => {
  it('registers the API channel, uploads and the two dialogs, nothing else', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      [IPC.send, IPC.upload, IPC.chooseImport, IPC.chooseExport].sort(),
    );
  });

  it.each(PRIVILEGED_NAMES)('does not know the privileged call %s', async (name) => {
    const { ipcMain, recorded } = setup();
    const result = await ipcMain.invoke(APP_PAGE, name, { paths: ['/etc'], outPath: '/tmp/x.csv', format: 'csv' });
    expect(result).toMatchObject({ ok: false, error: { message: `Unknown API call: ${name}` } });
    expect(recorded).toEqual({ dispatched: [], privileged: [], uploads: [] });
  });

  it.each(API_NAMES)('relays a valid %s call to the backend', async (name) => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.invoke(APP_PAGE, name, VALID_CALLS[name]);
    expect(result).toEqual({ ok: true, value: `handled ${name}` });
    expect(calls).toEqual([{ name, args: VALID_CALLS[name] }]);
  });

  it.each(API_NAMES)('refuses an invalid %s call before it reaches the backend', async (name) => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.invoke(APP_PAGE, name, INVALID_CALLS[name]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toContain(name);
    }
    expect(calls).toEqual([]);
  });

  it('refuses unknown call names', async () => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.invoke(APP_PAGE, 'fs.readFile', { path: '/etc/passwd' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown API call: fs.readFile' },
    });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a remote page', 'https://evil.example/'],
    ['a file URL', 'file:///etc/passwd'],
    ['another custom host', 'imr://other/index.html'],
    ['no frame', null],
  ])('refuses calls from %s on every channel', async (_label, url) => {
    const { ipcMain, recorded } = setup({ openForImport: async () => ['/home/reviewer/letters'] });
    for (const [channel, args] of [
      [IPC.send, ['stats.get', {}]],
      [IPC.upload, ['u'.repeat(24), [{ name: 'a.txt', bytes: new Uint8Array(3) }]]],
      [IPC.chooseImport, ['folder']],
      [IPC.chooseExport, [{ format: 'csv', allTables: false }]],
    ] as const) {
      const result = await ipcMain.invokeOn(channel, url, ...args);
      expect(result).toMatchObject({ ok: false, error: { message: 'IPC from an untrusted frame was refused' } });
    }
    expect(recorded).toEqual({ dispatched: [], privileged: [], uploads: [] });
  });
});

describe('file choices over IPC', () => {
  it('grants an import for exactly what the user chose in main’s dialog; the renderer sees only the grant', async () => {
    const chosen = ['/home/reviewer/letters', '/home/reviewer/more/a.pdf'];
    const { ipcMain, recorded } = setup({ openForImport: async (kind) => (kind === 'folder' ? chosen : null) });
    const result = await ipcMain.invokeOn(IPC.chooseImport, APP_PAGE, 'folder');
    expect(result).toEqual({ ok: true, value: { grant: 'granted-id-0123456789', label: 'chosen' } });
    expect(recorded.privileged).toEqual([{ name: 'grants.issue', args: { purpose: 'import', paths: chosen } }]);
  });

  it('grants nothing when the dialog is cancelled, and takes no path or option from the renderer', async () => {
    const { ipcMain, recorded } = setup();
    expect(await ipcMain.invokeOn(IPC.chooseImport, APP_PAGE, 'files')).toEqual({ ok: true, value: null });
    for (const arg of ['/etc', { kind: 'files', paths: ['/etc'] }, undefined]) {
      expect(await ipcMain.invokeOn(IPC.chooseImport, APP_PAGE, arg)).toMatchObject({ ok: false });
    }
    expect(
      await ipcMain.invokeOn(IPC.chooseExport, APP_PAGE, { format: 'csv', allTables: false, path: '/tmp/x.csv' }),
    ).toMatchObject({ ok: false });
    expect(recorded.privileged).toEqual([]);
  });

  it('grants an export for the chosen file and, with all tables, exactly its two sibling files', async () => {
    const asked: string[][] = [];
    const { ipcMain, recorded } = setup({
      saveForExport: async (format) => `/home/reviewer/report.${format}`,
      existing: (paths) => paths.filter((p) => p.endsWith('-cases.csv')),
      confirmReplace: async (paths) => {
        asked.push(paths);
        return true;
      },
    });
    await ipcMain.invokeOn(IPC.chooseExport, APP_PAGE, { format: 'xlsx', allTables: false });
    await ipcMain.invokeOn(IPC.chooseExport, APP_PAGE, { format: 'csv', allTables: true });
    expect(recorded.privileged).toEqual([
      { name: 'grants.issue', args: { purpose: 'export', format: 'xlsx', paths: ['/home/reviewer/report.xlsx'] } },
      {
        name: 'grants.issue',
        args: {
          purpose: 'export',
          format: 'csv',
          paths: [
            '/home/reviewer/report.csv',
            '/home/reviewer/report-cases.csv',
            '/home/reviewer/report-corrections.csv',
          ],
        },
      },
    ]);
    // The save dialog asked about report.csv; main asks about the existing sibling it would replace.
    expect(asked).toEqual([['/home/reviewer/report-cases.csv']]);
  });

  it('grants no export when the user declines to replace a sibling file', async () => {
    const { ipcMain, recorded } = setup({
      saveForExport: async () => '/home/reviewer/report.csv',
      existing: (paths) => paths,
      confirmReplace: async () => false,
    });
    expect(await ipcMain.invokeOn(IPC.chooseExport, APP_PAGE, { format: 'csv', allTables: true })).toEqual({
      ok: true,
      value: null,
    });
    expect(recorded.privileged).toEqual([]);
  });

  it('relays batches of upload bytes, and refuses anything but bytes within the size limits', async () => {
    const { ipcMain, recorded } = setup();
    const uploadId = 'u'.repeat(24);
    const file = (name: string, size: number) => ({ name, bytes: new Uint8Array(size) });
    expect(await ipcMain.invokeOn(IPC.upload, APP_PAGE, uploadId, [file('a.txt', 5), file('b/c.pdf', 7)])).toEqual({
      ok: true,
      value: { received: 2, failed: [] },
    });
    for (const bad of [
      [uploadId, [{ name: 'a.txt', bytes: 'not bytes' }]],
      [uploadId, [file('', 1)]],
      [uploadId, [file('big.pdf', LIMITS.letterFileBytes + 1)]],
      [uploadId, Array.from({ length: 65 }, (_, i) => file(`${i}.txt`, 1))],
      [uploadId, []],
      [uploadId, 'a.txt', new Uint8Array(1)],
      [{ path: '/etc/passwd' }, [file('a.txt', 1)]],
      [uploadId, [{ ...file('a.txt', 1), path: '/etc/passwd' }]],
    ]) {
      expect(await ipcMain.invokeOn(IPC.upload, APP_PAGE, ...bad)).toMatchObject({ ok: false });
    }
    expect(recorded.uploads).toEqual([{ uploadId, names: ['a.txt', 'b/c.pdf'], bytes: 12 }]);
  });
});

describe('call size over IPC: the browser host’s limit, from the contract', () => {
  /** A 2.5 MB split (issue 12's case): over a correction's limit of one event. */
  const treatment = 'Physical therapy twice a week for six weeks, lumbar spine. '.repeat(40).trim();
  const hugeSplit = {
    caseId: 1,
    reviewer: 'Dana',
    change: { type: 'split-item', index: 0, treatments: Array(Math.ceil(2.5e6 / treatment.length)).fill(treatment) },
  };

  it('refuses a 2.5 MB correction before the backend sees it, in a short message that does not repeat it', async () => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.invoke(APP_PAGE, 'corrections.apply', hugeSplit);
    expect(result).toEqual({
      ok: false,
      error: { code: 'too_large', message: 'The request is too large (over 272 KB)' },
    });
    expect(JSON.stringify(result)).not.toContain('Physical therapy');
    expect(calls).toEqual([]);
  });

  it('refuses any call over the general limit, and what JSON cannot carry, before the backend sees it', async () => {
    const { ipcMain, calls } = setup();
    const big = await ipcMain.invoke(APP_PAGE, 'cases.list', { filter: { search: 'x'.repeat(LIMITS.callBodyBytes) } });
    expect(big).toEqual({ ok: false, error: { code: 'too_large', message: 'The request is too large (over 8 MB)' } });
    const map = await ipcMain.invoke(APP_PAGE, 'app.info', new Map([['a', 'b']]));
    expect(map).toEqual({ ok: false, error: { code: 'invalid_input', message: 'The request is not JSON data' } });
    expect(calls).toEqual([]);
  });

  it('still relays a correction of ordinary size', async () => {
    const { ipcMain, calls } = setup();
    const split = {
      ...hugeSplit,
      change: { type: 'split-item', index: 0, treatments: ['Physical therapy', 'Massage'] },
    };
    expect(await ipcMain.invoke(APP_PAGE, 'corrections.apply', split)).toEqual({
      ok: true,
      value: 'handled corrections.apply',
    });
    expect(calls).toEqual([{ name: 'corrections.apply', args: split }]);
  });
});
