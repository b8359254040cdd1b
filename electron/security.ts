/**
 * One place for every security rule of the desktop shell, applied to every
 * webContents the app ever creates (Actual Budget's pattern). The rules are
 * written against small structural types so unit tests can drive them with
 * fakes; no Electron binary is needed to test them.
 */
import { CONTENT_SECURITY_POLICY } from '../shared/api/csp';

export const APP_SCHEME = 'imr';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The BrowserWindow webPreferences; nothing here may be relaxed. DevTools
 * only in a development build started with IMR_DEVTOOLS (electron/main.ts).
 */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean } = { devTools: false }) {
  return {
    preload: preloadPath,
    devTools: options.devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

/** True only for the app's own pages, served from the custom scheme. */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === 'app' && url.username === '' && url.password === '';
}

/** The IPC sender must be the app's own top-level page. */
export function isTrustedSenderFrame(frame: { url: string; parent?: unknown } | null | undefined): boolean {
  if (!frame) return false;
  if (frame.parent) return false;
  return isAppUrl(frame.url);
}

interface PreventableEvent {
  preventDefault(): void;
}

export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Blocks navigation and redirects away from the app, every `window.open`,
 * and `<webview>`. Links in letters never open anything: the app is offline.
 */
export function hardenWebContents(contents: WebContentsLike): void {
  const blockForeign = (event: PreventableEvent, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-frame-navigate', (event) => blockForeign(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void;
  webRequest: {
    onBeforeRequest(
      listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
    ): void;
  };
}

/** No permission (camera, geolocation, notifications…) is ever granted; no request leaves the machine. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
}

/** What the renderer may load: its own scheme, and in-memory data/blob URLs (pdf.js). */
export function isAllowedRequestUrl(raw: string): boolean {
  if (isAppUrl(raw)) return true;
  return raw.startsWith('data:') || raw.startsWith('blob:imr://app/') || raw.startsWith('devtools:');
}

export const RESPONSE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
