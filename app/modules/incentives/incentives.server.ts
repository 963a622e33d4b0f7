// Incentives: the small rewards that thank members for taking part.
//
// - Accrual reads the panel's own facts only: an invitation marked completed
//   (COMPLETED) or a booking marked attended (ATTENDED). It never touches the
//   vault, so a reward cannot link a person to an answer; and it keeps days,
//   never times. It runs every minute (runtime.server.ts) and whenever a page
//   that shows rewards is opened, one run at a time (an advisory lock), which
//   is also what keeps the yearly cap: a reward that would pass it is recorded
//   as OVER_CAP with nothing owed, and becomes pending if room is made later
//   (an earlier reward rejected, the cap raised).
// - Researchers (the study's owner or team, or an admin) approve or reject,
//   one by one or in bulk; an approval that would pass the rule's budget is
//   refused whole. Approving a gift card delivers a code from the stock at
//   once when one of that value is there; bank transfers wait for the
//   member's account and a payout batch; charity donations go in the batch.
// - Admins upload gift-card codes, hand payout batches to finance as CSV and
//   mark them paid, which deletes the bank accounts nothing more is owed to.
// - Prize draws pick winners from the approved entries with a seed that is
//   kept with the entries, so anyone can re-run the draw (scripts/verify-draw.ts).
// Module functions check access themselves: the wrong role gets 403, a study
// or row the user may not see gives null (the routes' 404).
import { z } from "zod";
import { can } from "~/infra/auth/roles";
import type { SessionUser } from "~/infra/auth/session.server";
import { db, type PanelTransaction } from "~/infra/db/panel.server";
import { env } from "~/infra/env.server";
import { formatDate, isLanguage, type Language } from "~/infra/i18n/i18n";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import { decryptField, encryptField } from "~/infra/security/encrypt.server";
import { keyedHash } from "~/infra/security/hash.server";
import type { RewardEmailKind } from "~/emails/reward";
import { recordAudit } from "~/modules/audit/record.server";
import { toCsv } from "~/modules/results/csv";
import { helsinkiDay } from "~/modules/studies/days";
import { visibleTo } from "~/modules/studies/studies.server";
import { localized } from "~/modules/studies/texts";
import { drawWinners, entriesDigest, newDrawSeed } from "./draw";
import { parseGiftCardCsv, type GiftCardCsvProblem } from "./gift-card-csv";
import { formatIban, ibanProblem, maskIban, normaliseIban, type IbanProblem } from "./iban";
import { formatEuros, parseEuros } from "./money";

export const rewardKinds = ["GIFT_CARD", "BANK_TRANSFER", "PRIZE_DRAW", "CHARITY", "NONE"] as const;
export type RewardKind = (typeof rewardKinds)[number];
export const rewardConditions = ["COMPLETED", "ATTENDED"] as const;
export type RewardCondition = (typeof rewardConditions)[number];
export const rewardStatuses = ["PENDING", "APPROVED", "REJECTED", "PAID", "OVER_CAP", "NOT_DRAWN"] as const;
export type RewardStatus = (typeof rewardStatuses)[number];

/** Statuses whose amount counts against the member's yearly cap. */
const COUNTED: RewardStatus[] = ["PENDING", "APPROVED", "PAID"];
/** Kinds that are income to the member (a donation goes to the charity). */
const INCOME: RewardKind[] = ["GIFT_CARD", "BANK_TRANSFER", "PRIZE_DRAW"];
/** Statuses the budget is committed by. */
const COMMITTED: RewardStatus[] = ["APPROVED", "PAID"];
const REASON_MAX = 500;
export const PAGE_SIZE = 50;
/** One lock for every change that can move a member's yearly total. */
const CAP_LOCK = 0x50414e31; // "PAN1"

const isUuid = (id: unknown): id is string => typeof id === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const rewardsUrl = () => `${env().PUBLIC_URL}/account/rewards`;

function forbidUnless(user: SessionUser, permission: "incentives.manage" | "incentives.admin") {
  if (user.kind !== "STAFF" || !can(user.roles, permission)) throw new Response("Forbidden", { status: 403 });
}

