// Recruitment against the real panel database: every segment filter narrows
// the count as it should (profile filters only for members who allow the use
// of their profile), every contact-fatigue rule blocks with its reason and
// keeps the member out of a draw, reminders count as contacts, draws repeat
// with their seed and differ with another, strata get their shares and
// quotas, the least recently contacted go first, and only researchers and
// admins reach saved segments (their own) and only admins the settings.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/infra/auth/session.server";
import { db, panelPool } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { Prisma } from "~/generated/panel/client";
import { changeConsent } from "~/modules/consent/consent.server";
import { MEMBERSHIP_TERMS, PROFILE_USE } from "~/modules/consent/purposes";
import { suppressionHash } from "~/modules/members/join.server";
import { helsinkiDay } from "~/modules/studies/days";
import type { StudyTypeName } from "~/modules/studies/studies.server";
import { blockedReasons, recruitmentSettings, updateRecruitmentSettings } from "~/modules/recruitment/fatigue.server";
import type { SampleSpec, SegmentFilters } from "~/modules/recruitment/filters";
import { panelHealth } from "~/modules/recruitment/health.server";
import { allocate, drawSample, largestRemainder } from "~/modules/recruitment/sampling.server";
import { countSegment, countSegmentWithCap, deleteSegment, listSegments, saveSegment, segmentFor, segmentSql } from "~/modules/recruitment/segments.server";
import { createMember } from "../support/members";
import { createResearcher, openStudy } from "../support/studies";

const DAY = 24 * 3600 * 1000;
const year = Number(helsinkiDay().slice(0, 4));
/** A day relative to today (Helsinki), as the panel stores days. */
const dayAgo = (days: number) => new Date(`${helsinkiDay(new Date(Date.now() - days * DAY))}T00:00:00.000Z`);

interface MemberSpec {
  language?: Language;
  acceptTerms?: boolean;
  profileUse?: boolean;
  profile?: Prisma.MemberProfileUpdateInput;
  prefs?: Prisma.MemberPreferencesUpdateInput;
  user?: Prisma.UserUpdateInput;
}

let serial = 0;
async function member(spec: MemberSpec = {}): Promise<{ id: string; email: string }> {
  const email = `m${++serial}-${randomBytes(3).toString("hex")}@recruitment.example`;
  const created = await createMember(email, { language: spec.language, acceptTerms: spec.acceptTerms });
  if (spec.profile) await db.memberProfile.update({ where: { userId: created.id }, data: spec.profile });
  if (spec.prefs) await db.memberPreferences.update({ where: { userId: created.id }, data: spec.prefs });
  if (spec.user) await db.user.update({ where: { id: created.id }, data: spec.user });
  if (spec.profileUse) await changeConsent({ userId: created.id, purpose: PROFILE_USE, action: "GIVEN", language: "fi", channel: "WEB" });
  return { id: created.id, email };
}

async function invitation(studyId: string, userId: string, invitedDaysAgo: number, completedDaysAgo: number | null = null, campaignId?: string) {
  await db.invitation.create({
    data: {
      studyId,
      userId,
      tokenHash: randomBytes(16).toString("hex"),
      invitedOn: dayAgo(invitedDaysAgo),
      completedOn: completedDaysAgo === null ? null : dayAgo(completedDaysAgo),
      campaignId,
    },
  });
}

async function staff(roles: ("RESEARCHER" | "FACILITATOR" | "ADMIN")[]): Promise<SessionUser> {
  const email = `staff${++serial}@recruitment.example`;
  const user = await db.user.create({ data: { kind: "STAFF", roles, email, name: email } });
  return { id: user.id, kind: "STAFF", roles, email, name: email, language: "fi" };
}

/** Which of these members the segment (with the fatigue rules) keeps: the SQL the draw uses. */
async function eligibleAmong(ids: string[], options: { studyId?: string; studyType?: StudyTypeName; fatigue?: boolean }) {
  const statement = Prisma.sql`SELECT s."userId"::text AS id FROM (${segmentSql({}, options)}) s WHERE s."userId" = ANY (${ids}::uuid[])`;
  const { rows } = await panelPool().query<{ id: string }>(statement.text, statement.values);
  return new Set(rows.map((row) => row.id));
}

let researcher: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  researcher = (await createResearcher("researcher@recruitment.example")).user;
  admin = await staff(["ADMIN"]);
});

