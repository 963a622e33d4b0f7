// One formatter for the process: building an Intl.DateTimeFormat costs far
// more than using one, and this runs several times per submission. The last
// answer is kept for its minute: Helsinki's offsets are whole hours, so its
// days always begin on a whole minute.
const helsinkiFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki", year: "numeric", month: "2-digit", day: "2-digit" });
let lastMinute = Number.NaN;
let lastDay = "";

/** Today's date in Europe/Helsinki as "YYYY-MM-DD" (the only time answers know). */
export function helsinkiDay(at = new Date()): string {
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDay = helsinkiFormat.format(at);
    lastMinute = minute;
  }
  return lastDay;
}
