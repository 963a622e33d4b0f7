// Reading a {fi, sv, en} text stored as JSON, for pages in any of the three languages.
import type { Language } from "~/infra/i18n/i18n";

/** The text in that language, else the Finnish one, else "". */
export function localized(value: unknown, language: Language): string {
  if (!value || typeof value !== "object") return "";
  const text = value as Partial<Record<Language, unknown>>;
  const pick = (l: Language) => (typeof text[l] === "string" ? (text[l] as string).trim() : "");
  return pick(language) || pick("fi");
}
