/**
 * Which closed cases come up for review, from metadata only (track, dates, the policy), and the
 * hourly sweep that tells holders in advance and, only where the organisation turned it on,
 * deletes cases whose review is long past (docs/RECORDS.md).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { autoDeleteDue, reviewOf, type Review } from '$lib/records/retention';
import { policySchema, type Policy, type Track } from '$lib/routing';
import { consume } from '../auth/rate-limit';
import { today } from '../cases/store';
import type { Database } from '../db';
import { caseKeys, cases, organisations } from '../db/schema';
import { logError } from '../log';
import { notifyHolders } from '../notify/outbox';
import type { Notifier } from '../notify/notifier';
import { deleteCaseAtReview } from './deletion';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReviewRow {
  caseId: string;
  organisation: string;
  track: Track;
  receivedOn: string;
  closedOn: string | null;
  review: Review;
}

function parsePolicy(value: unknown): Policy | null {
  const parsed = policySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

async function closedCases(db: Database, personId?: string) {
  const query = db
    .select({
      caseId: cases.id,
      organisation: organisations.name,
      policy: organisations.policy,
      track: cases.track,
      status: cases.status,
      receivedOn: cases.receivedOn,
      closedOn: cases.closedOn
    })
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId));
  if (!personId) return query.where(eq(cases.status, 'closed'));
  return query
    .innerJoin(caseKeys, eq(caseKeys.caseId, cases.id))
    .where(
      and(eq(cases.status, 'closed'), eq(caseKeys.personId, personId), isNull(caseKeys.revokedOn))
    );
}

/** The closed cases this person holds, with when each comes up for review. Nobody else's. */
export async function reviewListFor(
  db: Database,
  personId: string,
  day = today()
): Promise<ReviewRow[]> {
  const rows = await closedCases(db, personId);
  const unique = new Map(rows.map((r) => [r.caseId, r]));
  return [...unique.values()]
    .map((r) => ({
      caseId: r.caseId,
      organisation: r.organisation,
      track: r.track,
      receivedOn: r.receivedOn,
      closedOn: r.closedOn,
      review: reviewOf(parsePolicy(r.policy), r.track, r, day)
    }))
    .sort((a, b) => (a.review.dueOn ?? '9999').localeCompare(b.review.dueOn ?? '9999'));
}

export function reviewNoticeKey(caseId: string, dueOn: string): string {
  return `notify-review:${caseId}:${dueOn}`;
}

/**
 * Tells the holders of each case coming up for review (within the notice period, or due), once
 * per case and review date across instances; then, where the organisation turned automatic
 * deletion on, deletes what is past the grace period. Never throws.
 */
export async function reviewSweep(
  db: Database,
  notifier: Notifier,
  day = today()
): Promise<{ noticed: number; deleted: number }> {
  const total = { noticed: 0, deleted: 0 };
  try {
    for (const row of await closedCases(db)) {
      const policy = parsePolicy(row.policy);
      const review = reviewOf(policy, row.track, row, day);
      if (review.state !== 'notice' && review.state !== 'due') continue;
      if (autoDeleteDue(policy, review, day)) {
        await deleteCaseAtReview(db, row.caseId, { kind: 'system' }, day);
        total.deleted++;
        continue;
      }
      if (!notifier.enabled) continue;
      const claim = await consume(db, reviewNoticeKey(row.caseId, review.dueOn!), {
        max: 1,
        windowMs: 400 * DAY_MS
      });
      if (!claim.allowed) continue;
      await notifyHolders(db, notifier, { caseId: row.caseId, event: 'review' });
      total.noticed++;
    }
  } catch (error) {
    logError('review sweep failed', error instanceof Error ? new Error(error.name) : undefined);
  }
  return total;
}

/** Runs the sweep now and hourly on the leading instance. Returns a stop function. */
export function startReviewSweep(
  db: () => Promise<Database>,
  notifier: () => Notifier
): () => void {
  const run = () => {
    void db()
      .then((database) => reviewSweep(database, notifier()))
      .catch(() => {});
  };
  run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