async function lockCaps(tx: PanelTransaction) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CAP_LOCK}::int)`;
}

// ---------------------------------------------------------------------------
// Settings: the yearly cap

export async function yearlyCapCents(client: Pick<PanelTransaction, "incentiveSettings"> = db): Promise<number> {
  const settings = await client.incentiveSettings.findUnique({ where: { id: 1 }, select: { yearlyCapCents: true } });
  return settings?.yearlyCapCents ?? 30000;
}

export type SettingsResult = { ok: true } | { ok: false; errors: { yearlyCap: "invalid" }; values: { yearlyCap: string } };

export async function updateYearlyCap(user: SessionUser, input: { yearlyCap?: unknown }): Promise<SettingsResult> {
  forbidUnless(user, "incentives.admin");
  const typed = String(input.yearlyCap ?? "");
  const cents = parseEuros(typed);
  if (cents === null) return { ok: false, errors: { yearlyCap: "invalid" }, values: { yearlyCap: typed } };
  await db.incentiveSettings.upsert({ where: { id: 1 }, update: { yearlyCapCents: cents }, create: { id: 1, yearlyCapCents: cents } });
  await recordAudit({ actorId: user.id, action: "incentives.cap", data: { yearlyCapCents: cents } });
  return { ok: true };
}

/** The rewards that count against a year's cap (income: not donations, not rejected or over the cap). */
const countedRewards = (year: number) => `r."year" = ${Math.trunc(year)}
      AND r."status" IN ('PENDING','APPROVED','PAID') AND r."kind" IN ('GIFT_CARD','BANK_TRANSFER','PRIZE_DRAW')`;
const capCents = `(SELECT "yearlyCapCents" FROM "IncentiveSettings" WHERE id = 1)`;

/**
 * Members whose income from rewards this year has reached the cap, as a SQL
 * condition on a "User" alias: recruitment uses it to exclude them (or keep only them).
 */
export function atRewardCapSql(userColumn: string, year = Number(helsinkiDay().slice(0, 4))) {
  return `(SELECT coalesce(sum(r."amountCents"), 0) FROM "Reward" r WHERE r."userId" = ${userColumn} AND ${countedRewards(year)})
    >= ${capCents}`;
}

/** The same members as a query of their ids ("userId"), to join a whole segment against once (the count pages' flag). */
export function atRewardCapMembersSql(year = Number(helsinkiDay().slice(0, 4))) {
  return `SELECT r."userId" FROM "Reward" r WHERE r."userId" IS NOT NULL AND ${countedRewards(year)}
    GROUP BY r."userId" HAVING sum(r."amountCents") >= ${capCents}`;
}

async function yearTotals(tx: { reward: PanelTransaction["reward"] }, userIds: string[], year: number) {
  if (userIds.length === 0) return new Map<string, number>();
  const rows = await tx.reward.groupBy({
    by: ["userId"],
    where: { userId: { in: userIds }, year, status: { in: COUNTED }, kind: { in: INCOME } },
    _sum: { amountCents: true },
  });
  return new Map(rows.map((row) => [row.userId!, row._sum.amountCents ?? 0]));
}

// ---------------------------------------------------------------------------
// Accrual

interface Fact {
  ruleId: string;
  studyId: string;
  userId: string;
  source: string;
  day: string;
  kind: RewardKind;
  amountCents: number;
}

/**
 * Brings rewards up to date with the panel's facts: a reward for every
 * completed invitation or attended booking a rule pays for, and none left
 * pending for a fact that was taken back (attendance unmarked). Reads only
 * panel tables. Returns how many rewards were accrued.
 */
export async function accrueRewards(scope: { studyId?: string; userId?: string } = {}): Promise<number> {
  if ((scope.studyId && !isUuid(scope.studyId)) || (scope.userId && !isUuid(scope.userId))) return 0;
  return db.$transaction(
    async (tx) => {
      await lockCaps(tx);
      const rules = await tx.rewardRule.findMany({
        where: { kind: { not: "NONE" }, ...(scope.studyId ? { studyId: scope.studyId } : {}) },
        select: { id: true, studyId: true, kind: true, condition: true, amountCents: true },
      });
      const facts: Fact[] = [];
      for (const rule of rules) {
        const amountCents = rule.kind === "PRIZE_DRAW" ? 0 : rule.amountCents;
        if (rule.condition === "COMPLETED") {
          const invitations = await tx.invitation.findMany({
            where: { studyId: rule.studyId, completedOn: { not: null }, userId: scope.userId ?? { not: null } },
            select: { id: true, userId: true, completedOn: true },
          });
          for (const i of invitations) facts.push({ ruleId: rule.id, studyId: rule.studyId, userId: i.userId!, source: `invitation:${i.id}`, day: dayOf(i.completedOn!), kind: rule.kind, amountCents });
        } else {
          const bookings = await tx.booking.findMany({
            where: { studyId: rule.studyId, state: "ATTENDED", ...(scope.userId ? { userId: scope.userId } : {}) },
            select: { id: true, userId: true, slot: { select: { startsAt: true } } },
          });
          for (const b of bookings) facts.push({ ruleId: rule.id, studyId: rule.studyId, userId: b.userId, source: `booking:${b.id}`, day: helsinkiDay(b.slot.startsAt), kind: rule.kind, amountCents });
        }
      }
      const ruleIds = rules.map((rule) => rule.id);
      const existing = ruleIds.length
        ? await tx.reward.findMany({ where: { ruleId: { in: ruleIds }, ...(scope.userId ? { userId: scope.userId } : {}) }, select: { id: true, ruleId: true, source: true, status: true } })
        : [];
      const have = new Set(existing.map((r) => `${r.ruleId}|${r.source}`));
      const current = new Set(facts.map((f) => `${f.ruleId}|${f.source}`));
      // A fact taken back (attendance unmarked) takes its reward with it while nothing was decided.
      const withdrawn = existing.filter((r) => !current.has(`${r.ruleId}|${r.source}`) && (r.status === "PENDING" || r.status === "OVER_CAP"));
      if (withdrawn.length > 0) await tx.reward.deleteMany({ where: { id: { in: withdrawn.map((r) => r.id) } } });
      const cap = await yearlyCapCents(tx);
      // Room made since (a reward rejected, the cap raised) goes first to what was over the cap, oldest first.
      const over = await tx.reward.findMany({
        where: { status: "OVER_CAP", ruleId: { in: ruleIds }, ...(scope.userId ? { userId: scope.userId } : { userId: { not: null } }) },
        orderBy: [{ accruedOn: "asc" }, { id: "asc" }],
        select: { id: true, userId: true, year: true, amountCents: true },
      });
      if (over.length > 0) {
        const room = new Map<string, number>();
        for (const year of new Set(over.map((r) => r.year))) {
          for (const [userId, sum] of await yearTotals(tx, [...new Set(over.filter((r) => r.year === year).map((r) => r.userId!))], year)) room.set(`${year}|${userId}`, sum);
        }
        const fits: string[] = [];
        for (const r of over) {
          const key = `${r.year}|${r.userId}`;
          const sofar = room.get(key) ?? 0;
          if (sofar + r.amountCents <= cap) {
            fits.push(r.id);
            room.set(key, sofar + r.amountCents);
          }
        }
        if (fits.length > 0) await tx.reward.updateMany({ where: { id: { in: fits }, status: "OVER_CAP" }, data: { status: "PENDING" } });
      }
      const fresh = facts.filter((f) => !have.has(`${f.ruleId}|${f.source}`)).sort((a, b) => a.day.localeCompare(b.day) || a.source.localeCompare(b.source));
      if (fresh.length === 0) return 0;
      const years = [...new Set(fresh.map((f) => Number(f.day.slice(0, 4))))];
      const totals = new Map<string, number>();
      for (const year of years) {
        const users = [...new Set(fresh.filter((f) => Number(f.day.slice(0, 4)) === year).map((f) => f.userId))];
        for (const [userId, sum] of await yearTotals(tx, users, year)) totals.set(`${year}|${userId}`, sum);
      }
      const data = fresh.map((f) => {
        const year = Number(f.day.slice(0, 4));
        const key = `${year}|${f.userId}`;
        const sofar = totals.get(key) ?? 0;
        const income = INCOME.includes(f.kind);
        const over = income && sofar + f.amountCents > cap;
        if (income && !over) totals.set(key, sofar + f.amountCents);
        return {
          ruleId: f.ruleId,
          studyId: f.studyId,
          userId: f.userId,
          source: f.source,
          kind: f.kind,
          amountCents: f.amountCents,
          status: over ? ("OVER_CAP" as const) : ("PENDING" as const),
          year,
          accruedOn: dayDate(f.day),
        };
      });
      const created = await tx.reward.createMany({ data, skipDuplicates: true });
      return created.count;
    },
    { timeout: 60_000 },
  );
}

// ---------------------------------------------------------------------------
// A study's rewards (researchers)

const studySelect = { id: true, title: true, type: true, status: true } as const;

async function managedStudy(user: SessionUser, studyId: string) {
  forbidUnless(user, "incentives.manage");
  if (!isUuid(studyId)) return null;
  return db.study.findFirst({ where: { id: studyId, ...visibleTo(user) }, select: studySelect });
}

export interface RuleSummary {
  id: string;
  kind: RewardKind;
  condition: RewardCondition;
  amountCents: number;
  budgetCents: number;
  prizes: number | null;
  charity: string | null;
  /** euro cents by status */
  cents: Record<RewardStatus, number>;
  counts: Record<RewardStatus, number>;
  /** approved and paid */
  committedCents: number;
  remainingCents: number;
  /** entries a draw would take: approved, not yet drawn */
  drawableEntries: number;
}

export interface RewardRow {
  id: string;
  ruleId: string;
  kind: RewardKind;
  amountCents: number;
  status: RewardStatus;
  accruedOn: string;
  decidedAt: string | null;
  rejectReason: string | null;
  paidOn: string | null;
  /** the member, for approving with knowledge of who took part (never their answers) */
  member: { id: string; email: string; name: string | null } | null;
  /** the member's income from rewards this year, and whether a bank account is on file */
  yearTotalCents: number;
  hasAccount: boolean;
  giftCardDelivered: boolean;
}

export interface DrawSummary {
  id: string;
  ruleId: string;
  seed: string;
  prizes: number;
  prizeCents: number;
  entries: string[];
  entriesDigest: string;
  winners: string[];
  drawnAt: string;
}

const zeroes = () => Object.fromEntries(rewardStatuses.map((s) => [s, 0])) as Record<RewardStatus, number>;

async function ruleSummaries(studyId: string): Promise<RuleSummary[]> {
  const rules = await db.rewardRule.findMany({ where: { studyId }, orderBy: { condition: "asc" } });
  const groups = await db.reward.groupBy({ by: ["ruleId", "status"], where: { studyId }, _sum: { amountCents: true }, _count: { _all: true } });
  const drawable = await db.reward.groupBy({ by: ["ruleId"], where: { studyId, kind: "PRIZE_DRAW", status: "APPROVED", drawId: null }, _count: { _all: true } });
  return rules.map((rule) => {
    const cents = zeroes();
    const counts = zeroes();
    for (const g of groups.filter((g) => g.ruleId === rule.id)) {
      cents[g.status] = g._sum.amountCents ?? 0;
      counts[g.status] = g._count._all;
    }
    const committedCents = COMMITTED.reduce((sum, s) => sum + cents[s], 0);
    return {
      id: rule.id,
      kind: rule.kind,
      condition: rule.condition,
      amountCents: rule.amountCents,
      budgetCents: rule.budgetCents,
      prizes: rule.prizes,
      charity: rule.charity,
      cents,
      counts,
      committedCents,
      remainingCents: rule.budgetCents - committedCents,
      drawableEntries: drawable.find((d) => d.ruleId === rule.id)?._count._all ?? 0,
    };
  });
}

export interface RewardsFilter {
  status?: string;
  q?: string;
  page?: number;
}

/** The study's reward rules with their budgets, its rewards (a page at a time) and its draws; null when out of reach. */
export async function studyRewards(user: SessionUser, studyId: string, filter: RewardsFilter = {}) {
  const study = await managedStudy(user, studyId);
  if (!study) return null;
  await accrueRewards({ studyId: study.id });
  const status = rewardStatuses.find((s) => s === filter.status);
  const q = (filter.q ?? "").replace(/[\u0000-\u001f]/g, "").trim().slice(0, 200);
  const where = {
    studyId: study.id,
    ...(status ? { status } : {}),
    ...(q ? { user: { OR: [{ email: { contains: q, mode: "insensitive" as const } }, { name: { contains: q, mode: "insensitive" as const } }] } } : {}),
  };
  const total = await db.reward.count({ where });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(Number(filter.page) || 1)), pages);
  const rows = await db.reward.findMany({
    where,
    orderBy: [{ accruedOn: "desc" }, { id: "asc" }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: {
      id: true,
      ruleId: true,
      kind: true,
      amountCents: true,
      status: true,
      accruedOn: true,
      decidedAt: true,
      rejectReason: true,
      paidOn: true,
      year: true,
      user: { select: { id: true, email: true, name: true, bankAccount: { select: { userId: true } } } },
      giftCard: { select: { id: true } },
    },
  });
  const year = Number(helsinkiDay().slice(0, 4));
  const totals = await yearTotals(db, [...new Set(rows.flatMap((r) => (r.user ? [r.user.id] : [])))], year);
  const rewards: RewardRow[] = rows.map((r) => ({
    id: r.id,
    ruleId: r.ruleId,
    kind: r.kind,
    amountCents: r.amountCents,
    status: r.status,
    accruedOn: dayOf(r.accruedOn),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    rejectReason: r.rejectReason,
    paidOn: r.paidOn ? dayOf(r.paidOn) : null,
    member: r.user ? { id: r.user.id, email: r.user.email, name: r.user.name } : null,
    yearTotalCents: r.user ? (totals.get(r.user.id) ?? 0) : 0,
    hasAccount: Boolean(r.user?.bankAccount),
    giftCardDelivered: Boolean(r.giftCard),
  }));
  const draws = await db.prizeDraw.findMany({ where: { studyId: study.id }, orderBy: { drawnAt: "desc" } });
  return {
    study,
    rules: await ruleSummaries(study.id),
    rewards,
    total,
    page,
    pages,
    capCents: await yearlyCapCents(),
    draws: draws.map(
      (d): DrawSummary => ({
        id: d.id,
        ruleId: d.ruleId,
        seed: d.seed,
        prizes: d.prizes,
        prizeCents: d.prizeCents,
        entries: d.entries,
        entriesDigest: d.entriesDigest,
        winners: d.winners,
        drawnAt: d.drawnAt.toISOString(),
      }),
    ),
  };
}

export type RuleField = "kind" | "condition" | "amount" | "budget" | "prizes" | "charity";
export type RuleError = "required" | "invalid" | "condition-type" | "below-committed";
export type SaveRuleResult = { ok: true; ruleId: string } | { ok: false; errors: Partial<Record<RuleField, RuleError>>; values: Record<RuleField, string> };

const ruleInput = z.object({
  kind: z.enum(rewardKinds),
  condition: z.enum(rewardConditions),
});

/** Creates or changes the study's rule for a condition. Rewards already accrued keep their amount. */
export async function saveRewardRule(user: SessionUser, studyId: string, input: Record<string, unknown>): Promise<SaveRuleResult | null> {
  const study = await managedStudy(user, studyId);
  if (!study) return null;
  const values = Object.fromEntries((["kind", "condition", "amount", "budget", "prizes", "charity"] as const).map((k) => [k, String(input[k] ?? "").slice(0, 200)])) as Record<RuleField, string>;
  const errors: Partial<Record<RuleField, RuleError>> = {};
  const parsed = ruleInput.safeParse(values);
  if (!rewardKinds.includes(values.kind as RewardKind)) errors.kind = values.kind ? "invalid" : "required";
  if (!rewardConditions.includes(values.condition as RewardCondition)) errors.condition = values.condition ? "invalid" : "required";
  else if (values.condition === "ATTENDED" && study.type === "SURVEY") errors.condition = "condition-type";
  const kind = values.kind as RewardKind;
  const amount = kind === "NONE" ? 0 : parseEuros(values.amount);
  if (amount === null || (kind !== "NONE" && amount === 0)) errors.amount = values.amount.trim() ? "invalid" : "required";
  const budget = kind === "NONE" ? 0 : parseEuros(values.budget);
  if (budget === null) errors.budget = values.budget.trim() ? "invalid" : "required";
  let prizes: number | null = null;
  if (kind === "PRIZE_DRAW") {
    prizes = /^\d{1,4}$/.test(values.prizes.trim()) ? Number(values.prizes.trim()) : null;
    if (!prizes) errors.prizes = values.prizes.trim() ? "invalid" : "required";
  }
  const charity = kind === "CHARITY" ? values.charity.trim() : "";
  if (kind === "CHARITY" && !charity) errors.charity = "required";
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, values };
  const condition = parsed.data.condition;
  const existing = await db.rewardRule.findUnique({ where: { studyId_condition: { studyId: study.id, condition } }, select: { id: true } });
  if (existing && budget !== null) {
    const committed = await db.reward.aggregate({ where: { ruleId: existing.id, status: { in: COMMITTED } }, _sum: { amountCents: true } });
    if ((committed._sum.amountCents ?? 0) > budget) return { ok: false, errors: { budget: "below-committed" }, values };
  }
  const data = { kind, amountCents: amount!, budgetCents: budget!, prizes, charity: charity || null };
  const rule = await db.rewardRule.upsert({
    where: { studyId_condition: { studyId: study.id, condition } },
    update: data,
    create: { studyId: study.id, condition, ...data },
    select: { id: true },
  });
  await recordAudit({ actorId: user.id, action: "incentives.rule", data: { studyId: study.id, condition, ...data } });
  await accrueRewards({ studyId: study.id });
  return { ok: true, ruleId: rule.id };
}

export type DecideResult =
  | { ok: true; approved: number; rejected: number; delivered: number }
  | { ok: false; reason: "none-selected" | "reason-required" | "reason-too-long" }
  | { ok: false; reason: "over-budget"; ruleId: string; neededCents: number; remainingCents: number };

/** Approves or rejects pending rewards of the study (ids of other studies or in other states are left alone). */
export async function decideRewards(user: SessionUser, studyId: string, ids: unknown[], decision: "approve" | "reject", reason = ""): Promise<DecideResult | null> {
  const study = await managedStudy(user, studyId);
  if (!study) return null;
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return { ok: false, reason: "none-selected" };
  const why = String(reason ?? "").replace(/\u0000/g, "").trim();
  if (decision === "reject" && !why) return { ok: false, reason: "reason-required" };
  if (why.length > REASON_MAX) return { ok: false, reason: "reason-too-long" };
  return db.$transaction(
    async (tx) => {
      await lockCaps(tx);
      const rewards = await tx.reward.findMany({
        where: { id: { in: wanted }, studyId: study.id, status: "PENDING" },
        select: { id: true, ruleId: true, kind: true, amountCents: true, userId: true },
      });
      if (rewards.length === 0) return { ok: false as const, reason: "none-selected" as const };
      const now = new Date();
      if (decision === "reject") {
        await tx.reward.updateMany({ where: { id: { in: rewards.map((r) => r.id) } }, data: { status: "REJECTED", rejectReason: why, decidedAt: now, decidedById: user.id } });
        await recordAudit({ actorId: user.id, action: "incentives.reject", data: { studyId: study.id, rewards: rewards.length } }, tx);
        return { ok: true as const, approved: 0, rejected: rewards.length, delivered: 0 };
      }
      for (const ruleId of new Set(rewards.map((r) => r.ruleId))) {
        const rule = await tx.rewardRule.findUniqueOrThrow({ where: { id: ruleId }, select: { budgetCents: true } });
        const committed = await tx.reward.aggregate({ where: { ruleId, status: { in: COMMITTED } }, _sum: { amountCents: true } });
        const neededCents = rewards.filter((r) => r.ruleId === ruleId).reduce((sum, r) => sum + r.amountCents, 0);
        const remainingCents = rule.budgetCents - (committed._sum.amountCents ?? 0);
        if (neededCents > remainingCents) return { ok: false as const, reason: "over-budget" as const, ruleId, neededCents, remainingCents };
      }
      await tx.reward.updateMany({ where: { id: { in: rewards.map((r) => r.id) } }, data: { status: "APPROVED", rejectReason: null, decidedAt: now, decidedById: user.id } });
      let delivered = 0;
      for (const reward of rewards) {
        if (reward.kind === "GIFT_CARD") delivered += Number(await deliverGiftCard(tx, reward.id));
        else if (reward.kind === "BANK_TRANSFER" || reward.kind === "CHARITY") await notifyReward(tx, reward.id, "approved");
      }
      await recordAudit({ actorId: user.id, action: "incentives.approve", data: { studyId: study.id, rewards: rewards.length } }, tx);
      return { ok: true as const, approved: rewards.length, rejected: 0, delivered };
    },
    { timeout: 60_000 },
  );
}

export type DrawResult = { ok: true; drawId: string; winners: number; entries: number } | { ok: false; reason: "not-a-draw" | "no-entries" | "over-budget" };

/**
 * Draws the rule's prizes among its approved entries not drawn before. An
 * entry whose member the prize would take past the yearly cap is left out
 * (NOT_DRAWN). Winners' prizes are delivered as gift cards of the prize's value.
 */
export async function runPrizeDraw(user: SessionUser, studyId: string, ruleId: string): Promise<DrawResult | null> {
  const study = await managedStudy(user, studyId);
  if (!study || !isUuid(ruleId)) return null;
  const rule = await db.rewardRule.findFirst({ where: { id: ruleId, studyId: study.id } });
  if (!rule) return null;
  if (rule.kind !== "PRIZE_DRAW" || !rule.prizes) return { ok: false, reason: "not-a-draw" };
  return db.$transaction(
    async (tx) => {
      await lockCaps(tx);
      const entries = await tx.reward.findMany({ where: { ruleId: rule.id, status: "APPROVED", drawId: null }, select: { id: true, userId: true, year: true } });
      const cap = await yearlyCapCents(tx);
      const eligible: string[] = [];
      const ineligible: string[] = [];
      for (const year of new Set(entries.map((e) => e.year))) {
        const inYear = entries.filter((e) => e.year === year);
        const totals = await yearTotals(tx, inYear.flatMap((e) => (e.userId ? [e.userId] : [])), year);
        for (const e of inYear) (e.userId && (totals.get(e.userId) ?? 0) + rule.amountCents <= cap ? eligible : ineligible).push(e.id);
      }
      if (eligible.length === 0) return { ok: false as const, reason: "no-entries" as const };
      const prizes = Math.min(rule.prizes!, eligible.length);
      const committed = await tx.reward.aggregate({ where: { ruleId: rule.id, status: { in: COMMITTED } }, _sum: { amountCents: true } });
      if (prizes * rule.amountCents > rule.budgetCents - (committed._sum.amountCents ?? 0)) return { ok: false as const, reason: "over-budget" as const };
      const seed = newDrawSeed();
      const sorted = [...eligible].sort();
      const winners = drawWinners(seed, sorted, prizes);
      const draw = await tx.prizeDraw.create({
        data: { ruleId: rule.id, studyId: study.id, seed, prizes: rule.prizes!, prizeCents: rule.amountCents, entries: sorted, entriesDigest: entriesDigest(sorted), winners, drawnById: user.id },
        select: { id: true },
      });
      const losers = [...sorted.filter((id) => !winners.includes(id)), ...ineligible];
      await tx.reward.updateMany({ where: { id: { in: losers } }, data: { status: "NOT_DRAWN", drawId: draw.id } });
      await tx.reward.updateMany({ where: { id: { in: winners } }, data: { amountCents: rule.amountCents, drawId: draw.id, decidedAt: new Date(), decidedById: user.id } });
      for (const id of winners) {
        if (!(await deliverGiftCard(tx, id, "won"))) await notifyReward(tx, id, "won");
      }
      await recordAudit({ actorId: user.id, action: "incentives.draw", data: { studyId: study.id, drawId: draw.id, entries: sorted.length, winners: winners.length } }, tx);
      return { ok: true as const, drawId: draw.id, winners: winners.length, entries: sorted.length };
    },
    { timeout: 60_000 },
  );
}

// ---------------------------------------------------------------------------
// Delivery and emails

async function notifyReward(tx: PanelTransaction, rewardId: string, kind: RewardEmailKind, extra: { code?: string; expires?: Date | null } = {}) {
  const reward = await tx.reward.findUniqueOrThrow({
    where: { id: rewardId },
    select: {
      id: true,
      kind: true,
      amountCents: true,
      rule: { select: { charity: true, study: { select: { title: true } } } },
      user: { select: { id: true, email: true, language: true, status: true, bankAccount: { select: { ibanLast4: true, iban: true } } } },
    },
  });
  const { user } = reward;
  if (!user || user.status !== "ACTIVE") return;
  const language: Language = isLanguage(user.language) ? user.language : "fi";
  const needsAccount = kind === "approved" && reward.kind === "BANK_TRANSFER" && !user.bankAccount;
  const emailKind: RewardEmailKind = kind === "approved" ? (reward.kind === "CHARITY" ? "charity" : needsAccount ? "needsAccount" : "approved") : kind;
  await enqueueEmail(tx, {
    template: "reward",
    to: user.email,
    language,
    memberId: user.id,
    // A prize won with no code in stock is told at once and gets its code later: two emails.
    dedupeKey: `reward:${reward.id}:${emailKind}${extra.code ? ":code" : ""}`,
    data: {
      kind: emailKind,
      title: localized(reward.rule.study.title, language),
      amount: formatEuros(reward.amountCents, language),
      code: extra.code,
      expires: extra.expires ? formatDate(extra.expires, language) : extra.code ? "" : undefined,
      account: user.bankAccount ? `…${user.bankAccount.ibanLast4}` : undefined,
      charity: reward.rule.charity ?? undefined,
      url: rewardsUrl(),
    },
  });
}

/**
 * Gives an approved gift-card reward (or a prize won) a code of its value
 * from the stock and emails it; false when none is in stock, and the reward
 * waits for the next upload.
 */
async function deliverGiftCard(tx: PanelTransaction, rewardId: string, kind: "giftCard" | "won" = "giftCard"): Promise<boolean> {
  const reward = await tx.reward.findUniqueOrThrow({ where: { id: rewardId }, select: { amountCents: true, userId: true } });
  if (!reward.userId) return false;
  const today = helsinkiDay();
  const [card] = await tx.$queryRaw<{ id: string; code: string; expiresOn: Date | null }[]>`
    SELECT id, code, "expiresOn" FROM "GiftCard"
    WHERE "rewardId" IS NULL AND "valueCents" = ${reward.amountCents} AND ("expiresOn" IS NULL OR "expiresOn" >= ${today}::date)
    ORDER BY "expiresOn" ASC NULLS LAST, "uploadedAt" ASC
    LIMIT 1 FOR UPDATE SKIP LOCKED`;
  if (!card) return false;
  await tx.giftCard.update({ where: { id: card.id }, data: { rewardId, deliveredOn: dayDate(today) } });
  await tx.reward.update({ where: { id: rewardId }, data: { status: "PAID", paidOn: dayDate(today) } });
  await notifyReward(tx, rewardId, kind, { code: decryptField("gift-card", card.code), expires: card.expiresOn });
  return true;
}

/** Approved gift cards and prizes still waiting for a code, delivered from the stock. */
async function deliverWaiting(tx: PanelTransaction): Promise<number> {
  const waiting = await tx.reward.findMany({
    where: { status: "APPROVED", giftCard: null, userId: { not: null }, OR: [{ kind: "GIFT_CARD" }, { kind: "PRIZE_DRAW", amountCents: { gt: 0 }, drawId: { not: null } }] },
    select: { id: true, kind: true },
    orderBy: { decidedAt: "asc" },
  });
  let delivered = 0;
  for (const reward of waiting) delivered += Number(await deliverGiftCard(tx, reward.id, reward.kind === "PRIZE_DRAW" ? "won" : "giftCard"));
  return delivered;
}

// ---------------------------------------------------------------------------
// Gift-card stock and payouts (admins)

export type UploadResult = { ok: true; added: number; duplicates: number; delivered: number } | { ok: false; problems: GiftCardCsvProblem[] };

export async function uploadGiftCards(user: SessionUser, fileName: string, text: string): Promise<UploadResult> {
  forbidUnless(user, "incentives.admin");
  const { rows, problems } = parseGiftCardCsv(text);
  if (problems.length > 0 || rows.length === 0) return { ok: false, problems: problems.length ? problems : [{ line: 1, problem: "columns" }] };
  const upload = `${String(fileName || "upload.csv").replace(/[^\p{L}\p{N} ._-]/gu, "").slice(0, 80)} ${helsinkiDay()}`;
  return db.$transaction(
    async (tx) => {
      const created = await tx.giftCard.createMany({
        data: rows.map((row) => ({
          codeHash: keyedHash("gift-card", row.code),
          code: encryptField("gift-card", row.code),
          codeLast4: row.code.slice(-4),
          valueCents: row.valueCents,
          expiresOn: row.expiresOn ? dayDate(row.expiresOn) : null,
          upload,
          uploadedById: user.id,
        })),
        skipDuplicates: true,
      });
      const delivered = await deliverWaiting(tx);
      await recordAudit({ actorId: user.id, action: "incentives.gift-cards", data: { added: created.count, duplicates: rows.length - created.count, delivered } }, tx);
      return { ok: true as const, added: created.count, duplicates: rows.length - created.count, delivered };
    },
    { timeout: 60_000 },
  );
}

export interface PayoutBatchSummary {
  id: string;
  reference: string;
  status: "OPEN" | "PAID";
  totalCents: number;
  lines: number;
  createdAt: string;
  exportedAt: string | null;
  paidOn: string | null;
}

/** The admin's incentives page: the cap, gift-card stock by value, what waits for payout, the batches. */
export async function incentivesAdmin(user: SessionUser) {
  forbidUnless(user, "incentives.admin");
  const today = helsinkiDay();
  const stock = await db.$queryRaw<{ valueCents: number; available: number; delivered: number; expired: number }[]>`
    SELECT "valueCents",
      count(*) FILTER (WHERE "rewardId" IS NULL AND ("expiresOn" IS NULL OR "expiresOn" >= ${today}::date))::int AS available,
      count(*) FILTER (WHERE "rewardId" IS NOT NULL)::int AS delivered,
      count(*) FILTER (WHERE "rewardId" IS NULL AND "expiresOn" < ${today}::date)::int AS expired
    FROM "GiftCard" GROUP BY "valueCents" ORDER BY "valueCents"`;
  const waitingCards = await db.reward.groupBy({
    by: ["amountCents"],
    where: { status: "APPROVED", giftCard: null, OR: [{ kind: "GIFT_CARD" }, { kind: "PRIZE_DRAW", amountCents: { gt: 0 }, drawId: { not: null } }] },
    _count: { _all: true },
  });
  const payable = await payableRewards(db);
  const waitingAccount = await db.reward.count({ where: { status: "APPROVED", kind: "BANK_TRANSFER", payoutBatchId: null, user: { bankAccount: null } } });
  const batches = await db.payoutBatch.findMany({ orderBy: { createdAt: "desc" }, take: 100 });
  return {
    capCents: await yearlyCapCents(),
    stock,
    waitingCards: waitingCards.map((w) => ({ valueCents: w.amountCents, count: w._count._all })),
    payable: { count: payable.length, totalCents: payable.reduce((sum, r) => sum + r.amountCents, 0) },
    waitingAccount,
    batches: batches.map(
      (b): PayoutBatchSummary => ({
        id: b.id,
        reference: b.reference,
        status: b.status,
        totalCents: b.totalCents,
        lines: b.lines,
        createdAt: b.createdAt.toISOString(),
        exportedAt: b.exportedAt?.toISOString() ?? null,
        paidOn: b.paidOn ? dayOf(b.paidOn) : null,
      }),
    ),
  };
}

async function payableRewards(tx: { reward: PanelTransaction["reward"] }) {
  return tx.reward.findMany({
    where: {
      status: "APPROVED",
      payoutBatchId: null,
      OR: [{ kind: "CHARITY" }, { kind: "BANK_TRANSFER", user: { bankAccount: { isNot: null } } }],
    },
    select: { id: true, amountCents: true },
  });
}

export type CreateBatchResult = { ok: true; id: string; reference: string; lines: number } | { ok: false; reason: "nothing" };

/** Puts every approved bank transfer with an account, and every approved donation, in a new batch. */
export async function createPayoutBatch(user: SessionUser): Promise<CreateBatchResult> {
  forbidUnless(user, "incentives.admin");
  return db.$transaction(async (tx) => {
    await lockCaps(tx);
    const rewards = await payableRewards(tx);
    if (rewards.length === 0) return { ok: false as const, reason: "nothing" as const };
    const year = helsinkiDay().slice(0, 4);
    const count = await tx.payoutBatch.count({ where: { reference: { startsWith: `${year}-` } } });
    const reference = `${year}-${String(count + 1).padStart(4, "0")}`;
    const batch = await tx.payoutBatch.create({
      data: { reference, totalCents: rewards.reduce((sum, r) => sum + r.amountCents, 0), lines: rewards.length, createdById: user.id },
      select: { id: true },
    });
    await tx.reward.updateMany({ where: { id: { in: rewards.map((r) => r.id) } }, data: { payoutBatchId: batch.id } });
    await recordAudit({ actorId: user.id, action: "incentives.batch", data: { reference, lines: rewards.length } }, tx);
    return { ok: true as const, id: batch.id, reference, lines: rewards.length };
  });
}

/**
 * The batch as finance reads it: one line per payment, UTF-8 with BOM.
 * Only while the batch is open: once it is paid the accounts are deleted.
 */
export async function payoutCsv(user: SessionUser, batchId: string): Promise<{ fileName: string; csv: string } | null> {
  forbidUnless(user, "incentives.admin");
  if (!isUuid(batchId)) return null;
  const batch = await db.payoutBatch.findUnique({ where: { id: batchId } });
  if (!batch || batch.status !== "OPEN") return null;
  const rewards = await db.reward.findMany({
    where: { payoutBatchId: batch.id },
    orderBy: [{ kind: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      amountCents: true,
      rule: { select: { charity: true, study: { select: { title: true } } } },
      user: { select: { bankAccount: { select: { iban: true, holder: true } } } },
    },
  });
  const rows: (string | number)[][] = [["batch", "payment", "type", "payee", "iban", "amount_eur", "message"]];
  for (const r of rewards) {
    const account = r.user?.bankAccount;
    const message = `Panel ${localized(r.rule.study.title, "fi")}`.slice(0, 140);
    const amount = (r.amountCents / 100).toFixed(2);
    if (r.kind === "CHARITY") rows.push([batch.reference, r.id, "charity", r.rule.charity ?? "", "", amount, message]);
    else rows.push([batch.reference, r.id, "bank_transfer", account?.holder ?? "", account ? formatIban(decryptField("iban", account.iban)) : "", amount, message]);
  }
  await db.payoutBatch.update({ where: { id: batch.id }, data: { exportedAt: new Date() } });
  await recordAudit({ actorId: user.id, action: "incentives.batch-export", data: { reference: batch.reference } });
  return { fileName: `panel-payout-${batch.reference}.csv`, csv: toCsv(rows) };
}

export type MarkPaidResult = { ok: true; paid: number; accountsDeleted: number } | { ok: false; reason: "already-paid" | "not-exported" };

/** Finance has paid the batch: its rewards are paid, members are told, accounts nothing more is owed to are deleted. */
export async function markPayoutPaid(user: SessionUser, batchId: string): Promise<MarkPaidResult | null> {
  forbidUnless(user, "incentives.admin");
  if (!isUuid(batchId)) return null;
  return db.$transaction(async (tx) => {
    const [batch] = await tx.$queryRaw<{ id: string; status: string; exportedAt: Date | null; reference: string }[]>`
      SELECT id, status::text, "exportedAt", reference FROM "PayoutBatch" WHERE id = ${batchId}::uuid FOR UPDATE`;
    if (!batch) return null;
    if (batch.status !== "OPEN") return { ok: false as const, reason: "already-paid" as const };
    if (!batch.exportedAt) return { ok: false as const, reason: "not-exported" as const };
    const today = dayDate(helsinkiDay());
    const rewards = await tx.reward.findMany({ where: { payoutBatchId: batch.id, status: "APPROVED" }, select: { id: true, userId: true, kind: true } });
    await tx.reward.updateMany({ where: { id: { in: rewards.map((r) => r.id) } }, data: { status: "PAID", paidOn: today } });
    await tx.payoutBatch.update({ where: { id: batch.id }, data: { status: "PAID", paidOn: today } });
    for (const r of rewards) if (r.kind === "BANK_TRANSFER") await notifyReward(tx, r.id, "paid");
    const members = [...new Set(rewards.filter((r) => r.kind === "BANK_TRANSFER" && r.userId).map((r) => r.userId!))];
    const stillOwed = await tx.reward.findMany({
      where: { userId: { in: members }, kind: "BANK_TRANSFER", status: { in: ["PENDING", "APPROVED"] } },
      select: { userId: true },
      distinct: ["userId"],
    });
    const owed = new Set(stillOwed.map((r) => r.userId));
    const deleted = await tx.bankAccount.deleteMany({ where: { userId: { in: members.filter((m) => !owed.has(m)) } } });
    await recordAudit({ actorId: user.id, action: "incentives.batch-paid", data: { reference: batch.reference, paid: rewards.length, accountsDeleted: deleted.count } }, tx);
    return { ok: true as const, paid: rewards.length, accountsDeleted: deleted.count };
  });
}

/** A draw as anyone may check it: the seed, the entries and the winners; no identities. */
export async function prizeDraw(drawId: string): Promise<DrawSummary | null> {
  if (!isUuid(drawId)) return null;
  const d = await db.prizeDraw.findUnique({ where: { id: drawId } });
  return d
    ? { id: d.id, ruleId: d.ruleId, seed: d.seed, prizes: d.prizes, prizeCents: d.prizeCents, entries: d.entries, entriesDigest: d.entriesDigest, winners: d.winners, drawnAt: d.drawnAt.toISOString() }
    : null;
}

// ---------------------------------------------------------------------------
// The member's own rewards

export interface MemberReward {
  id: string;
  studyTitle: unknown;
  kind: RewardKind;
  amountCents: number;
  status: RewardStatus;
  accruedOn: string;
  paidOn: string | null;
  rejectReason: string | null;
  charity: string | null;
  /** a delivered gift card's code and last day */
  giftCard: { code: string; expiresOn: string | null } | null;
  /** an approved bank transfer waiting for the member's account */
  waitingForAccount: boolean;
}

export async function memberRewards(userId: string) {
  if (!isUuid(userId)) return null;
  await accrueRewards({ userId });
  const rows = await db.reward.findMany({
    where: { userId },
    orderBy: [{ accruedOn: "desc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      amountCents: true,
      status: true,
      accruedOn: true,
      paidOn: true,
      rejectReason: true,
      year: true,
      rule: { select: { charity: true, study: { select: { title: true } } } },
      giftCard: { select: { code: true, expiresOn: true } },
    },
  });
  const account = await db.bankAccount.findUnique({ where: { userId }, select: { iban: true, holder: true } });
  const year = Number(helsinkiDay().slice(0, 4));
  const rewards: MemberReward[] = rows.map((r) => ({
    id: r.id,
    studyTitle: r.rule.study.title,
    kind: r.kind,
    amountCents: r.amountCents,
    status: r.status,
    accruedOn: dayOf(r.accruedOn),
    paidOn: r.paidOn ? dayOf(r.paidOn) : null,
    rejectReason: r.rejectReason,
    charity: r.rule.charity,
    giftCard: r.giftCard ? { code: decryptField("gift-card", r.giftCard.code), expiresOn: r.giftCard.expiresOn ? dayOf(r.giftCard.expiresOn) : null } : null,
    waitingForAccount: r.kind === "BANK_TRANSFER" && r.status === "APPROVED" && !account,
  }));
  return {
    rewards,
    /** the form for an account is shown only when a bank transfer waits for it, or one is on file */
    accountWanted: rewards.some((r) => r.kind === "BANK_TRANSFER" && (r.status === "APPROVED" || r.status === "PENDING")),
    account: account ? { masked: maskIban(decryptField("iban", account.iban)), holder: account.holder } : null,
    year,
    yearTotalCents: rows.filter((r) => r.year === year && COUNTED.includes(r.status) && INCOME.includes(r.kind)).reduce((sum, r) => sum + r.amountCents, 0),
    capCents: await yearlyCapCents(),
  };
}

export type AccountResult =
  | { ok: true }
  | { ok: false; reason: "not-wanted" }
  | { ok: false; errors: { iban?: IbanProblem; holder?: "required" | "too-long" }; values: { iban: string; holder: string } };

/** Keeps the member's IBAN (encrypted) when a bank transfer is pending or approved for them. */
export async function saveBankAccount(userId: string, input: { iban?: unknown; holder?: unknown }): Promise<AccountResult> {
  const values = { iban: String(input.iban ?? "").slice(0, 64), holder: String(input.holder ?? "").replace(/\u0000/g, "").trim().slice(0, 200) };
  const wanted = isUuid(userId) && (await db.reward.count({ where: { userId, kind: "BANK_TRANSFER", status: { in: ["PENDING", "APPROVED"] } } })) > 0;
  if (!wanted) return { ok: false, reason: "not-wanted" };
  const errors: { iban?: IbanProblem; holder?: "required" | "too-long" } = {};
  const problem = ibanProblem(values.iban);
  if (problem) errors.iban = problem;
  if (!values.holder) errors.holder = "required";
  else if (String(input.holder ?? "").trim().length > 140) errors.holder = "too-long";
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  const iban = normaliseIban(values.iban);
  const data = { iban: encryptField("iban", iban), ibanLast4: iban.slice(-4), holder: values.holder };
  await db.bankAccount.upsert({ where: { userId }, update: data, create: { userId, ...data } });
  await recordAudit({ actorId: userId, action: "incentives.account", subjectId: userId });
  return { ok: true };
}

export async function removeBankAccount(userId: string): Promise<void> {
  if (!isUuid(userId)) return;
  await db.bankAccount.deleteMany({ where: { userId, user: { rewards: { none: { kind: "BANK_TRANSFER", status: "APPROVED", payoutBatch: { status: "OPEN" } } } } } });
}

/** For the member's data download: their rewards and their bank account, the IBAN in full (it is theirs). */
export async function rewardsForExport(tx: PanelTransaction, userId: string) {
  const rewards = await tx.reward.findMany({
    where: { userId },
    select: { kind: true, amountCents: true, status: true, accruedOn: true, paidOn: true, rejectReason: true, rule: { select: { study: { select: { title: true } } } } },
  });
  const account = await tx.bankAccount.findUnique({ where: { userId }, select: { iban: true, ibanLast4: true, holder: true, createdAt: true } });
  return {
    rewards: rewards.map((r) => ({ study: r.rule.study.title, kind: r.kind, amountCents: r.amountCents, status: r.status, accruedOn: dayOf(r.accruedOn), paidOn: r.paidOn ? dayOf(r.paidOn) : null, rejectReason: r.rejectReason })),
    bankAccount: account ? { iban: decryptField("iban", account.iban), ibanLast4: account.ibanLast4, holder: account.holder, createdAt: account.createdAt.toISOString() } : null,
  };
}

/**
 * A member leaves: what is still to be decided or paid goes; what was paid
 * (or is in a batch finance is paying) stays as a finance record without the
 * member (the user row's deletion sets userId to null and takes the account).
 */
export async function eraseRewardsOf(tx: PanelTransaction, userId: string) {
  await tx.reward.deleteMany({
    where: { userId, status: { not: "PAID" }, OR: [{ payoutBatchId: null }, { payoutBatch: { status: "PAID" } }] },
  });
}
