import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { deadlinesFor, policySchema } from '$lib/routing';
import { consume } from '../auth/rate-limit';
import type { Database } from '../db';
import { cases, organisations } from '../db/schema';
import { logError } from '../log';
import { failureReason, type NotifyResult } from './holders';
import { notifyHolders } from './outbox';
import type { Notifier } from './notifier';

const DAY_MS = 24 * 60 * 60 * 1000;
const KEY_PREFIX = 'notify-deadline:';

export function deadlineKey(caseId: string, day: string): string {
  return `${KEY_PREFIX}${caseId}:${day}`;
}

/** Open cases whose acknowledgement or reply is due on `day` or overdue. */
export async function dueCaseIds(db: Database, day: string): Promise<string[]> {
  const rows = await db
    .select({
      id: cases.id,
      track: cases.track,
      stage: cases.stage,
      stageStartedOn: cases.stageStartedOn,
      acknowledgedOn: cases.acknowledgedOn,
      respondedOn: cases.respondedOn,
      policy: organisations.policy
    })
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(and(isNull(cases.closedOn), ne(cases.status, 'closed')));
  const due: string[] = [];
  for (const row of rows) {
    const policy = policySchema.safeParse(row.policy);
    if (!policy.success) continue;
    try {
      const { acknowledgeBy, replyBy } = deadlinesFor(policy.data, row.track, row.stage, {
        receivedOn: row.stageStartedOn,
        acknowledgedOn: row.acknowledgedOn,
        respondedOn: row.respondedOn
      });
      const ackDue = !row.acknowledgedOn && acknowledgeBy !== null && acknowledgeBy <= day;
      const replyDue = !row.respondedOn && replyBy !== null && replyBy <= day;
      if (ackDue || replyDue) due.push(row.id);
    } catch {
      // The policy no longer has this track or stage: no deadline to count.
    }
  }
  return due;
}

/**
 * Reminds the holders of every case due or overdue on `day`, at most once per case per day
 * across all instances: the claim is a rate_limits row that holds only the case id and day.
 */
export async function notifyDeadlines(
  db: Database,
  notifier: Notifier,
  day: string
): Promise<NotifyResult & { cases: number }> {
  const total = { sent: 0, failed: 0, cases: 0 };
  if (!notifier.enabled) return total;
  try {
    // Yesterday's claims can no longer matter; keep the table small.
    await db.execute(
      sql`delete from rate_limits where key like ${`${KEY_PREFIX}%`}
          and window_start < ${new Date(Date.now() - 2 * DAY_MS).toISOString()}::timestamptz`
    );
    for (const caseId of await dueCaseIds(db, day)) {
      const claim = await consume(db, deadlineKey(caseId, day), { max: 1, windowMs: DAY_MS });
      if (!claim.allowed) continue;
      const result = await notifyHolders(db, notifier, { caseId, event: 'deadline' });
      total.cases += 1;
      total.sent += result.sent;
      total.failed += result.failed;
    }
  } catch (error) {
    logError('notification failed', failureReason(error));
  }
  return total;
}
