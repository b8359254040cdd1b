import { describe, expect, it, vi } from 'vitest';
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
      preload: '/app/preload.cjs',
    });
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
