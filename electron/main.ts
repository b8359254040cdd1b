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
import { defaultWorkspacePath } from '../backend/runtime/user-dirs';
import { BackendClient } from './backend-client';
import { registerIpcHandlers } from './ipc';
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
  return defaultWorkspacePath();
}

function rememberWorkspace(file: string): void {
  fs.mkdirSync(path.dirname(STATE_FILE()), { recursive: true });
  fs.writeFileSync(STATE_FILE(), JSON.stringify({ workspace: file }));
}

function startBackend(dbPath: string): void {
  backend?.stop();
  // Settings and default exports: the service's defaults (runtime/user-dirs.ts), the same as the browser host's.
  const env: Record<string, string> = { IMR_SAMPLES_DIR: SAMPLES_DIR };
  const binding = path.join(__dirname, 'native/better_sqlite3.node');
  if (fs.existsSync(binding)) env.IMR_SQLITE_BINDING = binding;
  backend = new BackendClient(dbPath, (event) => mainWindow?.webContents.send(IPC.event, event), env);
  backend.ready.catch((err: Error) =>
    dialog.showErrorBox('IMR Workbench', `The workspace could not be opened:\n${err.message}`),
  );
  rememberWorkspace(dbPath);
}

function sendMenu(action: MenuAction): void {
  mainWindow?.webContents.send(IPC.menu, action);
}

async function switchWorkspace(mode: 'new' | 'open'): Promise<void> {
  const result =
    mode === 'new'
      ? await dialog.showSaveDialog({ title: 'New workspace', defaultPath: 'workspace.imr.sqlite' })
      : await dialog.showOpenDialog({
          title: 'Open workspace',
          properties: ['openFile'],
          filters: [{ name: 'IMR workspace', extensions: ['sqlite', 'db'] }],
        });
  const file = 'filePath' in result ? result.filePath : result.filePaths[0];
  if (result.canceled || !file) return;
  startBackend(file);
  sendMenu({ type: 'workspace-changed', dbPath: file });
}

async function importDialog(): Promise<void> {
  const result = await dialog.showOpenDialog({
    title: 'Import IMR letters',
    properties: ['openFile', 'openDirectory', 'multiSelections'],
    filters: [{ name: 'Letters', extensions: ['pdf', 'txt', 'text'] }],
  });
  if (!result.canceled && result.filePaths.length) sendMenu({ type: 'import-files', paths: result.filePaths });
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'IMR Workbench',
    show: false,
    webPreferences: secureWebPreferences(path.join(__dirname, 'preload.cjs')),
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
  startBackend(process.env.IMR_DB || lastWorkspace());
  registerIpcHandlers(ipcMain, () => backend);
  Menu.setApplicationMenu(
    buildMenu(
      {
        importLetters: () => void importDialog(),
        newWorkspace: () => void switchWorkspace('new'),
        openWorkspace: () => void switchWorkspace('open'),
        send: sendMenu,
      },
      process.platform === 'darwin',
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
