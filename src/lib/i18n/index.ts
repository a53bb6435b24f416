import { en, type MessageKey } from './en/index';

export type { MessageKey };
export type Messages = Record<MessageKey, string>;

const catalogues: Record<string, Messages> = { en };
let active: Messages = en;

export const locales = Object.keys(catalogues);

export function setLocale(locale: string): void {
  active = catalogues[locale] ?? en;
}

/** Looks up a user-facing string; `{name}` placeholders are filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = active[key] ?? en[key];
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
  const locale = Object.keys(catalogues).find((code) => catalogues[code] === active) ?? 'en';
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const exact = `${base}.${rules.select(n)}`;
  const key = (exact in active ? exact : `${base}.other`) as MessageKey;
  return t(key, { n, ...params });
}
