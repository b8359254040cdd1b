import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { backendEnvironment } from '../../../electron/backend-env';
import {
  APP_ENTRY_URL,
  hardenSession,
  hardenWebContents,
  isAllowedRequestUrl,
  isAppUrl,
  isTrustedSenderFrame,
  RESPONSE_HEADERS,
  secureWebPreferences,
  type SessionLike,
  type WebContentsLike,
} from '../../../electron/security';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');

describe('BrowserWindow options', () => {
  it('isolates the renderer completely', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      preload: '/app/preload.cjs',
      // DevTools only when a development build asks for them.
      devTools: false,
    });
    expect(secureWebPreferences('/app/preload.cjs', { devTools: true }).devTools).toBe(true);
  });

  it('sends a strict Content-Security-Policy with no remote origin', () => {
    const csp = RESPONSE_HEADERS['Content-Security-Policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/https?:|unsafe-eval|\*/);
  });
});

describe('URL validators', () => {
  it.each([
    [APP_ENTRY_URL, true],
    ['imr://app/assets/index.js', true],
    ['imr://app/', true],
    ['imr://evil/index.html', false],
    ['imr://user:pw@app/index.html', false],
    ['https://app/index.html', false],
    ['http://127.0.0.1:5174/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('isAppUrl(%j) is %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('trusts only the top-level app frame', () => {
    expect(isTrustedSenderFrame({ url: APP_ENTRY_URL })).toBe(true);
    expect(isTrustedSenderFrame({ url: APP_ENTRY_URL, parent: {} })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'https://evil.example' })).toBe(false);
    expect(isTrustedSenderFrame(null)).toBe(false);
  });

  it('lets the renderer load only its own scheme and in-memory data', () => {
    expect(isAllowedRequestUrl('imr://app/assets/pdf.worker.mjs')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('blob:imr://app/1234')).toBe(true);
    expect(isAllowedRequestUrl('https://cdn.example/pdf.js')).toBe(false);
    expect(isAllowedRequestUrl('file:///home/user/letters/a.pdf')).toBe(false);
  });
});

/** Records the listeners hardenWebContents installs so the test can fire them. */
function fakeWebContents() {
  const listeners = new Map<string, (...args: never[]) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (event: string, listener: (...args: never[]) => void) => {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => {
      openHandler = h;
    },
  };
  hardenWebContents(contents as unknown as WebContentsLike);
  const fire = (event: string, ...args: unknown[]) => {
    const e = { preventDefault: vi.fn(), url: args[0] as string };
    (listeners.get(event) as unknown as (...a: unknown[]) => void)(e, ...args);
    return e.preventDefault.mock.calls.length > 0;
  };
  return { fire, openHandler: () => openHandler };
}

describe('navigation guards', () => {
  it('blocks navigation and redirects away from the app', () => {
    const wc = fakeWebContents();
    expect(wc.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.fire('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(wc.fire('will-frame-navigate', 'file:///etc/passwd')).toBe(true);
    expect(wc.fire('will-navigate', 'imr://app/index.html')).toBe(false);
  });

  it('denies every window.open and <webview>', () => {
    const wc = fakeWebContents();
    expect(wc.openHandler()?.({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    expect(wc.openHandler()?.({ url: 'imr://app/index.html' })).toEqual({ action: 'deny' });
    expect(wc.fire('will-attach-webview')).toBe(true);
  });

  it('denies every permission request and cancels requests to the network', () => {
    let requestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
    let checkHandler: ((...args: unknown[]) => boolean) | undefined;
    let beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    const session: SessionLike = {
      setPermissionRequestHandler: (h) => (requestHandler = h),
      setPermissionCheckHandler: (h) => (checkHandler = h),
      webRequest: { onBeforeRequest: (l) => (beforeRequest = l) },
    };
    hardenSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      requestHandler?.({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(checkHandler?.({}, 'media')).toBe(false);
    const cancel = (url: string) => {
      let result: boolean | undefined;
      beforeRequest?.({ url }, (r) => (result = r.cancel));
      return result;
    };
    expect(cancel('https://telemetry.example/')).toBe(true);
    expect(cancel('imr://app/index.html')).toBe(false);
  });
});

describe('the backend process environment', () => {
  const base = {
    dbPath: '/home/r/ws.imr.sqlite',
    samplesDir: '/opt/imr/samples',
    settingsPath: '/home/r/.config/imr/settings.json',
  };

  it('passes only what the backend needs, never the caller’s NODE_OPTIONS, Electron switches or secrets', () => {
    const env = backendEnvironment({
      ...base,
      parent: {
        HOME: '/home/r',
        TMPDIR: '/tmp',
        LANG: 'en_US.UTF-8',
        PATH: '/usr/bin',
        NODE_OPTIONS: '--require /tmp/evil.js',
        ELECTRON_RUN_AS_NODE: '1',
        IMR_SQLITE_BINDING: '/tmp/evil.node',
        IMR_DEVTOOLS: '1',
        AWS_SECRET_ACCESS_KEY: 'x',
      },
      sqliteBinding: null,
    });
    expect(env).toEqual({
      HOME: '/home/r',
      TMPDIR: '/tmp',
      LANG: 'en_US.UTF-8',
      IMR_DB: base.dbPath,
      IMR_SAMPLES_DIR: base.samplesDir,
      IMR_SETTINGS: base.settingsPath,
    });
  });

  it('names the native SQLite library only as the app’s own file', () => {
    const env = backendEnvironment({
      ...base,
      parent: { IMR_SQLITE_BINDING: '/tmp/evil.node' },
      sqliteBinding: '/opt/imr/resources/app.asar.unpacked/dist-electron/native/better_sqlite3.node',
    });
    expect(env.IMR_SQLITE_BINDING).toBe(
      '/opt/imr/resources/app.asar.unpacked/dist-electron/native/better_sqlite3.node',
    );
  });
});

describe('code that must not exist', () => {
  const sources = (dir: string): string[] =>
    fs
      .readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .map((f) => fs.readFileSync(path.join(PROJECT_ROOT, dir, f), 'utf8'));

  it('never opens anything outside the app (shell.openExternal), nor enables Blink features', () => {
    for (const text of [...sources('electron'), ...sources('renderer/src')]) {
      expect(text).not.toMatch(/openExternal|enableBlinkFeatures|allowpopups/);
    }
    expect(Object.keys(secureWebPreferences('/p.cjs'))).not.toContain('enableBlinkFeatures');
  });

  it('reads development switches from the environment only in an unpackaged app', () => {
    const main = fs.readFileSync(path.join(PROJECT_ROOT, 'electron/main.ts'), 'utf8');
    expect(main).toMatch(/const DEV = !app\.isPackaged;/);
    expect(main).toMatch(/const DEVTOOLS = DEV && !!process\.env\.IMR_DEVTOOLS;/);
    const env = [...sources('electron')].join('\n').match(/process\.env\.(IMR_\w+)/g) ?? [];
    // The backend process reads what main put in its minimal environment; main reads IMR_DEVTOOLS and IMR_DB behind DEV.
    expect([...new Set(env)].sort()).toEqual(
      [
        'process.env.IMR_DB',
        'process.env.IMR_DEVTOOLS',
        'process.env.IMR_SAMPLES_DIR',
        'process.env.IMR_SETTINGS',
      ].sort(),
    );
    expect(main).toMatch(/\(DEV && process\.env\.IMR_DB\)/);
  });
});
