import { cy } from './cy/index';
import { en, type MessageKey } from './en/index';
import { current, LOCALES, type Locale } from './locale.svelte';

export type { MessageKey, Locale };
export type Messages = Record<MessageKey, string>;

/** Staff pages stay English: a language's catalogue falls back to English for their keys. */
const catalogues: Record<Locale, Messages> = { en, cy: { ...en, ...cy } };

export const locales = LOCALES;
export { localeFrom } from './locale.svelte';

export function setLocale(locale: Locale): void {
  current.locale = catalogues[locale] ? locale : 'en';
}

export function getLocale(): Locale {
  return current.locale;
}

/** The catalogue of the language in use (read through `current`, so templates follow it). */
function activeCatalogue(): Messages {
  return catalogues[current.locale];
}

/** An internal link that keeps the reader's language: `?lang=cy` when Welsh is chosen. */
export function localised(href: string): string {
  if (current.locale === 'en') return href;
  const [path, hash] = href.split('#', 2);
  const join = path!.includes('?') ? '&' : '?';
  return `${path}${join}lang=${current.locale}${hash === undefined ? '' : `#${hash}`}`;
}

/** Looks up a user-facing string; `{name}` placeholders are filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = activeCatalogue()[key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole
  );
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * A count in words: looks up `${base}.${category}` for the count's plural category in the
 * active language (`one`, `few`, `other`…), falling back to `${base}.other`.
 */
export function tCount(
  base: string,
  n: number,
  params: Record<string, string | number> = {}
): string {
  const locale = current.locale;
  const active = activeCatalogue();
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const exact = `${base}.${rules.select(n)}`;
  const key = (exact in active ? exact : `${base}.other`) as MessageKey;
  return t(key, { n, ...params });
}
