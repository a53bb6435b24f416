import { deadlinesFor } from './calendar';
import type { Policy, Timescale, Track } from './policy';

/**
 * One timescale a procedure promises a reporter: when they will be acknowledged, replied to, or
 * how long they have to ask for the next stage, at one stage.
 */
export interface ProcedurePromise {
  stage: number;
  kind: 'acknowledge' | 'reply' | 'nextStage';
  within: Timescale;
  /**
   * What the time counts from: the stage's start ('received': the report for stage 1, the request
   * for a later stage), the acknowledgement, the end of the investigation, or the stage's reply.
   */
  from: 'received' | 'acknowledged' | 'concluded' | 'reply';
  /** The last day, when it can be worked out on the day a report arrives; null otherwise. */
  by: string | null;
}

/**
 * Every timescale the track's procedure promises, stage by stage, as a new report's sent page
 * shows them. Only stage 1's acknowledgement and reply can carry a date yet: later dates hang on
 * things still to happen (a reply, a request for the next stage, an investigation's end).
 */
export function promisesFor(policy: Policy, track: Track, receivedOn: string): ProcedurePromise[] {
  const stages = policy.tracks[track]?.stages ?? [];
  const first = stages.length > 0 ? deadlinesFor(policy, track, 1, { receivedOn }) : null;
  return stages.flatMap((stage, i): ProcedurePromise[] => {
    const n = i + 1;
    const promises: ProcedurePromise[] = [];
    if (stage.acknowledgeWithin) {
      promises.push({
        stage: n,
        kind: 'acknowledge',
        within: stage.acknowledgeWithin,
        from: 'received',
        by: n === 1 ? (first?.acknowledgeBy ?? null) : null
      });
    }
    if (stage.replyWithin) {
      promises.push({
        stage: n,
        kind: 'reply',
        within: stage.replyWithin,
        from: stage.replyFrom ?? 'received',
        by: n === 1 ? (first?.replyBy ?? null) : null
      });
    }
    if (stage.nextStageWithin) {
      promises.push({
        stage: n,
        kind: 'nextStage',
        within: stage.nextStageWithin,
        from: 'reply',
        by: null
      });
    }
    return promises;
  });
}
