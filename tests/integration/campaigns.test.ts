// Invitation campaigns against the real panel store and the real server:
// create → draw → schedule writes exactly one invitation (token hash only)
// and one outbox message (tokens in clear) per selected member, and never a
// second (a repeat, two at once, or a raw insert); cancel cancels what is
// waiting, erases its tokens and deletes the never-sent invitations; the
// funnel and progress add up; one-click unsubscribe: GET changes nothing, a
// POST without cookie or Origin unsubscribes and cancels the member's waiting
// messages, in fi/sv/en, an unknown link a kind 404; preview and the test
// send; access only for studies.manage on the study's team; 10,000 enqueued
// within the 2 s budget.
import { describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { currentVersion } from "~/modules/consent/consent.server";
import { MEMBERSHIP_TERMS, PROFILE_USE } from "~/modules/consent/purposes";
import {
  campaignFor,
  campaignFunnel,
  campaignProgress,
  cancelCampaign,
  createCampaign,
  drawForCampaign,
  pauseCampaign,
  previewEmail,
  resumeCampaign,
  scheduleCampaign,
  sendTestEmail,
  updateCampaign,
  type CampaignInput,
  type Refusal,
} from "~/modules/campaigns/campaigns.server";
import { unsubscribeTokenHash, recipientUnsubscribeToken } from "~/modules/campaigns/unsubscribe.server";
import { helsinkiDay } from "~/modules/studies/days";
import { markCompleted, panelTokenHash } from "~/modules/studies/invitations.server";
import { changeStatus, createStudy, saveDefinition } from "~/modules/studies/studies.server";
import type { SessionUser } from "~/infra/auth/session.server";
import { createMember, getPage, serverWithSink } from "../support/members";
import { nextMessageTo } from "../support/helpers-auth";
import { allowProfileUse, createResearcher, invite, openStudy, sampleSurvey } from "../support/studies";

const running = serverWithSink();
const url = () => running.server.url;

const DAY = 24 * 3600 * 1000;
/** Campaigns here send tomorrow, so no sender (the server's own included) touches their messages. */
const tomorrow = () => new Date(Math.ceil((Date.now() + DAY) / 1000) * 1000);

const texts = {
  fi: { subject: "Kutsu: {title}", body: "Hei!\nVastaa {closes} mennessä.\n{link}\nKiitos." },
  sv: { subject: "Inbjudan: {title}", body: "Hej!\nSvara senast {closes}.\n{link}" },
  en: { subject: "Invitation: {title}", body: "Hello! Answer here: {link}" },
};

function input(overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: "Kevään kutsut",
    filters: {},
    spec: { mode: "simple", wanted: 100, oversample: 1 },
    email: texts,
    sendAt: tomorrow(),
    ratePerMinute: 600,
    reminderAfterDays: null,
    maxReminders: 0,
    closesAt: null,
    ...overrides,
  };
}

function ok<T>(value: T | Refusal | null): T {
  expect(value).not.toBeNull();
  expect(value as { ok: boolean }).toMatchObject({ ok: true });
  return value as T;
}

function refusedWith(value: unknown, reason: Refusal["reason"]) {
  expect(value).toMatchObject({ ok: false, reason });
}

/**
 * Members of one region who allow the use of their profile: each test draws
 * by its own region, so the members of one test never enter another's sample.
 */
async function pool(prefix: string, region: string, n: number) {
  const members: { id: string; email: string; cookie: string }[] = [];
  for (let i = 0; i < n; i++) {
    const member = await createMember(`${prefix}-${i}@campaigns.example`, { language: (["fi", "sv", "en"] as const)[i % 3] });
    await allowProfileUse(member.id, { birthYear: 1960 + i, region });
    members.push(member);
  }
  return members;
}

type Member = Awaited<ReturnType<typeof pool>>[number];

