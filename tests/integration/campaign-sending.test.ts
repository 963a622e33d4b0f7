// The campaign sender against a real SMTP server (smtp-server on 127.0.0.1)
// and the real panel database: what a member receives (RFC 8058 headers, a
// deterministic Message-ID, their language, working links), tokens erased
// once sent, hard and soft bounces, the campaign's status, send time and
// rate, the checks at the moment of sending, crash recovery, reminders and
// the end of a campaign.
import { afterAll, describe, expect, it } from "vitest";
import { headerOf, startFaultySmtp, type Recorded } from "../support/smtp-faults";

// The transport reads SMTP_URL on first use, which is after this line.
const smtp = await startFaultySmtp();
process.env.SMTP_URL = smtp.url;

const { db, panelPool } = await import("~/infra/db/panel.server");
const { formatDate } = await import("~/infra/i18n/i18n");
const { closeCampaignTransport } = await import("~/modules/campaigns/transport.server");
const { suppressionHash } = await import("~/modules/members/join.server");
const { invitationLinkByToken, panelTokenHash } = await import("~/modules/studies/invitations.server");
const { campaignProgress, pauseCampaign, resumeCampaign, cancelCampaign } = await import("~/modules/campaigns/campaigns.server");
const { unsubscribeTokenHash, unsubscribeLink } = await import("~/modules/campaigns/unsubscribe.server");
const { deliverCampaignMessages, MAX_ATTEMPTS } = await import("~/modules/campaigns/sender.server");
const { scheduleReminders, finishCampaigns } = await import("~/modules/campaigns/reminders.server");
const { createResearcher, openStudy } = await import("../support/studies");
const { bulkMembers, queuedCampaign } = await import("../support/campaign-sending");

afterAll(async () => {
  closeCampaignTransport();
  await smtp.close();
});

const { user: researcher } = await createResearcher("sender-researcher@panel.example");
let studies = 0;
const newStudy = () => openStudy(researcher, { title: { fi: `Asiointikysely ${++studies}`, sv: "Enkät", en: "Survey" } });

const messages = (campaignId: string) => db.campaignMessage.findMany({ where: { campaignId }, orderBy: { createdAt: "asc" } });
const message = (campaignId: string, userId: string, kind = "invitation") =>
  db.campaignMessage.findUniqueOrThrow({ where: { campaignId_userId_kind: { campaignId, userId, kind } } });
const recipient = (campaignId: string, userId: string) =>
  db.campaignRecipient.findUniqueOrThrow({ where: { campaignId_userId: { campaignId, userId } } });
const progress = async (campaignId: string) => (await campaignProgress(researcher, campaignId))!;
/** Pending rows of the campaign due now (the back-off or the send time has passed). */
const makeDue = (campaignId: string) =>
  panelPool().query(`UPDATE "CampaignMessage" SET "nextAttemptAt" = now() - interval '1 second' WHERE "campaignId" = $1 AND status = 'PENDING'`, [
    campaignId,
  ]);
const secondsFromNow = (date: Date) => (date.getTime() - Date.now()) / 1000;

const linkToken = (m: Recorded) => /\/s\/([A-Za-z0-9_-]{20,64})/.exec(m.parsed!.text ?? "")?.[1];
const unsubscribeToken = (m: Recorded) => /<http:\/\/localhost:3000\/unsubscribe\/([A-Za-z0-9_-]{20,64})>/.exec(headerOf(m.raw, "List-Unsubscribe") ?? "")?.[1];

