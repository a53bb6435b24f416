/**
 * Statistics without content (docs/RECORDS.md). From metadata the server already holds — track,
 * stage, status, dates — and, in a holder's browser, from the cases that person can read. Any
 * count under SMALL_COUNT (zero included, so a missing count reveals nothing either) is shown as
 * "fewer than 5": in a small organisation a count of one can point at a person.
 */
import { deadlinesFor, TRACKS, type Policy, type Track } from '$lib/routing';
import { CASE_STATUSES } from '$lib/schemas/common';

export const SMALL_COUNT = 5;

/** A count as it may be shown: the number, or null for "fewer than 5". */
export type Count = number | null;

export function suppress(n: number): Count {
  return n < SMALL_COUNT ? null : n;
}

export interface MetadataRow {
  track: Track;
  stage: number;
  status: string;
  receivedOn: string;
  stageStartedOn: string;
  acknowledgedOn: string | null;
  respondedOn: string | null;
}

export type DeadlineKind = 'acknowledge' | 'reply';

export interface DeadlineCounts {
  track: Track;
  kind: DeadlineKind;
  met: Count;
  missed: Count;
  pending: Count;
}

export interface Statistics {
  total: Count;
  byTrack: { key: Track; count: Count }[];
  byStage: { key: number; count: Count }[];
  byStatus: { key: string; count: Count }[];
  byMonth: { key: string; count: Count }[];
  deadlines: DeadlineCounts[];
}

const STATUSES = CASE_STATUSES;

function tally<K>(keys: readonly K[], rows: readonly K[]): { key: K; count: Count }[] {
  return keys.map((key) => ({ key, count: suppress(rows.filter((r) => r === key).length) }));
}

/** Whether a deadline was met, missed, or is still to come, for the case's current stage. */
function outcomeOf(due: string | null, done: string | null, day: string) {
  if (!due) return null;
  if (done) return done <= due ? 'met' : 'missed';
  return day > due ? 'missed' : 'pending';
}

export function statisticsOf(
  rows: readonly MetadataRow[],
  policy: Policy | null,
  day: string
): Statistics {
  const months = [...new Set(rows.map((r) => r.receivedOn.slice(0, 7)))].sort();
  const raw = new Map<string, { met: number; missed: number; pending: number }>();
  for (const row of rows) {
    if (!policy?.tracks[row.track]) continue;
    let due;
    try {
      due = deadlinesFor(policy, row.track, row.stage, {
        receivedOn: row.stageStartedOn,
        acknowledgedOn: row.acknowledgedOn,
        respondedOn: row.respondedOn
      });
    } catch {
      continue;
    }
    const pairs: [DeadlineKind, string | null, string | null][] = [
      ['acknowledge', due.acknowledgeBy, row.acknowledgedOn],
      ['reply', due.replyBy, row.respondedOn]
    ];
    for (const [kind, by, done] of pairs) {
      const result = outcomeOf(by, done, day);
      if (!result) continue;
      const key = `${row.track}:${kind}`;
      const counts = raw.get(key) ?? { met: 0, missed: 0, pending: 0 };
      counts[result]++;
      raw.set(key, counts);
    }
  }
  const deadlines: DeadlineCounts[] = [];
  for (const track of TRACKS) {
    for (const kind of ['acknowledge', 'reply'] as const) {
      const c = raw.get(`${track}:${kind}`);
      if (!c) continue;
      deadlines.push({
        track,
        kind,
        met: suppress(c.met),
        missed: suppress(c.missed),
        pending: suppress(c.pending)
      });
    }
  }
  return {
    total: suppress(rows.length),
    byTrack: tally(
      TRACKS,
      rows.map((r) => r.track)
    ),
    byStage: tally(
      [1, 2, 3],
      rows.map((r) => r.stage)
    ),
    byStatus: tally(
      STATUSES,
      rows.map((r) => r.status)
    ),
    byMonth: tally(
      months,
      rows.map((r) => r.receivedOn.slice(0, 7))
    ),
    deadlines
  };
}

/** Counts that need content, made in a holder's browser from the cases they can read. */
export interface ContentCounts {
  cases: number;
  categories: { key: string; count: Count }[];
  outcomes: { key: string; count: Count }[];
  bodies: { key: string; count: Count }[];
}

export function contentCountsOf(
  opened: readonly { category: string | null; outcome: string | null; bodies: string[] }[]
): ContentCounts {
  const count = (values: string[]) =>
    [...new Set(values)].sort().map((key) => ({
      key,
      count: suppress(values.filter((v) => v === key).length)
    }));
  return {
    cases: opened.length,
    categories: count(opened.flatMap((o) => (o.category ? [o.category] : []))),
    outcomes: count(opened.flatMap((o) => (o.outcome ? [o.outcome] : []))),
    bodies: count(opened.flatMap((o) => [...new Set(o.bodies)]))
  };
}

const label = (c: Count) => (c === null ? 'fewer than 5' : String(c));

/** The statistics as CSV: `table,key,count`, small counts written "fewer than 5". */
export function statisticsCsv(s: Statistics): string {
  const lines = ['table,key,count', `total,all,${label(s.total)}`];
  for (const [table, list] of [
    ['track', s.byTrack],
    ['stage', s.byStage],
    ['status', s.byStatus],
    ['month', s.byMonth]
  ] as const) {
    for (const { key, count } of list) lines.push(`${table},${key},${label(count)}`);
  }
  for (const d of s.deadlines) {
    lines.push(`deadline ${d.kind} met,${d.track},${label(d.met)}`);
    lines.push(`deadline ${d.kind} missed,${d.track},${label(d.missed)}`);
    lines.push(`deadline ${d.kind} pending,${d.track},${label(d.pending)}`);
  }
  return lines.join('\n') + '\n';
}

export { label as countLabel };
