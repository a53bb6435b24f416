import { removeAbandonedUploads } from './cases';
import { logError, logInfo } from './log';
import { db } from './runtime';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Removes uploads abandoned for a day (their entry never came), once at start and then hourly.
 * Run by the leader only (src/hooks.server.ts); the DELETE is safe under several all the same.
 * Returns a stop function.
 */
export function startUploadSweeper(): () => void {
  const sweep = () => {
    void db()
      .then((database) => removeAbandonedUploads(database))
      .then((removed) => {
        if (removed > 0) logInfo(`Removed ${removed} abandoned file upload(s)`);
      })
      .catch((error: unknown) => logError('removing abandoned uploads failed', error));
  };
  sweep();
  const timer = setInterval(sweep, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
