// Handling feedback: the inbox's filters and counts, one item with its action
// log, and every change a handler makes (status, assignment, actions, "led to
// a change", the reply to the customer, the churn-risk flag, publishing to
// "you said, we did"). Every change writes a FeedbackAction row in the same
// transaction, so the log always tells what was done, by whom and when.
// Every handler may act on every item (one central feedback team); unit
// membership only drives "my units" and whom an item can be given to.
import { z } from "zod";
import type { Prisma } from "~/generated/panel/client";
import type { SessionUser } from "~/infra/auth/session.server";
import { db, type PanelTransaction } from "~/infra/db/panel.server";
import type { Language, MessageKey } from "~/infra/i18n/i18n";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import { maskFreeText } from "~/modules/results/masking";
import { helsinkiDay } from "~/modules/studies/days";
import {
  customerTypes,
  feedbackCategories,
  feedbackChannels,
  feedbackReference,
  feedbackStatuses,
  openStatuses,
  type FeedbackStatus,
} from "./kinds";
import { nextStatuses } from "./handling";

export const INBOX_PAGE_SIZE = 25;
/** The most rows one CSV export holds; a narrower filter gets the rest. */
export const EXPORT_MAX_ROWS = 20_000;
/** How much of the text a table row shows (masked). */
export const EXCERPT_MAX = 160;
/** The longest handler text (an action, a reply, a published entry). */
export const HANDLER_TEXT_MAX = 4000;
export const PUBLISHED_TEXT_MAX = 1000;

export const isUuid = (value: unknown): value is string =>
  typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** PostgreSQL refuses a NUL in a text, and control characters never mean anything in a search. */
const cleanSearch = (value: string) => value.replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, 200);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));

