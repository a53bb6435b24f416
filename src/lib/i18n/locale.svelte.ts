/**
 * The language pages are rendered in. Reactive, so switching language re-renders every string
 * in place (a reporter's draft survives). The choice travels in the address (`?lang=cy`), never
 * in a cookie.
 */
export const LOCALES = ['en', 'cy'] as const;
export type Locale = (typeof LOCALES)[number];

export const current = $state<{ locale: Locale }>({ locale: 'en' });

export function localeFrom(url: URL, staffPage: boolean): Locale {
  return !staffPage && url.searchParams.get('lang') === 'cy' ? 'cy' : 'en';
}