// The first block's members are the whole panel when it runs, so counts are exact.
describe("segment filters", () => {
  const m: Record<string, string> = {};
  let oldStudy1 = "";
  let oldStudy2 = "";
  const count = (filters: SegmentFilters, options: Parameters<typeof countSegment>[1] = {}) => countSegment(filters, options);

  beforeAll(async () => {
    m.a = (
      await member({
        language: "fi",
        profileUse: true,
        profile: { birthYear: year - 20, region: "MK01", lifeSituation: "working", actsForEmployer: true, employerSize: "1-9", employerIndustry: "retail" },
      })
    ).id;
    m.b = (
      await member({
        language: "sv",
        profileUse: true,
        profile: { birthYear: year - 30, region: "MK02", lifeSituation: "studying", actsForEmployer: false },
        prefs: { studyTypes: ["SURVEY"] },
        user: { createdAt: new Date(Date.now() - 400 * DAY) },
      })
    ).id;
    m.c = (
      await member({
        language: "en",
        profileUse: true,
        profile: { birthYear: year - 50, region: "MK01", lifeSituation: "retired" },
        prefs: { studyTypes: ["SURVEY", "INTERVIEW"] },
        user: { createdAt: new Date(Date.now() - 900 * DAY) },
      })
    ).id;
    m.d = (
      await member({
        language: "fi",
        profileUse: true,
        profile: { birthYear: year - 80, region: "MK04", lifeSituation: "retired", actsForEmployer: true, employerSize: "250+", employerIndustry: "health" },
      })
    ).id;
    // Consented, shared nothing; wants workshops only.
    m.e = (await member({ language: "fi", profileUse: true, prefs: { studyTypes: ["WORKSHOP"] } })).id;
    // Matches most profile filters, but never allowed the use of the profile.
    m.n = (
      await member({
        language: "fi",
        profile: { birthYear: year - 30, region: "MK01", lifeSituation: "working", actsForEmployer: true, employerSize: "1-9", employerIndustry: "retail" },
      })
    ).id;
    // Never eligible: disabled, no terms, mail failing, unsubscribed.
    await member({ profileUse: true, profile: { region: "MK01" }, user: { status: "DISABLED" } });
    await member({ profileUse: true, profile: { region: "MK01" }, acceptTerms: false });
    await member({ profileUse: true, profile: { region: "MK01" }, user: { emailFailing: true } });
    await member({ profileUse: true, profile: { region: "MK01" }, prefs: { unsubscribedAt: new Date() } });

    oldStudy1 = (await openStudy(researcher)).id;
    oldStudy2 = (await openStudy(researcher)).id;
    await invitation(oldStudy1, m.a!, 60, 59);
    await invitation(oldStudy1, m.b!, 240);
    await invitation(oldStudy2, m.c!, 600, 598);
  });

  it("counts every eligible member, and only them", async () => {
    expect(await count({})).toBe(6);
  });

  it("age bands (from the birth year, whole years as results count them)", async () => {
    expect(await count({ ageBands: ["16-24"] })).toBe(1); // a
    expect(await count({ ageBands: ["25-34"] })).toBe(1); // b; n has not consented
    expect(await count({ ageBands: ["75+"] })).toBe(1); // d
    expect(await count({ ageBands: ["16-24", "45-54"] })).toBe(2); // a, c
    expect(await count({ ageBands: ["35-44", "55-64", "65-74"] })).toBe(0);
  });

  it("region, language, life situation, employer", async () => {
    expect(await count({ regions: ["MK01"] })).toBe(2); // a, c
    expect(await count({ regions: ["MK02", "MK04"] })).toBe(2); // b, d
    expect(await count({ languages: ["fi"] })).toBe(3); // a, d, e
    expect(await count({ languages: ["sv", "en"] })).toBe(2); // b, c
    expect(await count({ lifeSituations: ["retired"] })).toBe(2); // c, d
    expect(await count({ employerSizes: ["1-9"] })).toBe(1); // a
    expect(await count({ employerIndustries: ["health", "retail"] })).toBe(2); // a, d
    expect(await count({ actsForEmployer: true })).toBe(2); // a, d
    expect(await count({ actsForEmployer: false })).toBe(1); // b
    expect(await count({ regions: ["MK01"], ageBands: ["16-24"] })).toBe(1); // a
    // An empty list is no filter.
    expect(await count({ regions: [], languages: [] })).toBe(6);
  });

  it("kinds of study accepted (all of them), membership age", async () => {
    expect(await count({ acceptsTypes: ["INTERVIEW"] })).toBe(4); // a, c, d, n
    expect(await count({ acceptsTypes: ["SURVEY", "WORKSHOP"] })).toBe(3); // a, d, n
    expect(await count({ memberForMonths: 12 })).toBe(2); // b, c
    expect(await count({ memberForMonths: 24 })).toBe(1); // c
  });

  it("participation history and exclusion lists", async () => {
    expect(await count({ invitedWithin: { months: 6, mode: "only" } })).toBe(1); // a
    expect(await count({ invitedWithin: { months: 12, mode: "only" } })).toBe(2); // a, b
    expect(await count({ invitedWithin: { months: 6, mode: "exclude" } })).toBe(5);
    expect(await count({ tookPartWithin: { months: 6, mode: "only" } })).toBe(1); // a
    expect(await count({ tookPartWithin: { months: 24, mode: "only" } })).toBe(2); // a, c
    expect(await count({ tookPartWithin: { months: 6, mode: "exclude" } })).toBe(5);
    expect(await count({ excludeStudies: [oldStudy1] })).toBe(4); // c, d, e, n
    expect(await count({ excludeStudies: [oldStudy1, oldStudy2] })).toBe(3); // d, e, n
  });

  it("no-shows: members marked NO_SHOW in a slot of the last N months", async () => {
    const workshop = (await openStudy(researcher, { type: "WORKSHOP" })).id;
    const slotAt = async (daysAgo: number) =>
      db.slot.create({
        data: { studyId: workshop, startsAt: new Date(Date.now() - daysAgo * 86_400_000), durationMinutes: 60, capacity: 5, language: "fi", mode: "IN_PERSON", address: "Testikatu 1" },
      });
    const recent = await slotAt(30);
    const old = await slotAt(400);
    await db.booking.create({ data: { slotId: recent.id, studyId: workshop, userId: m.d!, state: "NO_SHOW" } });
    await db.booking.create({ data: { slotId: old.id, studyId: workshop, userId: m.e!, state: "NO_SHOW" } });
    await db.booking.create({ data: { slotId: recent.id, studyId: workshop, userId: m.a!, state: "ATTENDED" } });
    expect(await count({ noShowWithin: { months: 6, mode: "only" } })).toBe(1); // d
    expect(await count({ noShowWithin: { months: 24, mode: "only" } })).toBe(2); // d, e
    expect(await count({ noShowWithin: { months: 6, mode: "exclude" } })).toBe(5);
  });

  it("the yearly reward cap: members whose income from rewards this year reached it are left out, or only they", async () => {
    const paid = (await openStudy(researcher)).id;
    const rule = await db.rewardRule.create({ data: { studyId: paid, kind: "BANK_TRANSFER", condition: "COMPLETED", amountCents: 10000, budgetCents: 1_000_000 } });
    const charity = await db.rewardRule.create({
      data: { studyId: (await openStudy(researcher)).id, kind: "CHARITY", condition: "COMPLETED", amountCents: 40000, budgetCents: 1_000_000, charity: "Punainen Risti" },
    });
    const cap = (await db.incentiveSettings.findUniqueOrThrow({ where: { id: 1 } })).yearlyCapCents;
    let source = 0;
    const reward = (userId: string, amountCents: number, status: "PENDING" | "APPROVED" | "PAID" | "REJECTED" | "OVER_CAP", rewardYear = year, on = rule) =>
      db.reward.create({
        data: { ruleId: on.id, studyId: on.studyId, userId, source: `test:${++source}`, kind: on.kind, amountCents, status, year: rewardYear, accruedOn: new Date(`${rewardYear}-01-15`) },
      });
    // a: exactly at the cap this year (paid, approved and pending all count).
    await reward(m.a!, cap - 5000, "PAID");
    await reward(m.a!, 2500, "APPROVED");
    await reward(m.a!, 2500, "PENDING");
    // b: at the cap last year only; c: below it, its rejected and over-cap rewards not counted;
    // d: a donation above the cap is not income.
    await reward(m.b!, cap, "PAID", year - 1);
    await reward(m.c!, cap - 1, "PAID");
    await reward(m.c!, 5000, "REJECTED");
    await reward(m.c!, 5000, "OVER_CAP");
    await reward(m.d!, 40000, "APPROVED", year, charity);
    expect(await count({ atRewardCap: "only" })).toBe(1); // a
    expect(await count({ atRewardCap: "exclude" })).toBe(5);
    expect(await eligibleAmong([m.a!, m.b!, m.c!, m.d!], {})).toEqual(new Set([m.a, m.b, m.c, m.d]));
    const excluded = Prisma.sql`SELECT s."userId"::text AS id FROM (${segmentSql({ atRewardCap: "exclude" }, {})}) s WHERE s."userId" = ANY (${[m.a!, m.b!, m.c!, m.d!]}::uuid[])`;
    expect(new Set((await panelPool().query<{ id: string }>(excluded.text, excluded.values)).rows.map((r) => r.id))).toEqual(new Set([m.b, m.c, m.d]));
    // One more cent takes c to the cap; a higher cap leaves no one at it.
    await reward(m.c!, 1, "PENDING");
    expect(await count({ atRewardCap: "only" })).toBe(2); // a, c
    // Without the filter, the count pages flag them: of all who match, two are at the cap.
    expect(await countSegmentWithCap({}, {})).toEqual({ count: await count({}), atRewardCap: 2 });
    expect(await countSegmentWithCap({ atRewardCap: "exclude" }, {})).toEqual({ count: await count({ atRewardCap: "exclude" }), atRewardCap: null });
    await db.incentiveSettings.update({ where: { id: 1 }, data: { yearlyCapCents: cap * 10 } });
    try {
      expect(await count({ atRewardCap: "only" })).toBe(0);
      expect(await count({ atRewardCap: "exclude" })).toBe(6);
    } finally {
      await db.incentiveSettings.update({ where: { id: 1 }, data: { yearlyCapCents: cap } });
    }
    // The draw honours it too: sampling reads the same SQL.
    const drawn = new Set((await drawSample({ studyId: paid, studyType: "SURVEY", filters: { atRewardCap: "exclude" }, spec: { mode: "simple", wanted: 100, oversample: 1 }, seed: "cap" })).members.map((row) => row.userId));
    expect(drawn.size).toBeGreaterThan(0);
    expect(drawn.has(m.a!) || drawn.has(m.c!)).toBe(false);
    const onlyAtCap = await drawSample({ studyId: paid, studyType: "SURVEY", filters: { atRewardCap: "only" }, spec: { mode: "simple", wanted: 100, oversample: 1 }, seed: "cap" });
    expect(onlyAtCap.members.every((row) => row.userId === m.a || row.userId === m.c)).toBe(true);
  });

  it("a study leaves out its invited, a study type those who do not want it", async () => {
    expect(await count({}, { studyId: oldStudy1 })).toBe(4); // not a, b
    expect(await count({}, { studyType: "INTERVIEW" })).toBe(4); // not b, e
    expect(await count({}, { studyType: "WORKSHOP" })).toBe(4); // not b, c
  });

  it("profile filters see a member only while their profile-use consent is given", async () => {
    const matching: SegmentFilters = { regions: ["MK01"], ageBands: ["25-34"], languages: ["fi"], lifeSituations: ["working"], employerSizes: ["1-9"] };
    expect(await count(matching)).toBe(0);
    expect(await eligibleAmong([m.n!], {})).toEqual(new Set([m.n]));
    const columns = Prisma.sql`SELECT * FROM (${segmentSql({}, {})}) s WHERE s."userId" = ${m.n!}::uuid`;
    const before = (await panelPool().query(columns.text, columns.values)).rows[0];
    expect(before).toMatchObject({ age_band: null, region: null, language: null, life_situation: null });

    await changeConsent({ userId: m.n!, purpose: PROFILE_USE, action: "GIVEN", language: "fi", channel: "WEB" });
    expect(await count(matching)).toBe(1);
    expect(await count({ regions: ["MK01"] })).toBe(3);
    const after = (await panelPool().query(columns.text, columns.values)).rows[0];
    expect(after).toMatchObject({ age_band: "25-34", region: "MK01", language: "fi", life_situation: "working" });

    await changeConsent({ userId: m.n!, purpose: PROFILE_USE, action: "WITHDRAWN", language: "fi", channel: "WEB" });
    expect(await count(matching)).toBe(0);
    expect(await count({ regions: ["MK01"] })).toBe(2);
  });

  it("the latest contact is an invitation's day or a reminder's sending", async () => {
    const columns = Prisma.sql`SELECT s."userId"::text AS id, s.last_contacted_at FROM (${segmentSql({}, {})}) s WHERE s."userId" = ANY (${[m.a!, m.d!]}::uuid[])`;
    const rows = new Map((await panelPool().query<{ id: string; last_contacted_at: Date | null }>(columns.text, columns.values)).rows.map((r) => [r.id, r.last_contacted_at]));
    // The invitation's day begins at midnight in Helsinki.
    expect(helsinkiDay(rows.get(m.a!)!)).toBe(dayAgo(60).toISOString().slice(0, 10));
    expect(helsinkiDay(new Date(rows.get(m.a!)!.getTime() - 1))).toBe(dayAgo(61).toISOString().slice(0, 10));
    expect(rows.get(m.d!)).toBeNull();
  });
});

