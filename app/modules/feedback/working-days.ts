// Working days in Finland, for the monthly feedback summary that goes out on
// the first working day of a month. A working day is Monday to Friday and not
// a public holiday that falls on a weekday: New Year's Day, Epiphany, Good
// Friday, Easter Monday, May Day, Ascension Day, Midsummer Eve (the Friday
// between 19 and 25 June; not a holiday by law but a day off everywhere),
// Independence Day, Christmas Eve, Christmas Day and Boxing Day. The other
// public holidays (Easter Sunday, Whitsun, Midsummer Day, All Saints' Day)
// always fall on a weekend. Days are "YYYY-MM-DD" in Europe/Helsinki. Pure.
import { helsinkiDay } from "~/modules/studies/days";

const pad = (n: number) => String(n).padStart(2, "0");
const dayString = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** A day's date in UTC (noon: no date arithmetic here crosses midnight). */
function utcDate(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, 12));
}

function addDays(day: string, days: number): string {
  const date = utcDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Easter Sunday of a year (the Gregorian computus, anonymous algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayString(year, month, day);
}

/** The Finnish holidays of a year that can fall on a weekday, by day. */
export function finnishHolidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  const midsummerEve = Array.from({ length: 7 }, (_, i) => dayString(year, 6, 19 + i)).find((day) => utcDate(day).getUTCDay() === 5)!;
  return new Map([
    [dayString(year, 1, 1), "New Year's Day"],
    [dayString(year, 1, 6), "Epiphany"],
    [addDays(easter, -2), "Good Friday"],
    [addDays(easter, 1), "Easter Monday"],
    [dayString(year, 5, 1), "May Day"],
    [addDays(easter, 39), "Ascension Day"],
    [midsummerEve, "Midsummer Eve"],
    [dayString(year, 12, 6), "Independence Day"],
    [dayString(year, 12, 24), "Christmas Eve"],
    [dayString(year, 12, 25), "Christmas Day"],
    [dayString(year, 12, 26), "Boxing Day"],
  ]);
}

const holidayCache = new Map<number, Map<string, string>>();

export function isWorkingDay(day: string): boolean {
  const weekday = utcDate(day).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const year = Number(day.slice(0, 4));
  let holidays = holidayCache.get(year);
  if (!holidays) {
    holidays = finnishHolidays(year);
    holidayCache.set(year, holidays);
  }
  return !holidays.has(day);
}

/** The first working day of a month ("YYYY-MM") as "YYYY-MM-DD". */
export function firstWorkingDay(month: string): string {
  let day = `${month}-01`;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The month before a month: "2027-01" → "2026-12". */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 1 ? `${y! - 1}-12` : `${y}-${pad(m! - 1)}`;
}

/** The month after a month: "2026-12" → "2027-01". */
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y! + 1}-01` : `${y}-${pad(m! + 1)}`;
}

/**
 * The month whose summary is due at an instant, or null: the previous month,
 * from the first working day of this month (Helsinki time) on. Later days of
 * the month still answer it, so a server that was down on the day catches up.
 */
export function summaryDue(now: Date): string | null {
  const today = helsinkiDay(now);
  const month = today.slice(0, 7);
  return today >= firstWorkingDay(month) ? previousMonth(month) : null;
}
