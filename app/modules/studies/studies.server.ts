// Studies and their survey versions. Researchers see the studies they own or
// are on the team of; admins see all. Every function that takes a staff user
// checks that, so routes cannot forget it.
import { db, type PanelTransaction } from "~/infra/db/panel.server";
import type { SessionUser } from "~/infra/auth/session.server";
import { recordAudit } from "~/modules/audit/record.server";
import { emptyDefinition, surveyDefinition, type LocalText, type SurveyDefinition } from "~/modules/surveys/definition";

export const studyTypes = ["SURVEY", "INTERVIEW", "WORKSHOP", "USABILITY_TEST", "CUSTOMER_COUNCIL"] as const;
export type StudyTypeName = (typeof studyTypes)[number];
export const studyStatuses = ["DRAFT", "RECRUITING", "CLOSED", "ARCHIVED"] as const;
export type StudyStatusName = (typeof studyStatuses)[number];
/** Attributes results may be broken down by, coarsened at submission. */
export const analysisAttributes = ["age-band", "region", "language", "life-situation", "gender", "digital-use"] as const;
export type AnalysisAttribute = (typeof analysisAttributes)[number];
export const MIN_GROUP_FLOOR = 3;
export const DEFAULT_MIN_GROUP = 5;

/** Lifecycle: which status may follow which. */
export const nextStatuses: Record<StudyStatusName, StudyStatusName[]> = {
  DRAFT: ["RECRUITING"],
  RECRUITING: ["CLOSED"],
  CLOSED: ["RECRUITING", "ARCHIVED"],
  ARCHIVED: [],
};

export interface StudyInput {
  type: StudyTypeName;
  title: LocalText;
  description: LocalText;
  /** shown on the start page; empty texts fall back to the standard text */
  consentText?: LocalText;
  analysisAttributes: AnalysisAttribute[];
  minGroupSize: number;
  closesAt: Date | null;
  responseQuota: number | null;
  teamIds: string[];
  /** studies with slots: booking changes close this many hours before a slot (default 24) */
  bookingCutoffHours?: number;
  /** studies with slots: reminders this many hours before (default [24, 1]) */
  reminderHours?: number[];
}

const isAdmin = (user: SessionUser) => user.roles.includes("ADMIN");

/** The studies this staff user works on: all for an admin, else those they own or are on the team of. */
export function visibleTo(user: SessionUser) {
  return isAdmin(user) ? {} : { OR: [{ ownerId: user.id }, { team: { some: { userId: user.id } } }] };
}

export async function listStudies(user: SessionUser, filter: { q?: string; status?: StudyStatusName } = {}) {
  return db.study.findMany({
    where: {
      ...visibleTo(user),
      ...(filter.status ? { status: filter.status } : { status: { not: "ARCHIVED" } }),
    },
    orderBy: { createdAt: "desc" },
    include: { _count: { select: { invitations: true } }, owner: { select: { name: true, email: true } } },
  });
}

/** The study if this staff user may work on it, else null (routes answer 404). */
export async function studyFor(user: SessionUser, id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  return db.study.findFirst({
    where: { id, ...visibleTo(user) },
    include: { team: { select: { userId: true } }, owner: { select: { id: true, name: true, email: true } } },
  });
}

export async function createStudy(user: SessionUser, input: StudyInput) {
  return db.$transaction(async (tx) => {
    const study = await tx.study.create({
      data: {
        type: input.type,
        title: input.title,
        description: input.description,
        consentText: input.consentText,
        analysisAttributes: input.analysisAttributes,
        minGroupSize: Math.max(MIN_GROUP_FLOOR, input.minGroupSize),
        closesAt: input.closesAt,
        responseQuota: input.responseQuota,
        ...(input.bookingCutoffHours !== undefined ? { bookingCutoffHours: input.bookingCutoffHours } : {}),
        ...(input.reminderHours !== undefined ? { reminderHours: input.reminderHours } : {}),
        ownerId: user.id,
        team: { create: input.teamIds.filter((id) => id !== user.id).map((userId) => ({ userId })) },
        versions: { create: { version: 1, definition: emptyDefinition } },
      },
    });
    await recordAudit({ actorId: user.id, action: "study.create", subjectId: study.id }, tx);
    return study;
  });
}

