import { json, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { config, ConfigError } from '$lib/server/config';
import { logError, logInfo } from '$lib/server/log';
import { db, isLeader, startRuntime } from '$lib/server/runtime';
import { describeDemo, seedDemo } from '$lib/server/demo/seed';
import { runtimeNotifier, startNotices } from '$lib/server/notify';
import { startUploadSweeper } from '$lib/server/upload-sweeper';
import { startReviewSweep } from '$lib/server/records/review';
import { findSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { isStaffPath } from '$lib/paths';
import { localeFrom } from '$lib/i18n';
import { COMMON_SECURITY_HEADERS, HSTS, LOCKED_DOWN_CSP, wantsHsts } from '$lib/security-headers';

export const init: ServerInit = async () => {
  try {
    const { config, database } = await startRuntime();
    // With several workers (src/cli/start.js) one of them seeds and runs the background jobs.
    const leader = isLeader();
    if (config.CANDOUR_DEMO && leader) {
      const seed = await seedDemo(database.db);
      if (seed)
        process.stdout.write(
          describeDemo(seed, config.ORIGIN ?? `http://localhost:${config.PORT}`)
        );
      else
        process.stdout.write(
          'The demo is already set up here, so no passwords are printed (they were shown once, ' +
            'the first time). To start afresh, stop Candour, delete its data directory ' +
            `(${config.DATA_DIR}) or drop its database, and run npm run demo again.\n`
        );
    }
    // One worker runs the timers; the outbox is safe under several instances all the same.
    if (leader) {
      startNotices();
      startUploadSweeper();
      // Retention review: notices ahead of time; deletion only where an organisation turned it on.
      startReviewSweep(db, runtimeNotifier);
    }
    // adapter-node announces a graceful stop once requests are done; the database pool would
    // otherwise keep the process alive.
    process.once('sveltekit:shutdown', () => void database.close().catch(() => {}));
    logInfo(`Candour ready on ${database.kind}${config.CANDOUR_DEMO ? ' (demo)' : ''}`);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    logError('Candour could not start', error);
    process.exit(1);
  }
};

/** Route id and status only: no IP address, user agent, query string or exact time. */
const accessLog: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  logInfo(`${event.request.method} ${event.route.id ?? '(no route)'} ${response.status}`);
  return response;
};

const securityHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  const headers = response.headers;
  // Static files get the same list in src/cli/static-headers.js.
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) headers.set(name, value);
  // Pages get kit.csp; everything else (JSON, files) may load nothing at all.
  if (!headers.has('Content-Security-Policy')) {
    headers.set('Content-Security-Policy', LOCKED_DOWN_CSP);
  }
  if (wantsHsts(config().ORIGIN)) headers.set('Strict-Transport-Security', HSTS);
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  return response;
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * SvelteKit checks Origin for form posts only; JSON endpoints that change state are checked
 * here. A browser always sends Origin with these methods, so a request from another site's page
 * is refused; a client that sends none (not a browser) carries no one's cookie either.
 */
const sameOrigin: Handle = async ({ event, resolve }) => {
  const origin = event.request.headers.get('origin');
  if (STATE_CHANGING.has(event.request.method) && origin !== null && origin !== event.url.origin) {
    return json(
      { message: 'Requests from other sites are not accepted.', code: 'cross_origin' },
      { status: 403 }
    );
  }
  return resolve(event);
};

/** Reporter-facing responses never set a cookie, whatever a handler below tried. */
const noReporterCookies: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  if (!isStaffPath(event.url.pathname)) response.headers.delete('set-cookie');
  return response;
};

/** Staff pages read the session cookie; reporter requests never look at cookies at all. */
const staffSession: Handle = async ({ event, resolve }) => {
  event.locals.staff = null;
  if (isStaffPath(event.url.pathname)) {
    event.locals.staff = await findSession(await db(), event.cookies.get(SESSION_COOKIE));
  }
  return resolve(event);
};

/** The page's language comes from `?lang=` (never a cookie); `<html lang>` says which. */
const language: Handle = async ({ event, resolve }) => {
  const locale = localeFrom(event.url, isStaffPath(event.url.pathname));
  return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};

export const handle = sequence(
  accessLog,
  securityHeaders,
  noReporterCookies,
  sameOrigin,
  staffSession,
  language
);

export const handleError: HandleServerError = ({ error, status }) => {
  if (status !== 404) logError('request failed', error);
  return { message: status === 404 ? 'Not found' : 'Something went wrong' };
};
