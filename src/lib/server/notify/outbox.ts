/**
 * The notice outbox (docs/NOTIFICATIONS.md): events put rows here, and any instance sends the
 * rows that are due, each claimed under a row lock and a lease, retried with backoff until the
 * mail server accepts it. A row says whom and when, nothing else.
 */
import { and, count, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { queryRows } from '../db';
import { cases, noticeOutbox, organisations, people } from '../db/schema';
import { logError } from '../log';
import { failureReason, holderIds, type NotifyHoldersInput } from './holders';
import type { Notifier } from './notifier';

/** The batch intervals an organisation may choose for reporter-triggered notices. */
export const NOTICE_INTERVALS = [15, 30, 60] as const;
export type NoticeInterval = (typeof NOTICE_INTERVALS)[number];

/** Who caused the event: a reporter's notices wait for the batch; staff and system ones do not. */
export type NoticeTrigger =
  { by: 'reporter' } | { by: 'staff'; personId: string } | { by: 'system' };

const MINUTE_MS = 60_000;
/** How long a claim lasts: longer than any one send, so a live instance is never overtaken. */
const LEASE_MS = 5 * MINUTE_MS;
const MAX_BACKOFF_MS = 60 * MINUTE_MS;
const CLAIM_BATCH = 200;

export interface DeliveryResult {
  sent: number;
  failed: number;
}

/** The first multiple of `minutes` (on the clock: 11:00, 11:15…) strictly after `now`. */
export function nextBatchAt(now: Date, minutes: number): Date {
  const step = minutes * MINUTE_MS;
  return new Date(Math.floor(now.getTime() / step) * step + step);
}

/** 1, 2, 4 … minutes after the n-th failed attempt, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MINUTE_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** The SMTP reply code (550) or the error's code (ECONNECTION): never the reply text. */
export function failureCode(error: unknown): string {
  const e = error as { responseCode?: unknown; code?: unknown } | null;
  if (typeof e?.responseCode === 'number' && e.responseCode >= 200 && e.responseCode < 600) {
    return String(e.responseCode);
  }
  if (typeof e?.code === 'string' && /^[A-Z_]{2,24}$/.test(e.code)) return e.code;
  return 'UNKNOWN';
}

const iso = (date: Date) => date.toISOString();

/**
 * Queues one notice for each holder of the case who may read it now (not the staff member who
 * acted). Reporter events are due at the organisation's next batch time, so two before the same
 * batch make one notice; others are due at once. Returns the ids of the rows it added.
 */
export async function enqueueCaseNotice(
  db: Database,
  caseId: string,
  trigger: NoticeTrigger,
  now = new Date()
): Promise<number[]> {
  const ids = await holderIds(db, caseId, trigger.by === 'staff' ? trigger.personId : undefined);
  if (ids.length === 0) return [];
  let dueAt = now;
  if (trigger.by === 'reporter') {
    const [row] = await db
      .select({ minutes: organisations.noticeIntervalMinutes })
      .from(cases)
      .innerJoin(organisations, eq(organisations.id, cases.organisationId))
      .where(eq(cases.id, caseId));
    dueAt = nextBatchAt(now, row?.minutes ?? 60);
  }
  const rows = await db
    .insert(noticeOutbox)
    .values(ids.map((personId) => ({ personId, dueAt })))
    .onConflictDoNothing()
    .returning({ id: noticeOutbox.id });
  return rows.map((r) => r.id);
}

/** Takes due rows that no live instance holds, under row locks: two instances never share one. */
async function claim(db: Database, now: Date, only?: number[]) {
  const restrict: SQL =
    only === undefined
      ? sql``
      : sql`and id in (${sql.join(
          only.map((id) => sql`${id}`),
          sql`, `
        )})`;
  return queryRows<{ id: number | string; person_id: string; attempts: number }>(
    db,
    sql`update notice_outbox set claimed_until = ${iso(new Date(now.getTime() + LEASE_MS))}::timestamptz,
          attempts = attempts + 1
        where id in (
          select id from notice_outbox
          where due_at <= ${iso(now)}::timestamptz
            and (claimed_until is null or claimed_until <= ${iso(now)}::timestamptz) ${restrict}
          order by due_at, id limit ${CLAIM_BATCH}
          for update skip locked)
        returning id, person_id, attempts`
  );
}

async function recordFailure(db: Database, id: number, attempts: number, now: Date, code: string) {
  const retryAt = new Date(now.getTime() + retryDelayMs(attempts));
  try {
    await db
      .update(noticeOutbox)
      .set({ dueAt: retryAt, claimedUntil: null, lastError: code })
      .where(eq(noticeOutbox.id, id));
  } catch {
    // The person already has a notice due at that very moment: it carries this one.
    await db.delete(noticeOutbox).where(eq(noticeOutbox.id, id));
  }
}

/**
 * Sends every notice due at `now` (or only the rows `only` names, if due). A row is deleted when
 * the mail server accepts its message; a failure keeps it, with the code, for a later retry.
 */
export async function deliverDueNotices(
  db: Database,
  notifier: Notifier,
  now = new Date(),
  only?: number[]
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0 };
  if (!notifier.enabled || (only && only.length === 0)) return result;
  for (;;) {
    const claimed = await claim(db, now, only);
    if (claimed.length === 0) return result;
    const recipients = await db
      .select({ id: people.id, email: people.email, status: people.status })
      .from(people)
      .where(
        inArray(
          people.id,
          claimed.map((row) => row.person_id)
        )
      );
    const byId = new Map(recipients.map((p) => [p.id, p]));
    await Promise.all(
      claimed.map(async (row) => {
        const id = Number(row.id);
        const person = byId.get(row.person_id);
        if (!person || person.status !== 'active') {
          await db.delete(noticeOutbox).where(eq(noticeOutbox.id, id));
          return;
        }
        try {
          await notifier.send(person.email);
          await db.delete(noticeOutbox).where(eq(noticeOutbox.id, id));
          result.sent += 1;
        } catch (error) {
          result.failed += 1;
          logError('notification failed', failureReason(error));
          await recordFailure(db, id, Number(row.attempts), now, failureCode(error));
        }
      })
    );
    if (claimed.length < CLAIM_BATCH) return result;
  }
}