/** The inbox's (and the export's) query: anything unreadable falls back to its default, never an error. */
export const inboxQuerySchema = z.object({
  status: z.enum(["open", "all", ...feedbackStatuses]).catch("open").default("open"),
  /** "mine" (my units), "all", "none" (not routed) or a unit id; absent: mine when I have units */
  unit: z.union([z.enum(["mine", "all", "none"]), z.string().uuid()]).optional().catch(undefined),
  assigned: z.enum(["me"]).optional().catch(undefined),
  category: z.enum(feedbackCategories).optional().catch(undefined),
  channel: z.enum(feedbackChannels).optional().catch(undefined),
  service: z.string().uuid().optional().catch(undefined),
  customerType: z.enum(customerTypes).optional().catch(undefined),
  urgent: z.enum(["1"]).optional().catch(undefined),
  churn: z.enum(["1"]).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  q: z.string().transform(cleanSearch).optional().catch(undefined),
  sort: z.enum(["newest", "waiting"]).catch("newest").default("newest"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type InboxQuery = z.output<typeof inboxQuerySchema>;

export function parseInboxQuery(params: URLSearchParams): InboxQuery {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(inboxQuerySchema.shape)) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  return inboxQuerySchema.parse(raw);
}

/** The first instant of a Helsinki day (its offset is +2 or +3 hours). */
export function helsinkiDayStart(value: string): Date {
  const midnightUtc = Date.parse(`${value}T00:00:00Z`);
  for (const hours of [3, 2]) {
    const candidate = new Date(midnightUtc - hours * 3_600_000);
    if (helsinkiDay(candidate) === value && helsinkiDay(new Date(candidate.getTime() - 60_000)) !== value) return candidate;
  }
  return new Date(midnightUtc - 2 * 3_600_000);
}

const nextDay = (value: string) => new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

async function unitIdsOf(userId: string): Promise<string[]> {
  const rows = await db.feedbackUnitHandler.findMany({ where: { userId }, select: { unitId: true } });
  return rows.map((row) => row.unitId);
}

/** Everything but the status: the counts per status use this. */
function baseWhere(query: InboxQuery, user: SessionUser, myUnits: string[]): Prisma.FeedbackWhereInput {
  const and: Prisma.FeedbackWhereInput[] = [];
  const unit = effectiveUnit(query, myUnits);
  if (unit === "mine") and.push({ unitId: { in: myUnits } });
  else if (unit === "none") and.push({ unitId: null });
  else if (unit !== "all") and.push({ unitId: unit });
  if (query.assigned === "me") and.push({ assigneeId: user.id });
  if (query.category) and.push({ category: query.category });
  if (query.channel) and.push({ channel: query.channel });
  if (query.service) and.push({ serviceId: query.service });
  if (query.customerType) and.push({ customerType: query.customerType });
  if (query.urgent) and.push({ urgent: true });
  if (query.churn) and.push({ churnRisk: true });
  if (query.from) and.push({ receivedAt: { gte: helsinkiDayStart(query.from) } });
  if (query.to) and.push({ receivedAt: { lt: helsinkiDayStart(nextDay(query.to)) } });
  if (query.q) {
    const reference = /^#?(\d{1,9})$/.exec(query.q);
    and.push({
      OR: [
        { text: { contains: query.q, mode: "insensitive" } },
        { employerName: { contains: query.q, mode: "insensitive" } },
        // A customer asking what Panel holds about them is found by their contact details.
        { employerId: { contains: query.q } },
        { contactName: { contains: query.q, mode: "insensitive" } },
        { contactEmail: { contains: query.q, mode: "insensitive" } },
        { contactPhone: { contains: query.q } },
        ...(reference ? [{ number: Number(reference[1]) }] : []),
      ],
    });
  }
  return { AND: and };
}

function statusWhere(status: InboxQuery["status"]): Prisma.FeedbackWhereInput {
  if (status === "open") return { status: { in: [...openStatuses] } };
  if (status === "all") return {};
  return { status };
}

/** "mine" only means something to a handler of some unit; otherwise the inbox shows all. */
export function effectiveUnit(query: InboxQuery, myUnits: string[]): string {
  if (query.unit) return query.unit === "mine" && myUnits.length === 0 ? "all" : query.unit;
  return myUnits.length > 0 ? "mine" : "all";
}

const rowSelect = {
  id: true,
  number: true,
  receivedAt: true,
  channel: true,
  category: true,
  customerType: true,
  status: true,
  urgent: true,
  churnRisk: true,
  ledToChange: true,
  language: true,
  text: true,
  groupId: true,
  assigneeId: true,
  service: { select: { id: true, nameFi: true, nameSv: true, nameEn: true } },
  unit: { select: { id: true, name: true } },
} satisfies Prisma.FeedbackSelect;

type RawRow = Prisma.FeedbackGetPayload<{ select: typeof rowSelect }>;

export function maskedExcerpt(text: string, max = EXCERPT_MAX): string {
  const masked = maskFreeText(text).replace(/\s+/g, " ").trim();
  return masked.length > max ? `${masked.slice(0, max - 1).trimEnd()}…` : masked;
}

export function serviceName(service: { nameFi: string; nameSv: string; nameEn: string } | null, language: Language): string | null {
  if (!service) return null;
  return { fi: service.nameFi, sv: service.nameSv, en: service.nameEn }[language];
}

async function staffNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((user) => [user.id, user.name ?? user.email]));
}