describe("contact-fatigue rules", () => {
  let study: { id: string };
  let interview: { id: string };
  let campaignId = "";
  const TAG = "t-fatigue";
  const ids: Record<string, string> = {};
  const consented = (extra: MemberSpec = {}): MemberSpec => ({ ...extra, profileUse: true, profile: { lifeSituation: TAG, ...(extra.profile as object) } });
  const context = () => ({ studyId: study.id, studyType: "SURVEY" as const });

  beforeAll(async () => {
    study = await openStudy(researcher);
    interview = await openStudy(researcher, { type: "INTERVIEW" });
    const others = await Promise.all([openStudy(researcher), openStudy(researcher), openStudy(researcher)]);
    campaignId = (await db.campaign.create({ data: { studyId: others[0]!.id, name: "Earlier campaign" } })).id;

    ids.clean = (await member(consented())).id;
    ids.inactive = (await member(consented({ user: { status: "DISABLED" } }))).id;
    ids.terms = (await member(consented({ acceptTerms: false }))).id;
    ids.withdrawn = (await member(consented())).id;
    await changeConsent({ userId: ids.withdrawn, purpose: MEMBERSHIP_TERMS, action: "WITHDRAWN", language: "fi", channel: "WEB" });
    ids.typeNotWanted = (await member(consented({ prefs: { studyTypes: ["INTERVIEW"] } }))).id;
    ids.paused = (await member(consented({ prefs: { pausedUntil: dayAgo(-3) } }))).id;
    // A pause that ended today no longer blocks.
    ids.pauseOver = (await member(consented({ prefs: { pausedUntil: dayAgo(0) } }))).id;
    ids.ownCap = (await member(consented({ prefs: { maxInvitationsPerMonth: 1 } }))).id;
    await invitation(others[0]!.id, ids.ownCap, 5);
    // Three contacts in 30 days (the panel's default cap) though the member's own allows ten.
    ids.globalCap = (await member(consented({ prefs: { maxInvitationsPerMonth: 10 } }))).id;
    for (const other of others) await invitation(other.id, ids.globalCap, 3);
    // Contacts older than 30 days count for nothing.
    ids.oldContacts = (await member(consented({ prefs: { maxInvitationsPerMonth: 1 } }))).id;
    await invitation(others[0]!.id, ids.oldContacts, 31);
    ids.cooldown = (await member(consented())).id;
    await invitation(others[1]!.id, ids.cooldown, 6, 3);
    ids.cooldownOver = (await member(consented())).id;
    await invitation(others[1]!.id, ids.cooldownOver, 40, 20);
    ids.suppressed = (await member(consented())).id;
    const suppressedEmail = (await db.user.findUniqueOrThrow({ where: { id: ids.suppressed } })).email;
    await db.suppression.create({ data: { addressHash: suppressionHash(suppressedEmail), reason: "BOUNCE" } });
    ids.emailFailing = (await member(consented({ user: { emailFailing: true } }))).id;
    ids.unsubscribed = (await member(consented({ prefs: { unsubscribedAt: new Date() } }))).id;
    ids.alreadyInvited = (await member(consented())).id;
    await invitation(study.id, ids.alreadyInvited, 1);
    // Reminders sent count as contacts: an invitation and a reminder fill a cap of two.
    ids.reminded = (await member(consented({ prefs: { maxInvitationsPerMonth: 2 } }))).id;
    await invitation(others[0]!.id, ids.reminded, 10);
    await db.campaignMessage.create({ data: { campaignId, userId: ids.reminded, kind: "reminder-1", status: "SENT", sentAt: new Date(Date.now() - 2 * DAY) } });
    // … but not a reminder still waiting in the outbox.
    ids.reminderPending = (await member(consented({ prefs: { maxInvitationsPerMonth: 2 } }))).id;
    await invitation(others[0]!.id, ids.reminderPending, 10);
    await db.campaignMessage.create({ data: { campaignId, userId: ids.reminderPending, kind: "reminder-1", status: "PENDING" } });
  });

  const expected: Record<string, string> = {
    inactive: "inactive",
    terms: "terms",
    withdrawn: "terms",
    typeNotWanted: "type-not-wanted",
    paused: "paused",
    ownCap: "own-cap",
    globalCap: "global-cap",
    cooldown: "cooldown",
    suppressed: "suppressed",
    emailFailing: "email-failing",
    unsubscribed: "unsubscribed",
    alreadyInvited: "already-invited",
    reminded: "own-cap",
  };

  it("each rule blocks with its reason; the others are not blocked", async () => {
    const left = "00000000-0000-4000-8000-000000000001"; // a member who has left: no row at all
    const reasons = await blockedReasons([...Object.values(ids), left], context());
    const byName = Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, reasons.get(id) ?? null]));
    expect(byName).toEqual({
      ...Object.fromEntries(Object.keys(ids).map((name) => [name, null])),
      ...expected,
    });
    expect(reasons.get(left)).toBe("inactive");
  });

  it("the draw never picks a blocked member, the suppressed one included", async () => {
    const drawn = await drawSample({ ...context(), filters: { lifeSituations: [TAG] }, spec: { mode: "simple", wanted: 100, oversample: 1 }, seed: "fatigue" });
    const free = ["clean", "pauseOver", "oldContacts", "cooldownOver", "reminderPending"].map((name) => ids[name]);
    expect(new Set(drawn.members.map((row) => row.userId))).toEqual(new Set(free));
    expect(drawn.strata).toEqual([{ key: "", available: free.length, target: 100, drawn: free.length, quota: null }]);
    // Counting with the rules, the segment keeps the same (the suppression list aside: see fatigue.server).
    const kept = await eligibleAmong(Object.values(ids), { ...context(), fatigue: true });
    expect(kept).toEqual(new Set([...free, ids.suppressed]));
    expect(await countSegment({ lifeSituations: [TAG] }, { ...context(), fatigue: true })).toBe(free.length + 1);
  });

  it("a reminder goes to someone invited: already-invited does not apply, the caps do", async () => {
    const reasons = await blockedReasons([ids.alreadyInvited!, ids.reminded!, ids.clean!], { ...context(), kind: "reminder" });
    expect(reasons.get(ids.alreadyInvited!)).toBeUndefined();
    expect(reasons.get(ids.reminded!)).toBe("own-cap");
    expect(reasons.get(ids.clean!)).toBeUndefined();
  });

  it("at sending, a campaign's own invitation is neither already-invited nor a contact", async () => {
    const campaign = await db.campaign.create({ data: { studyId: study.id, name: "This campaign" } });
    const capped = (await member(consented({ prefs: { maxInvitationsPerMonth: 1 } }))).id;
    await invitation(study.id, capped, 0, null, campaign.id);
    expect((await blockedReasons([capped], context())).get(capped)).toBe("already-invited");
    expect((await blockedReasons([capped], { ...context(), campaignId: campaign.id })).get(capped)).toBeUndefined();
    // Another campaign's invitation to the same study still blocks.
    expect((await blockedReasons([capped], { ...context(), campaignId })).get(capped)).toBe("already-invited");
  });

  it("the panel's cap per study type and the type's own cool-down", async () => {
    const member1 = (await member(consented({ prefs: { maxInvitationsPerMonth: 10 } }))).id;
    await invitation(interview.id, member1, 4); // one interview contact
    const member2 = (await member(consented())).id;
    const completed = await openStudy(researcher);
    await invitation(completed.id, member2, 35, 30); // took part 30 days ago

    const interviewContext = { studyId: (await openStudy(researcher, { type: "INTERVIEW" })).id, studyType: "INTERVIEW" as const };
    expect(await blockedReasons([member1, member2], interviewContext)).toEqual(new Map());
    const saved = await updateRecruitmentSettings(admin, {
      maxContactsPer30Days: 3,
      cooldownDays: 14,
      perType: { INTERVIEW: { maxContactsPer30Days: 1, cooldownDays: 60 } },
      targetShares: {},
    });
    expect(saved.ok).toBe(true);
    try {
      expect(await blockedReasons([member1, member2], interviewContext)).toEqual(
        new Map([
          [member1, "global-cap"],
          [member2, "cooldown"],
        ]),
      );
      // A survey is not an interview: neither rule applies to it.
      expect(await blockedReasons([member1, member2], context())).toEqual(new Map());
    } finally {
      await updateRecruitmentSettings(admin, { maxContactsPer30Days: 3, cooldownDays: 14, perType: {}, targetShares: {} });
    }
  });

  it("the global cap follows the setting", async () => {
    expect((await blockedReasons([ids.globalCap!], context())).get(ids.globalCap!)).toBe("global-cap");
    await updateRecruitmentSettings(admin, { maxContactsPer30Days: 4, cooldownDays: 14, perType: {}, targetShares: {} });
    try {
      expect((await blockedReasons([ids.globalCap!], context())).get(ids.globalCap!)).toBeUndefined();
    } finally {
      await updateRecruitmentSettings(admin, { maxContactsPer30Days: 3, cooldownDays: 14, perType: {}, targetShares: {} });
    }
  });

  it("an empty batch asks nothing", async () => {
    expect(await blockedReasons([], context())).toEqual(new Map());
  });
});

