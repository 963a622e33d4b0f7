// The feedback inbox's settings, for admins: units (their mailbox, the
// language of their emails and their handlers), services named in three
// languages, routing rules and how long feedback is kept. Every function
// checks "feedback.admin" itself; unknown or malformed ids are "not-found",
// never an error.
import { z } from "zod";
import { can } from "~/infra/auth/roles";
import type { SessionUser } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { emailField, requiredText } from "~/infra/http/fields";
import { languages, type MessageKey } from "~/infra/i18n/i18n";
import { recordAudit } from "~/modules/audit/record.server";
import { feedbackCategories } from "./kinds";
import { ruleSpecificity } from "./routing.server";

const isUuid = (id: unknown): id is string =>
  typeof id === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
export const RETENTION_DEFAULT = 24;
const prismaCode = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error ? (error as { code: unknown }).code : undefined;

function forbidUnlessAdmin(user: SessionUser) {
  if (user.kind !== "STAFF" || !can(user.roles, "feedback.admin")) throw new Response("Forbidden", { status: 403 });
}

export type SettingsResult =
  | { ok: true }
  | { ok: false; errors: Record<string, MessageKey>; values: Record<string, string | string[]> }
  | { ok: false; reason: "not-found" | "confirm" };

export async function retentionMonths(): Promise<number> {
  const row = await db.feedbackSettings.findUnique({ where: { id: 1 }, select: { retentionMonths: true } });
  return row?.retentionMonths ?? RETENTION_DEFAULT;
}

/** Staff users who may handle feedback: those a unit's handlers are chosen from. */
export async function handlerCandidates() {
  return db.user.findMany({
    where: { kind: "STAFF", status: "ACTIVE", roles: { hasSome: ["FEEDBACK_HANDLER", "ADMIN"] } },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true },
  });
}

export async function feedbackSettings(user: SessionUser) {
  forbidUnlessAdmin(user);
  const [units, services, rules, candidates, retention] = await Promise.all([
    db.feedbackUnit.findMany({
      orderBy: { name: "asc" },
      select: { id: true, name: true, email: true, language: true, active: true, handlers: { select: { userId: true } }, _count: { select: { items: true } } },
    }),
    db.feedbackService.findMany({
      orderBy: [{ sortOrder: "asc" }, { nameFi: "asc" }],
      select: { id: true, nameFi: true, nameSv: true, nameEn: true, sortOrder: true, active: true },
    }),
    db.feedbackRoutingRule.findMany({ select: { id: true, serviceId: true, category: true, unitId: true } }),
    handlerCandidates(),
    retentionMonths(),
  ]);
  // most specific first, the way routing reads them
  rules.sort((a, b) => ruleSpecificity(b) - ruleSpecificity(a));
  return {
    units: units.map(({ handlers, _count, ...unit }) => ({ ...unit, handlerIds: handlers.map((h) => h.userId), items: _count.items })),
    services,
    rules,
    candidates,
    retentionMonths: retention,
  };
}

const unitSchema = z.object({
  name: requiredText(120),
  email: emailField,
  language: z.enum(languages, { error: "feedbackIntake.error.choose" }),
  active: z.string().optional().transform((v) => v === "yes"),
});

/** Creates a unit (no id) or updates one; handlers are replaced by those chosen. */
export async function saveUnit(user: SessionUser, input: Record<string, string>, handlerIds: string[]): Promise<SettingsResult> {
  forbidUnlessAdmin(user);
  const id = input.unitId || null;
  if (id !== null && !isUuid(id)) return { ok: false, reason: "not-found" };
  const parsed = unitSchema.safeParse(input);
  const values = { ...input, handlers: handlerIds };
  if (!parsed.success) {
    const errors: Record<string, MessageKey> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message as MessageKey;
    return { ok: false, errors, values };
  }
  const allowed = new Set((await handlerCandidates()).map((c) => c.id));
  const handlers = [...new Set(handlerIds)].filter((h) => allowed.has(h));
  try {
    await db.$transaction(async (tx) => {
      const data = { name: parsed.data.name, email: parsed.data.email.toLowerCase(), language: parsed.data.language, active: id ? parsed.data.active : true };
      const unit = id
        ? await tx.feedbackUnit.update({ where: { id }, data, select: { id: true } })
        : await tx.feedbackUnit.create({ data, select: { id: true } });
      await tx.feedbackUnitHandler.deleteMany({ where: { unitId: unit.id } });
      if (handlers.length) await tx.feedbackUnitHandler.createMany({ data: handlers.map((userId) => ({ unitId: unit.id, userId })) });
      await recordAudit({ actorId: user.id, action: id ? "feedback.unit.update" : "feedback.unit.create", subjectId: unit.id, data: { handlers: handlers.length } }, tx);
    });
  } catch (error) {
    if (prismaCode(error) === "P2002") {
      return { ok: false, errors: { name: "feedbackIntake.settings.nameTaken" }, values };
    }
    if (prismaCode(error) === "P2025") return { ok: false, reason: "not-found" };
    throw error;
  }
  return { ok: true };
}

