// The member directory for admins. Every read of a member's identity is
// audited first: the audit event and the read share one transaction, so if the
// audit cannot be written nothing is read (AuditUnavailableError).
import { z } from "zod";
import { db, type Prisma, type PanelTransaction } from "~/infra/db/panel.server";
import { timeZone } from "~/infra/i18n/i18n";
import { log } from "~/infra/log.server";
import { recordAudit, type AuditInput } from "~/modules/audit/record.server";
import { exportMemberData } from "./export.server";
import { profileSelect } from "./profile.server";

export const MEMBER_PAGE_SIZE = 25;
export const memberStatuses = ["ACTIVE", "DISABLED"] as const;
export const viewReasons = ["member-request", "data-subject-request", "correcting-data", "investigating-problem", "other"] as const;
export type ViewReasonCode = (typeof viewReasons)[number];
export interface ViewReason {
  code: ViewReasonCode;
  /** free text; required for "other" */
  text: string;
}

const REASON_TEXT_MAX = 500;

/** The audit could not be written, so the personal data was not read. */
export class AuditUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The audit event could not be written", options);
    this.name = "AuditUnavailableError";
  }
}

export type ReasonCheck =
  | { state: "missing" }
  | { state: "invalid"; field: "reason" | "why"; error: "form.required" | "form.tooLong"; values: { reason: string; why: string } }
  | { state: "ok"; reason: ViewReason };

/** The admin's reason for looking, from the query string (?reason=…&why=…). */
export function readViewReason(params: URLSearchParams): ReasonCheck {
  const code = params.get("reason")?.trim() ?? "";
  const text = params.get("why")?.trim() ?? "";
  if (!params.has("reason") && !params.has("why")) return { state: "missing" };
  const values = { reason: code.slice(0, 100), why: text.slice(0, REASON_TEXT_MAX * 2) };
  if (!(viewReasons as readonly string[]).includes(code)) return { state: "invalid", field: "reason", error: "form.required", values };
  if (text.length > REASON_TEXT_MAX) return { state: "invalid", field: "why", error: "form.tooLong", values };
  if (code === "other" && !text) return { state: "invalid", field: "why", error: "form.required", values };
  return { state: "ok", reason: { code: code as ViewReasonCode, text } };
}

/** The query string that carries a reason to the detail and export pages. */
export function reasonQuery(reason: ViewReason): string {
  const params = new URLSearchParams({ reason: reason.code });
  if (reason.text) params.set("why", reason.text);
  return params.toString();
}

function auditReason(reason: ViewReason) {
  return reason.text ? `${reason.code}: ${reason.text}` : reason.code;
}

const day = z.iso.date().optional().catch(undefined);

export const directoryQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  status: z.enum(memberStatuses).optional().catch(undefined),
  joinedAfter: day,
  joinedBefore: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type DirectoryQuery = z.output<typeof directoryQuerySchema>;

export interface Viewer {
  actorId: string;
  reason: ViewReason;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the id is a member's (not a staff user's); reveals no personal data, so not audited. */
export async function isMember(id: string): Promise<boolean> {
  if (!uuidPattern.test(id)) return false;
  const found = await db.user.findFirst({ where: { id, kind: "MEMBER" }, select: { id: true } });
  return found !== null;
}

async function audited<T>(event: AuditInput, read: (tx: PanelTransaction) => Promise<T>): Promise<T> {
  const progress = { phase: "audit" as "audit" | "read" | "commit" };
  try {
    return await db.$transaction(async (tx) => {
      await recordAudit(event, tx);
      progress.phase = "read";
      const result = await read(tx);
      progress.phase = "commit";
      return result;
    });
  } catch (error) {
    if (progress.phase === "read") throw error;
    log.error("member directory: audit write failed, nothing shown", { action: event.action });
    throw new AuditUnavailableError({ cause: error });
  }
}

