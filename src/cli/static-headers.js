// adapter-node serves `/_app/…`, `favicon.svg`, `candour.css` and the other static files before
// SvelteKit's hooks run, so the hooks' security headers never reach them. This gives every
// response the server writes the same headers, filling in only what a response has not set
// itself (so what the hooks chose for pages stands). Imported by src/cli/start.js before the
// build, so it covers each worker process.
//
// A Content-Security-Policy is added to static files except scripts and WebAssembly: a worker
// script's own policy governs that worker (the proof-of-work and crypto workers need to run
// WebAssembly), and a policy on a script a page loads does nothing. Everything else (an SVG
// opened on its own, a stylesheet) may load nothing.
import http from 'node:http';

import {
  COMMON_SECURITY_HEADERS,
  HSTS,
  LOCKED_DOWN_CSP,
  wantsHsts
} from '../lib/security-headers.js';

/**
 * @param {http.ServerResponse} response
 * @param {unknown[]} args what writeHead was given after the status code
 * @returns {string}
 */
function contentTypeOf(response, args) {
  const given = args.find((a) => a !== null && typeof a === 'object' && !Array.isArray(a));
  if (given) {
    for (const [name, value] of Object.entries(given)) {
      if (name.toLowerCase() === 'content-type') return String(value);
    }
  }
  return String(response.getHeader('content-type') ?? '');
}

/** @param {string | undefined} origin the deployment's ORIGIN */
export function installStaticHeaders(origin = process.env.ORIGIN) {
  const proto = http.ServerResponse.prototype;
  if (/** @type {{ candourHeaders?: boolean }} */ (proto).candourHeaders) return;
  /** @type {Record<string, string>} */
  const defaults = { ...COMMON_SECURITY_HEADERS };
  if (wantsHsts(origin)) defaults['Strict-Transport-Security'] = HSTS;
  const writeHead = proto.writeHead;
  /** @type {any} */ (proto).writeHead = function (
    /** @type {number} */ status,
    /** @type {unknown[]} */ ...args
  ) {
    if (!this.headersSent) {
      for (const [name, value] of Object.entries(defaults)) {
        if (!this.hasHeader(name)) this.setHeader(name, value);
      }
      const type = contentTypeOf(this, args);
      if (!this.hasHeader('content-security-policy') && !/javascript|wasm/i.test(type)) {
        this.setHeader('Content-Security-Policy', LOCKED_DOWN_CSP);
      }
    }
    return /** @type {any} */ (writeHead).call(this, status, ...args);
  };
  Object.defineProperty(proto, 'candourHeaders', { value: true });
}
