import type { RequestHandler } from 'express';

/** Where PeerJS opens its WebSocket for a signaling URL (it fetches nothing else there). */
function socketOrigin(signalingUrl: string): string {
  const url = new URL(signalingUrl);
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  return `${secure ? 'wss' : 'ws'}://${url.host}`;
}

/**
 * Strict headers on every response: no inline script, no eval, no framing, no referrer.
 * Pages may connect to their own origin and to the signaling servers listed beside it.
 */
export function securityHeaders(options: {
  hsts: boolean;
  signalingServers?: string[];
}): RequestHandler {
  const connectSources = ["'self'", ...new Set((options.signalingServers ?? []).map(socketOrigin))];
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src ${connectSources.join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader(
      'Permissions-Policy',
      'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()',
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (options.hsts)
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
