// Incentives against the real panel store, the real server's mail worker and
// a real SMTP server: rewards accrue from completed invitations and attended
// slots once each (also when accrual runs concurrently) without reading the
// vault, the yearly cap holds under concurrency, approvals stay within the
// budget, gift cards are delivered from encrypted stock in the member's
// language, bank transfers go to finance as CSV and accounts are deleted once
// paid, prize draws can be re-run by anyone, leaving keeps only paid finance
// records without the person, and each function refuses the wrong user.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createSession, type SessionUser } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { drawWinners, entriesDigest } from "~/modules/incentives/draw";
import {
  accrueRewards,
  createPayoutBatch,
  decideRewards,
  incentivesAdmin,
  markPayoutPaid,
  memberRewards,
  payoutCsv,
  prizeDraw,
  runPrizeDraw,
  saveBankAccount,
  saveRewardRule,
  studyRewards,
  updateYearlyCap,
  uploadGiftCards,
  yearlyCapCents,
} from "~/modules/incentives/incentives.server";
import { translator } from "~/infra/i18n/i18n";
import { leaveCommunity } from "~/modules/members/leave.server";
import { countSegmentWithCap } from "~/modules/recruitment/segments.server";
import { helsinkiDay } from "~/modules/studies/days";
import { markCompleted } from "~/modules/studies/invitations.server";
import { currentSurvey, resolveLink, submit } from "~/modules/surveys/answering.server";
import { vaultDb } from "~/modules/vault/db.server";
import { markAttendance, book, slotDetail } from "~/modules/workshops/workshops.server";
import {
  chainTo,
  completed,
  dumpTables,
  importGraph,
  invited,
  members,
  moduleFiles,
  payableNow,
  rewardStudy,
  type TestMember,
  staff,
  VALID_IBAN,
  withVaultUnreachable,
} from "../support/incentives";
import { serverWithSink } from "../support/members";
import type { SinkMessage } from "../support/smtp-sink";
import { invite } from "../support/studies";
import { choices, invitedMembers, slotIn } from "../support/workshops";

const running = serverWithSink();
const run = promisify(execFile);
const HOUR = 3_600_000;
const today = () => helsinkiDay();
const thisYear = () => Number(today().slice(0, 4));

/** The next message to `address` whose subject contains `subject`. */
function mailTo(address: string, subject: string, timeoutMs = 20_000): Promise<SinkMessage> {
  return running.sink.waitFor((m) => m.to.includes(address.toLowerCase()) && (m.parsed.subject ?? "").includes(subject), timeoutMs);
}

async function rewardOf(studyId: string, userId: string) {
  return db.reward.findFirstOrThrow({ where: { studyId, userId } });
}

async function rewardIds(studyId: string, people: { id: string }[]) {
  const rows = await db.reward.findMany({ where: { studyId }, select: { id: true, userId: true } });
  return people.map((p) => rows.find((r) => r.userId === p.id)!.id);
}

async function statuses(studyId: string) {
  const rows = await db.reward.findMany({ where: { studyId }, select: { id: true, status: true, decidedAt: true }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ ...r, decidedAt: r.decidedAt?.toISOString() ?? null }));
}

/** Sets the yearly cap for the body and puts the default back afterwards. */
async function withCap<T>(admin: SessionUser, euros: string, body: () => Promise<T>): Promise<T> {
  expect(await updateYearlyCap(admin, { yearlyCap: euros })).toEqual({ ok: true });
  try {
    return await body();
  } finally {
    await updateYearlyCap(admin, { yearlyCap: "300" });
  }
}