describe("sending a campaign", () => {
  it("delivers each invitation once in the member's language, with RFC 8058 headers, a deterministic Message-ID and working links, then erases the tokens", async () => {
    const study = await newStudy();
    const members = await bulkMembers("headers", 3);
    const closesAt = new Date("2031-05-20T12:00:00Z");
    const campaignId = await queuedCampaign(researcher, study.id, members, { closesAt });
    const queued = await messages(campaignId);
    expect(queued.every((m) => m.status === "PENDING" && m.token && m.unsubscribeToken)).toBe(true);

    const report = await deliverCampaignMessages();
    expect(report).toMatchObject({ claimed: 3, sent: 3, blocked: 0, failed: 0, bounced: 0, retried: 0 });

    const subjects = { fi: `Kutsu: Asiointikysely ${studies}`, sv: "Inbjudan: Enkät", en: "Invitation: Survey" };
    for (const member of members) {
      const received = smtp.to(member.email);
      expect(received, member.email).toHaveLength(1);
      const mail = received[0]!;
      const row = await message(campaignId, member.id);

      expect(mail.messageId).toBe(`<${row.id}@localhost>`);
      expect(mail.parsed!.subject).toBe(subjects[member.language]);
      expect(mail.parsed!.html).toContain(`lang="${member.language}"`);
      expect(mail.parsed!.text).toContain(formatDate(closesAt, member.language));
      expect(headerOf(mail.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      expect(headerOf(mail.raw, "List-Unsubscribe")).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\/[A-Za-z0-9_-]{20,64}>$/);

      // The answering link opens this member's invitation; the unsubscribe
      // link is the one their recipient row knows (only its hash is kept).
      const token = linkToken(mail)!;
      const invitation = await db.invitation.findUniqueOrThrow({ where: { studyId_userId: { studyId: study.id, userId: member.id } } });
      expect(invitation.tokenHash).toBe(panelTokenHash(token));
      expect((await invitationLinkByToken(token))?.invitationId).toBe(invitation.id);
      const unsubscribe = unsubscribeToken(mail)!;
      expect((await recipient(campaignId, member.id)).unsubscribeHash).toBe(unsubscribeTokenHash(unsubscribe));
      expect(await unsubscribeLink(unsubscribe)).toMatchObject({ language: member.language, alreadyUnsubscribed: false });

      expect(row).toMatchObject({ status: "SENT", token: null, unsubscribeToken: null, lockedUntil: null, attempts: 1, maybeDuplicate: false, lastError: null });
      expect(row.smtpResponse).toMatch(/^250/);
      expect(row.sentAt).toBeInstanceOf(Date);
      expect((await recipient(campaignId, member.id)).state).toBe("SENT");
    }
    // Nowhere in the table is a token left in clear for this campaign.
    const { rows } = await panelPool().query(
      `SELECT count(*)::int AS n FROM "CampaignMessage" WHERE "campaignId" = $1 AND (token IS NOT NULL OR "unsubscribeToken" IS NOT NULL)`,
      [campaignId],
    );
    expect(rows[0].n).toBe(0);
    expect(await progress(campaignId)).toMatchObject({ queued: 0, sending: 0, sent: 3, failed: 0, bounced: 0, maybeDuplicate: 0 });

    // Nothing more to do: a second run claims nothing, and the campaign is done.
    expect((await deliverCampaignMessages()).claimed).toBe(0);
    expect(smtp.received.filter((m) => members.some((x) => m.to.includes(x.email)))).toHaveLength(3);
    expect(await finishCampaigns()).toContain(campaignId);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status).toBe("DONE");
  });

  it("treats a 550 to the recipient as a hard bounce: address suppressed, email failing, recipient bounced, never retried", async () => {
    const study = await newStudy();
    const [bouncing, fine] = await bulkMembers("bounce", 2);
    smtp.fail(bouncing!.email, 550);
    const campaignId = await queuedCampaign(researcher, study.id, [bouncing!, fine!]);

    const report = await deliverCampaignMessages();
    expect(report).toMatchObject({ claimed: 2, sent: 1, bounced: 1, failed: 0 });
    const row = await message(campaignId, bouncing!.id);
    expect(row).toMatchObject({ status: "FAILED", bounced: true, token: null, unsubscribeToken: null, lockedUntil: null, attempts: 1 });
    expect(row.lastError).toMatch(/550/);
    expect((await recipient(campaignId, bouncing!.id)).state).toBe("BOUNCED");
    expect((await db.user.findUniqueOrThrow({ where: { id: bouncing!.id } })).emailFailing).toBe(true);
    expect(await db.suppression.findUnique({ where: { addressHash: suppressionHash(bouncing!.email.toUpperCase()) } })).toMatchObject({ reason: "BOUNCED" });
    // The invitation the member never received is gone; the other member's stays.
    expect(await db.invitation.count({ where: { studyId: study.id, userId: bouncing!.id } })).toBe(0);
    expect(await db.invitation.count({ where: { studyId: study.id, userId: fine!.id } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: fine!.id } })).emailFailing).toBe(false);
    expect(await progress(campaignId)).toMatchObject({ sent: 1, bounced: 1, failed: 0, queued: 0 });

    // Due by time or not, a bounced row is not claimed again.
    await panelPool().query(`UPDATE "CampaignMessage" SET "nextAttemptAt" = now() - interval '1 hour' WHERE id = $1`, [row.id]);
    smtp.clear(bouncing!.email);
    expect((await deliverCampaignMessages()).claimed).toBe(0);
    expect(smtp.attempts.get(bouncing!.email)).toBe(1);
    expect(smtp.to(bouncing!.email)).toHaveLength(0);
  });

  it("retries a 451 with growing back-off and delivers once it passes", async () => {
    const study = await newStudy();
    const [greylisted] = await bulkMembers("greylisted", 1);
    smtp.fail(greylisted!.email, 451, 2);
    const campaignId = await queuedCampaign(researcher, study.id, [greylisted!]);

    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    const first = await message(campaignId, greylisted!.id);
    expect(first).toMatchObject({ status: "PENDING", attempts: 1, lockedUntil: null, bounced: false });
    expect(first.token).not.toBeNull();
    expect(first.lastError).toMatch(/451/);
    expect(secondsFromNow(first.nextAttemptAt)).toBeGreaterThan(55);
    expect(secondsFromNow(first.nextAttemptAt)).toBeLessThanOrEqual(60);

    // Not due yet: left alone.
    expect((await deliverCampaignMessages()).claimed).toBe(0);

    await makeDue(campaignId);
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 1, retried: 1 });
    const second = await message(campaignId, greylisted!.id);
    expect(second).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(secondsFromNow(second.nextAttemptAt)).toBeGreaterThan(115);
    expect(secondsFromNow(second.nextAttemptAt)).toBeLessThanOrEqual(120);

    await makeDue(campaignId);
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await message(campaignId, greylisted!.id)).toMatchObject({ status: "SENT", attempts: 3, token: null, maybeDuplicate: false });
    expect(smtp.to(greylisted!.email)).toHaveLength(1);
    expect(smtp.attempts.get(greylisted!.email)).toBe(3);
    expect((await recipient(campaignId, greylisted!.id)).state).toBe("SENT");
    expect((await db.user.findUniqueOrThrow({ where: { id: greylisted!.id } })).emailFailing).toBe(false);
  });

  it(`gives a 451 up after ${MAX_ATTEMPTS} attempts: failed, not bounced, the address not suppressed`, async () => {
    const study = await newStudy();
    const [deferred] = await bulkMembers("deferred", 1);
    smtp.fail(deferred!.email, 451);
    const campaignId = await queuedCampaign(researcher, study.id, [deferred!]);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await deliverCampaignMessages()).toMatchObject({ claimed: 1, retried: 1 });
      expect(await message(campaignId, deferred!.id)).toMatchObject({ status: "PENDING", attempts: attempt });
      await makeDue(campaignId);
    }
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 1, failed: 1, retried: 0 });
    const row = await message(campaignId, deferred!.id);
    expect(row).toMatchObject({ status: "FAILED", bounced: false, attempts: MAX_ATTEMPTS, token: null, unsubscribeToken: null });
    expect(row.lastError).toMatch(/451/);
    expect((await recipient(campaignId, deferred!.id)).state).toBe("FAILED");
    expect(await db.invitation.count({ where: { studyId: study.id, userId: deferred!.id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: deferred!.id } })).emailFailing).toBe(false);
    expect(await db.suppression.count({ where: { addressHash: suppressionHash(deferred!.email) } })).toBe(0);
    expect(smtp.attempts.get(deferred!.email)).toBe(MAX_ATTEMPTS);

    await makeDue(campaignId);
    expect((await deliverCampaignMessages()).claimed).toBe(0);
    expect(await progress(campaignId)).toMatchObject({ failed: 1, bounced: 0, sent: 0 });
  });
});