describe("drawing samples", () => {
  const TAG = "t-draw";
  let study: { id: string };
  const regionOf = new Map<string, string>();
  const bandOf = new Map<string, string>();
  const filters: SegmentFilters = { lifeSituations: [TAG] };
  const draw = (spec: SampleSpec, seed?: string) => drawSample({ studyId: study.id, studyType: "SURVEY", filters, spec, seed });

  beforeAll(async () => {
    study = await openStudy(researcher);
    // 40 members: 20 in MK01, 12 in MK02, 8 in MK04; ages 30 or 50.
    const regions = [...Array(20).fill("MK01"), ...Array(12).fill("MK02"), ...Array(8).fill("MK04")] as string[];
    for (const [i, region] of regions.entries()) {
      const age = i % 2 === 0 ? 30 : 50;
      const { id } = await member({ profileUse: true, profile: { lifeSituation: TAG, region, birthYear: year - age } });
      regionOf.set(id, region);
      bandOf.set(id, age === 30 ? "25-34" : "45-54");
    }
  });

  it("the same seed draws the same members in the same order; another seed others", async () => {
    const spec: SampleSpec = { mode: "simple", wanted: 10, oversample: 1 };
    const first = await draw(spec, "alpha");
    const again = await draw(spec, "alpha");
    const other = await draw(spec, "beta");
    expect(first.seed).toBe("alpha");
    expect(first.members).toHaveLength(10);
    expect(again.members).toEqual(first.members);
    expect(new Set(other.members.map((m) => m.userId))).not.toEqual(new Set(first.members.map((m) => m.userId)));
    // Without a seed one is made, shown, and repeats the draw.
    const fresh = await draw(spec);
    expect(fresh.seed).toMatch(/^[\w-]{6,}$/);
    expect((await draw(spec, fresh.seed)).members).toEqual(fresh.members);
  });

  it("over-samples: invitations = ceil(wanted × oversample)", async () => {
    const result = await draw({ mode: "simple", wanted: 4, oversample: 1.3 }, "over");
    expect(result.members).toHaveLength(6);
    expect(result.strata).toEqual([{ key: "", available: 40, target: 6, drawn: 6, quota: null }]);
    expect((await draw({ mode: "simple", wanted: 10, oversample: 1.1 }, "over")).members).toHaveLength(11);
  });

  it("stratified by shares: each stratum gets its share, and only its own members", async () => {
    const result = await draw({ mode: "stratified", by: ["region"], wanted: 10, oversample: 1, shares: { MK01: 0.5, MK02: 0.3, MK04: 0.2 } }, "shares");
    expect(result.strata).toEqual([
      { key: "MK01", available: 20, target: 5, drawn: 5, quota: null },
      { key: "MK02", available: 12, target: 3, drawn: 3, quota: null },
      { key: "MK04", available: 8, target: 2, drawn: 2, quota: null },
    ]);
    for (const row of result.members) expect(row.stratum).toBe(regionOf.get(row.userId));
  });

  it("stratified by quotas with over-sampling; a short stratum gives what it has; none for strata without a quota", async () => {
    const result = await draw({ mode: "stratified", by: ["region"], wanted: 1, oversample: 1.5, quotas: { MK01: 4, MK04: 7 } }, "quotas");
    expect(result.strata).toEqual([
      { key: "MK01", available: 20, target: 6, drawn: 6, quota: 4 },
      { key: "MK02", available: 12, target: 0, drawn: 0, quota: 0 },
      { key: "MK04", available: 8, target: 11, drawn: 8, quota: 7 },
    ]);
    expect(result.members.filter((row) => row.stratum === "MK02")).toEqual([]);
  });

  it("stratified by two attributes; without shares or quotas in proportion to who is there", async () => {
    const result = await draw({ mode: "stratified", by: ["region", "age-band"], wanted: 20, oversample: 1 }, "two");
    expect(result.strata.map((s) => [s.key, s.available, s.target, s.drawn])).toEqual([
      ["MK01|25-34", 10, 5, 5],
      ["MK01|45-54", 10, 5, 5],
      ["MK02|25-34", 6, 3, 3],
      ["MK02|45-54", 6, 3, 3],
      ["MK04|25-34", 4, 2, 2],
      ["MK04|45-54", 4, 2, 2],
    ]);
    for (const row of result.members) expect(row.stratum).toBe(`${regionOf.get(row.userId)}|${bandOf.get(row.userId)}`);
  });

  it("a stratum key names values not shared with '?'", async () => {
    const { id } = await member({ profileUse: true, profile: { lifeSituation: "t-draw-unknown" } });
    const result = await drawSample({
      studyId: study.id,
      studyType: "SURVEY",
      filters: { lifeSituations: ["t-draw-unknown"] },
      spec: { mode: "stratified", by: ["age-band", "language"], wanted: 1, oversample: 1 },
      seed: "x",
    });
    expect(result.members).toEqual([{ userId: id, stratum: "?|fi" }]);
  });

  it("the least recently contacted go first, whatever the seed; the spread shows it", async () => {
    const tag = "t-recent";
    const old = await openStudy(researcher);
    const never = [(await member({ profileUse: true, profile: { lifeSituation: tag } })).id, (await member({ profileUse: true, profile: { lifeSituation: tag } })).id];
    const longAgo = [(await member({ profileUse: true, profile: { lifeSituation: tag } })).id, (await member({ profileUse: true, profile: { lifeSituation: tag } })).id];
    const lately = [(await member({ profileUse: true, profile: { lifeSituation: tag } })).id, (await member({ profileUse: true, profile: { lifeSituation: tag } })).id];
    for (const id of longAgo) await invitation(old.id, id, 200);
    for (const id of lately) await invitation(old.id, id, 10);
    for (const seed of ["one", "two", "three", "four"]) {
      const pick = async (wanted: number) =>
        new Set(
          (await drawSample({ studyId: study.id, studyType: "SURVEY", filters: { lifeSituations: [tag] }, spec: { mode: "simple", wanted, oversample: 1 }, seed })).members.map(
            (row) => row.userId,
          ),
        );
      expect(await pick(2)).toEqual(new Set(never));
      expect(await pick(4)).toEqual(new Set([...never, ...longAgo]));
    }
    const all = await drawSample({ studyId: study.id, studyType: "SURVEY", filters: { lifeSituations: [tag] }, spec: { mode: "simple", wanted: 6, oversample: 1 }, seed: "s" });
    expect(all.spread).toEqual([
      { invitationsLast12Months: 0, members: 2 },
      { invitationsLast12Months: 1, members: 4 },
    ]);
  });

  it("a member invited to the study is not drawn again for it", async () => {
    const first = await draw({ mode: "simple", wanted: 3, oversample: 1 }, "again");
    for (const row of first.members) await invitation(study.id, row.userId, 0);
    const second = await draw({ mode: "simple", wanted: 3, oversample: 1 }, "again");
    expect(second.strata[0]!.available).toBe(37);
    expect(second.members.some((row) => first.members.some((f) => f.userId === row.userId))).toBe(false);
  });

  it("allocation adds up exactly (largest remainder)", () => {
    expect(largestRemainder(10, new Map([["a", 1], ["b", 1], ["c", 1]]))).toEqual(new Map([["a", 4], ["b", 3], ["c", 3]]));
    const plan = allocate({ mode: "stratified", by: ["region"], wanted: 7, oversample: 1, shares: { A: 0.5, B: 0.5 } }, new Map([["A", 1]]));
    expect(plan).toEqual([
      { key: "A", available: 1, target: 4, quota: null },
      { key: "B", available: 0, target: 3, quota: null },
    ]);
  });
});