describe("accrual", () => {
  it("a survey's COMPLETED rule: one PENDING reward per completed invitation, on its day, however often and concurrently accrual runs", async () => {
    const owner = await staff(["RESEARCHER"]);
    const { study, ruleId } = await rewardStudy(owner, { kind: "GIFT_CARD", amount: "5", budget: "500" });
    const people = await members("accrue", 7);
    // One member answers through the real submission: the vault first, then the panel's completion mark.
    const [token] = await invite(study.id, [people[0]!]);
    const link = await resolveLink(token!, { background: true });
    const survey = await currentSurvey(study.id);
    expect(await submit(link!, survey!.version, { q1: "web", q3: 8, q7: { r1: 4, r2: 5 } } as never, "fi")).toBe("stored");
    // Five more are marked completed as the submission marks them, on days of their own; the last is only invited.
    const year = thisYear();
    const days = [`${year}-01-05`, `${year}-01-05`, `${year}-01-06`, `${year}-01-09`, `${year}-01-10`];
    const invitationIds = await invited(study.id, people.slice(1, 6));
    for (const [i, id] of invitationIds.entries()) await markCompleted(id, days[i]!);
    await invited(study.id, people.slice(6));

    // Five accruals at once, then two more: one reward per invitation.
    const runs = await Promise.all(Array.from({ length: 5 }, () => accrueRewards()));
    expect(runs.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6);
    const afterConcurrent = await db.reward.findMany({ where: { ruleId } });
    expect(afterConcurrent).toHaveLength(6);
    expect(await accrueRewards()).toBe(0);
    expect(await accrueRewards({ studyId: study.id })).toBe(0);
    const rewards = await db.reward.findMany({ where: { ruleId } });
    expect(rewards.map((r) => r.id).sort()).toEqual(afterConcurrent.map((r) => r.id).sort());

    const firstInvitation = await db.invitation.findFirstOrThrow({ where: { studyId: study.id, userId: people[0]!.id } });
    const expected = new Map([[people[0]!.id, today()], ...people.slice(1, 6).map((p, i) => [p.id, days[i]!] as const)]);
    for (const reward of rewards) {
      expect(reward).toMatchObject({ status: "PENDING", kind: "GIFT_CARD", amountCents: 500, studyId: study.id, decidedAt: null, paidOn: null, year });
      expect(reward.accruedOn.toISOString()).toBe(`${expected.get(reward.userId!)}T00:00:00.000Z`);
    }
    expect(rewards.find((r) => r.userId === people[0]!.id)!.source).toBe(`invitation:${firstInvitation.id}`);
    expect(rewards.some((r) => r.userId === people[6]!.id)).toBe(false);
    // The day is a date column; the only time in a reward is a staff decision's.
    const columns = await db.$queryRaw<{ name: string; type: string }[]>`
      SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns WHERE table_name = 'Reward'`;
    expect(columns.find((c) => c.name === "accruedOn")!.type).toBe("date");
    expect(columns.filter((c) => /time/.test(c.type)).map((c) => c.name)).toEqual(["decidedAt"]);
  });

  it("a workshop's ATTENDED rule: marking attendance accrues, taking it back removes the pending reward, a decided one stays", async () => {
    const owner = await staff(["RESEARCHER"]);
    const { study, ruleId } = await rewardStudy(owner, { kind: "BANK_TRANSFER", condition: "ATTENDED", amount: "40", budget: "400" });
    const slot = await slotIn(owner, study.id, 30, { capacity: "3" });
    const [a, b] = await invitedMembers(study.id, "attend", 2);
    for (const member of [a!, b!]) expect(await book(member.token, { slotId: slot.id, ...choices })).toEqual({ ok: true, state: "BOOKED" });
    const startsAt = new Date(Date.now() - 2 * HOUR);
    await db.slot.update({ where: { id: slot.id }, data: { startsAt } });
    const roster = (await slotDetail(owner, study.id, slot.id))!.roster;
    const bookingOf = (email: string) => roster.find((r) => r.email === email)!.bookingId;

    expect(await markAttendance(owner, study.id, slot.id, bookingOf(a!.email), "ATTENDED")).toEqual({ ok: true });
    expect(await markAttendance(owner, study.id, slot.id, bookingOf(b!.email), "NO_SHOW")).toEqual({ ok: true });
    let rewards = await db.reward.findMany({ where: { ruleId } });
    expect(rewards).toHaveLength(1);
    expect(rewards[0]).toMatchObject({ userId: a!.id, status: "PENDING", amountCents: 4000, source: `booking:${bookingOf(a!.email)}` });
    expect(rewards[0]!.accruedOn.toISOString()).toBe(`${helsinkiDay(startsAt)}T00:00:00.000Z`);

    expect(await markAttendance(owner, study.id, slot.id, bookingOf(a!.email), "BOOKED")).toEqual({ ok: true });
    expect(await db.reward.count({ where: { ruleId } })).toBe(0);
    await accrueRewards();
    expect(await db.reward.count({ where: { ruleId } })).toBe(0);

    // Marked again and approved: taking attendance back no longer takes the decided reward.
    expect(await markAttendance(owner, study.id, slot.id, bookingOf(a!.email), "ATTENDED")).toEqual({ ok: true });
    rewards = await db.reward.findMany({ where: { ruleId } });
    expect(await decideRewards(owner, study.id, [rewards[0]!.id], "approve")).toMatchObject({ ok: true, approved: 1 });
    expect(await markAttendance(owner, study.id, slot.id, bookingOf(a!.email), "BOOKED")).toEqual({ ok: true });
    expect(await db.reward.findMany({ where: { ruleId }, select: { id: true, status: true } })).toEqual([{ id: rewards[0]!.id, status: "APPROVED" }]);
  });
});

describe("no vault on the accrual path", () => {
  it("with the vault unreachable, accrual and the reward pages work while a vault read fails", async () => {
    const owner = await staff(["RESEARCHER"]);
    const { study, ruleId } = await rewardStudy(owner, { kind: "GIFT_CARD", amount: "6", budget: "100" });
    const people = await members("novault", 3);
    const invitationIds = await invited(study.id, people);
    // The vault answers before.
    expect(await vaultDb().response.count()).toBeGreaterThanOrEqual(0);

    await withVaultUnreachable(async () => {
      // Positive control: the app's own vault client cannot read.
      await expect(vaultDb().response.count()).rejects.toThrow();
      for (const id of invitationIds) await markCompleted(id, today());
      await accrueRewards();
      expect(await db.reward.count({ where: { ruleId, status: "PENDING" } })).toBe(3);
      const page = await studyRewards(owner, study.id);
      expect(page!.rewards.map((r) => r.member!.id).sort()).toEqual(people.map((p) => p.id).sort());
      expect(page!.rules[0]).toMatchObject({ kind: "GIFT_CARD", counts: { PENDING: 3 } });
      const mine = await memberRewards(people[0]!.id);
      expect(mine!.rewards).toHaveLength(1);
      expect(mine!.rewards[0]).toMatchObject({ status: "PENDING", amountCents: 600, accruedOn: today() });
      // Deciding reads no vault either.
      expect(await decideRewards(owner, study.id, [page!.rewards[0]!.id], "approve")).toMatchObject({ ok: true, approved: 1 });
      // Still unreachable at the end: the reads above really ran without it.
      await expect(vaultDb().response.count()).rejects.toThrow();
    });
    expect(await vaultDb().response.count()).toBeGreaterThanOrEqual(0);
  });

  it("no module the incentives import, however indirectly, is in app/modules/vault", () => {
    const graph = importGraph(moduleFiles("app/modules/incentives"));
    const vault = path.resolve("app/modules/vault") + path.sep;
    expect([...graph.keys()].filter((f) => f.startsWith(vault)).map((f) => chainTo(graph, f))).toEqual([]);
    expect(graph.has(path.resolve("app/modules/incentives/incentives.server.ts"))).toBe(true);
    expect(graph.size).toBeGreaterThan(20);
    // The walk does find the vault where it is imported: the answering module reaches it.
    const answering = importGraph(["app/modules/surveys/answering.server.ts"]);
    expect([...answering.keys()].some((f) => f.startsWith(vault))).toBe(true);
  });
});

