// The handling pages' pure pieces, shared by server and browser: the inbox's
// links keep its filter, and which status an item may move to next.
import type { FeedbackStatus } from "./kinds";

/** The inbox's filter as the page keeps it in its address. */
export interface InboxFilter {
  status?: string;
  unit?: string;
  assigned?: string;
  category?: string;
  channel?: string;
  service?: string;
  customerType?: string;
  urgent?: string;
  churn?: string;
  from?: string;
  to?: string;
  q?: string;
  sort?: string;
  page?: number;
}

/** The query as a search string (without the page unless asked), for links and the export. */
export function inboxSearch(query: InboxFilter, withPage = false): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "" || (key === "page" && !withPage)) continue;
    if (key === "status" && value === "open") continue;
    if (key === "sort" && value === "newest") continue;
    if (key === "page" && value === 1) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Which status an item may move to from each status: forward, or reopened. */
export const nextStatuses: Record<FeedbackStatus, FeedbackStatus[]> = {
  NEW: ["IN_PROGRESS", "RESOLVED", "CLOSED"],
  IN_PROGRESS: ["RESOLVED", "CLOSED"],
  RESOLVED: ["CLOSED", "IN_PROGRESS"],
  CLOSED: ["IN_PROGRESS"],
};