describe("panel health", () => {
  it("composition against target shares, growth, response rates, members near their caps", async () => {
    await updateRecruitmentSettings(admin, { maxContactsPer30Days: 3, cooldownDays: 14, perType: {}, targetShares: { region: { MK01: 0.4, MK21: 0.1 } } });
    const health = await panelHealth();
    const eligible = await countSegment({});
    expect(health.members).toBe(eligible);
    for (const { rows } of health.composition) expect(rows.reduce((sum, row) => sum + row.members, 0)).toBe(eligible);
    const regions = health.composition.find((c) => c.attribute === "region")!.rows;
    const mk01 = await countSegment({ regions: ["MK01"] });
    expect(regions.find((row) => row.value === "MK01")).toEqual({ value: "MK01", members: mk01, share: mk01 / eligible, target: 0.4 });
    expect(regions.find((row) => row.value === "MK21")).toEqual({ value: "MK21", members: 0, share: 0, target: 0.1 });
    expect(health.growth).toHaveLength(12);
    expect(health.growth.at(-1)!.month).toBe(helsinkiDay().slice(0, 7));
    expect(health.growth.at(-1)!.joined).toBeGreaterThan(50);
    const invitedThisMonth = await db.invitation.count({ where: { invitedOn: { gte: new Date(`${helsinkiDay().slice(0, 7)}-01T00:00:00Z`) } } });
    expect(health.responses.at(-1)!.invited).toBe(invitedThisMonth);
    // The member with three contacts is at the panel's cap; those with one contact and a cap of two are near theirs.
    expect(health.caps.atGlobalCap).toBeGreaterThanOrEqual(1);
    expect(health.caps.atOwnCap).toBeGreaterThanOrEqual(1);
  });
});