async function groupSizes(groupIds: (string | null)[]): Promise<Map<string, number>> {
  const wanted = [...new Set(groupIds.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db.feedback.groupBy({ by: ["groupId"], where: { groupId: { in: wanted } }, _count: { _all: true } });
  return new Map(rows.map((row) => [row.groupId!, row._count._all]));
}

async function presentRows(rows: RawRow[], language: Language) {
  const [names, sizes] = await Promise.all([staffNames(rows.map((row) => row.assigneeId)), groupSizes(rows.map((row) => row.groupId))]);
  return rows.map((row) => ({
    id: row.id,
    reference: feedbackReference(row.number),
    receivedAt: row.receivedAt.toISOString(),
    channel: row.channel,
    category: row.category,
    customerType: row.customerType,
    status: row.status as FeedbackStatus,
    urgent: row.urgent,
    churnRisk: row.churnRisk,
    ledToChange: row.ledToChange,
    language: row.language as Language,
    service: serviceName(row.service, language),
    unit: row.unit?.name ?? null,
    assignee: row.assigneeId ? (names.get(row.assigneeId) ?? null) : null,
    groupId: row.groupId,
    groupSize: row.groupId ? (sizes.get(row.groupId) ?? 1) : 1,
    excerpt: maskedExcerpt(row.text),
  }));
}

export type InboxRow = Awaited<ReturnType<typeof presentRows>>[number];

function orderOf(query: InboxQuery): Prisma.FeedbackOrderByWithRelationInput[] {
  return query.sort === "waiting" ? [{ receivedAt: "asc" }, { number: "asc" }] : [{ receivedAt: "desc" }, { number: "desc" }];
}

/** One page of the inbox, the counts per status under the other filters, and the filter choices. */
export async function inbox(user: SessionUser, query: InboxQuery, language: Language) {
  const myUnits = await unitIdsOf(user.id);
  const base = baseWhere(query, user, myUnits);
  const where: Prisma.FeedbackWhereInput = { AND: [base, statusWhere(query.status)] };
  const [total, byStatus] = await Promise.all([
    db.feedback.count({ where }),
    db.feedback.groupBy({ by: ["status"], where: base, _count: { _all: true } }),
  ]);
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const raw = await db.feedback.findMany({ where, select: rowSelect, orderBy: orderOf(query), skip: (page - 1) * INBOX_PAGE_SIZE, take: INBOX_PAGE_SIZE });
  const counts = Object.fromEntries(feedbackStatuses.map((status) => [status, 0])) as Record<FeedbackStatus, number>;
  for (const row of byStatus) counts[row.status as FeedbackStatus] = row._count._all;
  const [units, services, anything] = await Promise.all([
    db.feedbackUnit.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.feedbackService.findMany({ select: { id: true, nameFi: true, nameSv: true, nameEn: true }, orderBy: [{ sortOrder: "asc" }, { nameFi: "asc" }] }),
    db.feedback.findFirst({ select: { id: true } }),
  ]);
  return {
    rows: await presentRows(raw, language),
    total,
    page,
    pages,
    counts,
    unit: effectiveUnit(query, myUnits),
    hasUnits: myUnits.length > 0,
    units,
    services: services.map((service) => ({ id: service.id, name: serviceName(service, language)! })),
    inboxEmpty: !anything,
  };
}

/** Every row of the filter (up to EXPORT_MAX_ROWS), for the CSV export. */
export async function inboxExport(user: SessionUser, query: InboxQuery, language: Language) {
  const myUnits = await unitIdsOf(user.id);
  const where: Prisma.FeedbackWhereInput = { AND: [baseWhere(query, user, myUnits), statusWhere(query.status)] };
  const rows: InboxRow[] = [];
  const batch = 1000;
  for (let skip = 0; skip < EXPORT_MAX_ROWS; skip += batch) {
    const raw = await db.feedback.findMany({ where, select: rowSelect, orderBy: orderOf(query), skip, take: batch });
    rows.push(...(await presentRows(raw, language)).map((row, index) => ({ ...row, excerpt: maskFreeText(raw[index]!.text) })));
    if (raw.length < batch) break;
  }
  return rows;
}

/** Open employer complaints flagged as a churn risk, the longest waiting first. */
export async function churnRiskList(language: Language) {
  const raw = await db.feedback.findMany({
    where: { churnRisk: true, category: "COMPLAINT", customerType: "EMPLOYER", status: { in: [...openStatuses] } },
    select: { ...rowSelect, employerName: true, employerId: true },
    orderBy: [{ receivedAt: "asc" }, { number: "asc" }],
    take: 500,
  });
  const rows = await presentRows(raw, language);
  return rows.map((row, index) => ({ ...row, employerName: raw[index]!.employerName, employerId: raw[index]!.employerId }));
}

// ——— One item ———

/** The item with everything a handler sees, contact details included; null when there is none. */
export async function feedbackItem(id: string, language: Language) {
  if (!isUuid(id)) return null;
  const item = await db.feedback.findUnique({
    where: { id },
    select: {
      ...rowSelect,
      employerName: true,
      employerId: true,
      wantsContact: true,
      contactName: true,
      contactEmail: true,
      contactPhone: true,
      unitId: true,
      loggedById: true,
      changeText: true,
      resolvedAt: true,
      closedAt: true,
      updatedAt: true,
      change: { select: { id: true, language: true, said: true, did: true, unitName: true, publishedOn: true, publishedById: true } },
      actions: { select: { id: true, at: true, kind: true, byId: true, text: true }, orderBy: [{ at: "asc" }, { id: "asc" }] },
    },
  });
  if (!item) return null;
  const [units, handlerRows, groupSize] = await Promise.all([
    db.feedbackUnit.findMany({ select: { id: true, name: true, active: true }, orderBy: { name: "asc" } }),
    db.feedbackUnitHandler.findMany({ select: { unitId: true, userId: true } }),
    item.groupId ? db.feedback.count({ where: { groupId: item.groupId } }) : Promise.resolve(1),
  ]);
  const names = await staffNames([
    item.assigneeId,
    item.loggedById,
    item.change?.publishedById ?? null,
    ...item.actions.map((action) => action.byId),
    ...handlerRows.map((row) => row.userId),
  ]);
  return {
    id: item.id,
    reference: feedbackReference(item.number),
    receivedAt: item.receivedAt.toISOString(),
    channel: item.channel,
    category: item.category,
    customerType: item.customerType,
    employerName: item.employerName,
    employerId: item.employerId,
    status: item.status as FeedbackStatus,
    urgent: item.urgent,
    churnRisk: item.churnRisk,
    churnRiskAllowed: churnRiskAllowed(item),
    ledToChange: item.ledToChange,
    changeText: item.changeText,
    language: item.language as Language,
    text: item.text,
    wantsContact: item.wantsContact,
    contactName: item.contactName,
    contactEmail: item.contactEmail,
    contactPhone: item.contactPhone,
    canReply: canReply(item),
    service: serviceName(item.service, language),
    unitId: item.unitId,
    unit: item.unit?.name ?? null,
    assigneeId: item.assigneeId,
    assignee: item.assigneeId ? (names.get(item.assigneeId) ?? null) : null,
    loggedBy: item.loggedById ? (names.get(item.loggedById) ?? null) : null,
    groupId: item.groupId,
    groupSize,
    resolvedAt: item.resolvedAt?.toISOString() ?? null,
    closedAt: item.closedAt?.toISOString() ?? null,
    change: item.change
      ? {
          language: item.change.language as Language,
          said: item.change.said,
          did: item.change.did,
          publishedOn: item.change.publishedOn.toISOString().slice(0, 10),
          publishedBy: item.change.publishedById ? (names.get(item.change.publishedById) ?? null) : null,
        }
      : null,
    actions: item.actions.map((action) => ({
      id: action.id,
      at: action.at.toISOString(),
      kind: action.kind,
      by: action.byId ? (names.get(action.byId) ?? null) : null,
      text: action.text,
    })),
    units: units.map((unit) => ({
      id: unit.id,
      name: unit.name,
      active: unit.active,
      handlers: handlerRows
        .filter((row) => row.unitId === unit.id)
        .map((row) => ({ id: row.userId, name: names.get(row.userId) ?? "" }))
        .filter((handler) => handler.name)
        .sort((a, b) => a.name.localeCompare(b.name)),
    })),
  };
}

export type FeedbackItem = NonNullable<Awaited<ReturnType<typeof feedbackItem>>>;

export const churnRiskAllowed = (item: { category: string; customerType: string }) => item.category === "COMPLAINT" && item.customerType === "EMPLOYER";
export const canReply = (item: { wantsContact: boolean; contactEmail: string | null }) => item.wantsContact && !!item.contactEmail;

export type Outcome = { ok: true } | { ok: false; errors: Record<string, MessageKey> } | null;
const refused = (field: string, key: MessageKey): Outcome => ({ ok: false, errors: { [field]: key } });

type Locked = { id: string; status: FeedbackStatus; category: string; customerType: string; wantsContact: boolean; contactEmail: string | null; number: number; language: Language; ledToChange: boolean; changeText: string | null; serviceId: string | null; unitId: string | null };

/** Runs a change on one item inside a transaction with its row locked; null when there is no such item. */
async function onItem(id: string, change: (tx: PanelTransaction, item: Locked) => Promise<Outcome>): Promise<Outcome> {
  if (!isUuid(id)) return null;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Locked[]>`
      SELECT id, status::text AS status, category::text AS category, "customerType"::text AS "customerType", "wantsContact",
             "contactEmail", number, language::text AS language, "ledToChange", "changeText", "serviceId", "unitId"
      FROM "Feedback" WHERE id = ${id}::uuid FOR UPDATE`;
    const item = rows[0];
    if (!item) return null;
    return change(tx, item);
  });
}

