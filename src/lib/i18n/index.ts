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
