/**
 * Electron main: window, menu, custom scheme and IPC wiring. Thin by design;
 * the database and importer live in a utilityProcess (backend-process.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session } from 'electron';
import { pathToFileURL } from 'node:url';
import { IPC, type MenuAction } from '../shared/api/bridge';
import { safeStaticPath } from '../backend/hosts/web/security';
import {
  defaultExportsDir,
  ensureDefaultWorkspaceFolder,
  userSettingsPath,
  WORKSPACE_FILE_NAME,
} from '../backend/runtime/user-dirs';
import { BackendClient } from './backend-client';
import { openWorkspace, type WorkspaceOpener } from './workspace-open';
import { backendEnvironment } from './backend-env';
import { chooseImport, registerIpcHandlers, type FileDialogs } from './ipc';
import { ownerOnlyUmask } from '../backend/runtime/file-modes';
import { buildMenu } from './menu';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  hardenSession,
  hardenWebContents,
  RESPONSE_HEADERS,
  secureWebPreferences,
} from './security';

const RENDERER_DIR = path.join(__dirname, '../dist/renderer');
const SAMPLES_DIR = app.isPackaged ? path.join(process.resourcesPath, 'samples') : path.join(__dirname, '../samples');
const STATE_FILE = () => path.join(app.getPath('userData'), 'window-state.json');
/**
 * Development switches read from the environment only in an unpackaged app
 * (`npm start`): in a packaged build nobody who can set an environment
 * variable gets DevTools or another workspace by it.
 */
const DEV = !app.isPackaged;
const DEVTOOLS = DEV && !!process.env.IMR_DEVTOOLS;

// Window state and anything else main writes: owner-only.
ownerOnlyUmask();
// Every renderer sandboxed, whatever a window's own options say.
app.enableSandbox();

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let backend: BackendClient;
let mainWindow: BrowserWindow | null = null;

function lastWorkspace(): string {
  try {
    const state = JSON.parse(fs.readFileSync(STATE_FILE(), 'utf8')) as { workspace?: string };
    if (state.workspace && fs.existsSync(state.workspace)) return state.workspace;
  } catch {
    // First run or unreadable state: fall back to the default workspace.
  }
  return ensureDefaultWorkspaceFolder();
}

function rememberWorkspace(file: string): void {
  fs.mkdirSync(path.dirname(STATE_FILE()), { recursive: true });
  fs.writeFileSync(STATE_FILE(), JSON.stringify({ workspace: file }), { mode: 0o600 });
}

/** Starts a backend process on `dbPath`, stopping the one before. */
function startBackend(dbPath: string): BackendClient {
  backend?.stop();
  // `npm start` builds better-sqlite3 for Electron's ABI beside the bundle; a packaged app has it
  // rebuilt by electron-builder in its own node_modules and needs no override.
  const binding = path.join(__dirname, 'native/better_sqlite3.node');
  const env = backendEnvironment({
    parent: process.env,
    dbPath,
    samplesDir: SAMPLES_DIR,
    // The same settings file as the browser host's (runtime/user-dirs.ts), named here: the backend's environment is minimal.
    settingsPath: userSettingsPath(),
    sqliteBinding: DEV && fs.existsSync(binding) ? binding : null,
  });
  backend = new BackendClient(dbPath, (event) => mainWindow?.webContents.send(IPC.event, event), env);
  return backend;
}

/** Opening a workspace, as electron/workspace-open.ts decides it. */
const opener: WorkspaceOpener = {
  start: startBackend,
  remember: rememberWorkspace,
  showError: (message) => dialog.showErrorBox('IMR Workbench', message),
  announce: (dbPath) => sendMenu({ type: 'workspace-changed', dbPath }),
};

function sendMenu(action: MenuAction): void {
  mainWindow?.webContents.send(IPC.menu, action);
}

async function switchWorkspace(mode: 'new' | 'open'): Promise<void> {
  const result =
    mode === 'new'
      ? await dialog.showSaveDialog({ title: 'New workspace', defaultPath: WORKSPACE_FILE_NAME })
      : await dialog.showOpenDialog({
          title: 'Open workspace',
          properties: ['openFile'],
          filters: [{ name: 'IMR workspace', extensions: ['sqlite', 'db'] }],
        });
  const file = 'filePath' in result ? result.filePath : result.filePaths[0];
  if (result.canceled || !file) return;
  const opened = openWorkspace(opener, file, backend?.dbPath);
  sendMenu({ type: 'workspace-changed', dbPath: file });
  await opened;
}

/** Native dialogs, parented to the window; the paths they return become grants (electron/ipc.ts). */
const dialogs: FileDialogs = {
  async openForImport(kind) {
    const options: Electron.OpenDialogOptions =
      kind === 'folder'
        ? { title: 'Import a folder of IMR letters', properties: ['openDirectory', 'multiSelections'] }
        : {
            title: 'Import IMR letters',
            properties: ['openFile', 'multiSelections'],
            filters: [{ name: 'Letters (PDF, text)', extensions: ['pdf', 'txt', 'text'] }],
          };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : result.filePaths;
  },
  async saveForExport(format) {
    const options: Electron.SaveDialogOptions = {
      title: 'Export cases',
      defaultPath: path.join(defaultExportsDir(), `imr-export.${format}`),
      filters: [
        format === 'xlsx' ? { name: 'Excel workbook', extensions: ['xlsx'] } : { name: 'CSV', extensions: ['csv'] },
      ],
    };
    const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    // Linux dialogs do not add the extension the filter names.
    const ext = `.${format}`;
    return path.extname(result.filePath).toLowerCase() === ext ? result.filePath : `${result.filePath}${ext}`;
  },
  async confirmReplace(paths) {
    const options: Electron.MessageBoxOptions = {
      type: 'warning',
      buttons: ['Replace', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Replace the existing files?',
      detail: `This export also writes, and would replace:\n${paths.map((p) => path.basename(p)).join('\n')}`,
    };
    const result = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
    return result.response === 0;
  },
  existing: (paths) => paths.filter((p) => fs.existsSync(p)),
};

/** File ▸ Import: main's dialog, then the renderer imports what the grant covers. */
async function importFromMenu(kind: 'files' | 'folder'): Promise<void> {
  const result = await chooseImport(backend, dialogs, kind);
  if (!result.ok) dialog.showErrorBox('IMR Workbench', result.error.message);
  else if (result.value) sendMenu({ type: 'import-grant', grant: result.value.grant });
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'IMR Workbench',
    show: false,
    webPreferences: secureWebPreferences(path.join(__dirname, 'preload.cjs'), { devTools: DEVTOOLS }),
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(APP_ENTRY_URL);
}

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = safeStaticPath(RENDERER_DIR, url.pathname === '/' ? 'index.html' : url.pathname, path.join);
    if (!file || !fs.existsSync(file)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    for (const [k, v] of Object.entries(RESPONSE_HEADERS)) headers.set(k, v);
    return new Response(response.body, { status: response.status, headers });
  });
  void openWorkspace(opener, (DEV && process.env.IMR_DB) || lastWorkspace());
  registerIpcHandlers(ipcMain, () => backend, dialogs);
  Menu.setApplicationMenu(
    buildMenu(
      {
        importLetters: () => void importFromMenu('files'),
        importFolder: () => void importFromMenu('folder'),
        newWorkspace: () => void switchWorkspace('new'),
        openWorkspace: () => void switchWorkspace('open'),
        send: sendMenu,
      },
      { isMac: process.platform === 'darwin', devTools: DEVTOOLS },
    ),
  );
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  backend?.stop();
  if (process.platform !== 'darwin') app.quit();
});