describe("access", () => {
  const filters: SegmentFilters = { regions: ["MK01"] };

  it("saved segments: researchers and admins only, each their own (an admin all)", async () => {
    const memberUser: SessionUser = { id: (await member()).id, kind: "MEMBER", roles: ["MEMBER"], email: "x@recruitment.example", name: null, language: "fi" };
    const facilitator = await staff(["FACILITATOR"]);
    for (const outsider of [memberUser, facilitator]) {
      await expect(listSegments(outsider)).rejects.toMatchObject({ status: 403 });
      await expect(saveSegment(outsider, { name: "x", filters })).rejects.toMatchObject({ status: 403 });
      await expect(segmentFor(outsider, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ status: 403 });
      await expect(deleteSegment(outsider, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ status: 403 });
    }
    // A member's roles list naming RESEARCHER is still not staff.
    await expect(listSegments({ ...memberUser, roles: ["RESEARCHER"] })).rejects.toMatchObject({ status: 403 });

    const saved = await saveSegment(researcher, { name: "  Uusimaa  ", filters });
    expect(saved).toMatchObject({ ok: true, segment: { name: "Uusimaa", filters, ownerId: researcher.id } });
    const id = saved!.ok ? saved!.segment.id : "";
    expect((await listSegments(researcher)).map((s) => s.id)).toContain(id);
    expect(await segmentFor(researcher, id)).toMatchObject({ id, filters });

    const other = (await createResearcher("other@recruitment.example")).user;
    expect(await listSegments(other)).toEqual([]);
    expect(await segmentFor(other, id)).toBeNull();
    expect(await saveSegment(other, { id, name: "Taken over", filters: {} })).toBeNull();
    expect(await deleteSegment(other, id)).toBe(false);
    expect(await segmentFor(researcher, id)).toMatchObject({ name: "Uusimaa", filters });
    expect(await segmentFor(researcher, "not-a-uuid")).toBeNull();

    expect((await listSegments(admin)).map((s) => s.id)).toContain(id);
    expect(await saveSegment(researcher, { id, name: "Uusimaa 2", filters: { regions: ["MK01", "MK02"] } })).toMatchObject({ ok: true });
    expect(await segmentFor(admin, id)).toMatchObject({ name: "Uusimaa 2", filters: { regions: ["MK01", "MK02"] } });
    expect(await deleteSegment(researcher, id)).toBe(true);
    expect(await segmentFor(researcher, id)).toBeNull();
  });

  it("a segment's bad input comes back per field, nothing saved", async () => {
    const before = await db.segment.count();
    expect(await saveSegment(researcher, { name: "   ", filters })).toEqual({ ok: false, errors: { name: "form.required" } });
    expect(await saveSegment(researcher, { name: "x".repeat(121), filters })).toEqual({ ok: false, errors: { name: "form.tooLong" } });
    const bad = await saveSegment(researcher, { name: "Bad", filters: { ageBands: ["12-15"] } as never });
    expect(bad).toEqual({ ok: false, errors: { filters: "recruitment.segment.filtersInvalid" } });
    expect(await db.segment.count()).toBe(before);
  });

  it("settings: admins only; bad input comes back per field", async () => {
    const input = { maxContactsPer30Days: 2, cooldownDays: 30, perType: {}, targetShares: {} };
    await expect(updateRecruitmentSettings(researcher, input)).rejects.toMatchObject({ status: 403 });
    expect((await recruitmentSettings()).maxContactsPer30Days).toBe(3);
    const bad = await updateRecruitmentSettings(admin, {
      maxContactsPer30Days: Number.NaN,
      cooldownDays: 400,
      perType: { INTERVIEW: { maxContactsPer30Days: 0 } },
      targetShares: { region: { MK01: 0.7, MK02: 0.4 } },
    });
    expect(bad).toEqual({
      ok: false,
      errors: {
        maxContactsPer30Days: "recruitment.settings.wholeNumber",
        cooldownDays: "recruitment.settings.outOfRange",
        "perType.INTERVIEW.maxContactsPer30Days": "recruitment.settings.outOfRange",
        "targetShares.region": "recruitment.settings.sharesOverOne",
      },
    });
    expect(await updateRecruitmentSettings(admin, input)).toMatchObject({ ok: true, settings: input });
    expect(await recruitmentSettings()).toMatchObject(input);
    await updateRecruitmentSettings(admin, { ...input, maxContactsPer30Days: 3, cooldownDays: 14 });
  });
});