let lastStamp = 0;
/** Strictly increasing times, so two rows written in one change (start, then reply) keep their order in the log. */
function stamp(): Date {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp);
}

const log = (tx: PanelTransaction, feedbackId: string, by: SessionUser, kind: Prisma.FeedbackActionCreateManyInput["kind"], text: string | null) =>
  tx.feedbackAction.create({ data: { feedbackId, kind, byId: by.id, text, at: stamp() }, select: { id: true } });

/** The first thing a handler does to a new item starts it. */
async function startIfNew(tx: PanelTransaction, item: Locked, by: SessionUser) {
  if (item.status !== "NEW") return;
  await tx.feedback.update({ where: { id: item.id }, data: { status: "IN_PROGRESS" } });
  await log(tx, item.id, by, "STATUS", "IN_PROGRESS");
}

const handlerText = (value: unknown) => (typeof value === "string" ? value.replace(/\u0000/g, "").replace(/\r\n/g, "\n").trim() : "");

export async function changeStatus(by: SessionUser, id: string, status: unknown): Promise<Outcome> {
  const target = feedbackStatuses.find((s) => s === status);
  return onItem(id, async (tx, item) => {
    if (!target || !nextStatuses[item.status].includes(target)) return refused("status", "feedbackHandling.status.error.invalid");
    const now = new Date();
    const reopened = target === "IN_PROGRESS" && (item.status === "RESOLVED" || item.status === "CLOSED");
    await tx.feedback.update({
      where: { id: item.id },
      data: {
        status: target,
        ...(target === "RESOLVED" ? { resolvedAt: now } : {}),
        ...(target === "CLOSED" ? { closedAt: now } : {}),
        ...(reopened ? { resolvedAt: null, closedAt: null } : {}),
      },
    });
    await log(tx, item.id, by, "STATUS", target);
    return { ok: true };
  });
}

