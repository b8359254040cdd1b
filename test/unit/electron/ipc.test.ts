import { describe, expect, it } from 'vitest';
import { API_NAMES, type ApiInput, type ApiName, type ApiResult } from '../../../shared/api/contract';
import { IPC } from '../../../shared/api/bridge';
import { registerIpcHandlers, type IpcInvokeEvent, type IpcMainLike } from '../../../electron/ipc';

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
    const handler = this.handlers.get(IPC.send);
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
  'cases.list': { filter: { search: 'acupuncture' } },
  'cases.get': { caseId: 'CM16-0230651' },
  'cases.nextUnreviewed': {},
  'documents.content': { documentId: 1 },
  'documents.original': { documentId: 1 },
  'import.paths': { paths: ['/tmp/letters'] },
  'import.files': { files: [{ name: 'a.txt', base64: '' }] },
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
  'export.start': { format: 'xlsx' },
};

/** One invalid call per API name (wrong type, missing or extra field). */
const INVALID_CALLS: Record<ApiName, unknown> = {
  'app.info': { extra: true },
  'settings.get': { extra: true },
  'settings.set': { reviewerName: '' },
  'stats.get': { extra: 1 },
  'cases.list': { limit: 0 },
  'cases.get': { caseId: -3 },
  'cases.nextUnreviewed': { afterCaseId: 'x' },
  'documents.content': { documentId: 'one' },
  'documents.original': {},
  'import.paths': { paths: [] },
  'import.files': { files: 'nope' },
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
  'export.start': { format: 'pdf' },
};

const APP_PAGE = 'imr://app/index.html';

function setup() {
  const ipcMain = new FakeIpcMain();
  const calls: { name: string; args: unknown }[] = [];
  registerIpcHandlers(ipcMain, () => ({
    dispatch: async (name, args) => {
      calls.push({ name, args });
      return { ok: true, value: `handled ${name}` };
    },
  }));
  return { ipcMain, calls };
}

describe('IPC wiring', () => {
  it('registers exactly one channel, the API channel', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual([IPC.send]);
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
  ])('refuses calls from %s', async (_label, url) => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.invoke(url, 'stats.get', {});
    expect(result).toMatchObject({ ok: false, error: { message: 'IPC from an untrusted frame was refused' } });
    expect(calls).toEqual([]);
  });
});
