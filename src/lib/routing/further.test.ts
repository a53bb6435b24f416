import { describe, expect, it } from 'vitest';
import { deadlinesFor } from './calendar';
import { bodiesAt, nextStage } from './further';
import { presetById } from './presets';

const westWilts = presetById('complaints-west-wilts-ccc')!.policy;
const birmingham = presetById('complaints-birmingham-ccc')!.policy;

describe('a West Wilts complaint across Christmas and New Year (working days)', () => {
  // Received Tuesday 22 December 2026: 25 December (Friday), 28 December (substitute Boxing
  // Day) and 1 January 2027 are bank holidays, and the weekends do not count.
  const received = '2026-12-22';
  it('stage 1: acknowledged within 5 working days, answered within 15', () => {
    const due = deadlinesFor(westWilts, 'complaint', 1, { receivedOn: received });
    expect(due.acknowledgeBy).toBe('2026-12-31'); // 23, 24, 29, 30, 31
    expect(due.replyBy).toBe('2027-01-15'); // … 4–8 and 11–15 January
  });

  it('stage 2 may be asked for within 14 days of the reply: on day 13, not on day 15', () => {
    const at = { track: 'complaint' as const, stage: 1, receivedOn: received };
    const replied = { ...at, acknowledgedOn: '2026-12-30', respondedOn: '2027-01-14' };
    expect(nextStage(westWilts, at, '2027-01-10')).toEqual({
      state: 'awaiting_reply',
      stage: 2,
      source: 'Stage 2: within 14 days of receiving the stage 1 response'
    });
    expect(nextStage(westWilts, replied, '2027-01-27')).toMatchObject({
      state: 'open',
      stage: 2,
      until: '2027-01-28'
    });
    expect(nextStage(westWilts, replied, '2027-01-28')).toMatchObject({ state: 'open' });
    expect(nextStage(westWilts, replied, '2027-01-29')).toMatchObject({
      state: 'closed',
      stage: 2,
      closedOn: '2027-01-28'
    });
  });

  it('stage 3 is final; NACCC only once stage 3 has been answered', () => {
    const at = { track: 'complaint' as const, stage: 3, receivedOn: '2027-02-26' };
    expect(nextStage(westWilts, at, '2027-03-01')).toEqual({ state: 'final' });
    expect(bodiesAt(westWilts, at)).toEqual({ now: [], later: ['naccc'] });
    expect(bodiesAt(westWilts, { ...at, respondedOn: '2027-03-15' })).toEqual({
      now: ['naccc'],
      later: []
    });
    // 3 weeks are 21 calendar days, bank holidays or not.
    expect(deadlinesFor(westWilts, 'complaint', 3, at).replyBy).toBe('2027-03-19');
    // No body is offered at stages 1 and 2.
    expect(
      bodiesAt(westWilts, { track: 'complaint', stage: 2, respondedOn: '2027-02-01' })
    ).toEqual({ now: [], later: [] });
  });
});

describe('a Birmingham complaint over Easter 2027 (weeks)', () => {
  // Good Friday 26 March and Easter Monday 29 March 2027: weeks are 7 calendar days each.
  it('counts weeks as calendar days and gives 2 weeks to ask for the next stage', () => {
    const due = deadlinesFor(birmingham, 'complaint', 1, { receivedOn: '2027-03-24' });
    expect(due.acknowledgeBy).toBe('2027-03-31');
    expect(due.replyBy).toBe('2027-04-21');
    const replied = {
      track: 'complaint' as const,
      stage: 2,
      receivedOn: '2027-03-24',
      respondedOn: '2027-04-20'
    };
    expect(nextStage(birmingham, replied, '2027-05-03')).toMatchObject({
      state: 'open',
      stage: 3,
      until: '2027-05-04'
    });
    expect(nextStage(birmingham, replied, '2027-05-05')).toMatchObject({ state: 'closed' });
    expect(deadlinesFor(birmingham, 'complaint', 3, { receivedOn: '2027-05-03' }).replyBy).toBe(
      '2027-05-31'
    );
  });
});