/** Gives the item to a unit, and optionally to one of that unit's handlers. */
export async function reassign(by: SessionUser, id: string, input: { unitId: unknown; assigneeId: unknown }): Promise<Outcome> {
  const unitId = isUuid(input.unitId) ? input.unitId : null;
  const assigneeId = typeof input.assigneeId === "string" && input.assigneeId !== "" ? input.assigneeId : null;
  return onItem(id, async (tx, item) => {
    if (!unitId) return refused("unitId", "feedbackHandling.assign.error.unit");
    const unit = await tx.feedbackUnit.findUnique({ where: { id: unitId }, select: { id: true, name: true } });
    if (!unit) return refused("unitId", "feedbackHandling.assign.error.unit");
    let assigneeName: string | null = null;
    if (assigneeId) {
      const handler = isUuid(assigneeId) ? await tx.feedbackUnitHandler.findUnique({ where: { unitId_userId: { unitId, userId: assigneeId } } }) : null;
      if (!handler) return refused("assigneeId", "feedbackHandling.assign.error.assignee");
      const user = await tx.user.findUnique({ where: { id: assigneeId }, select: { name: true, email: true } });
      assigneeName = user?.name ?? user?.email ?? null;
    }
    await tx.feedback.update({ where: { id: item.id }, data: { unitId: unit.id, assigneeId } });
    await log(tx, item.id, by, "ASSIGNED", assigneeName ? `${unit.name} / ${assigneeName}` : unit.name);
    return { ok: true };
  });
}

export async function recordAction(by: SessionUser, id: string, value: unknown): Promise<Outcome> {
  const text = handlerText(value);
  return onItem(id, async (tx, item) => {
    if (!text) return refused("actionText", "feedbackHandling.action.error.required");
    if (text.length > HANDLER_TEXT_MAX) return refused("actionText", "feedbackHandling.error.tooLong");
    await startIfNew(tx, item, by);
    await log(tx, item.id, by, "ACTION", text);
    return { ok: true };
  });
}

