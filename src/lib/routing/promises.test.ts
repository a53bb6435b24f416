import { describe, expect, it } from 'vitest';
import { promisesFor } from './promises';
import { presetById } from './presets';

describe('what a procedure promises a new reporter', () => {
  it('a West Wilts complaint: every stage’s timescales, dated where a date is known, with clauses', () => {
    const policy = presetById('complaints-west-wilts-ccc')!.policy;
    // Friday 27 November 2026: 5 working days is Friday 4 December, 15 is Friday 18 December.
    const promises = promisesFor(policy, 'complaint', '2026-11-27');
    expect(promises.map((p) => [p.stage, p.kind, p.by, p.from])).toEqual([
      [1, 'acknowledge', '2026-12-04', 'received'],
      [1, 'reply', '2026-12-18', 'received'],
      [1, 'nextStage', null, 'reply'],
      [2, 'acknowledge', null, 'received'],
      [2, 'reply', null, 'received'],
      [2, 'nextStage', null, 'reply'],
      [3, 'reply', null, 'received']
    ]);
    expect(promises.every((p) => p.within.source)).toBe(true);
    expect(promises[2]!.within).toMatchObject({ amount: 14, unit: 'calendar_days' });
  });

  it('a whistleblowing concern: the reply counts from the investigation’s end, so it has no date', () => {
    const policy = presetById('whistleblowing-ccc')!.policy;
    const promises = promisesFor(policy, 'whistleblowing', '2026-11-27');
    expect(promises.map((p) => [p.stage, p.kind, p.by, p.from])).toEqual([
      [1, 'acknowledge', '2026-12-04', 'received'],
      [1, 'reply', null, 'concluded']
    ]);
    expect(promises[1]!.within.source).toMatch(/investigation concluding/);
  });

  it('a track with no timescales promises nothing', () => {
    const policy = presetById('escalating-concerns')!.policy;
    expect(promisesFor(policy, 'safeguarding', '2026-11-27')).toEqual([]);
  });
});
