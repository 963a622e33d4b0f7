// Helsinki wall-clock time for workshop slots: staff type a date and a time
// as people in Helsinki read them, slots are stored as instants, and a series
// repeats at the same wall time (10:00 stays 10:00 across the DST change, the
// UTC instant moves by an hour). Offsets come from Intl (the tz database), so
// no DST dates are written here. Pure: shared by server, browser and tests.

const zone = "Europe/Helsinki";
const minute = 60_000;
const day = 24 * 60 * minute;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^(\d{2}):(\d{2})$/;

const helsinkiParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: zone,
  hourCycle: "h23", // midnight is 00, never 24
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** The Helsinki wall clock of an instant, as numbers (seconds dropped). */
function wallClock(at: number) {
  const parts = helsinkiParts.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute") };
}

/** How far Helsinki is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: number): number {
  const w = wallClock(at);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return wallAsUtc - Math.floor(at / minute) * minute;
}

/** A valid YYYY-MM-DD as a UTC midnight timestamp, or null. */
function parseDate(date: string): number | null {
  const match = datePattern.exec(date);
  if (!match) return null;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  return new Date(utc).toISOString().slice(0, 10) === date ? utc : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The instant of a Helsinki wall-clock time; null when the date/time is not valid. For the hour skipped in spring, the next valid time; for the repeated hour in autumn, the first. */
export function helsinkiToInstant(date: string, time: string): Date | null {
  const midnight = parseDate(date);
  const match = timePattern.exec(time);
  if (midnight === null || !match) return null;
  const hour = Number(match[1]);
  const min = Number(match[2]);
  if (hour > 23 || min > 59) return null;
  const wall = midnight + hour * 60 * minute + min * minute;

  // The offsets a day either side bracket any transition near this wall time.
  const before = offsetAt(wall - day);
  const after = offsetAt(wall + day);
  const valid = [wall - before, wall - after].filter((at) => wall - offsetAt(at) === at);
  // Two readings: the autumn repeated hour, take the earlier (summer time).
  if (valid.length > 0) return new Date(Math.min(...valid));
  // None: the spring gap. Read with the old offset, which lands as far past
  // the gap's end as the time was past its start (03:30 becomes 04:30).
  return new Date(wall - before);
}

/** The Helsinki wall date and time of an instant: { date: "YYYY-MM-DD", time: "HH:MM" }. */
export function instantToHelsinki(at: Date): { date: string; time: string } {
  const w = wallClock(at.getTime());
  return { date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/** Dates of a series: `count` dates from `first`, every `everyDays` days (7 = weekly), as YYYY-MM-DD. count 1..52. */
export function seriesDates(first: string, everyDays: number, count: number): string[] {
  const start = parseDate(first);
  if (start === null) throw new RangeError(`Not a date: ${first}`);
  if (!Number.isInteger(everyDays) || everyDays < 1) throw new RangeError(`everyDays must be a whole number ≥ 1: ${everyDays}`);
  if (!Number.isInteger(count) || count < 1 || count > 52) throw new RangeError(`count must be 1..52: ${count}`);
  // Calendar days on UTC dates: no DST in UTC, so every day is 24 h long.
  return Array.from({ length: count }, (_, i) => new Date(start + i * everyDays * day).toISOString().slice(0, 10));
}
