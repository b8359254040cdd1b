/**
 * The renderer's Content-Security-Policy, one definition for both hosts:
 * Electron sets it on every response of its custom scheme, the browser host
 * on every page. No remote origin appears anywhere: the app never goes online.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
