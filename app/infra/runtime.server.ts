// What a running Panel instance does beside answering requests: seed a new
// installation, deliver mail, clear expired rows. Called by server/main.ts
// through the build's entry module, so it shares the app's module instances.
import { db, disconnectPanelDb } from "~/infra/db/panel.server";
import { env } from "~/infra/env.server";
import { log } from "~/infra/log.server";
import { closeMailTransport, } from "~/infra/mail/transport.server";
import { startMailWorker, stopMailWorker } from "~/infra/mail/worker.server";
import { lucia } from "~/infra/auth/session.server";
import { purgeOldWindows } from "~/infra/security/rate-limit.server";
import { startCampaignWorker, stopCampaignWorker } from "~/modules/campaigns/sender.server";
import { ensureBaseConsents } from "~/modules/consent/consent.server";
import { seedDemo } from "~/modules/demo/seed.server";
import { purgeExpiredJoinRequests } from "~/modules/members/join.server";
import { disconnectVaultDb } from "~/modules/vault/db.server";
import { mixPendingResponses } from "~/modules/vault/responses.server";
import { helsinkiDay } from "~/modules/studies/days";
import { sendCouncilTermReminders, sendSlotReminders } from "~/modules/workshops/reminders.server";
import { accrueRewards } from "~/modules/incentives/incentives.server";
import { purgeOldFeedback } from "~/modules/feedback/retention.server";
import { sendMonthlySummaries } from "~/modules/feedback/summary.server";
import { regroupOncePerDay } from "~/modules/feedback/grouping.server";

let housekeeping: NodeJS.Timeout | undefined;
let minuteTimer: NodeJS.Timeout | undefined;

export async function boot(options: { worker?: boolean } = {}) {
  await ensureBaseConsents();
  if (env().DEMO_DATA && (await seedDemo())) log.info("demo data seeded");
  if (options.worker !== false) {
    startMailWorker({ onError: (error) => log.error("mail worker", { error: (error as Error).message }) });
    // Campaign mail has its own outbox and worker (docs/decisions/0015); it
    // can also run alone, in `tsx server/worker.ts`.
    startCampaignWorker({ onError: (error) => log.error("campaign worker", { error: (error as Error).message }) });
    // Slot reminders fall due by the hour and rewards accrue: looked at every minute.
    minuteTimer = setInterval(() => void everyMinute(), MINUTE_MS);
    minuteTimer.unref();
    void everyMinute();
  }
  housekeeping = setInterval(() => void tidy(), 10 * 60 * 1000);
  void tidy();
  housekeeping.unref();
}

const MINUTE_MS = 60_000;

async function everyMinute() {
  try {
    const reminders = await sendSlotReminders();
    const terms = await sendCouncilTermReminders();
    if (reminders + terms > 0) log.info("workshop reminders queued", { slots: reminders, councilTerms: terms });
  } catch (error) {
    log.error("workshop reminders", { error: (error as Error).message });
  }
  // Rewards accrue from completed invitations and attended slots (no counts
  // logged: a log line per minute must not tell when members took part).
  try {
    await accrueRewards();
  } catch (error) {
    log.error("reward accrual", { error: (error as Error).message });
  }
}

async function tidy() {
  try {
    await lucia.deleteExpiredSessions();
    await purgeOldWindows(new Date(Date.now() - 24 * 60 * 60 * 1000));
    await db.signInCode.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 24 * 60 * 60 * 1000) } } });
    await purgeExpiredJoinRequests();
    await db.emailChange.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    // Yesterday's answers join the results, shuffled (docs/decisions/0011).
    await mixPendingResponses(helsinkiDay());
  } catch (error) {
    log.error("housekeeping", { error: (error as Error).message });
  }
  // Each unit's feedback summary of last month, from the first working day on (docs/decisions/0018).
  try {
    const queued = await sendMonthlySummaries();
    if (queued > 0) log.info("feedback summaries queued", { units: queued });
  } catch (error) {
    log.error("feedback summaries", { error: (error as Error).message });
  }
  try {
    const purged = await purgeOldFeedback();
    if (purged.items > 0) log.info("old feedback purged", purged);
  } catch (error) {
    log.error("feedback retention", { error: (error as Error).message });
  }
  // Recent feedback regrouped once a Helsinki day, independent of arrival order (docs/decisions/0018).
  try {
    const regrouped = await regroupOncePerDay();
    if (regrouped && regrouped.moved > 0) log.info("feedback regrouped", regrouped);
  } catch (error) {
    log.error("feedback regrouping", { error: (error as Error).message });
  }
}

export async function shutdown() {
  stopMailWorker();
  // Messages in flight finish and are marked before the transport closes.
  await stopCampaignWorker();
  if (housekeeping) clearInterval(housekeeping);
  if (minuteTimer) clearInterval(minuteTimer);
  closeMailTransport();
  await disconnectPanelDb();
  await disconnectVaultDb();
}
