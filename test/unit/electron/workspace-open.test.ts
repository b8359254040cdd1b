import { describe, expect, it } from 'vitest';
import { openWorkspace, type WorkspaceOpener } from '../../../electron/workspace-open';

/** Main's side of opening a workspace, recorded; paths in `refused` fail to open with the store's reason. */
function fakeOpener(refused: Record<string, string>) {
  const log: string[] = [];
  const opener: WorkspaceOpener = {
    start: (dbPath) => {
      log.push(`start ${dbPath}`);
      const reason = refused[dbPath];
      return { ready: reason === undefined ? Promise.resolve() : Promise.reject(new Error(reason)) };
    },
    remember: (dbPath) => log.push(`remember ${dbPath}`),
    showError: (message) => log.push(`error ${message}`),
    announce: (dbPath) => log.push(`announce ${dbPath}`),
  };
  return { opener, log };
}

const PDF_REASON = '/home/r/some.pdf is not an IMR Workbench workspace (it is not a SQLite database; …).';

describe('Open workspace in the desktop app', () => {
  it('opens a workspace and remembers it for the next start', async () => {
    const { opener, log } = fakeOpener({});
    expect(await openWorkspace(opener, '/home/r/ws.sqlite', '/home/r/old.sqlite')).toBe('/home/r/ws.sqlite');
    expect(log).toEqual(['start /home/r/ws.sqlite', 'remember /home/r/ws.sqlite']);
  });

  it('a wrong pick shows the reason, reopens the workspace that was open, and is never remembered', async () => {
    const { opener, log } = fakeOpener({ '/home/r/some.pdf': PDF_REASON });
    expect(await openWorkspace(opener, '/home/r/some.pdf', '/home/r/ws.sqlite')).toBe('/home/r/ws.sqlite');
    expect(log).toEqual([
      'start /home/r/some.pdf',
      `error The workspace could not be opened:\n${PDF_REASON}`,
      'start /home/r/ws.sqlite',
      'remember /home/r/ws.sqlite',
      'announce /home/r/ws.sqlite',
    ]);
  });

  it('at start-up, with nothing to fall back to, shows the reason and remembers nothing', async () => {
    const { opener, log } = fakeOpener({ '/home/r/gone.sqlite': 'There is no workspace at /home/r/gone.sqlite.' });
    expect(await openWorkspace(opener, '/home/r/gone.sqlite')).toBeNull();
    expect(log).toEqual([
      'start /home/r/gone.sqlite',
      'error The workspace could not be opened:\nThere is no workspace at /home/r/gone.sqlite.',
    ]);
  });
});
