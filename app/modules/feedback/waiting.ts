// How long an open feedback item has been waiting, for the inbox, the item
// page, the churn-risk list and the reports. Pure: shared by server and browser.
import type { Translate } from "~/infra/i18n/i18n";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A waiting time in the reader's language, coarse enough to read at a glance:
 * under an hour "45 min", under a day "3 h 20 min", otherwise "2 d 4 h".
 * Negative times (a clock ahead of the database) read as "0 min".
 */
export function formatWaiting(ms: number, t: Translate): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (safe < HOUR) return t("feedbackHandling.waiting.minutes", { minutes: Math.floor(safe / MINUTE) });
  if (safe < DAY) {
    return t("feedbackHandling.waiting.hours", { hours: Math.floor(safe / HOUR), minutes: Math.floor((safe % HOUR) / MINUTE) });
  }
  return t("feedbackHandling.waiting.days", { days: Math.floor(safe / DAY), hours: Math.floor((safe % DAY) / HOUR) });
}

/** Milliseconds an item has waited at `now`; null once it is resolved or closed. */
export function waitingMs(item: { status: string; receivedAt: Date | string }, now: Date = new Date()): number | null {
  if (item.status !== "NEW" && item.status !== "IN_PROGRESS") return null;
  return now.getTime() - new Date(item.receivedAt).getTime();
}
