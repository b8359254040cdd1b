/**
 * The ImrBridge over HTTP, for the loopback browser host. The page arrives as
 * `/?token=…`; the host also sets an HttpOnly cookie, but we keep the token in
 * sessionStorage and send it as a Bearer header too, then scrub it from the
 * address bar so it never lands in history or a screenshot.
 */
import type { ImrBridge, MenuAction } from '../../../shared/api/bridge';
import type { ApiName, ApiResult, Send } from '../../../shared/api/contract';
import type { BackendEvent } from '../../../shared/domain/case';

const TOKEN_KEY = 'imr_token';

export function takeTokenFromUrl(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the cookie still authenticates.
    }
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + (url.search ? url.search : '') + url.hash);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function failure(code: 'internal' | 'not_available', message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

export function createWebBridge(): ImrBridge {
  const token = takeTokenFromUrl();
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;

  const send = (async (name: ApiName, args: unknown) => {
    let response: Response;
    try {
      response = await fetch(`./api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return failure('internal', 'The workbench service is not reachable. Is the host still running?');
    }
    if (response.status === 401 || response.status === 403) {
      return failure(
        'internal',
        'This page is not authorised. Open the URL printed by the host (it contains the token).',
      );
    }
    const body = (await response.json().catch(() => null)) as ApiResult<unknown> | null;
    if (body && typeof body === 'object' && 'ok' in body) return body;
    return failure('internal', `The service answered ${response.status} ${response.statusText || ''}`.trim());
  }) as Send;

  const eventListeners = new Set<(event: BackendEvent) => void>();
  let source: EventSource | null = null;
  const ensureEvents = () => {
    if (source) return;
    // EventSource cannot send headers; the HttpOnly cookie authenticates it.
    source = new EventSource('./api/events', { withCredentials: true });
    source.onmessage = (message) => {
      let event: BackendEvent;
      try {
        event = JSON.parse(message.data as string) as BackendEvent;
      } catch {
        return;
      }
      for (const listener of eventListeners) listener(event);
    };
  };

  return {
    host: 'web',
    send,
    onEvent(listener) {
      eventListeners.add(listener);
      ensureEvents();
      return () => {
        eventListeners.delete(listener);
      };
    },
    // A browser has no application menu; the toolbar offers the same actions.
    onMenu(_listener: (action: MenuAction) => void) {
      return () => {};
    },
    pathForFile() {
      return null;
    },
  };
}