describe("yearly cap", () => {
  it("20 € rewards under a 50 € cap: PENDING, PENDING, then OVER_CAP; a donation does not count; another year counts afresh", async () => {
    const admin = await staff(["ADMIN"]);
    const owner = await staff(["RESEARCHER"]);
    await withCap(admin, "50 €", async () => {
      expect(await yearlyCapCents()).toBe(5000);
      for (const bad of ["", "abc", "-5", "1,234", "10,999", "2000000", "5 € €"]) {
        expect(await updateYearlyCap(admin, { yearlyCap: bad })).toEqual({ ok: false, errors: { yearlyCap: "invalid" }, values: { yearlyCap: bad } });
      }
      expect(await yearlyCapCents()).toBe(5000);

      const [m] = await members("cap", 1);
      const transfers = [];
      for (let i = 0; i < 4; i++) transfers.push((await rewardStudy(owner, { kind: "BANK_TRANSFER", amount: "20", budget: "1000" })).study);
      const charity = (await rewardStudy(owner, { kind: "CHARITY", amount: "20", budget: "1000", charity: "Punainen Risti" })).study;
      const charityAtCap = (await rewardStudy(owner, { kind: "CHARITY", amount: "20", budget: "1000", charity: "Kirkon Ulkomaanapu" })).study;
      const step = async (studyId: string, day = today()) => {
        await completed(studyId, [m!], day);
        await accrueRewards({ userId: m!.id });
        return (await rewardOf(studyId, m!.id)).status;
      };
      expect(await step(transfers[0]!.id)).toBe("PENDING");
      expect(await step(charity.id)).toBe("PENDING");
      // 40 € of income: the donation's 20 € would have made it 60 €.
      expect(await step(transfers[1]!.id)).toBe("PENDING");
      expect(await step(transfers[2]!.id)).toBe("OVER_CAP");
      // At the cap, a donation still accrues: it is not the member's income.
      expect(await step(charityAtCap.id)).toBe("PENDING");
      // Last year's cap is last year's.
      expect(await step(transfers[3]!.id, `${thisYear() - 1}-12-31`)).toBe("PENDING");
      expect((await rewardOf(transfers[3]!.id, m!.id)).year).toBe(thisYear() - 1);

      const mine = await memberRewards(m!.id);
      expect(mine).toMatchObject({ yearTotalCents: 4000, capCents: 5000, year: thisYear() });

      // An OVER_CAP reward owes nothing: it cannot be approved.
      const over = await rewardOf(transfers[2]!.id, m!.id);
      expect(await decideRewards(owner, transfers[2]!.id, [over.id], "approve")).toEqual({ ok: false, reason: "none-selected" });
      expect((await rewardOf(transfers[2]!.id, m!.id)).status).toBe("OVER_CAP");

      // Room made later (an earlier reward rejected) goes to the reward that was over the cap.
      const first = await rewardOf(transfers[0]!.id, m!.id);
      expect(await decideRewards(owner, transfers[0]!.id, [first.id], "reject", "Ei osallistunut")).toMatchObject({ ok: true, rejected: 1 });
      await accrueRewards({ userId: m!.id });
      expect((await rewardOf(transfers[2]!.id, m!.id)).status).toBe("PENDING");
      expect(await memberRewards(m!.id)).toMatchObject({ yearTotalCents: 4000 });
    });
    expect(await yearlyCapCents()).toBe(30000);
  });

  it("recruitment's counts flag the members at the cap, over HTTP and on the page without JavaScript", async () => {
    const admin = await staff(["ADMIN"]);
    const owner = await staff(["RESEARCHER"]);
    await withCap(admin, "20 €", async () => {
      const [m] = await members("flagged", 1);
      const { study } = await rewardStudy(owner, { kind: "BANK_TRANSFER", amount: "20", budget: "1000" });
      const before = await countSegmentWithCap({}, {});
      await completed(study.id, [m!], today());
      await accrueRewards({ userId: m!.id });
      const after = await countSegmentWithCap({}, {});
      expect(after.atRewardCap).toBe(before.atRewardCap! + 1);

      const cookie = (await createSession(owner.id, new Request("http://localhost/"))).split(";")[0]!;
      const get = (path: string) => fetch(`${running.server.url}${path}`, { headers: { Cookie: cookie } });
      expect(await (await get("/staff/segments/count")).json()).toEqual(after);
      expect(await (await get("/staff/segments/count?rewardCap=exclude")).json()).toEqual({ count: after.count - after.atRewardCap!, atRewardCap: null });
      const page = await (await get("/staff/segments?intent=count")).text();
      expect(page).toContain(translator("fi")("staffSegments.count.atRewardCap", { count: after.atRewardCap! }));
    });
  });

  it("many accruals for one member at once never pass the cap", async () => {
    const admin = await staff(["ADMIN"]);
    const owner = await staff(["RESEARCHER"]);
    await withCap(admin, "50", async () => {
      const studies = [];
      for (let i = 0; i < 8; i++) studies.push((await rewardStudy(owner, { kind: "GIFT_CARD", amount: "20", budget: "1000" })).study);
      // Each study's accrual in its own transaction, all at once: each alone would see the member at 0 €.
      for (const round of [0, 1, 2]) {
        const [m] = await members(`cap-race-${round}`, 1);
        for (const study of studies) await completed(study.id, [m!], today());
        await Promise.all([...studies.map((s) => accrueRewards({ studyId: s.id })), ...(round === 2 ? [memberRewards(m!.id), accrueRewards()] : [])]);
        const rewards = await db.reward.findMany({ where: { userId: m!.id } });
        expect(rewards).toHaveLength(8);
        const counted = rewards.filter((r) => r.status === "PENDING");
        expect(counted.reduce((sum, r) => sum + r.amountCents, 0)).toBeLessThanOrEqual(5000);
        expect(counted).toHaveLength(2);
        expect(rewards.filter((r) => r.status === "OVER_CAP")).toHaveLength(6);
      }
    });
  });
});

