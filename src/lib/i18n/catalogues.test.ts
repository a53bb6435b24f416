import { describe, expect, it } from 'vitest';
import { cy } from './cy/index';
import { en, reporterFacing } from './en/index';
import { localised, setLocale, t, tCount } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('every language', () => {
  const languages = { cy };

  for (const [code, catalogue] of Object.entries(languages)) {
    it(`${code} has every reporter-facing key, with the same placeholders as English`, () => {
      const missing = Object.keys(reporterFacing).filter((key) => !(key in catalogue));
      expect(missing).toEqual([]);
      const mismatched = Object.entries(catalogue)
        .filter(([key, text]) => {
          const english = en[key as keyof typeof en];
          return (
            english === undefined || placeholders(english).join() !== placeholders(text).join()
          );
        })
        .map(([key]) => key);
      expect(mismatched).toEqual([]);
    });

    it(`${code} holds no empty string`, () => {
      expect(Object.entries(catalogue).filter(([, text]) => !text.trim())).toEqual([]);
    });
  }
});

describe('switching language', () => {
  it('renders Welsh where it exists and keeps staff pages in English', () => {
    setLocale('cy');
    try {
      expect(t('reporter.continue')).toBe('Parhau');
      expect(t('signIn.title')).toBe(en['signIn.title']);
      expect(tCount('reporter.unit.working_days', 5)).toBe('5 diwrnod gwaith');
      expect(localised('/o/riverside/report')).toBe('/o/riverside/report?lang=cy');
      expect(localised('/o/x?a=1#b')).toBe('/o/x?a=1&lang=cy#b');
    } finally {
      setLocale('en');
    }
    expect(t('reporter.continue')).toBe('Continue');
    expect(localised('/o/riverside')).toBe('/o/riverside');
  });
});
