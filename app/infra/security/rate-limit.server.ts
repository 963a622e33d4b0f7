// Fixed-window throttling kept in PostgreSQL, so every app instance behind a
// load balancer shares the same counters.
import { db } from "~/infra/db/panel.server";

export interface Limit {
  /** e.g. "sign-in:ip:1.2.3.4" */
  key: string;
  max: number;
  windowSeconds: number;
}

export interface LimitResult {
  allowed: boolean;
  /** minutes until the window resets, rounded up */
  retryAfterMinutes: number;
}

/** Counts one hit against each limit; refused if any limit is over its max. */
export async function hit(limits: Limit[]): Promise<LimitResult> {
  let allowed = true;
  let retryAfterMs = 0;
  const now = Date.now();
  for (const limit of limits) {
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
    const rows = await db.$queryRaw<{ count: number }[]>`
      INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${limit.key}, ${windowStart}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimit"."count" + 1
      RETURNING "count"`;
    if ((rows[0]?.count ?? 0) > limit.max) {
      allowed = false;
      retryAfterMs = Math.max(retryAfterMs, windowStart.getTime() + windowMs - now);
    }
  }
  return { allowed, retryAfterMinutes: Math.max(1, Math.ceil(retryAfterMs / 60_000)) };
}

export async function purgeOldWindows(olderThan: Date) {
  await db.rateLimit.deleteMany({ where: { windowStart: { lt: olderThan } } });
}