/** "Led to a change", with what changed; saving again rewrites the description. */
export async function markChange(by: SessionUser, id: string, value: unknown): Promise<Outcome> {
  const text = handlerText(value);
  return onItem(id, async (tx, item) => {
    if (!text) return refused("changeText", "feedbackHandling.change.error.required");
    if (text.length > HANDLER_TEXT_MAX) return refused("changeText", "feedbackHandling.error.tooLong");
    await tx.feedback.update({ where: { id: item.id }, data: { ledToChange: true, changeText: text } });
    await log(tx, item.id, by, "CHANGE", text);
    return { ok: true };
  });
}

/** Emails the customer in their language, only when they asked to be contacted and gave an email. */
export async function replyToCustomer(by: SessionUser, id: string, value: unknown): Promise<Outcome> {
  const text = handlerText(value);
  return onItem(id, async (tx, item) => {
    if (!canReply(item)) return refused("replyText", "feedbackHandling.reply.error.noContact");
    if (!text) return refused("replyText", "feedbackHandling.reply.error.required");
    if (text.length > HANDLER_TEXT_MAX) return refused("replyText", "feedbackHandling.error.tooLong");
    await startIfNew(tx, item, by);
    const action = await log(tx, item.id, by, "REPLY", text);
    await enqueueEmail(tx, {
      template: "feedback-reply",
      to: item.contactEmail!,
      language: item.language,
      dedupeKey: `feedback-reply:${action.id}`,
      data: { reference: feedbackReference(item.number), text },
    });
    return { ok: true };
  });
}

export async function setChurnRisk(by: SessionUser, id: string, on: boolean): Promise<Outcome> {
  return onItem(id, async (tx, item) => {
    if (on && !churnRiskAllowed(item)) return refused("churn", "feedbackHandling.churn.error.notEmployerComplaint");
    await tx.feedback.update({ where: { id: item.id }, data: { churnRisk: on } });
    await log(tx, item.id, by, "CHURN_RISK", on ? "on" : "off");
    return { ok: true };
  });
}

/** Publishes (or rewrites) the item's "you said, we did" entry: no personal data, refused when masking would change the text. */
export async function publishChange(by: SessionUser, id: string, input: { language: unknown; said: unknown; did: unknown }): Promise<Outcome> {
  const said = handlerText(input.said);
  const did = handlerText(input.did);
  const language = (["fi", "sv", "en"] as const).find((l) => l === input.language);
  return onItem(id, async (tx, item) => {
    const errors: Record<string, MessageKey> = {};
    if (!item.ledToChange) errors.said = "feedbackHandling.publish.error.noChange";
    if (!language) errors.publishLanguage = "feedbackHandling.publish.error.language";
    for (const [field, text] of [["said", said], ["did", did]] as const) {
      if (errors[field]) continue;
      if (!text) errors[field] = "feedbackHandling.publish.error.required";
      else if (text.length > PUBLISHED_TEXT_MAX) errors[field] = "feedbackHandling.error.tooLong";
      else if (maskFreeText(text) !== text) errors[field] = "feedbackHandling.publish.error.personal";
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const unit = item.unitId ? await tx.feedbackUnit.findUnique({ where: { id: item.unitId }, select: { name: true } }) : null;
    const fields = {
      language: language!,
      said,
      did,
      unitName: unit?.name ?? null,
      serviceId: item.serviceId,
      publishedOn: new Date(`${helsinkiDay()}T00:00:00Z`),
      publishedById: by.id,
    };
    await tx.publishedChange.upsert({ where: { feedbackId: item.id }, update: fields, create: { feedbackId: item.id, ...fields } });
    await log(tx, item.id, by, "PUBLISHED", `${said}\n—\n${did}`);
    return { ok: true };
  });
}

export async function unpublishChange(by: SessionUser, id: string, understood: boolean): Promise<Outcome> {
  return onItem(id, async (tx, item) => {
    if (!understood) return refused("unpublish-understood", "feedbackHandling.unpublish.error.understood");
    const removed = await tx.publishedChange.deleteMany({ where: { feedbackId: item.id } });
    if (removed.count === 0) return refused("unpublish-understood", "feedbackHandling.unpublish.error.none");
    await log(tx, item.id, by, "UNPUBLISHED", null);
    return { ok: true };
  });
}