async function staff(email: string, roles: ("RESEARCHER" | "FACILITATOR" | "ADMIN")[]): Promise<SessionUser> {
  const user = await db.user.create({ data: { kind: "STAFF", roles, email, name: email } });
  return { id: user.id, kind: "STAFF", roles: user.roles, email, name: email, language: "fi" };
}

/** A campaign drawn and scheduled for tomorrow. */
async function scheduled(owner: SessionUser, studyId: string, overrides: Partial<CampaignInput> = {}) {
  const campaign = (await createCampaign(owner, studyId, input(overrides)))!;
  ok(await drawForCampaign(owner, campaign.id));
  const result = ok(await scheduleCampaign(owner, campaign.id));
  return { campaign, result };
}

/** What the sender does with a message, done by hand (the sender has tests of its own). */
async function markMessage(campaignId: string, userId: string, change: { status: "SENT" | "FAILED"; bounced?: boolean; maybeDuplicate?: boolean }) {
  await db.campaignMessage.update({
    where: { campaignId_userId_kind: { campaignId, userId, kind: "invitation" } },
    data: {
      status: change.status,
      bounced: change.bounced ?? false,
      maybeDuplicate: change.maybeDuplicate ?? false,
      token: null,
      unsubscribeToken: null,
      sentAt: change.status === "SENT" ? new Date() : null,
    },
  });
  await db.campaignRecipient.update({
    where: { campaignId_userId: { campaignId, userId } },
    data: { state: change.status === "SENT" ? "SENT" : change.bounced ? "BOUNCED" : "FAILED" },
  });
}

