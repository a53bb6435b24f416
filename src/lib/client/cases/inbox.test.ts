import { describe, expect, it } from 'vitest';
import { presetById } from '$lib/routing';
import { nextDeadline } from './inbox';

describe('nextDeadline', () => {
  const policy = presetById('complaints-birmingham-ccc')!.policy;
  const received = {
    track: 'complaint' as const,
    stage: 1,
    stageStartedOn: '2026-11-02',
    acknowledgedOn: null,
    respondedOn: null,
    status: 'new' as const
  };

  it('names the clause the acknowledgement deadline comes from', () => {
    const next = nextDeadline(policy, received, '2026-11-03');
    expect(next).toMatchObject({ kind: 'acknowledge', overdue: false });
    expect(next?.source).toBe(policy.tracks.complaint!.stages[0]!.acknowledgeWithin!.source);
    expect(next?.source).toBeTruthy();
  });

  it('then the clause of the reply deadline, and says when it has passed', () => {
    const next = nextDeadline(policy, { ...received, acknowledgedOn: '2026-11-03' }, '2027-03-01');
    expect(next).toMatchObject({ kind: 'reply', overdue: true });
    expect(next?.source).toBe(policy.tracks.complaint!.stages[0]!.replyWithin!.source);
  });
});
