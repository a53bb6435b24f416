import { describe, expect, it } from 'vitest';
import {
  BANK_HOLIDAYS,
  addCalendarDays,
  addWorkingDays,
  bankHolidaysIn,
  calendarCovers,
  deadline,
  deadlinesFor,
  isBankHoliday,
  isWorkingDay,
  isoWeekday
} from './calendar';
import { presetById } from './presets';

// Written independently of calendar.ts, with Date, so the two cross-check each other.
function anonymousGregorianEaster(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return new Date(Date.UTC(year, Math.floor(n / 31) - 1, (n % 31) + 1));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const shift = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/** Monday-or-later substitutes as gov.uk applies them. */
function expectedHolidays(year: number): string[] {
  const easter = anonymousGregorianEaster(year);
  const monday = (d: Date) => d.getUTCDay() === 1;
  let firstMayMonday = new Date(Date.UTC(year, 4, 1));
  while (!monday(firstMayMonday)) firstMayMonday = shift(firstMayMonday, 1);
  let lastMayMonday = new Date(Date.UTC(year, 4, 31));
  while (!monday(lastMayMonday)) lastMayMonday = shift(lastMayMonday, -1);
  let lastAugMonday = new Date(Date.UTC(year, 7, 31));
  while (!monday(lastAugMonday)) lastAugMonday = shift(lastAugMonday, -1);
  const weekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;
  let newYear = new Date(Date.UTC(year, 0, 1));
  while (weekend(newYear)) newYear = shift(newYear, 1);
  const taken = new Set<string>();
  const observe = (d: Date) => {
    while (weekend(d) || taken.has(iso(d))) d = shift(d, 1);
    taken.add(iso(d));
    return iso(d);
  };
  const christmas = observe(new Date(Date.UTC(year, 11, 25)));
  const boxing = observe(new Date(Date.UTC(year, 11, 26)));
  return [
    iso(newYear),
    iso(shift(easter, -2)),
    iso(shift(easter, 1)),
    iso(firstMayMonday),
    iso(lastMayMonday),
    iso(lastAugMonday),
    christmas,
    boxing
  ];
}

// Easter Sundays as published (Church of England tables), to check the algorithm itself.
const EASTER: Record<number, string> = {
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
  2029: '2029-04-01',
  2030: '2030-04-21',
  2031: '2031-04-13',
  2032: '2032-03-28'
};

describe('bank holiday table', () => {
  const years = Object.keys(BANK_HOLIDAYS).map(Number);

  it('covers at least 2024 to 2030', () => {
    for (let y = 2024; y <= 2030; y++) expect(calendarCovers(y), String(y)).toBe(true);
  });

  it.each(Object.entries(EASTER))('Easter %s is %s', (year, sunday) => {
    expect(iso(anonymousGregorianEaster(Number(year)))).toBe(sunday);
  });

  it.each(years)('%i matches Easter, the Monday rules and the substitute-day rules', (year) => {
    expect(BANK_HOLIDAYS[year]).toEqual(expectedHolidays(year));
  });

  it.each(years)('%i: Good Friday is a Friday, the rest are Mondays or Christmas days', (year) => {
    const list = BANK_HOLIDAYS[year]!;
    expect(isoWeekday(list[1]!)).toBe(5);
    for (const i of [2, 3, 4, 5]) expect(isoWeekday(list[i]!)).toBe(1);
    for (const day of list) expect(isoWeekday(day)).toBeLessThan(6);
    expect([...list].sort()).toEqual(list);
  });

  it('has the published 2026 and 2027 dates', () => {
    expect(BANK_HOLIDAYS[2026]).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28'
    ]);
    expect(BANK_HOLIDAYS[2027]).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-27',
      '2027-12-28'
    ]);
  });

  it('substitutes: Boxing Day on Saturday, Christmas on Saturday, New Year on Saturday', () => {
    expect(isBankHoliday('2026-12-28')).toBe(true);
    expect(isBankHoliday('2026-12-26')).toBe(false);
    expect(isBankHoliday('2027-12-27')).toBe(true);
    expect(isBankHoliday('2027-12-28')).toBe(true);
    expect(isBankHoliday('2028-01-03')).toBe(true);
    expect(isBankHoliday('2028-01-01')).toBe(false);
  });

  it('falls back to the standing rules for years outside the table', () => {
    expect(calendarCovers(2031)).toBe(false);
    for (const y of [2031, 2032, 2033, 2034, 2038]) {
      expect(bankHolidaysIn(y), String(y)).toEqual(expectedHolidays(y));
    }
    // 2032: Christmas on a Saturday, Boxing Day on a Sunday.
    expect(bankHolidaysIn(2032).slice(-2)).toEqual(['2032-12-27', '2032-12-28']);
  });
});