describe("when a campaign may send", () => {
  it("sends nothing while paused, everything once resumed, nothing after a cancel", async () => {
    const study = await newStudy();
    const members = await bulkMembers("paused", 4);
    const campaignId = await queuedCampaign(researcher, study.id, members);
    expect(await pauseCampaign(researcher, campaignId)).toEqual({ ok: true });
    expect((await deliverCampaignMessages()).claimed).toBe(0);
    expect(members.flatMap((m) => smtp.to(m.email))).toHaveLength(0);
    expect(await progress(campaignId)).toMatchObject({ status: "PAUSED", queued: 4, sent: 0 });

    expect(await resumeCampaign(researcher, campaignId)).toEqual({ ok: true });
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 4, sent: 4 });
    expect(members.flatMap((m) => smtp.to(m.email))).toHaveLength(4);

    const others = await bulkMembers("cancelled", 3);
    const cancelled = await queuedCampaign(researcher, (await newStudy()).id, others);
    await cancelCampaign(researcher, cancelled);
    await makeDue(cancelled);
    expect((await deliverCampaignMessages()).claimed).toBe(0);
    expect(others.flatMap((m) => smtp.to(m.email))).toHaveLength(0);
  });

  it("waits for the send time of a scheduled campaign, then turns it SENDING", async () => {
    const study = await newStudy();
    const members = await bulkMembers("scheduled", 2);
    const sendAt = new Date(Date.now() + 3600_000);
    const campaignId = await queuedCampaign(researcher, study.id, members, { sendAt });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status).toBe("SCHEDULED");
    // Even rows due by their own time wait for the campaign's.
    await makeDue(campaignId);
    expect((await deliverCampaignMessages()).claimed).toBe(0);

    await db.campaign.update({ where: { id: campaignId }, data: { sendAt: new Date(Date.now() - 1000) } });
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 2, sent: 2 });
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign.status).toBe("SENDING");
    expect(campaign.startedAt).toBeInstanceOf(Date);
  });

  it("keeps to the campaign's rate: at most ratePerMinute in a minute, and a sixth of it in 10 seconds from 60 a minute up", async () => {
    const slow = await queuedCampaign(researcher, (await newStudy()).id, await bulkMembers("rate-slow", 25), { ratePerMinute: 10 });
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 10, sent: 10 });
    expect((await deliverCampaignMessages()).claimed).toBe(0);
    expect(await progress(slow)).toMatchObject({ sent: 10, queued: 15 });
    // A minute later (sentAt moved back), the next ten.
    await panelPool().query(`UPDATE "CampaignMessage" SET "sentAt" = "sentAt" - interval '61 seconds' WHERE "campaignId" = $1 AND status = 'SENT'`, [slow]);
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 10, sent: 10 });
    expect((await deliverCampaignMessages()).claimed).toBe(0);

    const fast = await queuedCampaign(researcher, (await newStudy()).id, await bulkMembers("rate-fast", 50), { ratePerMinute: 120 });
    await pauseCampaign(researcher, slow);
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 20, sent: 20 });
    await panelPool().query(`UPDATE "CampaignMessage" SET "sentAt" = "sentAt" - interval '11 seconds' WHERE "campaignId" = $1 AND status = 'SENT'`, [fast]);
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 20, sent: 20 });
    // 40 in the last minute: 80 more allowed by the minute, but only 20 per 10 s.
    await panelPool().query(`UPDATE "CampaignMessage" SET "sentAt" = "sentAt" - interval '11 seconds' WHERE "campaignId" = $1 AND status = 'SENT'`, [fast]);
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 10, sent: 10 });
    expect(await progress(fast)).toMatchObject({ sent: 50, queued: 0 });
  });
});

