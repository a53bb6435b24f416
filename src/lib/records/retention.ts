/**
 * Retention and review (docs/RECORDS.md), pure: from the policy and a case's dates only, so the
 * server can tell when a closed case comes up for review without knowing anything it says.
 */
import type { Policy, Retention, Track } from '$lib/routing';

/** Holders are told this many days before a case comes up for review. */
export const REVIEW_NOTICE_DAYS = 30;
/** Where the organisation turned automatic deletion on: this long after review falls due. */
export const AUTO_DELETE_GRACE_DAYS = 30;

/** The defaults, each with its source in UK guidance (docs/RECORDS.md gives the reasoning). */
export const RETENTION_DEFAULTS: Record<Track, Retention> = {
  whistleblowing: {
    years: 10,
    from: 'received',
    pensionAgeCheck: true,
    source:
      'Keeping children safe in education (DfE), Part 4: records of allegations against staff are kept until the person’s normal pension age or for ten years from the allegation, whichever is longer'
  },
  safeguarding: {
    years: 25,
    from: 'received',
    pensionAgeCheck: true,
    source:
      'IRMS Records Management Toolkit for Schools: child protection records are kept until the child is 25 (from receipt, as the child’s age is not held); allegations against staff as in Keeping children safe in education, Part 4'
  },
  complaint: {
    years: 6,
    from: 'closed',
    source:
      'IRMS Records Management Toolkit for Schools (complaints: date of resolution + 6 years), matching the Limitation Act 1980'
  },
  compliment: {
    years: 1,
    from: 'closed',
    source:
      'No statutory period; UK GDPR Article 5(1)(e) (storage limitation): kept no longer than needed'
  }
};

export function retentionFor(policy: Policy | null, track: Track): Retention {
  return policy?.tracks[track]?.retention ?? RETENTION_DEFAULTS[track];
}

/** `YYYY-MM-DD` plus whole years (29 February becomes 1 March), in UTC. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export interface CaseDates {
  receivedOn: string;
  closedOn: string | null;
  status: string;
}

/**
 * `open`: not closed, never reviewed; `kept`: closed, review not yet near; `notice`: within the
 * notice period; `due`: review has fallen due, a holder decides; `held`: under legal hold.
 */
export type ReviewState = 'open' | 'kept' | 'notice' | 'due' | 'held';

export interface Review {
  state: ReviewState;
  /** When the case comes up for review; null while it is open (a closure date is needed). */
  dueOn: string | null;
  retention: Retention;
}

export function reviewOf(policy: Policy | null, track: Track, c: CaseDates, day: string): Review {
  const retention = retentionFor(policy, track);
  const closed = c.status === 'closed' && c.closedOn !== null;
  const anchor = retention.from === 'closed' ? c.closedOn : c.receivedOn;
  const dueOn = closed && anchor ? addYears(anchor, retention.years) : null;
  if (retention.legalHold) return { state: 'held', dueOn, retention };
  if (!closed || !dueOn) return { state: 'open', dueOn: null, retention };
  if (day >= dueOn) return { state: 'due', dueOn, retention };
  if (day >= addDays(dueOn, -REVIEW_NOTICE_DAYS)) return { state: 'notice', dueOn, retention };
  return { state: 'kept', dueOn, retention };
}

/** Where automatic deletion is on: a case due for review this long ago goes without a holder. */
export function autoDeleteDue(policy: Policy | null, review: Review, day: string): boolean {
  return (
    policy?.records?.autoDelete === true &&
    review.state === 'due' &&
    review.dueOn !== null &&
    day >= addDays(review.dueOn, AUTO_DELETE_GRACE_DAYS)
  );
}
