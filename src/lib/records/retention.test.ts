import { describe, expect, it } from 'vitest';
import type { Policy } from '$lib/routing';
import { presetById } from '$lib/routing';
import { addYears, autoDeleteDue, RETENTION_DEFAULTS, reviewOf } from './retention';

const policy = presetById('complaints-birmingham-ccc')!.policy;
const closed = { receivedOn: '2020-03-01', closedOn: '2020-06-15', status: 'closed' };

describe('retention and review', () => {
  it('counts a complaint six years from closure', () => {
    expect(reviewOf(policy, 'complaint', closed, '2026-01-01')).toMatchObject({
      state: 'kept',
      dueOn: '2026-06-15'
    });
    expect(reviewOf(policy, 'complaint', closed, '2026-05-20').state).toBe('notice');
    expect(reviewOf(policy, 'complaint', closed, '2026-06-15').state).toBe('due');
  });

  it('counts allegations ten years from receipt, with the pension-age reminder', () => {
    const review = reviewOf(null, 'whistleblowing', closed, '2030-01-01');
    expect(review.dueOn).toBe('2030-03-01');
    expect(review.retention.pensionAgeCheck).toBe(true);
  });

  it('never reviews an open case, nor anything under legal hold', () => {
    expect(
      reviewOf(policy, 'complaint', { ...closed, status: 'responded' }, '2099-01-01').state
    ).toBe('open');
    const held: Policy = structuredClone(policy);
    held.tracks.complaint!.retention = { ...RETENTION_DEFAULTS.complaint, legalHold: true };
    expect(reviewOf(held, 'complaint', closed, '2099-01-01').state).toBe('held');
  });

  it('deletes automatically only where the organisation turned it on, after the grace period', () => {
    const review = reviewOf(policy, 'complaint', closed, '2026-08-01');
    expect(autoDeleteDue(policy, review, '2026-08-01')).toBe(false);
    const on: Policy = { ...policy, records: { autoDelete: true } };
    expect(autoDeleteDue(on, review, '2026-07-01')).toBe(false);
    expect(autoDeleteDue(on, review, '2026-07-15')).toBe(true);
  });

  it('adds years in UTC; 29 February becomes 1 March', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
  });
});