describe("at the moment of sending", () => {
  it("re-checks the fatigue rules: a member who paused or unsubscribed since is blocked with the reason, the unsent invitation deleted", async () => {
    const study = await newStudy();
    const [paused, unsubscribed, fine] = await bulkMembers("recheck", 3);
    const campaignId = await queuedCampaign(researcher, study.id, [paused!, unsubscribed!, fine!]);
    await db.memberPreferences.update({ where: { userId: paused!.id }, data: { pausedUntil: new Date(Date.now() + 30 * 86400_000) } });
    await db.memberPreferences.update({ where: { userId: unsubscribed!.id }, data: { unsubscribedAt: new Date() } });

    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 3, sent: 1, blocked: 2 });
    for (const [member, reason] of [
      [paused!, "paused"],
      [unsubscribed!, "unsubscribed"],
    ] as const) {
      expect(await message(campaignId, member.id)).toMatchObject({ status: "CANCELLED", blockReason: reason, token: null, unsubscribeToken: null });
      expect(await recipient(campaignId, member.id)).toMatchObject({ state: "BLOCKED", blockReason: reason });
      expect(await db.invitation.count({ where: { studyId: study.id, userId: member.id } })).toBe(0);
      expect(smtp.to(member.email)).toHaveLength(0);
    }
    expect(smtp.to(fine!.email)).toHaveLength(1);
    expect(await progress(campaignId)).toMatchObject({ sent: 1, blocked: 2 });
  });

  it("stops the invitations of a stratum whose quota of completes is reached (recipient FULL)", async () => {
    const study = await newStudy();
    const [first, second, other] = await bulkMembers("quota", 3);
    const campaignId = await queuedCampaign(
      researcher,
      study.id,
      [
        { id: first!.id, stratum: "MK01" },
        { id: second!.id, stratum: "MK01" },
        { id: other!.id, stratum: "MK02" },
      ],
      { quotas: { MK01: 1, MK02: 1 } },
    );
    // The first member's invitation goes first and is answered.
    await panelPool().query(`UPDATE "CampaignMessage" SET "nextAttemptAt" = now() + interval '1 hour' WHERE "campaignId" = $1 AND "userId" <> $2`, [
      campaignId,
      first!.id,
    ]);
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 1, sent: 1 });
    await db.invitation.update({ where: { studyId_userId: { studyId: study.id, userId: first!.id } }, data: { completedOn: new Date() } });

    await makeDue(campaignId);
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 2, sent: 1, blocked: 1 });
    expect(await message(campaignId, second!.id)).toMatchObject({ status: "CANCELLED", blockReason: "stratum-full", token: null });
    expect(await recipient(campaignId, second!.id)).toMatchObject({ state: "FULL", blockReason: "stratum-full" });
    expect(await db.invitation.count({ where: { studyId: study.id, userId: second!.id } })).toBe(0);
    expect(smtp.to(second!.email)).toHaveLength(0);
    expect(smtp.to(other!.email)).toHaveLength(1);
  });

  it("sends again a row whose worker died mid-send (lease run out), flagged maybeDuplicate; a live lease is left alone", async () => {
    const study = await newStudy();
    const [crashed, busy] = await bulkMembers("lease", 2);
    const campaignId = await queuedCampaign(researcher, study.id, [crashed!, busy!]);
    await panelPool().query(
      `UPDATE "CampaignMessage" SET status = 'SENDING', attempts = 1,
         "lockedUntil" = CASE WHEN "userId" = $2 THEN now() - interval '1 second' ELSE now() + interval '1 minute' END
       WHERE "campaignId" = $1`,
      [campaignId, crashed!.id],
    );
    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await message(campaignId, crashed!.id)).toMatchObject({ status: "SENT", attempts: 2, maybeDuplicate: true, token: null });
    expect(await message(campaignId, busy!.id)).toMatchObject({ status: "SENDING", attempts: 1, maybeDuplicate: false });
    expect(smtp.to(busy!.email)).toHaveLength(0);
    expect(await progress(campaignId)).toMatchObject({ sent: 1, sending: 1, maybeDuplicate: 1 });
    // Out of the way of the next tests.
    await panelPool().query(`UPDATE "CampaignMessage" SET status = 'CANCELLED', token = NULL, "unsubscribeToken" = NULL WHERE "campaignId" = $1 AND status = 'SENDING'`, [campaignId]);
  });

  it("closes a row a dead worker left in a campaign cancelled since: tokens erased, flagged as possibly delivered", async () => {
    const study = await newStudy();
    const [held, waiting] = await bulkMembers("cancel-held", 2);
    const campaignId = await queuedCampaign(researcher, study.id, [held!, waiting!]);
    await panelPool().query(
      `UPDATE "CampaignMessage" SET status = 'SENDING', attempts = 1, "lockedUntil" = now() - interval '1 second' WHERE "campaignId" = $1 AND "userId" = $2`,
      [campaignId, held!.id],
    );
    await cancelCampaign(researcher, campaignId);
    expect((await deliverCampaignMessages()).claimed).toBe(0);
    await finishCampaigns();
    expect(await message(campaignId, held!.id)).toMatchObject({ status: "CANCELLED", token: null, unsubscribeToken: null, maybeDuplicate: true });
    expect(await message(campaignId, waiting!.id)).toMatchObject({ status: "CANCELLED", token: null, maybeDuplicate: false });
    // The held invitation may have reached the member: its link keeps working.
    expect(await db.invitation.count({ where: { studyId: study.id, userId: held!.id } })).toBe(1);
    expect(await db.invitation.count({ where: { studyId: study.id, userId: waiting!.id } })).toBe(0);
  });

  it("lets two senders share a campaign: every invitation delivered exactly once", async () => {
    const study = await newStudy();
    const members = await bulkMembers("shared", 120);
    const campaignId = await queuedCampaign(researcher, study.id, members);
    const reports = await Promise.all([
      deliverCampaignMessages({ batchSize: 10, concurrency: 4 }),
      deliverCampaignMessages({ batchSize: 10, concurrency: 4 }),
    ]);
    expect(reports[0]!.sent + reports[1]!.sent).toBe(120);
    expect(reports[0]!.sent).toBeGreaterThan(0);
    expect(reports[1]!.sent).toBeGreaterThan(0);
    for (const member of members) expect(smtp.to(member.email), member.email).toHaveLength(1);
    expect(await progress(campaignId)).toMatchObject({ sent: 120, maybeDuplicate: 0 });
  });
});

