import { getLocale, t, tCount, type MessageKey } from '$lib/i18n';
import type { Timescale } from '$lib/routing';

export function timescaleText(timescale: Timescale): string {
  return tCount(`reporter.unit.${timescale.unit}`, timescale.amount);
}

const WELSH_DAYS = [
  'Dydd Sul',
  'Dydd Llun',
  'Dydd Mawrth',
  'Dydd Mercher',
  'Dydd Iau',
  'Dydd Gwener',
  'Dydd Sadwrn'
];
const WELSH_MONTHS = [
  'Ionawr',
  'Chwefror',
  'Mawrth',
  'Ebrill',
  'Mai',
  'Mehefin',
  'Gorffennaf',
  'Awst',
  'Medi',
  'Hydref',
  'Tachwedd',
  'Rhagfyr'
];

/**
 * A date as people read it, e.g. "Thursday, 3 December 2026", from `YYYY-MM-DD`. Welsh is spelt
 * out here: many browsers carry no Welsh locale data, and would fall back to American English.
 */
export function longDate(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (getLocale() === 'cy') {
    return `${WELSH_DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${WELSH_MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  }
  return date.toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC'
  });
}

export function roleText(roles: readonly string[]): string {
  return roles.map((r) => t(`reporter.role.${r}` as MessageKey)).join(', ');
}