/** What an organisation's admin may see: how many of its people's notices are failing, and the
 *  last failure's code. Never an address, a case or a time. */
export async function noticeHealth(
  db: Database,
  organisationId: string
): Promise<{ failing: number; lastCode: string | null }> {
  const failing = and(eq(people.organisationId, organisationId), gt(noticeOutbox.attempts, 0));
  const [total] = await db
    .select({ n: count() })
    .from(noticeOutbox)
    .innerJoin(people, eq(people.id, noticeOutbox.personId))
    .where(failing);
  const [last] = await db
    .select({ code: noticeOutbox.lastError })
    .from(noticeOutbox)
    .innerJoin(people, eq(people.id, noticeOutbox.personId))
    .where(failing)
    .orderBy(desc(noticeOutbox.dueAt))
    .limit(1);
  return { failing: Number(total?.n ?? 0), lastCode: last?.code ?? null };
}

export async function setNoticeInterval(
  db: Database,
  organisationId: string,
  minutes: NoticeInterval
): Promise<void> {
  await db
    .update(organisations)
    .set({ noticeIntervalMinutes: minutes })
    .where(eq(organisations.id, organisationId));
}

export async function noticeInterval(db: Database, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ minutes: organisations.noticeIntervalMinutes })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row?.minutes ?? 60;
}

/**
 * Queues a notice for each holder at once (a staff or system event) and sends those rows now.
 * Never rejects: a failure is logged without address or content, counted, and kept for a retry.
 */
export async function notifyHolders(
  db: Database,
  notifier: Notifier,
  input: NotifyHoldersInput,
  now = new Date()
): Promise<DeliveryResult> {
  if (!notifier.enabled) return { sent: 0, failed: 0 };
  try {
    const trigger: NoticeTrigger = input.exceptPersonId
      ? { by: 'staff', personId: input.exceptPersonId }
      : { by: 'system' };
    const ids = await enqueueCaseNotice(db, input.caseId, trigger, now);
    return await deliverDueNotices(db, notifier, now, ids);
  } catch (error) {
    logError('notification failed', failureReason(error));
    return { sent: 0, failed: 0 };
  }
}

/** Fire-and-forget: starts `notifyHolders` and returns at once; the caller's answer never waits. */
export function notifyHoldersLater(
  db: Database,
  notifier: Notifier,
  input: NotifyHoldersInput
): void {
  void notifyHolders(db, notifier, input).catch(() => {});
}
