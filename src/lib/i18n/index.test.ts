import { describe, expect, it } from 'vitest';
import { t, tCount } from './index';

describe('i18n', () => {
  it('fills placeholders and leaves unknown ones alone', () => {
    expect(t('staffHome.title', { name: 'Ada' })).toBe('Hello, Ada');
    expect(t('staffHome.title', {})).toBe('Hello, {name}');
  });

  it('picks the plural form for the count', () => {
    expect(tCount('reporter.unit.working_days', 1)).toBe('1 working day');
    expect(tCount('reporter.unit.working_days', 5)).toBe('5 working days');
    expect(tCount('reporter.unit.weeks', 0)).toBe('0 weeks');
  });
});
