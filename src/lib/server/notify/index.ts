/**
 * "Something in Candour needs you" emails to the people who hold a case, and to nobody else.
 * See docs/NOTIFICATIONS.md. Case endpoints call `notifyCaseEvent` after a change is stored.
 */
import { config } from '../config';
import { db } from '../runtime';
import { today } from '../cases';
import { notifyDeadlines } from './deadlines';
import { logError } from '../log';
import { failureReason, notifyHolders, type CaseEvent, type NotifyResult } from './holders';
import { createNotifier, type Notifier } from './notifier';

export {
  createNotifier,
  noticeText,
  originOf,
  NOTICE_SUBJECT,
  type Notifier,
  type NotifierConfig
} from './notifier';
export {
  holderAddresses,
  notifyHolders,
  notifyHoldersLater,
  type CaseEvent,
  type NotifyHoldersInput,
  type NotifyResult
} from './holders';
export { deadlineKey, dueCaseIds, notifyDeadlines } from './deadlines';

let shared: Notifier | undefined;

/** The process-wide notifier, made from the validated configuration on first use. */
export function runtimeNotifier(): Notifier {
  shared ??= createNotifier(config());
  return shared;
}

/** Awaitable form of `notifyCaseEvent`; never rejects. */
export async function notifyCaseEventNow(
  caseId: string,
  event: CaseEvent,
  exceptPersonId?: string
): Promise<NotifyResult> {
  const notifier = runtimeNotifier();
  if (!notifier.enabled) return { sent: 0, failed: 0 };
  try {
    return await notifyHolders(await db(), notifier, { caseId, event, exceptPersonId });
  } catch (error) {
    logError('notification failed', failureReason(error));
    return { sent: 0, failed: 0 };
  }
}

/**
 * One line for a case endpoint, after the change is stored: emails the case's other holders and
 * returns at once. Failures are logged, never thrown.
 */
export function notifyCaseEvent(caseId: string, event: CaseEvent, exceptPersonId?: string): void {
  void notifyCaseEventNow(caseId, event, exceptPersonId).catch(() => {});
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Checks deadlines now and then hourly; each case is reminded at most once a day however many
 * instances run. Returns a stop function. Does nothing when email is off.
 */
export function startDeadlineNotices(): () => void {
  if (!runtimeNotifier().enabled) return () => {};
  const run = () => {
    void db()
      .then((database) => notifyDeadlines(database, runtimeNotifier(), today()))
      .catch((error: unknown) => logError('notification failed', failureReason(error)));
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
