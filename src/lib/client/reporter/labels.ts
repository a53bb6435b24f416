import { getLocale, t, tCount, type MessageKey } from '$lib/i18n';
import type { Timescale } from '$lib/routing';

export function timescaleText(timescale: Timescale): string {
  return tCount(`reporter.unit.${timescale.unit}`, timescale.amount);
}

/** A date as people read it, e.g. "Thursday 3 December 2026", from `YYYY-MM-DD`. */
export function longDate(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(getLocale() === 'cy' ? 'cy-GB' : 'en-GB', {
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