const serviceSchema = z.object({
  nameFi: requiredText(120),
  nameSv: requiredText(120),
  nameEn: requiredText(120),
  sortOrder: z
    .string()
    .trim()
    .optional()
    .default("0")
    .refine((v) => /^-?\d{1,4}$/.test(v || "0"), "feedbackIntake.settings.retentionInvalid")
    .transform((v) => Number(v || "0")),
  active: z.string().optional().transform((v) => v === "yes"),
});

export async function saveService(user: SessionUser, input: Record<string, string>): Promise<SettingsResult> {
  forbidUnlessAdmin(user);
  const id = input.serviceId || null;
  if (id !== null && !isUuid(id)) return { ok: false, reason: "not-found" };
  const parsed = serviceSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, MessageKey> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message as MessageKey;
    return { ok: false, errors, values: input };
  }
  const data = { ...parsed.data, active: id ? parsed.data.active : true };
  if (id) {
    const updated = await db.feedbackService.updateMany({ where: { id }, data });
    if (updated.count === 0) return { ok: false, reason: "not-found" };
  } else {
    await db.feedbackService.create({ data });
  }
  await recordAudit({ actorId: user.id, action: id ? "feedback.service.update" : "feedback.service.create", subjectId: id ?? undefined });
  return { ok: true };
}

const ruleSchema = z.object({
  serviceId: z.string().optional().default("").refine((v) => v === "" || isUuid(v), "feedbackIntake.error.service"),
  category: z.union([z.literal(""), z.enum(feedbackCategories)], { error: "feedbackIntake.error.choose" }).optional().default(""),
  unitId: z.string({ error: "feedbackIntake.error.choose" }).refine(isUuid, "feedbackIntake.error.choose"),
});

export async function addRule(user: SessionUser, input: Record<string, string>): Promise<SettingsResult> {
  forbidUnlessAdmin(user);
  const parsed = ruleSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, MessageKey> = {};
    for (const issue of parsed.error.issues) errors[`rule-${String(issue.path[0])}`] ??= issue.message as MessageKey;
    return { ok: false, errors, values: input };
  }
  const serviceId = parsed.data.serviceId || null;
  const category = parsed.data.category || null;
  const [unit, service] = await Promise.all([
    db.feedbackUnit.findUnique({ where: { id: parsed.data.unitId }, select: { id: true } }),
    serviceId ? db.feedbackService.findUnique({ where: { id: serviceId }, select: { id: true } }) : null,
  ]);
  if (!unit) return { ok: false, errors: { "rule-unitId": "feedbackIntake.error.choose" }, values: input };
  if (serviceId && !service) return { ok: false, errors: { "rule-serviceId": "feedbackIntake.error.service" }, values: input };
  // NULLs are distinct to the unique index, so the default and category-only
  // rules are checked here, one at a time under a lock.
  const created = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('feedback-routing-rules'))`;
    const existing = await tx.feedbackRoutingRule.findFirst({ where: { serviceId, category }, select: { id: true } });
    if (existing) return null;
    return tx.feedbackRoutingRule.create({ data: { serviceId, category, unitId: unit.id }, select: { id: true } });
  });
  if (!created) return { ok: false, errors: { "rule-serviceId": "feedbackIntake.settings.ruleExists" }, values: input };
  await recordAudit({ actorId: user.id, action: "feedback.rule.create", subjectId: created.id });
  return { ok: true };
}

type Deletable = "unit" | "service" | "rule";

/** Deletes a unit, service or rule once the "I understand" box is ticked. */
export async function deleteSetting(user: SessionUser, kind: Deletable, id: string, understood: boolean): Promise<SettingsResult> {
  forbidUnlessAdmin(user);
  if (!isUuid(id)) return { ok: false, reason: "not-found" };
  if (!understood) return { ok: false, reason: "confirm" };
  const where = { where: { id } };
  const deleted =
    kind === "unit"
      ? await db.feedbackUnit.deleteMany(where)
      : kind === "service"
        ? await db.feedbackService.deleteMany(where)
        : await db.feedbackRoutingRule.deleteMany(where);
  if (deleted.count === 0) return { ok: false, reason: "not-found" };
  await recordAudit({ actorId: user.id, action: `feedback.${kind}.delete`, subjectId: id });
  return { ok: true };
}

export async function saveRetention(user: SessionUser, input: Record<string, string>): Promise<SettingsResult> {
  forbidUnlessAdmin(user);
  const typed = (input.retentionMonths ?? "").trim();
  const months = /^\d{1,3}$/.test(typed) ? Number(typed) : NaN;
  if (!(months >= 1 && months <= 120)) {
    return { ok: false, errors: { retentionMonths: "feedbackIntake.settings.retentionInvalid" }, values: input };
  }
  await db.feedbackSettings.upsert({ where: { id: 1 }, update: { retentionMonths: months }, create: { id: 1, retentionMonths: months } });
  await recordAudit({ actorId: user.id, action: "feedback.retention", data: { retentionMonths: months } });
  return { ok: true };
}