const listSelect = {
  id: true,
  email: true,
  status: true,
  language: true,
  createdAt: true,
  lastSignInAt: true,
} satisfies Prisma.UserSelect;

/** One page of members matching the filter; audited as "member.directory.view". */
export async function searchMembers(filter: DirectoryQuery, viewer: Viewer) {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filter.joinedAfter) createdAt.gte = helsinkiDayStart(filter.joinedAfter);
  if (filter.joinedBefore) createdAt.lt = helsinkiDayStart(nextDay(filter.joinedBefore));
  const where: Prisma.UserWhereInput = {
    kind: "MEMBER",
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.q ? { email: { contains: filter.q, mode: "insensitive" } } : {}),
    ...(createdAt.gte || createdAt.lt ? { createdAt } : {}),
  };
  const event: AuditInput = {
    actorId: viewer.actorId,
    action: "member.directory.view",
    reason: auditReason(viewer.reason),
    data: {
      q: filter.q || null,
      status: filter.status ?? null,
      joinedAfter: filter.joinedAfter ?? null,
      joinedBefore: filter.joinedBefore ?? null,
      page: filter.page,
    },
  };
  return audited(event, async (tx) => {
    const total = await tx.user.count({ where });
    const rows = await tx.user.findMany({
      where,
      select: listSelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (filter.page - 1) * MEMBER_PAGE_SIZE,
      take: MEMBER_PAGE_SIZE,
    });
    return { total, pages: Math.max(1, Math.ceil(total / MEMBER_PAGE_SIZE)), rows };
  });
}

const detailSelect = {
  id: true,
  email: true,
  name: true,
  status: true,
  language: true,
  createdAt: true,
  lastSignInAt: true,
  emailFailing: true,
  profile: { select: profileSelect },
  preferences: { select: { studyTypes: true, maxInvitationsPerMonth: true, pausedUntil: true, updatedAt: true } },
  consentEvents: {
    select: { id: true, purpose: true, version: true, action: true, language: true, channel: true, at: true },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  },
} satisfies Prisma.UserSelect;

/** A member's identity, profile, preferences and consent ledger; null for an unknown or staff id. Audited as "member.view". */
export async function memberDetail(id: string, viewer: Viewer) {
  if (!uuidPattern.test(id)) return null;
  return audited({ actorId: viewer.actorId, action: "member.view", subjectId: id, reason: auditReason(viewer.reason) }, async (tx) => {
    const member = await tx.user.findFirst({ where: { id, kind: "MEMBER" }, select: detailSelect });
    if (!member) return null;
    const activeSessions = await tx.session.count({ where: { userId: id, expiresAt: { gt: new Date() } } });
    return { ...member, activeSessions };
  });
}

/** Everything held about the member (the member's own "My data" export); audited as "member.export" before reading. */
export async function memberExport(id: string, viewer: Viewer): Promise<object | null> {
  if (!uuidPattern.test(id)) return null;
  const exists = await audited(
    { actorId: viewer.actorId, action: "member.export", subjectId: id, reason: auditReason(viewer.reason) },
    (tx) => tx.user.findFirst({ where: { id, kind: "MEMBER" }, select: { id: true } }),
  );
  if (!exists) return null;
  return exportMemberData(id);
}

function nextDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Minutes Helsinki is ahead of UTC at the given instant. */
function helsinkiOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wallClockAsUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((wallClockAsUtc - at.getTime()) / 60_000);
}

/** The instant a calendar day begins in Helsinki. */
export function helsinkiDayStart(isoDay: string): Date {
  const utcMidnight = Date.parse(`${isoDay}T00:00:00Z`);
  const first = helsinkiOffsetMinutes(new Date(utcMidnight));
  // Check again at the guessed instant in case a DST change lies in between.
  const offset = helsinkiOffsetMinutes(new Date(utcMidnight - first * 60_000));
  return new Date(utcMidnight - offset * 60_000);
}
