/**
 * "Something in Candour needs you" emails to the people who hold a case, and to nobody else.
 * See docs/NOTIFICATIONS.md. Case endpoints call `notifyCaseEvent` after a change is stored;
 * notices go through the outbox (outbox.ts).
 */
import { config } from '../config';
import { db } from '../runtime';
import { today } from '../cases';
import { notifyDeadlines } from './deadlines';
import { logError } from '../log';
import { failureReason, type NotifyResult } from './holders';
import { deliverDueNotices, enqueueCaseNotice, type NoticeTrigger } from './outbox';
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
  holderIds,
  type CaseEvent,
  type NotifyHoldersInput,
  type NotifyResult
} from './holders';
export { deadlineKey, dueCaseIds, notifyDeadlines } from './deadlines';
export {
  deliverDueNotices,
  enqueueCaseNotice,
  failureCode,
  nextBatchAt,
  noticeHealth,
  noticeInterval,
  notifyHolders,
  notifyHoldersLater,
  retryDelayMs,
  setNoticeInterval,
  NOTICE_INTERVALS,
  type DeliveryResult,
  type NoticeInterval,
  type NoticeTrigger
} from './outbox';

let shared: Notifier | undefined;

/** The process-wide notifier, made from the validated configuration on first use. */
export function runtimeNotifier(): Notifier {
  shared ??= createNotifier(config());
  return shared;
}

/**
 * Awaitable form of `notifyCaseEvent`: queues the notices (for the next batch when a reporter
 * acted) and sends whatever is due now. Never rejects.
 */
export async function notifyCaseEventNow(
  caseId: string,
  trigger: NoticeTrigger
): Promise<{ queued: number } & NotifyResult> {
  const notifier = runtimeNotifier();
  if (!notifier.enabled) return { queued: 0, sent: 0, failed: 0 };
  try {
    const database = await db();
    const queued = (await enqueueCaseNotice(database, caseId, trigger)).length;
    return { queued, ...(await deliverDueNotices(database, notifier)) };
  } catch (error) {
    logError('notification failed', failureReason(error));
    return { queued: 0, sent: 0, failed: 0 };
  }
}

/**
 * One line for a case endpoint, after the change is stored: queues notices for the case's other
 * holders and returns at once. Failures are logged, never thrown.
 */
export function notifyCaseEvent(caseId: string, trigger: NoticeTrigger): void {
  void notifyCaseEventNow(caseId, trigger).catch(() => {});
}

const HOUR_MS = 60 * 60 * 1000;
/** How often each instance looks for due notices (batches and retries). */
const OUTBOX_TICK_MS = 20 * 1000;

/**
 * Sends due notices every few seconds and checks deadlines hourly, on each instance; the outbox
 * and the daily claim keep every notice to one send. Returns a stop function. Does nothing when
 * email is off.
 */
export function startNotices(): () => void {
  if (!runtimeNotifier().enabled) return () => {};
  const fail = (error: unknown) => logError('notification failed', failureReason(error));
  const deadlines = () => {
    void db()
      .then((database) => notifyDeadlines(database, runtimeNotifier(), today()))
      .catch(fail);
  };
  const outbox = () => {
    void db()
      .then((database) => deliverDueNotices(database, runtimeNotifier()))
      .catch(fail);
  };
  deadlines();
  outbox();
  const timers = [setInterval(deadlines, HOUR_MS), setInterval(outbox, OUTBOX_TICK_MS)];
  for (const timer of timers) timer.unref();
  return () => timers.forEach(clearInterval);
}
