// Numbers on the results page and in its labels, in the reader's locale
// (fi "42,5 %", sv "42,5 %", en "42.5%"). Pure: shared by server and browser.
import { locale, type Language } from "~/infra/i18n/i18n";

export interface NumberFormats {
  count(value: number): string;
  /** value in percent, 0..100 */
  percent(value: number): string;
  mean(value: number): string;
  /** NPS: a signed whole number, -100..+100 */
  nps(value: number): string;
  /** a "YYYY-MM" key as a month and year */
  month(key: string): string;
}

export function numberFormats(language: Language): NumberFormats {
  const tag = locale(language);
  const count = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
  const mean = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 2 });
  const nps = new Intl.NumberFormat(tag, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const month = new Intl.DateTimeFormat(tag, { year: "numeric", month: "long", timeZone: "UTC" });
  return {
    count: (value) => count.format(value),
    percent: (value) => percent.format(value / 100),
    mean: (value) => mean.format(value),
    nps: (value) => nps.format(value),
    month: (key) => (/^\d{4}-\d{2}$/.test(key) ? month.format(new Date(`${key}-01T00:00:00Z`)) : key),
  };
}