describe("campaigns", () => {
  it("create → draw → schedule: one invitation and one message per selected member, once, whatever repeats", async () => {
    const { user: owner } = await createResearcher("owner-a@campaigns.example");
    const study = await openStudy(owner);
    const members = await pool("a", "MK01", 10);
    // Not in the sample: has not accepted the membership terms.
    const noTerms = await createMember("a-noterms@campaigns.example", { acceptTerms: false });
    await allowProfileUse(noTerms.id, { birthYear: 1970, region: "MK01" });

    const sendAt = tomorrow();
    const campaign = (await createCampaign(owner, study.id, input({
      filters: { regions: ["MK01"] },
      spec: { mode: "stratified", by: ["region"], wanted: 4, oversample: 2, quotas: { MK01: 4 } },
      seed: "kevat-2026",
      sendAt,
    })))!;
    expect(campaign.status).toBe("DRAFT");
    expect(campaign.email).toEqual(texts);

    // Scheduling before a draw is refused.
    refusedWith(await scheduleCampaign(owner, campaign.id), "not-drawn");

    const draw = ok(await drawForCampaign(owner, campaign.id));
    expect(draw.seed).toBe("kevat-2026");
    expect(draw.selected).toBe(8);
    const drawn = await db.campaignRecipient.findMany({ where: { campaignId: campaign.id }, orderBy: { userId: "asc" } });
    expect(drawn).toHaveLength(8);
    expect(drawn.every((r) => r.state === "SELECTED" && r.stratum === "MK01")).toBe(true);
    expect(drawn.map((r) => r.userId)).not.toContain(noTerms.id);
    expect(drawn.every((r) => members.some((m) => m.id === r.userId))).toBe(true);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).quotas).toEqual({ MK01: 4 });

    // The same seed draws the same members again.
    ok(await drawForCampaign(owner, campaign.id));
    const again = await db.campaignRecipient.findMany({ where: { campaignId: campaign.id }, orderBy: { userId: "asc" } });
    expect(again.map((r) => r.userId)).toEqual(drawn.map((r) => r.userId));

    // Between draw and send, one of them is invited to the study another way;
    // and the survey gets a new draft version, which the schedule freezes.
    const lateInvited = members.find((m) => m.id === drawn[0]!.userId)!;
    await invite(study.id, [lateInvited]);
    await saveDefinition(owner, study.id, { ...sampleSurvey, sections: sampleSurvey.sections.slice(0, 1) });
    const draft = await db.surveyVersion.findFirstOrThrow({ where: { studyId: study.id }, orderBy: { version: "desc" } });
    expect(draft.frozenAt).toBeNull();

    // Two schedules at once: one enqueues, the other finds it done.
    const [first, second] = await Promise.all([scheduleCampaign(owner, campaign.id), scheduleCampaign(owner, campaign.id)]);
    const results = [first, second] as { ok: boolean }[];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const result = results.find((r) => r.ok) as unknown as { status: string; queued: number; blocked: number };
    expect(result).toMatchObject({ status: "SCHEDULED", queued: 7, blocked: 1 });
    refusedWith(results.find((r) => !r.ok), "not-draft");
    refusedWith(await scheduleCampaign(owner, campaign.id), "not-draft");
    refusedWith(await drawForCampaign(owner, campaign.id), "not-draft");

    expect((await db.surveyVersion.findUniqueOrThrow({ where: { id: draft.id } })).frozenAt).not.toBeNull();
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("SCHEDULED");

    const recipients = await db.campaignRecipient.findMany({ where: { campaignId: campaign.id } });
    const queued = recipients.filter((r) => r.state === "QUEUED");
    expect(queued).toHaveLength(7);
    expect(recipients.find((r) => r.userId === lateInvited.id)).toMatchObject({ state: "BLOCKED", blockReason: "already-invited", unsubscribeHash: null });

    const invitations = await db.invitation.findMany({ where: { campaignId: campaign.id } });
    const messages = await db.campaignMessage.findMany({ where: { campaignId: campaign.id } });
    expect(invitations).toHaveLength(7);
    expect(messages).toHaveLength(7);
    expect(new Set(invitations.map((i) => i.userId)).size).toBe(7);
    expect(new Set(messages.map((m) => m.userId))).toEqual(new Set(queued.map((r) => r.userId)));
    // The late invitation is the only other one of the study, and it is not the campaign's.
    expect(await db.invitation.count({ where: { studyId: study.id } })).toBe(8);
    for (const message of messages) {
      expect(message).toMatchObject({ kind: "invitation", status: "PENDING", attempts: 0 });
      expect(message.nextAttemptAt.getTime()).toBe(sendAt.getTime());
      expect(message.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      // The same link in the invitation and every reminder (derived with the app secret).
      expect(message.unsubscribeToken).toBe(recipientUnsubscribeToken(message.campaignId, message.userId));
      expect(message.unsubscribeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const invitation = invitations.find((i) => i.userId === message.userId)!;
      // Only the hash is kept on the invitation and on the recipient.
      expect(invitation.tokenHash).toBe(panelTokenHash(message.token!));
      expect(invitation).toMatchObject({ studyId: study.id, stratum: "MK01", completedOn: null });
      expect(invitation.invitedOn.toISOString().slice(0, 10)).toBe(helsinkiDay(sendAt));
      expect(queued.find((r) => r.userId === message.userId)!.unsubscribeHash).toBe(unsubscribeTokenHash(message.unsubscribeToken!));
    }
    expect(new Set(messages.flatMap((m) => [m.token, m.unsubscribeToken])).size).toBe(14);

    // The unique constraint holds against a raw second row too.
    await expect(
      db.campaignMessage.create({ data: { campaignId: campaign.id, userId: messages[0]!.userId, kind: "invitation" } }),
    ).rejects.toThrow();
    expect(await db.campaignMessage.count({ where: { campaignId: campaign.id } })).toBe(7);

    // The link in the message opens the survey.
    const start = await getPage(url(), `/s/${messages[0]!.token}`);
    expect(start.status).toBe(200);
    expect(await start.text()).toContain("Asiointikysely");
  });

  it("saving a drawn stratified draft without changing who or how keeps its sample", async () => {
    const { user: owner } = await createResearcher("owner-k@campaigns.example");
    const study = await openStudy(owner);
    await pool("k", "MK04", 6);
    const spec = { mode: "stratified" as const, by: ["region" as const, "language" as const], wanted: 4, oversample: 1.5, shares: { "MK04|sv": 0.25, "MK04|fi": 0.75 } };
    const campaign = (await createCampaign(owner, study.id, input({ filters: { regions: ["MK04"], languages: ["fi"] }, spec, seed: "keep" })))!;
    const drawn = ok(await drawForCampaign(owner, campaign.id)).selected;
    expect(drawn).toBeGreaterThan(0);
    ok(await updateCampaign(owner, campaign.id, { name: "Uusi nimi" }));
    expect(await db.campaignRecipient.count({ where: { campaignId: campaign.id } })).toBe(drawn);
    ok(await updateCampaign(owner, campaign.id, { spec: { ...spec, wanted: 2 } }));
    expect(await db.campaignRecipient.count({ where: { campaignId: campaign.id } })).toBe(0);
  });

  it("pause, resume and cancel: waiting messages cancelled, tokens erased, never-sent invitations deleted", async () => {
    const { user: owner } = await createResearcher("owner-b@campaigns.example");
    const draftStudy = await createStudy(owner, {
      type: "SURVEY",
      title: { fi: "Luonnos", sv: "Utkast", en: "Draft" },
      description: { fi: "", sv: "", en: "" },
      analysisAttributes: [],
      minGroupSize: 5,
      closesAt: null,
      responseQuota: null,
      teamIds: [],
    });
    const members = await pool("b", "MK02", 5);

    // Refusals first: no text, a study not open.
    const noText = (await createCampaign(owner, draftStudy.id, input({ email: {}, filters: { regions: ["MK02"] } })))!;
    refusedWith(await scheduleCampaign(owner, noText.id), "study-not-open");
    await changeStatus(owner, draftStudy.id, "RECRUITING");
    refusedWith(await scheduleCampaign(owner, noText.id), "no-text");
    ok(await cancelCampaign(owner, noText.id));

    const { campaign, result } = await scheduled(owner, draftStudy.id, { filters: { regions: ["MK02"] } });
    expect(result.queued).toBe(5);

    ok(await pauseCampaign(owner, campaign.id));
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("PAUSED");
    refusedWith(await pauseCampaign(owner, campaign.id), "not-running");
    ok(await resumeCampaign(owner, campaign.id));
    // The send time is still ahead: back to scheduled, not sending.
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("SCHEDULED");
    refusedWith(await resumeCampaign(owner, campaign.id), "not-paused");

    // One went out before the cancel.
    const sent = members[0]!;
    await markMessage(campaign.id, sent.id, { status: "SENT" });

    const cancelled = ok(await cancelCampaign(owner, campaign.id));
    expect(cancelled.cancelled).toBe(4);
    const after = await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(after.status).toBe("CANCELLED");
    expect(after.finishedAt).not.toBeNull();

    const messages = await db.campaignMessage.findMany({ where: { campaignId: campaign.id } });
    expect(messages.filter((m) => m.status === "CANCELLED")).toHaveLength(4);
    expect(messages.find((m) => m.userId === sent.id)!.status).toBe("SENT");
    expect(messages.every((m) => m.token === null && m.unsubscribeToken === null)).toBe(true);
    const invitations = await db.invitation.findMany({ where: { campaignId: campaign.id } });
    expect(invitations.map((i) => i.userId)).toEqual([sent.id]);
    const states = await db.campaignRecipient.groupBy({ by: ["state"], where: { campaignId: campaign.id }, _count: true });
    expect(Object.fromEntries(states.map((s) => [s.state, s._count]))).toEqual({ CANCELLED: 4, SENT: 1 });

    expect(await campaignProgress(owner, campaign.id)).toEqual({
      status: "CANCELLED",
      queued: 0,
      sending: 0,
      sent: 1,
      failed: 0,
      bounced: 0,
      blocked: 0,
      cancelled: 4,
      maybeDuplicate: 0,
    });
    refusedWith(await cancelCampaign(owner, campaign.id), "finished");
    refusedWith(await resumeCampaign(owner, campaign.id), "not-paused");
    refusedWith(await updateCampaign(owner, campaign.id, { name: "Uusi nimi" }), "not-draft");
  });

  it("the funnel and progress add up; one-click unsubscribe: GET changes nothing, POST without cookie or Origin cancels what waits", async () => {
    const { user: owner } = await createResearcher("owner-c@campaigns.example");
    const study = await openStudy(owner);
    const other = await openStudy(owner, { title: { fi: "Toinen kysely", sv: "Annan enkät", en: "Another survey" } });
    const members = await pool("c", "MK03", 7);
    const { campaign } = await scheduled(owner, study.id, { filters: { regions: ["MK03"] } });
    const { campaign: second } = await scheduled(owner, other.id, { filters: { regions: ["MK03"] } });
    expect(await db.campaignMessage.count({ where: { campaignId: second.id } })).toBe(7);

    const [m0, m1, m2, m3, m4, m5, m6] = members as [Member, Member, Member, Member, Member, Member, Member];
    await markMessage(campaign.id, m0.id, { status: "SENT" });
    await markMessage(campaign.id, m1.id, { status: "SENT", maybeDuplicate: true });
    await markMessage(campaign.id, m2.id, { status: "FAILED" });
    await markMessage(campaign.id, m3.id, { status: "FAILED", bounced: true });
    const m0Invitation = await db.invitation.findFirstOrThrow({ where: { campaignId: campaign.id, userId: m0.id } });
    await markCompleted(m0Invitation.id, helsinkiDay());

    const linkOf = async (campaignId: string, userId: string) =>
      (await db.campaignMessage.findUniqueOrThrow({ where: { campaignId_userId_kind: { campaignId, userId, kind: "invitation" } } })).unsubscribeToken!;
    const m4Link = `/unsubscribe/${await linkOf(campaign.id, m4.id)}`;
    const m6Link = `/unsubscribe/${await linkOf(second.id, m6.id)}`;

    // GET shows the button in the reader's language and changes nothing.
    for (const [language, button] of [
      ["fi", "Peru kaikki tutkimuskutsut"],
      ["sv-FI,sv;q=0.9", "Avbeställ alla inbjudningar"],
      ["en-GB", "Unsubscribe from all research invitations"],
    ] as const) {
      const page = await fetch(`${url()}${m4Link}`, { redirect: "manual", headers: { "Accept-Language": language } });
      expect(page.status).toBe(200);
      expect(page.headers.get("Cache-Control")).toContain("no-store");
      const html = await page.text();
      expect(html).toContain(button);
      expect(html).toMatch(/<form method="post"/);
    }
    expect((await db.memberPreferences.findUniqueOrThrow({ where: { userId: m4.id } })).unsubscribedAt).toBeNull();
    expect((await db.campaignMessage.findFirstOrThrow({ where: { campaignId: campaign.id, userId: m4.id } })).status).toBe("PENDING");

    // The mail client's one-click POST: no cookie, no Origin.
    const oneClick = () =>
      fetch(`${url()}${m4Link}`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
    const posted = await oneClick();
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain("Et saa enää tutkimuskutsuja.");
    expect((await db.memberPreferences.findUniqueOrThrow({ where: { userId: m4.id } })).unsubscribedAt).not.toBeNull();
    expect(await db.campaignRecipient.findUniqueOrThrow({ where: { campaignId_userId: { campaignId: campaign.id, userId: m4.id } } })).toMatchObject({
      state: "BLOCKED",
      blockReason: "unsubscribed",
      unsubscribedAt: expect.any(Date),
    });
    // Both campaigns' waiting invitations to them are cancelled, tokens and invitations gone.
    for (const campaignId of [campaign.id, second.id]) {
      expect(await db.campaignMessage.findFirstOrThrow({ where: { campaignId, userId: m4.id } })).toMatchObject({
        status: "CANCELLED",
        blockReason: "unsubscribed",
        token: null,
        unsubscribeToken: null,
      });
      expect(await db.invitation.count({ where: { campaignId, userId: m4.id } })).toBe(0);
    }
    // Nobody else's.
    expect(await db.campaignMessage.count({ where: { campaignId: second.id, status: "PENDING" } })).toBe(6);

    // Again: still fine, recorded once; the page now says it is done.
    expect((await oneClick()).status).toBe(200);
    const events = await db.auditEvent.findMany({ where: { action: "member.unsubscribe", subjectId: m4.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ campaignId: campaign.id, channel: "one-click" });
    expect(await (await getPage(url(), m4Link)).text()).toContain("Olet jo perunut tutkimuskutsut.");

    // The page's own button: a plain form post, no JavaScript, no cookie, no Origin.
    const button = await fetch(`${url()}${m6Link}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en" },
      body: "",
    });
    expect(button.status).toBe(200);
    expect(await button.text()).toContain("You will get no more research invitations.");
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: "member.unsubscribe", subjectId: m6.id } })).data).toMatchObject({
      campaignId: second.id,
      channel: "page",
    });

    expect(await campaignFunnel(owner, campaign.id)).toEqual({
      selected: 7,
      // m4 through this campaign's link, m6 through the other's: both stopped here
      blocked: { total: 2, byReason: { unsubscribed: 2 } },
      sent: 2,
      failed: 1,
      bounced: 1,
      completed: 1,
      unsubscribed: 1,
      remindersSent: 0,
    });
    expect(await campaignProgress(owner, campaign.id)).toEqual({
      status: "SCHEDULED",
      queued: 1,
      sending: 0,
      sent: 2,
      failed: 1,
      bounced: 1,
      blocked: 2,
      cancelled: 0,
      maybeDuplicate: 1,
    });
    expect(m5).toBeDefined();
  });

  it("an unknown or malformed unsubscribe link gets a kind 404 page, never a 500", async () => {
    for (const path of ["/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", `/unsubscribe/${"x".repeat(300)}`, "/unsubscribe/bad%20token", "/unsubscribe/%E0%A4%A"]) {
      // A path that cannot be decoded is refused before any route (400); the rest are ours.
      const expected = path.includes("%E0") ? 400 : 404;
      const get = await getPage(url(), path);
      expect(get.status, path).toBe(expected);
      const html = await get.text();
      if (expected === 404) expect(html).toContain("Peruutuslinkki ei ole voimassa");
      for (const body of ["List-Unsubscribe=One-Click", "--x\r\nnonsense", ""]) {
        const post = await fetch(`${url()}${path}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "multipart/form-data; boundary=x" }, body });
        expect(post.status, `${path} ${body}`).toBe(expected);
      }
    }
  });

  it("preview and test send: placeholders filled per language, the researcher's own address only, at most 10 an hour", async () => {
    const { user: owner } = await createResearcher("owner-e@campaigns.example");
    const study = await openStudy(owner);
    const closesAt = new Date("2030-06-30T12:00:00Z");
    const campaign = (await createCampaign(owner, study.id, input({ closesAt })))!;
    const full = (await campaignFor(owner, campaign.id))!;

    const fi = previewEmail(full, "fi")!;
    expect(fi.subject).toBe("Kutsu: Asiointikysely");
    expect(fi.text).toContain("Vastaa 30.6.2030 mennessä.");
    expect(fi.html).toContain(`href="${"http://localhost:3000"}/staff/studies/${study.id}/preview"`);
    expect(fi.text).toContain("Peru kutsut:\nhttp://localhost:3000/unsubscribe/");
    expect(fi.html).toContain(">Osallistu</a>");
    const sv = previewEmail(full, "sv")!;
    expect(sv.subject).toBe("Inbjudan: Asiointikysely (sv)");
    expect(sv.text).toContain("Svara senast 30 juni 2030.");
    const en = previewEmail(full, "en")!;
    expect(en.language).toBe("en");
    expect(en.text).toContain(`Hello! Answer here: http://localhost:3000/staff/studies/${study.id}/preview`);

    // Only Finnish written: everyone gets Finnish.
    const finnishOnly = (await createCampaign(owner, study.id, input({ email: { fi: texts.fi } })))!;
    expect(previewEmail((await campaignFor(owner, finnishOnly.id))!, "en")!.language).toBe("fi");
    // Half a language is refused next to the field; a mistyped placeholder too.
    await expect(createCampaign(owner, study.id, input({ email: { fi: texts.fi, sv: { subject: "Inbjudan", body: "" } } }))).rejects.toThrow(
      "campaigns.error.bodyMissing",
    );
    await expect(createCampaign(owner, study.id, input({ email: { fi: { subject: "Kutsu {titel}", body: "{link}" } } }))).rejects.toThrow(
      "campaigns.error.unknownPlaceholder",
    );

    expect(ok(await sendTestEmail(owner, campaign.id, "en")).language).toBe("en");
    const message = await nextMessageTo(running.sink, owner.email, 0);
    expect(message.to).toEqual([owner.email]);
    expect(message.parsed.subject).toBe("[TEST] Invitation: Asiointikysely (en)");
    expect(message.parsed.text).toContain("This is a test message to yourself.");
    expect(message.parsed.text).toContain(`/staff/studies/${study.id}/preview`);
    for (let i = 1; i < 10; i++) ok(await sendTestEmail(owner, campaign.id, "fi"));
    refusedWith(await sendTestEmail(owner, campaign.id, "fi"), "test-limit");
  });

  it("access: only studies.manage on the study's team; someone else's campaign id is not found", async () => {
    const { user: owner } = await createResearcher("owner-d@campaigns.example");
    const teammate = await staff("teammate-d@campaigns.example", ["RESEARCHER"]);
    const facilitator = await staff("facilitator-d@campaigns.example", ["FACILITATOR"]);
    const outsider = await staff("outsider-d@campaigns.example", ["RESEARCHER"]);
    const admin = await staff("admin-d@campaigns.example", ["ADMIN"]);
    const study = await openStudy(owner);
    await db.studyTeam.createMany({ data: [{ studyId: study.id, userId: teammate.id }, { studyId: study.id, userId: facilitator.id }] });
    const campaign = (await createCampaign(owner, study.id, input({ filters: { regions: ["MK04"] } })))!;
    // The outsider's own study and campaign: the owner cannot reach it either.
    const theirs = await openStudy(outsider);
    const theirCampaign = (await createCampaign(outsider, theirs.id, input()))!;

    const calls = (user: SessionUser, id: string) => [
      campaignFor(user, id),
      drawForCampaign(user, id),
      scheduleCampaign(user, id),
      pauseCampaign(user, id),
      resumeCampaign(user, id),
      cancelCampaign(user, id),
      campaignProgress(user, id),
      campaignFunnel(user, id),
      sendTestEmail(user, id, "fi"),
      updateCampaign(user, id, { name: "Kaapattu" }),
    ];
    for (const [who, id] of [
      [outsider, campaign.id],
      [facilitator, campaign.id],
      [owner, theirCampaign.id],
      [owner, "not-a-uuid"],
      [owner, "00000000-0000-4000-8000-000000000000"],
    ] as const) {
      expect(await Promise.all(calls(who, id))).toEqual(Array(10).fill(null));
    }
    expect(await createCampaign(outsider, study.id, input())).toBeNull();
    expect(await createCampaign(facilitator, study.id, input())).toBeNull();
    // Nothing changed.
    const unchanged = await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(unchanged).toMatchObject({ status: "DRAFT", name: "Kevään kutsut", seed: null });
    expect(await db.campaign.count({ where: { studyId: study.id } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { template: "campaign-test", toAddress: { in: [outsider.email, facilitator.email, owner.email] } } })).toBe(0);

    // The team and an admin may.
    expect(await campaignProgress(teammate, campaign.id)).not.toBeNull();
    expect(await campaignFunnel(admin, campaign.id)).not.toBeNull();
    ok(await updateCampaign(teammate, campaign.id, { name: "Tiimin kutsut" }));
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).name).toBe("Tiimin kutsut");
  });

  // How fast is measured by npm run bench:campaign, not here: this checks a
  // large enqueue is whole (distinct tokens, one invitation each).
  it("enqueues a large sample whole: one message, one distinct token and one invitation each", async () => {
    const { user: owner } = await createResearcher("owner-f@campaigns.example");
    const study = await openStudy(owner);
    const [terms, profileUse] = await Promise.all([currentVersion(MEMBERSHIP_TERMS), currentVersion(PROFILE_USE)]);
    const N = 3_000;
    await db.$executeRaw`
      INSERT INTO "User" (id, kind, roles, status, email, language, "updatedAt")
      SELECT gen_random_uuid(), 'MEMBER', ARRAY['MEMBER']::"Role"[], 'ACTIVE', 'f-' || g || '@campaigns.example', 'fi', now()
      FROM generate_series(1, ${N}::int) g`;
    await db.$executeRaw`
      INSERT INTO "MemberPreferences" ("userId", "updatedAt") SELECT id, now() FROM "User" WHERE email LIKE 'f-%@campaigns.example'`;
    await db.$executeRaw`
      INSERT INTO "MemberProfile" ("userId", "birthYear", region, "updatedAt")
      SELECT id, 1980, 'MK21', now() FROM "User" WHERE email LIKE 'f-%@campaigns.example'`;
    for (const [version, purpose] of [[terms, MEMBERSHIP_TERMS], [profileUse, PROFILE_USE]] as const) {
      await db.$executeRaw`
        INSERT INTO "ConsentEvent" (id, "userId", purpose, "versionId", version, "textHash", language, channel, action, at)
        SELECT gen_random_uuid(), u.id, ${purpose}, v.id, v.version, t."textHash", 'fi', 'JOIN', 'GIVEN', now()
        FROM "User" u, "ConsentVersion" v JOIN "ConsentText" t ON t."versionId" = v.id AND t.language = 'fi'
        WHERE v.id = ${version.id}::uuid AND u.email LIKE 'f-%@campaigns.example'`;
    }
    await db.$executeRaw`ANALYZE`;

    const campaign = (await createCampaign(owner, study.id, input({ filters: { regions: ["MK21"] }, spec: { mode: "simple", wanted: N, oversample: 1 } })))!;
    expect(ok(await drawForCampaign(owner, campaign.id)).selected).toBe(N);
    const result = ok(await scheduleCampaign(owner, campaign.id));
    expect(result.queued).toBe(N);
    const [counts] = await db.$queryRaw<{ messages: number; tokens: number; invitations: number }[]>`
      SELECT (SELECT count(*)::int FROM "CampaignMessage" WHERE "campaignId" = ${campaign.id}::uuid) AS messages,
             (SELECT count(DISTINCT token)::int FROM "CampaignMessage" WHERE "campaignId" = ${campaign.id}::uuid) AS tokens,
             (SELECT count(*)::int FROM "Invitation" WHERE "campaignId" = ${campaign.id}::uuid) AS invitations`;
    expect(counts).toEqual({ messages: N, tokens: N, invitations: N });
  }, 120_000);
});
