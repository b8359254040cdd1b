import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultExportsDir,
  defaultWorkspacePath,
  downloadsDir,
  userDataDir,
  userSettingsPath,
  type UserEnv,
} from '../../../backend/runtime/user-dirs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-dirs-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const linux = (env: NodeJS.ProcessEnv = {}, home = '/home/ana'): UserEnv => ({ env, platform: 'linux', home });

describe('user folders', () => {
  it('Linux: the XDG data folder, ~/.local/share without one (a relative XDG_DATA_HOME is ignored)', () => {
    expect(userDataDir(linux({ XDG_DATA_HOME: '/data/ana' }))).toBe('/data/ana/imr-workbench');
    expect(userDataDir(linux())).toBe('/home/ana/.local/share/imr-workbench');
    expect(userDataDir(linux({ XDG_DATA_HOME: 'relative/dir' }))).toBe('/home/ana/.local/share/imr-workbench');
    expect(defaultWorkspacePath(linux())).toBe('/home/ana/.local/share/imr-workbench/workspace.imr.sqlite');
    expect(userSettingsPath(linux())).toBe('/home/ana/.local/share/imr-workbench/settings.json');
  });

  it('macOS and Windows: Application Support and %APPDATA%', () => {
    expect(userDataDir({ env: {}, platform: 'darwin', home: '/Users/ana' })).toBe(
      '/Users/ana/Library/Application Support/IMR Workbench',
    );
    expect(
      userDataDir({ env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\ana' }),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\IMR Workbench');
  });

  it('exports go to Downloads (XDG user-dirs honoured), or to the data folder where there is none', () => {
    const home = path.join(tmp, 'home');
    fs.mkdirSync(path.join(home, '.config'), { recursive: true });
    expect(downloadsDir(linux({}, home))).toBeNull();
    expect(defaultExportsDir(linux({}, home))).toBe(path.join(home, '.local/share/imr-workbench/exports'));

    fs.mkdirSync(path.join(home, 'Downloads'));
    expect(defaultExportsDir(linux({}, home))).toBe(path.join(home, 'Downloads'));

    fs.mkdirSync(path.join(home, 'Téléchargements'));
    fs.writeFileSync(path.join(home, '.config/user-dirs.dirs'), 'XDG_DOWNLOAD_DIR="$HOME/Téléchargements"\n');
    expect(downloadsDir(linux({}, home))).toBe(path.join(home, 'Téléchargements'));
  });
});