describe("budget", () => {
  it("approvals within the budget go through; one that would pass it is refused whole; the budget cannot go below what is committed", async () => {
    const owner = await staff(["RESEARCHER"]);
    const { study, ruleId } = await rewardStudy(owner, { kind: "BANK_TRANSFER", amount: "10", budget: "30" });
    const people = await members("budget", 5);
    await completed(study.id, people, today());
    await accrueRewards({ studyId: study.id });
    const ids = await rewardIds(study.id, people);

    expect(await decideRewards(owner, study.id, [ids[0], ids[1]], "approve")).toEqual({ ok: true, approved: 2, rejected: 0, delivered: 0 });
    let before = await statuses(study.id);
    expect(await decideRewards(owner, study.id, [ids[2], ids[3]], "approve")).toEqual({ ok: false, reason: "over-budget", ruleId, neededCents: 2000, remainingCents: 1000 });
    expect(await statuses(study.id)).toEqual(before);
    expect(await decideRewards(owner, study.id, [ids[2]], "approve")).toMatchObject({ ok: true, approved: 1 });
    before = await statuses(study.id);
    expect(await decideRewards(owner, study.id, [ids[3]], "approve")).toEqual({ ok: false, reason: "over-budget", ruleId, neededCents: 1000, remainingCents: 0 });
    expect(await statuses(study.id)).toEqual(before);
    const rule = (await studyRewards(owner, study.id))!.rules[0]!;
    expect(rule).toMatchObject({ budgetCents: 3000, committedCents: 3000, remainingCents: 0, counts: { APPROVED: 3, PENDING: 2 } });

    // The budget cannot be set below the 30 € committed; the form keeps what was typed.
    const form = { kind: "BANK_TRANSFER", condition: "COMPLETED", amount: "10", budget: "29,99" };
    expect(await saveRewardRule(owner, study.id, form)).toEqual({ ok: false, errors: { budget: "below-committed" }, values: { ...form, prizes: "", charity: "" } });
    expect((await db.rewardRule.findUniqueOrThrow({ where: { id: ruleId } })).budgetCents).toBe(3000);
    expect(await saveRewardRule(owner, study.id, { ...form, budget: "40" })).toEqual({ ok: true, ruleId });
    expect(await decideRewards(owner, study.id, [ids[3]], "approve")).toMatchObject({ ok: true, approved: 1 });

    // Rejecting needs a reason.
    for (const reason of ["", "   ", "\u0000"]) expect(await decideRewards(owner, study.id, [ids[4]], "reject", reason)).toEqual({ ok: false, reason: "reason-required" });
    expect(await decideRewards(owner, study.id, [ids[4]], "reject", "x".repeat(501))).toEqual({ ok: false, reason: "reason-too-long" });
    expect((await db.reward.findUniqueOrThrow({ where: { id: ids[4] } })).status).toBe("PENDING");
    expect(await decideRewards(owner, study.id, [ids[4]], "reject", " Ei osallistunut loppuun ")).toEqual({ ok: true, approved: 0, rejected: 1, delivered: 0 });
    expect(await db.reward.findUniqueOrThrow({ where: { id: ids[4] } })).toMatchObject({ status: "REJECTED", rejectReason: "Ei osallistunut loppuun", decidedById: owner.id });

    // Another study's reward and rewards already decided are left alone, in a single or a mixed call.
    const other = await rewardStudy(owner, { kind: "BANK_TRANSFER", amount: "10", budget: "100" });
    const [outsider] = await members("budget-other", 1);
    await completed(other.study.id, [outsider!], today());
    await accrueRewards({ studyId: other.study.id });
    const otherId = (await rewardOf(other.study.id, outsider!.id)).id;
    before = await statuses(study.id);
    expect(await decideRewards(owner, study.id, [otherId, ids[0], ids[4]], "approve")).toEqual({ ok: false, reason: "none-selected" });
    expect(await decideRewards(owner, study.id, [otherId, ids[0]], "reject", "väärin")).toEqual({ ok: false, reason: "none-selected" });
    expect(await decideRewards(owner, other.study.id, [otherId, ids[0], "not-an-id", 42], "reject", "väärin")).toMatchObject({ ok: true, rejected: 1 });
    expect(await statuses(study.id)).toEqual(before);
    expect(await decideRewards(owner, study.id, [], "approve")).toEqual({ ok: false, reason: "none-selected" });
  });

  it("two bulk approvals at once that together would pass the budget: one goes through, the other is refused whole", async () => {
    const owner = await staff(["RESEARCHER"]);
    const { study, ruleId } = await rewardStudy(owner, { kind: "BANK_TRANSFER", amount: "10", budget: "20" });
    const people = await members("budget-race", 4);
    await completed(study.id, people, today());
    await accrueRewards({ studyId: study.id });
    const ids = await rewardIds(study.id, people);
    const results = await Promise.all([decideRewards(owner, study.id, ids.slice(0, 2), "approve"), decideRewards(owner, study.id, ids.slice(2), "approve")]);
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    expect(results.filter((r) => !r?.ok)).toEqual([{ ok: false, reason: "over-budget", ruleId, neededCents: 2000, remainingCents: 0 }]);
    const approved = await db.reward.findMany({ where: { ruleId, status: "APPROVED" } });
    expect(approved.reduce((sum, r) => sum + r.amountCents, 0)).toBe(2000);
  });
});

