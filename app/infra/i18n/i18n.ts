// Translation for pages and emails alike. Shared by server and browser.
import { en } from "./messages/en";
import { fi, type MessageKey } from "./messages/fi";
import { sv } from "./messages/sv";

export const languages = ["fi", "sv", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "fi";
export type { MessageKey };

export const catalogs: Record<Language, Record<MessageKey, string>> = { fi, sv, en };

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && Object.hasOwn(catalogs.fi, value);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const translators = new Map<Language, Translate>();

/** The language's translate function (made once per language: Intl formatters are costly to build). */
export function translator(language: Language): Translate {
  let t = translators.get(language);
  if (!t) {
    t = makeTranslator(language);
    translators.set(language, t);
  }
  return t;
}

function makeTranslator(language: Language): Translate {
  const catalog = catalogs[language];
  const numbers = new Intl.NumberFormat(locale(language));
  return (key, values) =>
    // A key always exists (typecheck); the fallback only guards data from outside.
    (catalog[key] ?? catalogs.fi[key] ?? String(key)).replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = values?.[name];
      if (value === undefined) return match;
      return typeof value === "number" ? numbers.format(value) : value;
    });
}

/** BCP 47 locale used for dates and numbers. */
export function locale(language: Language): string {
  return { fi: "fi-FI", sv: "sv-FI", en: "en-FI" }[language];
}

export const timeZone = "Europe/Helsinki";

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: Language, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}:${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(language), withTime ? { dateStyle: "medium", timeStyle: "short", timeZone } : { dateStyle: "medium", timeZone });
    dateFormats.set(key, format);
  }
  return format;
}

export function formatDateTime(value: Date | string, language: Language): string {
  return dateFormat(language, true).format(new Date(value));
}

export function formatDate(value: Date | string, language: Language): string {
  return dateFormat(language, false).format(new Date(value));
}