describe("reminders", () => {
  const day = 86400_000;

  it("reminds only those who have not completed, after N days, at most M times, each with its own link to the same invitation", async () => {
    const study = await newStudy();
    const [answers, waits, ignores] = await bulkMembers("remind", 3);
    // Caps out of the way here; the next test is about reminders and the rules.
    await db.memberPreferences.updateMany({ where: { userId: { in: [answers!.id, waits!.id, ignores!.id] } }, data: { maxInvitationsPerMonth: 10 } });
    const campaignId = await queuedCampaign(researcher, study.id, [answers!, waits!, ignores!], { reminderAfterDays: 3, maxReminders: 2 });
    await deliverCampaignMessages();
    await db.invitation.update({ where: { studyId_userId: { studyId: study.id, userId: answers!.id } }, data: { completedOn: new Date() } });
    const now = Date.now();

    expect(await scheduleReminders(new Date(now + 2 * day))).toBe(0);
    expect(await finishCampaigns(new Date(now + 2 * day))).not.toContain(campaignId);
    expect(await scheduleReminders(new Date(now + 3 * day + 3600_000))).toBe(2);
    // Run again (another instance): nothing twice.
    expect(await scheduleReminders(new Date(now + 3 * day + 3600_000))).toBe(0);
    const queued = await db.campaignMessage.findMany({ where: { campaignId, kind: "reminder-1" } });
    expect(queued.map((m) => m.userId).sort()).toEqual([waits!.id, ignores!.id].sort());
    expect(queued.every((m) => m.status === "PENDING" && m.token && m.unsubscribeToken)).toBe(true);

    expect(await deliverCampaignMessages()).toMatchObject({ claimed: 2, sent: 2 });
    for (const member of [waits!, ignores!]) {
      const [invitationMail, reminderMail, ...more] = smtp.to(member.email);
      expect(more).toHaveLength(0);
      const reminder = await message(campaignId, member.id, "reminder-1");
      expect(reminderMail!.messageId).toBe(`<${reminder.id}@localhost>`);
      expect(headerOf(reminderMail!.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      expect(reminder).toMatchObject({ status: "SENT", token: null, unsubscribeToken: null });
      // A fresh link: not the invitation's, but it opens the same invitation.
      const token = linkToken(reminderMail!)!;
      expect(token).not.toBe(linkToken(invitationMail!));
      const invitation = await db.invitation.findUniqueOrThrow({ where: { studyId_userId: { studyId: study.id, userId: member.id } } });
      expect(await db.reminderLink.findUnique({ where: { tokenHash: panelTokenHash(token) } })).toMatchObject({ invitationId: invitation.id });
      expect((await invitationLinkByToken(token))?.invitationId).toBe(invitation.id);
      // Its unsubscribe link is the invitation's, and it works.
      expect(unsubscribeToken(reminderMail!)).toBe(unsubscribeToken(invitationMail!));
      expect(await unsubscribeLink(unsubscribeToken(reminderMail!)!)).not.toBeNull();
      expect((await recipient(campaignId, member.id)).remindersSent).toBe(1);
    }
    expect(smtp.to(answers!.email)).toHaveLength(1);

    // As if the reminders had gone out at the moment they fell due (the test's clock).
    await panelPool().query(`UPDATE "CampaignMessage" SET "sentAt" = $2 WHERE "campaignId" = $1 AND kind = 'reminder-1'`, [
      campaignId,
      new Date(now + 3 * day + 3600_000),
    ]);
    // The next one is due N days after the reminder, not after the invitation.
    expect(await scheduleReminders(new Date(now + 6 * day))).toBe(0);
    await db.invitation.update({ where: { studyId_userId: { studyId: study.id, userId: waits!.id } }, data: { completedOn: new Date() } });
    expect(await scheduleReminders(new Date(now + 7 * day))).toBe(1);
    expect(await deliverCampaignMessages()).toMatchObject({ sent: 1 });
    expect(smtp.to(ignores!.email)).toHaveLength(3);
    expect(smtp.to(waits!.email)).toHaveLength(2);

    // At most M: no third reminder, and with nothing left to come the campaign is done.
    expect(await scheduleReminders(new Date(now + 30 * day))).toBe(0);
    expect(await finishCampaigns(new Date(now + 30 * day))).toContain(campaignId);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status).toBe("DONE");
  });

  it("counts reminders as contacts: a reminder over the member's cap is blocked at sending, and a blocked reminder keeps no link", async () => {
    const study = await newStudy();
    const [capped] = await bulkMembers("remind-cap", 1);
    // Invitation + reminder-1 = 2 contacts in 30 days: the member's own cap.
    await db.memberPreferences.update({ where: { userId: capped!.id }, data: { maxInvitationsPerMonth: 2 } });
    const campaignId = await queuedCampaign(researcher, study.id, [capped!], { reminderAfterDays: 1, maxReminders: 2 });
    await deliverCampaignMessages();
    const now = Date.now();
    expect(await scheduleReminders(new Date(now + 1 * day + 60_000))).toBe(1);
    expect(await deliverCampaignMessages()).toMatchObject({ sent: 1 });
    // The reminder was sent just now (real time): the second falls due a day later.
    expect(await scheduleReminders(new Date(now + 2 * day + 120_000))).toBe(1);
    const reminder = await message(campaignId, capped!.id, "reminder-2");
    expect(await db.reminderLink.count({ where: { tokenHash: panelTokenHash(reminder.token!) } })).toBe(1);
    expect(await deliverCampaignMessages()).toMatchObject({ blocked: 1, sent: 0 });
    expect(await message(campaignId, capped!.id, "reminder-2")).toMatchObject({ status: "CANCELLED", blockReason: "own-cap", token: null });
    expect(await db.reminderLink.count({ where: { tokenHash: panelTokenHash(reminder.token!) } })).toBe(0);
    // The recipient was sent the invitation; a blocked reminder does not change that.
    expect((await recipient(campaignId, capped!.id)).state).toBe("SENT");
    expect(smtp.to(capped!.email)).toHaveLength(2);
    expect(await finishCampaigns(new Date(now + 30 * day))).toContain(campaignId);
  });
});

describe("in a running Panel", () => {
  it("the app server's runtime runs the sender: a campaign scheduled while it runs is delivered; SIGTERM lets it stop cleanly", async () => {
    const { startAppServer } = await import("../support/app-server");
    const server = await startAppServer({ SMTP_URL: smtp.url });
    const members = await bulkMembers("runtime", 5);
    try {
      const campaignId = await queuedCampaign(researcher, (await newStudy()).id, members);
      const started = Date.now();
      while (members.some((m) => smtp.to(m.email).length === 0)) {
        if (Date.now() - started > 15_000) throw new Error(`not delivered by the server's worker:\n${server.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Marked after SMTP answered: wait for the rows too.
      while ((await progress(campaignId)).sent < 5) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await progress(campaignId)).toMatchObject({ sent: 5, queued: 0, sending: 0 });
      for (const member of members) expect(smtp.to(member.email)).toHaveLength(1);
    } finally {
      await server.stop();
    }
    expect(server.process.exitCode).toBe(0);
    // The server's log says what it did, never with whom or with which link.
    expect(server.output()).toContain("campaign messages handled");
    for (const member of members) {
      expect(server.output()).not.toContain(member.id);
      expect(server.output()).not.toContain(member.email);
      expect(server.output()).not.toContain(linkToken(smtp.to(member.email)[0]!));
    }
  }, 60_000);
});
