// Security headers on every response, and a strict CSP: scripts only from this origin, plus
// 'wasm-unsafe-eval' because libsodium runs as WebAssembly. No inline script or style, no third
// party, no framing. API answers and the pupil pages are never cached by browsers or proxies, so a
// shared tablet keeps nothing.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: {},
    strictTransportSecurity: options.hsts ? 'max-age=31536000; includeSubDomains' : false,
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
    },
  });
  return async (c, next) => {
    await headers(c, async () => {
      await next();
    });
    // On the response's own headers, as secureHeaders does: c.header() on a finished response
    // would copy it into a new one (reading its body as a stream), on every request.
    const { headers: set } = c.res;
    set.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (!set.has('Cache-Control')) set.set('Cache-Control', 'no-store');
  };
}
