// The security headers every response carries. Plain JavaScript without imports, so that both the
// hooks (src/hooks.server.ts, for everything SvelteKit renders) and `npm start` (src/cli/start.js,
// for the static files adapter-node serves before any hook runs) use the one list.

/** Headers for every response, whatever it holds. */
export const COMMON_SECURITY_HEADERS = Object.freeze({
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()'
});

/** For responses that are not pages (JSON, files): they may load nothing and be framed nowhere. */
export const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'";

export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * adapter-node assumes https when ORIGIN is unset, so trust only the configured origin.
 * @param {string | undefined} origin
 */
export function wantsHsts(origin) {
  return typeof origin === 'string' && origin.startsWith('https:');
}
