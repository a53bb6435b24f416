/**
 * Where a reporter may take a case from where it stands: the next stage (within its window, once
 * the stage has been answered) and the external bodies the procedure offers at this stage. One
 * answer for the reporter's browser (what it shows and offers) and the server (what it accepts),
 * so the two cannot disagree.
 */
import { deadlinesFor, type CaseDates } from './calendar';
import { stageOf, type BodyKind, type Policy, type Track } from './policy';

export type NextStage =
  /** The last stage (or a track of one stage): the procedure has nowhere further inside. */
  | { state: 'final' }
  /** Not answered yet: the window opens with the stage's reply. */
  | { state: 'awaiting_reply'; stage: number; source: string | null }
  /** Answered: may be asked for until `until` (inclusive), or without limit when `null`. */
  | { state: 'open'; stage: number; until: string | null; source: string | null }
  /** The window ended on `closedOn`. */
  | { state: 'closed'; stage: number; closedOn: string; source: string | null };

export interface CaseAt extends CaseDates {
  track: Track;
  stage: number;
}

/** The next stage's window for a case, as of `today` (YYYY-MM-DD). */
export function nextStage(policy: Policy, at: CaseAt, today: string): NextStage {
  const stages = policy.tracks[at.track]?.stages ?? [];
  if (at.stage >= stages.length) return { state: 'final' };
  const stage = at.stage + 1;
  const source = stageOf(policy, at.track, at.stage).nextStageWithin?.source ?? null;
  if (!at.respondedOn) return { state: 'awaiting_reply', stage, source };
  const until = deadlinesFor(policy, at.track, at.stage, at).nextStageRequestBy;
  if (until && today > until) return { state: 'closed', stage, closedOn: until, source };
  return { state: 'open', stage, until, source };
}

/**
 * External bodies the procedure offers at this stage: `now` the reporter may add, `later` only
 * once the stage has been answered ("if not satisfied with the response").
 */
export function bodiesAt(
  policy: Policy,
  at: Pick<CaseAt, 'track' | 'stage' | 'respondedOn'>
): { now: BodyKind[]; later: BodyKind[] } {
  const rules = (policy.tracks[at.track]?.externalBodies ?? []).filter(
    (r) => !r.stages || r.stages.includes(at.stage)
  );
  const now = [...new Set(rules.filter((r) => !r.afterReply || at.respondedOn).map((r) => r.kind))];
  const later = [
    ...new Set(rules.filter((r) => r.afterReply && !at.respondedOn).map((r) => r.kind))
  ].filter((k) => !now.includes(k));
  return { now, later };
}
