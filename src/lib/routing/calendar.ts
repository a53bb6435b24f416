import { stageOf, type Policy, type Timescale, type Track } from './policy';

/**
 * England and Wales bank holidays (gov.uk/bank-holidays). Years gov.uk has not yet published are
 * filled in from the standing rules; a one-off proclaimed holiday must be added by hand. Extend by
 * adding a year; calendar.test.ts checks every year against the rules and Easter.
 */
export const BANK_HOLIDAYS: Readonly<Record<number, readonly string[]>> = {
  2024: [
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26'
  ],
  2025: [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26'
  ],
  2026: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28'
  ],
  2027: [
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28'
  ],
  2028: [
    '2028-01-03',
    '2028-04-14',
    '2028-04-17',
    '2028-05-01',
    '2028-05-29',
    '2028-08-28',
    '2028-12-25',
    '2028-12-26'
  ],
  2029: [
    '2029-01-01',
    '2029-03-30',
    '2029-04-02',
    '2029-05-07',
    '2029-05-28',
    '2029-08-27',
    '2029-12-25',
    '2029-12-26'
  ],
  2030: [
    '2030-01-01',
    '2030-04-19',
    '2030-04-22',
    '2030-05-06',
    '2030-05-27',
    '2030-08-26',
    '2030-12-25',
    '2030-12-26'
  ]
};

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a `YYYY-MM-DD` string; throws on anything else. */
function toDays(date: string): number {
  const m = ISO_DAY.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (fromDays(ms / DAY_MS) !== date) throw new RangeError(`no such date: ${date}`);
  return ms / DAY_MS;
}

function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((((toDays(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** Whether the table above holds the year; other years use the standing rules alone. */
export function calendarCovers(year: number): boolean {
  return year in BANK_HOLIDAYS;
}

const ruleCache = new Map<number, readonly string[]>();

export function bankHolidaysIn(year: number): readonly string[] {
  const listed = BANK_HOLIDAYS[year];
  if (listed) return listed;
  let derived = ruleCache.get(year);
  if (!derived) {
    derived = standingRules(year);
    ruleCache.set(year, derived);
  }
  return derived;
}

export function isBankHoliday(date: string): boolean {
  toDays(date);
  return bankHolidaysIn(Number(date.slice(0, 4))).includes(date);
}

export function isWorkingDay(date: string): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

export function addCalendarDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError('days must be a whole number');
  return fromDays(toDays(date) + n);
}

/** The n-th working day after `date` (the day itself does not count); `date` when n is 0. */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError('working days must be a whole number ≥ 0');
  let day = toDays(date);
  for (let left = n; left > 0;) {
    day += 1;
    if (isWorkingDay(fromDays(day))) left -= 1;
  }
  return fromDays(day);
}

export function deadline(start: string, timescale: Timescale): string {
  switch (timescale.unit) {
    case 'calendar_days':
      return addCalendarDays(start, timescale.amount);
    case 'weeks':
      return addCalendarDays(start, timescale.amount * 7);
    case 'working_days':
      return addWorkingDays(start, timescale.amount);
  }
}

export interface CaseDates {
  receivedOn: string;
  acknowledgedOn?: string | null;
  /** When the investigation concluded, for stages whose reply counts from then. */
  concludedOn?: string | null;
  respondedOn?: string | null;
}

export interface Deadlines {
  acknowledgeBy: string | null;
  replyBy: string | null;
  /** Last day to ask for the next stage; null until the stage is answered or when it is the last. */
  nextStageRequestBy: string | null;
  /** The clause each timescale comes from, to show beside the date; null when none is given. */
  sources: {
    acknowledge: string | null;
    reply: string | null;
    nextStage: string | null;
  };
}

export function deadlinesFor(
  policy: Policy,
  track: Track,
  stage: number,
  dates: CaseDates
): Deadlines {
  const s = stageOf(policy, track, stage);
  // Without the acknowledgement date, count from receipt: the earlier, stricter deadline.
  const replyStart =
    s.replyFrom === 'concluded'
      ? (dates.concludedOn ?? null)
      : s.replyFrom === 'acknowledged'
        ? (dates.acknowledgedOn ?? dates.receivedOn)
        : dates.receivedOn;
  return {
    acknowledgeBy: s.acknowledgeWithin ? deadline(dates.receivedOn, s.acknowledgeWithin) : null,
    replyBy: s.replyWithin && replyStart ? deadline(replyStart, s.replyWithin) : null,
    nextStageRequestBy:
      s.nextStageWithin && dates.respondedOn
        ? deadline(dates.respondedOn, s.nextStageWithin)
        : null,
    sources: {
      acknowledge: s.acknowledgeWithin?.source ?? null,
      reply: s.replyWithin?.source ?? null,
      nextStage: s.nextStageWithin?.source ?? null
    }
  };
}

/** Anonymous Gregorian (Meeus/Jones/Butcher) Easter Sunday. */
export function easterSunday(year: number): string {
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
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function firstMonday(year: number, month: number): string {
  const first = `${year}-${pad(month)}-01`;
  return addCalendarDays(first, (8 - isoWeekday(first)) % 7);
}

function lastMonday(year: number, month: number): string {
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  const last = addCalendarDays(next, -1);
  return addCalendarDays(last, -((isoWeekday(last) + 6) % 7));
}

/** The standing England and Wales rules, with Monday (or Tuesday) substitutes for weekend days. */
function standingRules(year: number): string[] {
  const easter = easterSunday(year);
  const newYear = `${year}-01-01`;
  const christmas = `${year}-12-25`;
  const boxing = `${year}-12-26`;
  const nextWeekday = (d: string) => {
    while (isWeekend(d)) d = addCalendarDays(d, 1);
    return d;
  };
  const christmasObserved = nextWeekday(christmas);
  let boxingObserved = nextWeekday(boxing);
  if (boxingObserved === christmasObserved) boxingObserved = addCalendarDays(boxingObserved, 1);
  return [
    nextWeekday(newYear),
    addCalendarDays(easter, -2),
    addCalendarDays(easter, 1),
    firstMonday(year, 5),
    lastMonday(year, 5),
    lastMonday(year, 8),
    christmasObserved,
    boxingObserved
  ];
}