describe("gift cards", () => {
  it("uploads count duplicates and report problems by line; codes are stored encrypted; approval emails a code of the right value; without stock the reward waits for the next upload", async () => {
    const admin = await staff(["ADMIN"]);
    const owner = await staff(["RESEARCHER"]);
    const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
    const code = (n: number) => `GC-${tag}-${String(n).padStart(4, "0")}`;
    const csv = `\uFEFFKoodi;Arvo;Voimassa\r\n${code(1)};25,00;31.12.2099\r\n${code(2)};25 €;\r\n\r\n${code(3)};10;2099-06-30\r\n`;
    expect(await uploadGiftCards(admin, "lahjakortit.csv", csv)).toEqual({ ok: true, added: 3, duplicates: 0, delivered: 0 });
    expect(await uploadGiftCards(admin, "lahjakortit.csv", csv)).toEqual({ ok: true, added: 0, duplicates: 3, delivered: 0 });
    const cards = () => db.giftCard.count();
    expect(await cards()).toBe(3);

    // A file with problems adds nothing and names each line.
    const broken = `koodi;arvo\n${code(5)};25\nx;25\n${code(6)};abc\n\n${code(7)};25;extra\n${code(5)};25\n`;
    expect(await uploadGiftCards(admin, "virheet.csv", broken)).toEqual({
      ok: false,
      problems: [
        { line: 3, problem: "code" },
        { line: 4, problem: "value" },
        { line: 6, problem: "columns" },
        { line: 7, problem: "duplicate" },
      ],
    });
    expect(await uploadGiftCards(admin, "tyhja.csv", "nimi;hinta\nabc;1\n")).toEqual({ ok: false, problems: [{ line: 1, problem: "columns" }] });
    expect(await cards()).toBe(3);

    // Encrypted at rest: the raw column does not hold the code.
    const raw = await db.$queryRaw<{ code: string; last4: string }[]>`SELECT code, "codeLast4" AS last4 FROM "GiftCard"`;
    expect(raw).toHaveLength(3);
    for (const row of raw) {
      expect(row.code).toMatch(/^v1\./);
      expect(row.code).not.toContain(tag);
    }
    expect(raw.map((r) => r.last4).sort()).toEqual(["0001", "0002", "0003"]);

    const { study } = await rewardStudy(owner, { kind: "GIFT_CARD", amount: "25", budget: "100" });
    const [sv] = await members("gift-sv", 1, "sv");
    const [en, fi] = await members("gift", 2);
    await db.user.update({ where: { id: en!.id }, data: { language: "en" } });
    await completed(study.id, [sv!, en!, fi!], today());
    await accrueRewards({ studyId: study.id });
    const [svId, enId, fiId] = await rewardIds(study.id, [sv!, en!, fi!]);

    // The earliest-expiring 25 € code goes to the first approval, by email in Swedish.
    expect(await decideRewards(owner, study.id, [svId], "approve")).toEqual({ ok: true, approved: 1, rejected: 0, delivered: 1 });
    const svMail = await mailTo(sv!.email, "Ditt tack");
    expect(svMail.parsed.subject).toMatch(/presentkort på 25,00\s€/);
    expect(svMail.parsed.text).toContain(code(1));
    expect(svMail.parsed.text).toContain("Tack för att du deltog");
    expect(svMail.parsed.html || "").toContain(code(1));
    expect(svMail.raw).toMatch(/^Content-Type: text\/plain/im);
    expect(svMail.raw).toMatch(/^Content-Type: text\/html/im);
    expect(svMail.parsed.text).not.toContain(code(3));
    const delivered = await db.giftCard.findFirstOrThrow({ where: { rewardId: svId } });
    expect(delivered).toMatchObject({ valueCents: 2500, codeLast4: "0001" });
    expect(await db.reward.findUniqueOrThrow({ where: { id: svId } })).toMatchObject({ status: "PAID" });
    expect((await memberRewards(sv!.id))!.rewards[0]).toMatchObject({ status: "PAID", giftCard: { code: code(1), expiresOn: "2099-12-31" } });

    // Two more approvals, one 25 € code left: one is delivered, the other waits as APPROVED.
    expect(await decideRewards(owner, study.id, [enId, fiId], "approve")).toEqual({ ok: true, approved: 2, rejected: 0, delivered: 1 });
    const waiting = await db.reward.findMany({ where: { id: { in: [enId!, fiId!] }, status: "APPROVED" } });
    expect(waiting).toHaveLength(1);
    const waiter = waiting[0]!.userId === en!.id ? en! : fi!;
    const served = waiter === en ? fi! : en!;
    expect((await mailTo(served.email, served === en ? "gift card" : "lahjakortti")).parsed.text).toContain(code(2));
    const page = await studyRewards(owner, study.id);
    expect(page!.rewards.find((r) => r.id === waiting[0]!.id)).toMatchObject({ status: "APPROVED", giftCardDelivered: false });
    expect((await memberRewards(waiter.id))!.rewards[0]).toMatchObject({ status: "APPROVED", giftCard: null });
    const stock = (await incentivesAdmin(admin)).stock.find((s) => s.valueCents === 2500);
    expect(stock).toMatchObject({ available: 0, delivered: 2 });

    // The next upload delivers it, by email with the new code.
    expect(await uploadGiftCards(admin, "lisaa.csv", `code,value\n${code(4)},25\n`)).toEqual({ ok: true, added: 1, duplicates: 0, delivered: 1 });
    expect(await db.reward.findUniqueOrThrow({ where: { id: waiting[0]!.id } })).toMatchObject({ status: "PAID" });
    const late = await mailTo(waiter.email, waiter === en ? "gift card" : "lahjakortti");
    expect(late.parsed.text).toContain(code(4));
  });
});

