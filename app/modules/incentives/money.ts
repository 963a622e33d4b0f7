// Reward amounts in euros: reading what a person types into a form and showing
// integer cents back in the member's language.
//
// Rules:
// - Money is integer cents everywhere in Panel; floats never leave this file.
// - Typed amounts follow Finnish, Swedish or English habits: "," or "." before
//   at most two decimals, spaces (also no-break and narrow no-break) between
//   thousands, a "€" or "EUR" before or after. "1,234" and "1.234,50" are
//   refused rather than guessed: a comma or dot with three digits after it
//   means a thousand in one language and one euro in another.
// - Refused (null): empty, negative, more than two decimals, anything else
//   that is not a plain amount, and more than 1,000,000 €.
// - Pure: no I/O, safe in the browser and on the server.

export const MAX_EUROS = 1_000_000;

export type MoneyLanguage = "fi" | "sv" | "en";

/** Euros typed by a person → integer cents, or null when it is not a plain amount. */
export function parseEuros(input: string): number | null {
  const spaced = input.replace(/[\s\u00A0\u202F\u2007]/g, " ").trim();
  // A currency before or after the amount, not both.
  const text = /^(?:€|eur)/i.test(spaced) ? spaced.replace(/^(?:€|eur) ?/i, "") : spaced.replace(/ ?(?:€|eur)$/i, "");
  // Whole euros: plain digits, or groups of three after a space.
  const match = /^(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const euros = Number(match[1]!.replace(/ /g, ""));
  const decimals = (match[2] ?? "").padEnd(2, "0");
  const cents = euros * 100 + Number(decimals);
  if (!Number.isSafeInteger(cents) || cents > MAX_EUROS * 100) return null;
  return cents;
}

const LOCALES: Record<MoneyLanguage, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-FI" };
const formatters = new Map<MoneyLanguage, Intl.NumberFormat>();

/** Integer cents as euros for the member's language: "1 234,50 €" (fi, sv), "€1,234.50" (en). */
export function formatEuros(cents: number, language: MoneyLanguage): string {
  let formatter = formatters.get(language);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALES[language], { style: "currency", currency: "EUR" });
    formatters.set(language, formatter);
  }
  return formatter.format(cents / 100);
}