export async function updateStudy(user: SessionUser, id: string, input: StudyInput) {
  const study = await studyFor(user, id);
  if (!study) return null;
  return db.$transaction(async (tx) => {
    await tx.studyTeam.deleteMany({ where: { studyId: id } });
    const updated = await tx.study.update({
      where: { id },
      data: {
        type: input.type,
        title: input.title,
        description: input.description,
        consentText: input.consentText,
        analysisAttributes: input.analysisAttributes,
        minGroupSize: Math.max(MIN_GROUP_FLOOR, input.minGroupSize),
        closesAt: input.closesAt,
        responseQuota: input.responseQuota,
        ...(input.bookingCutoffHours !== undefined ? { bookingCutoffHours: input.bookingCutoffHours } : {}),
        ...(input.reminderHours !== undefined ? { reminderHours: input.reminderHours } : {}),
        team: { create: input.teamIds.filter((teamId) => teamId !== study.ownerId).map((userId) => ({ userId })) },
      },
    });
    await recordAudit({ actorId: user.id, action: "study.update", subjectId: id }, tx);
    return updated;
  });
}

export async function changeStatus(user: SessionUser, id: string, status: StudyStatusName) {
  const study = await studyFor(user, id);
  if (!study) return null;
  if (!nextStatuses[study.status].includes(status)) return { ok: false as const };
  await db.$transaction(async (tx) => {
    if (status === "RECRUITING") await freezeLatest(tx, id);
    await tx.study.update({ where: { id }, data: { status } });
    await recordAudit({ actorId: user.id, action: "study.status", subjectId: id, data: { status } }, tx);
  });
  return { ok: true as const };
}

/** The version researchers edit: the newest one, or a new copy when the newest is frozen. */
export async function editableVersion(user: SessionUser, studyId: string) {
  const study = await studyFor(user, studyId);
  if (!study) return null;
  const latest = await db.surveyVersion.findFirstOrThrow({ where: { studyId }, orderBy: { version: "desc" } });
  return latest;
}

export async function saveDefinition(user: SessionUser, studyId: string, definition: SurveyDefinition) {
  const study = await studyFor(user, studyId);
  if (!study) return null;
  const checked = surveyDefinition.parse(definition);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`survey:${studyId}`}))`;
    const latest = await tx.surveyVersion.findFirstOrThrow({ where: { studyId }, orderBy: { version: "desc" } });
    if (latest.frozenAt) {
      // Answers already refer to the frozen version: editing starts a new one.
      return tx.surveyVersion.create({ data: { studyId, version: latest.version + 1, definition: checked } });
    }
    return tx.surveyVersion.update({ where: { id: latest.id }, data: { definition: checked } });
  });
}

/** Freezes the newest version (when invitations go out or the open link opens); returns it. */
export async function freezeLatest(tx: PanelTransaction, studyId: string) {
  const latest = await tx.surveyVersion.findFirstOrThrow({ where: { studyId }, orderBy: { version: "desc" } });
  if (!latest.frozenAt) await tx.surveyVersion.update({ where: { id: latest.id }, data: { frozenAt: new Date() } });
  return latest;
}

/** The version members answer: the newest frozen one. */
export async function answeringVersion(studyId: string) {
  const version = await db.surveyVersion.findFirst({ where: { studyId, frozenAt: { not: null } }, orderBy: { version: "desc" } });
  return version ? { version: version.version, definition: surveyDefinition.parse(version.definition) } : null;
}

export async function surveyVersion(studyId: string, version: number) {
  const row = await db.surveyVersion.findUnique({ where: { studyId_version: { studyId, version } } });
  return row ? surveyDefinition.parse(row.definition) : null;
}
