/** Today's date in Europe/Helsinki as "YYYY-MM-DD" (the only time answers know). */
export function helsinkiDay(at = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