describe('date arithmetic', () => {
  it('knows the weekday', () => {
    expect(isoWeekday('2026-11-26')).toBe(4);
    expect(isoWeekday('2026-12-24')).toBe(4);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-28')).toBe(7);
  });

  it('adds calendar days across months, years and leap days', () => {
    expect(addCalendarDays('2026-11-26', 7)).toBe('2026-12-03');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addCalendarDays('2026-03-29', 1)).toBe('2026-03-30'); // UK clocks change that night
    expect(addCalendarDays('2026-01-10', -10)).toBe('2025-12-31');
  });

  it('counts 5 working days from Thu 24 Dec 2026 past Christmas, the substitute day and New Year', () => {
    // 25 Dec, 28 Dec and 1 Jan are bank holidays; weekends skipped.
    expect(addWorkingDays('2026-12-24', 5)).toBe('2027-01-05');
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
  });

  it('counts working days over Easter', () => {
    // Thu 2 Apr 2026 + 1: Good Friday and Easter Monday skipped.
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
  });

  it('starts counting on the next working day when the start is not one', () => {
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-28', 0)).toBe('2026-11-28');
    expect(isWorkingDay('2026-11-28')).toBe(false);
    expect(isWorkingDay('2026-11-26')).toBe(true);
  });

  it('rejects anything that is not a real YYYY-MM-DD date', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '26-11-2026', '2026-11-26T00:00:00Z', '']) {
      expect(() => addCalendarDays(bad, 1), bad).toThrow(RangeError);
    }
    expect(() => addWorkingDays('2026-11-26', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-26', 1.5)).toThrow(RangeError);
  });

  it('turns each kind of timescale into a deadline', () => {
    expect(deadline('2026-11-26', { amount: 7, unit: 'calendar_days' })).toBe('2026-12-03');
    expect(deadline('2026-11-26', { amount: 3, unit: 'weeks' })).toBe('2026-12-17');
    expect(deadline('2026-11-26', { amount: 15, unit: 'working_days' })).toBe('2026-12-17');
    expect(deadline('2026-12-18', { amount: 15, unit: 'working_days' })).toBe('2027-01-13');
  });
});

describe('deadlinesFor', () => {
  const policy = (id: string) => presetById(id)!.policy;

  it('West Wilts stage 1: 5 and 15 working days across Christmas, 14 days to ask for stage 2', () => {
    expect(
      deadlinesFor(policy('complaints-west-wilts-ccc'), 'complaint', 1, {
        receivedOn: '2026-12-24',
        respondedOn: '2027-01-15'
      })
    ).toMatchObject({
      acknowledgeBy: '2027-01-05',
      replyBy: '2027-01-19',
      nextStageRequestBy: '2027-01-29'
    });
  });

  it('West Wilts stage 3: decision within 3 weeks, final', () => {
    expect(
      deadlinesFor(policy('complaints-west-wilts-ccc'), 'complaint', 3, {
        receivedOn: '2026-11-26',
        respondedOn: '2026-12-10'
      })
    ).toMatchObject({ acknowledgeBy: null, replyBy: '2026-12-17', nextStageRequestBy: null });
  });

  it('Birmingham stage 1: 1 week and 4 weeks, 2 weeks to ask for stage 2', () => {
    expect(
      deadlinesFor(policy('complaints-birmingham-ccc'), 'complaint', 1, {
        receivedOn: '2026-11-26',
        respondedOn: '2026-12-20'
      })
    ).toMatchObject({
      acknowledgeBy: '2026-12-03',
      replyBy: '2026-12-24',
      nextStageRequestBy: '2027-01-03'
    });
  });

  it('no request window until the stage is answered', () => {
    expect(
      deadlinesFor(policy('complaints-birmingham-ccc'), 'complaint', 2, {
        receivedOn: '2026-11-26'
      }).nextStageRequestBy
    ).toBeNull();
  });

  it('whistleblowing: acknowledge in 7 days; reply 7 days after the investigation concludes', () => {
    const p = policy('whistleblowing-ccc');
    expect(deadlinesFor(p, 'whistleblowing', 1, { receivedOn: '2026-11-26' })).toMatchObject({
      acknowledgeBy: '2026-12-03',
      replyBy: null,
      nextStageRequestBy: null
    });
    expect(
      deadlinesFor(p, 'whistleblowing', 1, { receivedOn: '2026-11-26', concludedOn: '2027-01-10' })
        .replyBy
    ).toBe('2027-01-17');
  });

  it('Mentoring Plus: action within 7 days; 6.4 (notes) sets no acknowledgement time', () => {
    expect(
      deadlinesFor(policy('child-protection-mentoring-plus'), 'safeguarding', 1, {
        receivedOn: '2026-12-24'
      })
    ).toMatchObject({ acknowledgeBy: null, replyBy: '2026-12-31', nextStageRequestBy: null });
  });

  it('counts from the acknowledgement when the stage says so, else from receipt', () => {
    const p = policy('complaints-west-wilts-ccc');
    p.tracks.complaint!.stages[1]!.replyFrom = 'acknowledged';
    const dates = { receivedOn: '2026-11-26', acknowledgedOn: '2026-11-30' };
    expect(deadlinesFor(p, 'complaint', 2, dates).replyBy).toBe('2026-12-28');
    expect(deadlinesFor(p, 'complaint', 2, { receivedOn: '2026-11-26' }).replyBy).toBe(
      '2026-12-24'
    );
  });
});
