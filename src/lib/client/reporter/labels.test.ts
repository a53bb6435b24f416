import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n';
import { longDate } from './labels';

describe('longDate', () => {
  afterEach(() => setLocale('en'));

  it('reads as British English', () => {
    expect(longDate('2026-12-04')).toBe('Friday, 4 December 2026');
  });

  it('spells Welsh out itself, not relying on the browser’s locale data', () => {
    setLocale('cy');
    expect(longDate('2026-12-04')).toBe('Dydd Gwener, 4 Rhagfyr 2026');
    expect(longDate('2027-03-01')).toBe('Dydd Llun, 1 Mawrth 2027');
  });
});