describe("bank transfers and payouts", () => {
  it("account wanted, validated and encrypted; the batch goes to finance as safe CSV; paying it tells members and deletes accounts no longer needed", async () => {
    const admin = await staff(["ADMIN"]);
    const owner = await staff(["RESEARCHER"]);
    const { study } = await rewardStudy(owner, { kind: "BANK_TRANSFER", amount: "30", budget: "1000" });
    const later = await rewardStudy(owner, { kind: "BANK_TRANSFER", amount: "15", budget: "1000" });
    const donation = await rewardStudy(owner, { kind: "CHARITY", amount: "12,50", budget: "1000", charity: "=Lasten Kerho, ry" });
    const [m1, m2, m3, nobody] = await members("bank", 4);
    await completed(study.id, [m1!, m2!, m3!], today());
    await completed(later.study.id, [m2!], today());
    await completed(donation.study.id, [m3!], today());
    await accrueRewards();
    const [r1, r2, r3] = await rewardIds(study.id, [m1!, m2!, m3!]);
    const donationId = (await rewardOf(donation.study.id, m3!.id)).id;

    // Nothing owed, no account wanted.
    expect(await saveBankAccount(nobody!.id, { iban: VALID_IBAN, holder: "Ei Kukaan" })).toEqual({ ok: false, reason: "not-wanted" });
    expect(await saveBankAccount("not-an-id", { iban: VALID_IBAN, holder: "X" })).toEqual({ ok: false, reason: "not-wanted" });

    expect(await decideRewards(owner, study.id, [r1, r2, r3], "approve")).toMatchObject({ ok: true, approved: 3 });
    expect(await decideRewards(owner, donation.study.id, [donationId], "approve")).toMatchObject({ ok: true, approved: 1 });
    const needs = await mailTo(m1!.email, "tarvitsemme tilinumerosi");
    expect(needs.parsed.text).toContain("Lisää tilinumerosi");
    expect((await memberRewards(m1!.id))!).toMatchObject({ accountWanted: true, account: null, rewards: [{ waitingForAccount: true }] });

    // Each problem with the IBAN, and the holder, with the typed values kept.
    const problems = [
      ["", "empty"],
      ["FI2X 1234", "format"],
      ["XX21 1234 5600 0007 85", "country"],
      ["FI21 1234 5600 0007 8", "length"],
      ["FI22 1234 5600 0007 85", "checksum"],
    ] as const;
    for (const [iban, problem] of problems) {
      expect(await saveBankAccount(m1!.id, { iban, holder: "Maija" })).toEqual({ ok: false, errors: { iban: problem }, values: { iban, holder: "Maija" } });
    }
    expect(await saveBankAccount(m1!.id, { iban: VALID_IBAN, holder: "   " })).toEqual({ ok: false, errors: { holder: "required" }, values: { iban: VALID_IBAN, holder: "" } });
    expect(await saveBankAccount(m1!.id, { iban: VALID_IBAN, holder: "x".repeat(141) })).toMatchObject({ ok: false, errors: { holder: "too-long" } });
    expect(await db.bankAccount.count({ where: { userId: m1!.id } })).toBe(0);

    const evil = '=HYPERLINK("http://evil.example","Maksa tästä")';
    expect(await saveBankAccount(m1!.id, { iban: "fi21-1234.5600 0007 85", holder: evil })).toEqual({ ok: true });
    expect(await saveBankAccount(m2!.id, { iban: "DE89 3704 0044 0532 0130 00", holder: "Åsa Öberg" })).toEqual({ ok: true });
    const rawAccounts = await db.$queryRaw<{ iban: string; last4: string }[]>`SELECT iban, "ibanLast4" AS last4 FROM "BankAccount" WHERE "userId" IN (${m1!.id}::uuid, ${m2!.id}::uuid)`;
    expect(rawAccounts).toHaveLength(2);
    for (const row of rawAccounts) {
      expect(row.iban).toMatch(/^v1\./);
      expect(row.iban).not.toMatch(/FI21|1234560|DE89|370400/);
    }
    expect((await memberRewards(m1!.id))!.account).toEqual({ masked: "FI… 0785", holder: evil });

    // The batch: approved transfers with an account and approved donations, nothing else.
    const payable = await payableNow();
    expect(payable).toEqual(expect.arrayContaining([r1, r2, donationId]));
    expect(payable).not.toContain(r3);
    const batch = await createPayoutBatch(admin);
    expect(batch).toMatchObject({ ok: true, lines: payable.length, reference: expect.stringMatching(new RegExp(`^${thisYear()}-\\d{4}$`)) });
    if (!batch.ok) throw new Error("no batch");
    expect((await db.reward.findMany({ where: { payoutBatchId: batch.id }, select: { id: true } })).map((r) => r.id).sort()).toEqual(payable);
    expect(await db.reward.findUniqueOrThrow({ where: { id: r3 } })).toMatchObject({ status: "APPROVED", payoutBatchId: null });
    expect(await createPayoutBatch(admin)).toEqual({ ok: false, reason: "nothing" });

    expect(await markPayoutPaid(admin, batch.id)).toEqual({ ok: false, reason: "not-exported" });
    const file = await payoutCsv(admin, batch.id);
    expect(file!.fileName).toBe(`panel-payout-${batch.reference}.csv`);
    const csv = file!.csv;
    expect(csv.startsWith("\uFEFFbatch,payment,type,payee,iban,amount_eur,message\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(1 + payable.length);
    const line = (id: string) => lines.find((l) => l.includes(id))!;
    expect(line(r1!)).toBe(`${batch.reference},${r1},bank_transfer,"'=HYPERLINK(""http://evil.example"",""Maksa tästä"")",FI21 1234 5600 0007 85,30.00,${line(r1!).split(",").at(-1)}`);
    expect(line(r1!)).toMatch(/,30\.00,Panel Kysely \w+$/);
    expect(line(r2!)).toContain(",bank_transfer,Åsa Öberg,DE89 3704 0044 0532 0130 00,30.00,");
    expect(line(donationId)).toContain(`,charity,"'=Lasten Kerho, ry",,12.50,`);
    for (const l of lines.slice(1)) for (const cell of l.split(",")) expect(cell).not.toMatch(/^[=+\-@]/);

    expect(await markPayoutPaid(admin, batch.id)).toEqual({ ok: true, paid: payable.length, accountsDeleted: expect.any(Number) });
    const paid = await db.reward.findMany({ where: { id: { in: [r1!, r2!, donationId] } } });
    for (const reward of paid) expect(reward).toMatchObject({ status: "PAID", payoutBatchId: batch.id });
    expect(paid[0]!.paidOn!.toISOString()).toBe(`${today()}T00:00:00.000Z`);
    expect(await db.payoutBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "PAID" });
    const paidMail = await mailTo(m1!.email, "on maksettu");
    expect(paidMail.parsed.text).toContain("…0785");
    await mailTo(m2!.email, "on maksettu");
    // m1 is owed nothing more: the account is gone; m2 still has 15 € pending: kept.
    expect(await db.bankAccount.count({ where: { userId: m1!.id } })).toBe(0);
    expect(await db.bankAccount.count({ where: { userId: m2!.id } })).toBe(1);
    // A paid batch is no longer exported or paid again.
    expect(await payoutCsv(admin, batch.id)).toBeNull();
    expect(await markPayoutPaid(admin, batch.id)).toEqual({ ok: false, reason: "already-paid" });
    expect(await payoutCsv(admin, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});

describe("prize draws", () => {
  it("draws the prizes among approved entries, leaves out members at the cap, and anyone can re-run it with scripts/verify-draw.ts", async () => {
    const admin = await staff(["ADMIN"]);
    const owner = await staff(["RESEARCHER"]);
    await withCap(admin, "40", async () => {
      const { study, ruleId } = await rewardStudy(owner, { kind: "PRIZE_DRAW", amount: "15", budget: "100", prizes: "2" });
      const transfer = await rewardStudy(owner, { kind: "BANK_TRANSFER", amount: "30", budget: "100" });
      const people = await members("draw", 6);
      const capped = people[5]!;
      // 30 € already this year: a 15 € prize would take them past 40 €.
      await completed(transfer.study.id, [capped], today());
      await completed(study.id, people, today());
      await accrueRewards();
      const entries = await rewardIds(study.id, people);
      expect(await db.reward.findMany({ where: { ruleId }, select: { amountCents: true, status: true } })).toEqual(Array(6).fill({ amountCents: 0, status: "PENDING" }));
      expect(await runPrizeDraw(owner, study.id, ruleId)).toEqual({ ok: false, reason: "no-entries" });
      expect(await decideRewards(owner, study.id, entries, "approve")).toMatchObject({ ok: true, approved: 6, delivered: 0 });
      expect(await uploadGiftCards(admin, "palkinnot.csv", "code;value\nPRIZE-0001;15\n")).toMatchObject({ ok: true, added: 1 });

      const result = await runPrizeDraw(owner, study.id, ruleId);
      expect(result).toMatchObject({ ok: true, winners: 2, entries: 5 });
      if (!result?.ok) throw new Error("no draw");
      const draw = await db.prizeDraw.findUniqueOrThrow({ where: { id: result.drawId } });
      expect(draw.entries).toEqual(entries.slice(0, 5).sort());
      expect(draw.entries).not.toContain(entries[5]);
      expect(draw.winners).toEqual(drawWinners(draw.seed, draw.entries, draw.prizes));
      expect(draw.entriesDigest).toBe(entriesDigest(draw.entries));
      expect(await prizeDraw(result.drawId)).toMatchObject({ seed: draw.seed, entries: draw.entries, winners: draw.winners, entriesDigest: draw.entriesDigest, prizes: 2, prizeCents: 1500 });
      const byId = new Map((await db.reward.findMany({ where: { ruleId } })).map((r) => [r.id, r]));
      expect(byId.get(entries[5]!)).toMatchObject({ status: "NOT_DRAWN", drawId: draw.id });
      for (const id of draw.entries.filter((e) => !draw.winners.includes(e))) expect(byId.get(id)).toMatchObject({ status: "NOT_DRAWN", amountCents: 0 });

      // Anyone re-runs it from the published seed and entries, in any order.
      const dir = mkdtempSync(path.join(tmpdir(), "panel-draw-"));
      try {
        const file = path.join(dir, "entries.txt");
        writeFileSync(file, `\uFEFF${[...draw.entries].reverse().map((e) => `  ${e}  `).join("\r\n")}\n\n`);
        const args = ["tsx", "scripts/verify-draw.ts", "--seed", draw.seed, "--prizes", String(draw.prizes), "--entries", file];
        const [checked, mismatch] = await Promise.allSettled([
          run("npx", [...args, "--digest", draw.entriesDigest]),
          run("npx", [...args, "--digest", "0".repeat(64)]),
        ]);
        expect(checked.status).toBe("fulfilled");
        const out = (checked as PromiseFulfilledResult<{ stdout: string }>).value.stdout.trim().split("\n");
        expect(out).toEqual([draw.entriesDigest, ...draw.winners]);
        expect(mismatch).toMatchObject({ status: "rejected", reason: { code: 1 } });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      // The first winner gets the code in stock; the second is told and gets a code with the next upload.
      const [first, second] = draw.winners.map((id) => people[entries.indexOf(id)]!);
      expect(byId.get(draw.winners[0]!)).toMatchObject({ status: "PAID", amountCents: 1500 });
      expect(byId.get(draw.winners[1]!)).toMatchObject({ status: "APPROVED", amountCents: 1500 });
      expect((await mailTo(first!.email, "Voitit arvonnassa")).parsed.text).toContain("PRIZE-0001");
      await mailTo(second!.email, "Voitit arvonnassa");
      expect(await uploadGiftCards(admin, "palkinnot-2.csv", "code;value\nPRIZE-0002;15\n")).toMatchObject({ ok: true, delivered: 1 });
      expect(await db.reward.findUniqueOrThrow({ where: { id: draw.winners[1]! } })).toMatchObject({ status: "PAID" });
      expect((await memberRewards(second!.id))!.rewards.find((r) => r.id === draw.winners[1])).toMatchObject({ giftCard: { code: "PRIZE-0002" } });
      await running.sink.waitFor((m) => m.to.includes(second!.email.toLowerCase()) && (m.parsed.text ?? "").includes("PRIZE-0002"), 20_000);

      // Drawn entries are not drawn again; a rule that is not a draw is not drawn.
      expect(await runPrizeDraw(owner, study.id, ruleId)).toEqual({ ok: false, reason: "no-entries" });
      expect(await runPrizeDraw(owner, transfer.study.id, transfer.ruleId)).toEqual({ ok: false, reason: "not-a-draw" });
    });
  });

  it("a draw whose prizes would pass the budget is refused and changes nothing", async () => {
    const owner = await staff(["RESEARCHER"]);
    const { study, ruleId } = await rewardStudy(owner, { kind: "PRIZE_DRAW", amount: "15", budget: "20", prizes: "3" });
    const people = await members("draw-budget", 3);
    await completed(study.id, people, today());
    await accrueRewards({ studyId: study.id });
    expect(await decideRewards(owner, study.id, await rewardIds(study.id, people), "approve")).toMatchObject({ ok: true, approved: 3 });
    const before = await statuses(study.id);
    expect(await runPrizeDraw(owner, study.id, ruleId)).toEqual({ ok: false, reason: "over-budget" });
    expect(await statuses(study.id)).toEqual(before);
    expect(await db.prizeDraw.count({ where: { ruleId } })).toBe(0);
  });
});

describe("leaving", () => {
  it("a member who leaves: paid rewards stay for finance without them, unpaid ones and the account go, no row names them", async () => {
    const admin = await staff(["ADMIN"]);
    const owner = await staff(["RESEARCHER"]);
    const paidStudy = await rewardStudy(owner, { kind: "BANK_TRANSFER", amount: "30", budget: "100" });
    const openStudy = await rewardStudy(owner, { kind: "BANK_TRANSFER", amount: "20", budget: "100" });
    const cardStudy = await rewardStudy(owner, { kind: "GIFT_CARD", amount: "12", budget: "100" });
    const [m] = await members("leaver", 1);
    for (const s of [paidStudy, openStudy, cardStudy]) await completed(s.study.id, [m!], today());
    await accrueRewards({ userId: m!.id });
    const paidId = (await rewardOf(paidStudy.study.id, m!.id)).id;
    const openId = (await rewardOf(openStudy.study.id, m!.id)).id;
    const cardId = (await rewardOf(cardStudy.study.id, m!.id)).id;

    expect(await decideRewards(owner, paidStudy.study.id, [paidId], "approve")).toMatchObject({ ok: true });
    expect(await saveBankAccount(m!.id, { iban: VALID_IBAN, holder: "Lähtevä Jäsen" })).toEqual({ ok: true });
    expect(await uploadGiftCards(admin, "kortit.csv", "code;value\nLEAVE-CARD-1;12\n")).toMatchObject({ ok: true, added: 1 });
    expect(await decideRewards(owner, cardStudy.study.id, [cardId], "approve")).toMatchObject({ ok: true, delivered: 1 });
    const batch = await createPayoutBatch(admin);
    if (!batch.ok) throw new Error("no batch");
    await payoutCsv(admin, batch.id);
    expect(await markPayoutPaid(admin, batch.id)).toMatchObject({ ok: true });
    expect(await decideRewards(owner, openStudy.study.id, [openId], "approve")).toMatchObject({ ok: true });
    // Before leaving: a paid transfer, a delivered card, an approved transfer and the account (still owed 20 €).
    const paidBefore = await db.reward.findUniqueOrThrow({ where: { id: paidId } });
    expect(paidBefore).toMatchObject({ status: "PAID", payoutBatchId: batch.id, userId: m!.id });
    expect(await db.reward.findUniqueOrThrow({ where: { id: openId } })).toMatchObject({ status: "APPROVED" });
    expect(await db.bankAccount.count({ where: { userId: m!.id } })).toBe(1);
    const tables = ["Reward", "GiftCard", "PayoutBatch", "BankAccount"];
    // The search below finds the member while they are a member.
    expect(await dumpTables(tables)).toContain(m!.id);

    expect(await leaveCommunity(m!.id)).toBe(true);
    const paidAfter = await db.reward.findUniqueOrThrow({ where: { id: paidId } });
    expect(paidAfter).toMatchObject({ userId: null, status: "PAID", amountCents: 3000, payoutBatchId: batch.id, kind: "BANK_TRANSFER" });
    expect(paidAfter.paidOn).toEqual(paidBefore.paidOn);
    expect(await db.reward.findUniqueOrThrow({ where: { id: cardId } })).toMatchObject({ userId: null, status: "PAID", amountCents: 1200 });
    expect(await db.reward.count({ where: { id: openId } })).toBe(0);
    expect(await db.bankAccount.count({ where: { userId: m!.id } })).toBe(0);
    const card = await db.giftCard.findFirstOrThrow({ where: { codeLast4: "RD-1", valueCents: 1200 } });
    expect(card.rewardId).toBe(cardId);
    const dump = await dumpTables(tables);
    expect(dump).toContain(paidId);
    expect(dump).not.toContain(m!.id);
    expect(dump.toLowerCase()).not.toContain(m!.email.toLowerCase());
  });
});

describe("access", () => {
  it("the wrong role gets 403, a study out of reach or a malformed id gives null, a member sees only their own rewards", async () => {
    const owner = await staff(["RESEARCHER"]);
    const otherResearcher = await staff(["RESEARCHER"]);
    const facilitator = await staff(["FACILITATOR"]);
    const handler = await staff(["FEEDBACK_HANDLER"]);
    const admin = await staff(["ADMIN"]);
    const { study, ruleId } = await rewardStudy(owner, { kind: "BANK_TRANSFER", amount: "10", budget: "100" });
    // The facilitator is on the study's team, and still may not manage its rewards.
    await db.studyTeam.create({ data: { studyId: study.id, userId: facilitator.id } });
    const people: TestMember[] = await members("access", 2);
    await completed(study.id, people, today());
    await accrueRewards({ studyId: study.id });
    const ids = await rewardIds(study.id, people);
    const memberUser: SessionUser = { id: people[0]!.id, kind: "MEMBER", roles: ["MEMBER"], email: people[0]!.email, name: null, language: "fi" };
    const form = { kind: "BANK_TRANSFER", condition: "COMPLETED", amount: "10", budget: "100" };

    for (const someone of [facilitator, handler, memberUser]) {
      for (const call of [
        () => studyRewards(someone, study.id),
        () => saveRewardRule(someone, study.id, form),
        () => decideRewards(someone, study.id, ids, "approve"),
        () => runPrizeDraw(someone, study.id, ruleId),
      ]) {
        await expect(call()).rejects.toMatchObject({ status: 403 });
      }
    }
    for (const call of [
      () => uploadGiftCards(owner, "x.csv", "code,value\nABCD-1234,10\n"),
      () => createPayoutBatch(owner),
      () => payoutCsv(owner, "00000000-0000-4000-8000-000000000000"),
      () => markPayoutPaid(owner, "00000000-0000-4000-8000-000000000000"),
      () => updateYearlyCap(owner, { yearlyCap: "1" }),
      () => incentivesAdmin(owner),
      () => updateYearlyCap(memberUser, { yearlyCap: "1" }),
    ]) {
      await expect(call()).rejects.toMatchObject({ status: 403 });
    }
    expect(await yearlyCapCents()).toBe(30000);
    expect(await db.giftCard.count({ where: { codeLast4: "1234" } })).toBe(0);

    // Another researcher, not on the team: null (the routes' 404), and nothing changes.
    expect(await studyRewards(otherResearcher, study.id)).toBeNull();
    expect(await saveRewardRule(otherResearcher, study.id, { ...form, budget: "1" })).toBeNull();
    expect(await decideRewards(otherResearcher, study.id, ids, "approve")).toBeNull();
    expect(await runPrizeDraw(otherResearcher, study.id, ruleId)).toBeNull();
    expect(await db.reward.count({ where: { studyId: study.id, status: "PENDING" } })).toBe(2);
    expect((await db.rewardRule.findUniqueOrThrow({ where: { id: ruleId } })).budgetCents).toBe(10000);
    // The owner and an admin reach it.
    expect((await studyRewards(owner, study.id))!.rewards).toHaveLength(2);
    expect((await studyRewards(admin, study.id))!.rewards).toHaveLength(2);

    // Malformed ids: null, not a throw.
    for (const bad of ["nope", "", "'; DROP TABLE \"Reward\"; --", "00000000-0000-4000-8000-00000000000g"]) {
      expect(await studyRewards(owner, bad)).toBeNull();
      expect(await saveRewardRule(owner, bad, form)).toBeNull();
      expect(await decideRewards(owner, bad, ids, "approve")).toBeNull();
      expect(await runPrizeDraw(owner, bad, ruleId)).toBeNull();
      expect(await runPrizeDraw(owner, study.id, bad)).toBeNull();
      expect(await payoutCsv(admin, bad)).toBeNull();
      expect(await markPayoutPaid(admin, bad)).toBeNull();
      expect(await prizeDraw(bad)).toBeNull();
      expect(await memberRewards(bad)).toBeNull();
      expect(await accrueRewards({ studyId: bad })).toBe(0);
    }
    expect(await decideRewards(owner, study.id, ["nope", null, {}, 1], "approve")).toEqual({ ok: false, reason: "none-selected" });
    // A rule of another study through this study's id: null.
    const other = await rewardStudy(owner, { kind: "PRIZE_DRAW", amount: "10", budget: "100", prizes: "1" });
    expect(await runPrizeDraw(owner, study.id, other.ruleId)).toBeNull();

    // A member's page shows their own rewards only.
    for (const [i, person] of people.entries()) {
      const mine = await memberRewards(person.id);
      expect(mine!.rewards.map((r) => r.id)).toEqual([ids[i]]);
    }
  });
});
