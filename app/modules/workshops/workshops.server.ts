// Workshops: the slots members book for interviews, workshops, usability
// tests and council meetings ("session" is the sign-in session in this code).
//
// - Staff (permission workshops.manage, and the study's owner or team, or an
//   admin) create slots one at a time or as a series, see the roster, move or
//   cancel a slot, mark attendance and keep notes. Anything else answers null
//   (the routes' 404); the wrong role gets 403 from the module itself.
// - Members reach the booking page through their invitation link (the token
//   in their mailbox; GET changes nothing) or, signed in, their own bookings.
// - Capacity holds under concurrency: every change to a slot's places runs
//   with the slot row locked (and the member's invitation row, so one member
//   cannot hold two bookings of a study by racing). A freed place goes to the
//   first in the waitlist at once, with an email.
// - Every change a member should know of is an email written to the outbox in
//   the same transaction, with a calendar entry (notify.server.ts).
// - Attendance feeds the recruitment history: ATTENDED marks the member's
//   invitation completed on the slot's day; NO_SHOW stays on the booking, which
//   the recruitment module reads.
import { z } from "zod";
import { can } from "~/infra/auth/roles";
import type { SessionUser } from "~/infra/auth/session.server";
import { db, type PanelTransaction } from "~/infra/db/panel.server";
import { isLanguage, type Language } from "~/infra/i18n/i18n";
import { recordAudit } from "~/modules/audit/record.server";
import { helsinkiDay } from "~/modules/studies/days";
import { createInvitation, invitationLinkByToken } from "~/modules/studies/invitations.server";
import { visibleTo, type StudyTypeName } from "~/modules/studies/studies.server";
import { accrueRewards } from "~/modules/incentives/incentives.server";
import { notifyBooking, type NotifyKind } from "./notify.server";
import { slotTimeSchema, type SlotInput, type SlotMode, type SlotTime } from "./slot-form";
import { helsinkiToInstant, seriesDates } from "./time";

export type { SlotMode };
export type BookingState = "BOOKED" | "WAITLISTED" | "CANCELLED" | "ATTENDED" | "NO_SHOW";

/** States that hold one of the slot's places. */
const HOLDS_PLACE: BookingState[] = ["BOOKED", "ATTENDED", "NO_SHOW"];
const ACTIVE: BookingState[] = ["BOOKED", "WAITLISTED"];
const NOTE_MAX = 4000;
/** A council term's reminder goes this many days before it ends; the roster marks it "ending soon". */
export const TERM_ENDING_DAYS = 60;

const isUuid = (id: unknown): id is string => typeof id === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

function forbidUnlessManager(user: SessionUser) {
  if (user.kind !== "STAFF" || !can(user.roles, "workshops.manage")) throw new Response("Forbidden", { status: 403 });
}

const studySelect = {
  id: true,
  title: true,
  type: true,
  status: true,
  ownerId: true,
  bookingCutoffHours: true,
  owner: { select: { id: true, name: true, email: true } },
  team: { select: { user: { select: { id: true, name: true, email: true } } } },
} as const;

/** A study whose slots this user may manage, or null. */
async function managedStudy(user: SessionUser, studyId: string) {
  forbidUnlessManager(user);
  if (!isUuid(studyId)) return null;
  return db.study.findFirst({ where: { id: studyId, type: { not: "SURVEY" }, ...visibleTo(user) }, select: studySelect });
}

type ManagedStudy = NonNullable<Awaited<ReturnType<typeof managedStudy>>>;

function teamOf(study: ManagedStudy) {
  const people = [...(study.owner ? [study.owner] : []), ...study.team.map((member) => member.user)];
  return [...new Map(people.map((person) => [person.id, person])).values()];
}

export interface SlotSummary {
  id: string;
  studyId: string;
  seriesId: string | null;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  capacity: number;
  language: Language;
  mode: SlotMode;
  address: string | null;
  accessibility: string | null;
  bring: string | null;
  asksDevice: boolean;
  cancelledAt: string | null;
  booked: number;
  waitlisted: number;
  facilitators: { id: string; name: string | null; email: string }[];
}

type SlotRow = {
  id: string;
  studyId: string;
  seriesId: string | null;
  startsAt: Date;
  durationMinutes: number;
  capacity: number;
  language: Language;
  mode: SlotMode;
  address: string | null;
  accessibility: string | null;
  videoLink: string | null;
  bring: string | null;
  asksDevice: boolean;
  cancelledAt: Date | null;
  facilitatorIds: string[];
};

const endOf = (slot: { startsAt: Date; durationMinutes: number }) => new Date(slot.startsAt.getTime() + slot.durationMinutes * 60_000);

async function placeCounts(slotIds: string[]) {
  if (slotIds.length === 0) return new Map<string, { booked: number; waitlisted: number }>();
  const groups = await db.booking.groupBy({ by: ["slotId", "state"], where: { slotId: { in: slotIds } }, _count: { _all: true } });
  const counts = new Map<string, { booked: number; waitlisted: number }>();
  for (const group of groups) {
    const entry = counts.get(group.slotId) ?? { booked: 0, waitlisted: 0 };
    if (HOLDS_PLACE.includes(group.state)) entry.booked += group._count._all;
    if (group.state === "WAITLISTED") entry.waitlisted += group._count._all;
    counts.set(group.slotId, entry);
  }
  return counts;
}

function summarise(slot: SlotRow, counts: { booked: number; waitlisted: number } | undefined, people: Map<string, { id: string; name: string | null; email: string }>): SlotSummary {
  return {
    id: slot.id,
    studyId: slot.studyId,
    seriesId: slot.seriesId,
    startsAt: slot.startsAt.toISOString(),
    endsAt: endOf(slot).toISOString(),
    durationMinutes: slot.durationMinutes,
    capacity: slot.capacity,
    language: slot.language,
    mode: slot.mode,
    address: slot.address,
    accessibility: slot.accessibility,
    bring: slot.bring,
    asksDevice: slot.asksDevice,
    cancelledAt: slot.cancelledAt?.toISOString() ?? null,
    booked: counts?.booked ?? 0,
    waitlisted: counts?.waitlisted ?? 0,
    facilitators: slot.facilitatorIds.map((id) => people.get(id)).filter((person) => person !== undefined),
  };
}

// ---------------------------------------------------------------------------
// Staff

/** Studies (not surveys) whose slots the user may manage, with their upcoming slot counts. */
export async function workshopStudies(user: SessionUser) {
  forbidUnlessManager(user);
  const studies = await db.study.findMany({
    where: { type: { not: "SURVEY" }, status: { not: "ARCHIVED" }, ...visibleTo(user) },
    select: { id: true, title: true, type: true, status: true },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  const upcoming = await db.slot.groupBy({
    by: ["studyId"],
    where: { studyId: { in: studies.map((s) => s.id) }, startsAt: { gte: new Date() }, cancelledAt: null },
    _count: { _all: true },
  });
  const counts = new Map(upcoming.map((row) => [row.studyId, row._count._all]));
  return studies.map((study) => ({ ...study, upcoming: counts.get(study.id) ?? 0 }));
}

/** A study's slots (upcoming, or past with `past`), with the team to choose facilitators from. */
export async function slotsFor(user: SessionUser, studyId: string, options: { past?: boolean } = {}) {
  const study = await managedStudy(user, studyId);
  if (!study) return null;
  const now = new Date();
  const slots = await db.slot.findMany({
    where: { studyId: study.id, startsAt: options.past ? { lt: now } : { gte: now } },
    orderBy: { startsAt: options.past ? "desc" : "asc" },
    take: 500,
  });
  const counts = await placeCounts(slots.map((slot) => slot.id));
  const team = teamOf(study);
  const people = new Map(team.map((person) => [person.id, person]));
  return {
    study: { id: study.id, title: study.title, type: study.type, status: study.status, teamOptions: team },
    slots: slots.map((slot) => summarise(slot as SlotRow, counts.get(slot.id), people)),
  };
}

/** One slot, or a series at the same Helsinki wall time (which keeps 10:00 at 10:00 across a daylight-saving change). */
export async function createSlots(user: SessionUser, studyId: string, input: SlotInput): Promise<{ created: number; seriesId: string | null } | null> {
  const study = await managedStudy(user, studyId);
  if (!study) return null;
  const team = new Set(teamOf(study).map((person) => person.id));
  const facilitatorIds = [...new Set(input.facilitatorIds.map((id) => id.toLowerCase()))].filter((id) => team.has(id));
  const dates = input.repeatEveryDays > 0 ? seriesDates(input.date, input.repeatEveryDays, input.repeatCount) : [input.date];
  const seriesId = dates.length > 1 ? crypto.randomUUID() : null;
  const rows = dates.map((date) => {
    const startsAt = helsinkiToInstant(date, input.time);
    if (!startsAt) throw new Response("Bad request", { status: 400 });
    return {
      studyId: study.id,
      seriesId,
      startsAt,
      durationMinutes: input.durationMinutes,
      capacity: input.capacity,
      language: input.language,
      mode: input.mode,
      address: input.mode === "IN_PERSON" ? input.address : null,
      accessibility: input.mode === "IN_PERSON" ? input.accessibility || null : null,
      videoLink: input.mode === "REMOTE" ? input.videoLink : null,
      bring: input.bring || null,
      facilitatorIds,
      asksDevice: input.asksDevice,
      createdById: user.id,
    };
  });
  await db.$transaction(async (tx) => {
    await tx.slot.createMany({ data: rows });
    await recordAudit({ actorId: user.id, action: "slots.create", data: { studyId: study.id, count: rows.length } }, tx);
  });
  return { created: rows.length, seriesId };
}

export interface RosterEntry {
  bookingId: string;
  state: BookingState;
  name: string | null;
  email: string | null;
  observationConsent: boolean | null;
  recordingConsent: boolean | null;
  accessibilityNeeds: string | null;
  device: string | null;
  assistiveTech: string | null;
  bookedAt: string;
  waitlistPosition: number | null;
}

async function managedSlot(user: SessionUser, studyId: string, slotId: string) {
  const study = await managedStudy(user, studyId);
  if (!study || !isUuid(slotId)) return null;
  const slot = await db.slot.findFirst({ where: { id: slotId, studyId: study.id } });
  return slot ? { study, slot: slot as SlotRow } : null;
}

/** The slot with its roster (staff only: attendees never see each other) and the team's notes. */
export async function slotDetail(user: SessionUser, studyId: string, slotId: string) {
  const found = await managedSlot(user, studyId, slotId);
  if (!found) return null;
  const { study, slot } = found;
  const [bookings, notes, counts] = await Promise.all([
    db.booking.findMany({
      where: { slotId: slot.id },
      orderBy: [{ queuedAt: "asc" }],
      include: { user: { select: { name: true, email: true } } },
    }),
    db.slotNote.findMany({ where: { slotId: slot.id }, orderBy: { createdAt: "desc" }, take: 200 }),
    placeCounts([slot.id]),
  ]);
  const team = teamOf(study);
  const people = new Map(team.map((person) => [person.id, person]));
  const authors = new Map(
    (await db.user.findMany({ where: { id: { in: notes.map((note) => note.authorId).filter(isUuid) } }, select: { id: true, name: true, email: true } })).map(
      (author) => [author.id, author.name ?? author.email],
    ),
  );
  let position = 0;
  const order: Record<BookingState, number> = { BOOKED: 0, ATTENDED: 0, NO_SHOW: 0, WAITLISTED: 1, CANCELLED: 2 };
  const roster: RosterEntry[] = bookings
    .map((booking) => ({
      bookingId: booking.id,
      state: booking.state,
      name: booking.user.name,
      email: booking.user.email,
      observationConsent: booking.observationConsent,
      recordingConsent: booking.recordingConsent,
      accessibilityNeeds: booking.accessibilityNeeds,
      device: booking.device,
      assistiveTech: booking.assistiveTech,
      bookedAt: booking.createdAt.toISOString(),
      waitlistPosition: booking.state === "WAITLISTED" ? ++position : null,
    }))
    .sort((a, b) => order[a.state] - order[b.state]);
  return {
    study: { id: study.id, title: study.title, type: study.type },
    slot: { ...summarise(slot, counts.get(slot.id), people), videoLink: slot.videoLink },
    roster,
    notes: notes.map((note) => ({ id: note.id, body: note.body, author: note.authorId ? (authors.get(note.authorId) ?? null) : null, at: note.createdAt.toISOString() })),
  };
}

/** Locks a slot row for a change of its places; null when it is not there. */
async function lockSlot(tx: PanelTransaction, slotId: string): Promise<SlotRow | null> {
  const rows = await tx.$queryRaw<SlotRow[]>`
    SELECT id, "studyId", "seriesId", "startsAt", "durationMinutes", capacity, language::text AS language, mode::text AS mode,
           address, accessibility, "videoLink", bring, "asksDevice", "cancelledAt", "facilitatorIds"::text[] AS "facilitatorIds"
    FROM "Slot" WHERE id = ${slotId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

async function placesTaken(tx: PanelTransaction, slotId: string) {
  return tx.booking.count({ where: { slotId, state: { in: HOLDS_PLACE } } });
}

/** Gives the slot's free places to the waitlist in order, each with an email. Runs with the slot locked. */
async function promoteWaitlist(tx: PanelTransaction, slot: SlotRow): Promise<number> {
  if (slot.cancelledAt) return 0;
  const free = slot.capacity - (await placesTaken(tx, slot.id));
  if (free <= 0) return 0;
  const next = await tx.booking.findMany({ where: { slotId: slot.id, state: "WAITLISTED" }, orderBy: { queuedAt: "asc" }, take: free, select: { id: true } });
  for (const { id } of next) {
    const booking = await tx.booking.update({
      where: { id },
      data: { state: "BOOKED", sequence: { increment: 1 }, remindedHours: await remindersAlreadyDue(tx, slot) },
    });
    await notifyBooking(tx, booking.id, "promoted");
  }
  return next.length;
}

/** Reminder hours already inside the time left: a new booking gets its confirmation instead of those reminders. */
async function remindersAlreadyDue(tx: PanelTransaction, slot: { studyId: string; startsAt: Date }): Promise<number[]> {
  const study = await tx.study.findUniqueOrThrow({ where: { id: slot.studyId }, select: { reminderHours: true } });
  const hoursLeft = (slot.startsAt.getTime() - Date.now()) / 3_600_000;
  return study.reminderHours.filter((hours) => hours >= hoursLeft);
}

export type MoveSlotResult = { ok: true; notified: number } | { ok: false; reason: "cancelled" | "past" | "invalid-time" };

/** A new time for the slot: everyone booked or waiting gets an updated calendar entry, reminders start over. */
export async function moveSlot(user: SessionUser, studyId: string, slotId: string, time: SlotTime | Record<string, string>): Promise<MoveSlotResult | null> {
  const found = await managedSlot(user, studyId, slotId);
  if (!found) return null;
  const parsed = slotTimeSchema.safeParse(time);
  if (!parsed.success) return { ok: false, reason: "invalid-time" };
  const startsAt = helsinkiToInstant(parsed.data.date, parsed.data.time.padStart(5, "0"));
  if (!startsAt) return { ok: false, reason: "invalid-time" };
  if (startsAt.getTime() <= Date.now()) return { ok: false, reason: "past" };
  return db.$transaction(async (tx) => {
    const slot = await lockSlot(tx, found.slot.id);
    if (!slot || slot.cancelledAt) return { ok: false as const, reason: "cancelled" as const };
    await tx.slot.update({ where: { id: slot.id }, data: { startsAt, durationMinutes: parsed.data.durationMinutes } });
    const moved = await tx.booking.findMany({ where: { slotId: slot.id, state: { in: ACTIVE } }, select: { id: true } });
    const hoursLeft = (startsAt.getTime() - Date.now()) / 3_600_000;
    const study = await tx.study.findUniqueOrThrow({ where: { id: slot.studyId }, select: { reminderHours: true } });
    for (const { id } of moved) {
      await tx.booking.update({ where: { id }, data: { sequence: { increment: 1 }, remindedHours: study.reminderHours.filter((h) => h >= hoursLeft) } });
      await notifyBooking(tx, id, "moved");
    }
    await recordAudit({ actorId: user.id, action: "slots.move", data: { slotId: slot.id, notified: moved.length } }, tx);
    return { ok: true as const, notified: moved.length };
  });
}

/** Cancels the slot: every booking and waitlist place ends, each member told with a calendar cancellation. */
export async function cancelSlot(user: SessionUser, studyId: string, slotId: string): Promise<{ ok: true; notified: number } | { ok: false; reason: "cancelled" } | null> {
  const found = await managedSlot(user, studyId, slotId);
  if (!found) return null;
  return db.$transaction(async (tx) => {
    const slot = await lockSlot(tx, found.slot.id);
    if (!slot || slot.cancelledAt) return { ok: false as const, reason: "cancelled" as const };
    await tx.slot.update({ where: { id: slot.id }, data: { cancelledAt: new Date() } });
    const ended = await tx.booking.findMany({ where: { slotId: slot.id, state: { in: ACTIVE } }, select: { id: true } });
    for (const { id } of ended) {
      await tx.booking.update({ where: { id }, data: { state: "CANCELLED", sequence: { increment: 1 } } });
      await notifyBooking(tx, id, "slotCancelled");
    }
    await recordAudit({ actorId: user.id, action: "slots.cancel", data: { slotId: slot.id, notified: ended.length } }, tx);
    return { ok: true as const, notified: ended.length };
  });
}

/**
 * Attendance, once the slot has begun. The member's invitation to the study
 * counts as completed on the day of their latest attended slot (the
 * recruitment history and its cool-down read it); without one, not completed.
 */
export async function markAttendance(
  user: SessionUser,
  studyId: string,
  slotId: string,
  bookingId: string,
  state: "ATTENDED" | "NO_SHOW" | "BOOKED",
): Promise<{ ok: true } | { ok: false; reason: "not-booked" | "not-started" } | null> {
  const found = await managedSlot(user, studyId, slotId);
  if (!found || !isUuid(bookingId) || !["ATTENDED", "NO_SHOW", "BOOKED"].includes(state)) return null;
  const booking = await db.booking.findFirst({ where: { id: bookingId, slotId: found.slot.id }, select: { id: true, state: true, userId: true } });
  if (!booking) return null;
  if (!HOLDS_PLACE.includes(booking.state)) return { ok: false, reason: "not-booked" };
  if (found.slot.startsAt.getTime() > Date.now()) return { ok: false, reason: "not-started" };
  await db.$transaction(async (tx) => {
    await tx.booking.update({ where: { id: booking.id }, data: { state } });
    const attended = await tx.booking.findMany({
      where: { studyId: found.study.id, userId: booking.userId, state: "ATTENDED" },
      select: { slot: { select: { startsAt: true } } },
    });
    const days = attended.map((b) => helsinkiDay(b.slot.startsAt)).sort();
    const last = days.at(-1);
    await tx.invitation.updateMany({
      where: { studyId: found.study.id, userId: booking.userId },
      data: { completedOn: last ? new Date(`${last}T00:00:00Z`) : null },
    });
    await recordAudit({ actorId: user.id, action: "slots.attendance", subjectId: booking.userId, data: { bookingId: booking.id, state } }, tx);
  });
  // A reward for attending accrues (or goes, when attendance is taken back) now rather than within the minute.
  await accrueRewards({ studyId: found.study.id });
  return { ok: true };
}

export async function addNote(user: SessionUser, studyId: string, slotId: string, body: string): Promise<{ ok: true } | { ok: false; reason: "invalid" } | null> {
  const found = await managedSlot(user, studyId, slotId);
  if (!found) return null;
  const text = String(body ?? "").replace(/\u0000/g, "").trim();
  if (!text || text.length > NOTE_MAX) return { ok: false, reason: "invalid" };
  await db.slotNote.create({ data: { slotId: found.slot.id, authorId: user.id, body: text } });
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Customer councils

const dayOf = (value: Date) => value.toISOString().slice(0, 10);

export async function councilFor(user: SessionUser, studyId: string) {
  const study = await managedStudy(user, studyId);
  if (!study || study.type !== "CUSTOMER_COUNCIL") return null;
  const terms = await db.councilTerm.findMany({
    where: { studyId: study.id },
    orderBy: [{ endsOn: "desc" }],
    include: { user: { select: { name: true, email: true } } },
    take: 1000,
  });
  const today = helsinkiDay();
  const soon = dayOf(new Date(Date.parse(`${today}T00:00:00Z`) + TERM_ENDING_DAYS * 86_400_000));
  return {
    study: { id: study.id, title: study.title, type: study.type, status: study.status },
    terms: terms.map((term) => {
      const startsOn = dayOf(term.startsOn);
      const endsOn = dayOf(term.endsOn);
      const current = startsOn <= today && today <= endsOn;
      return { id: term.id, userId: term.userId, name: term.user.name, email: term.user.email, startsOn, endsOn, current, endingSoon: current && endsOn <= soon };
    }),
  };
}

const councilDatesSchema = z
  .object({ startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), endsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
  .refine(({ startsOn, endsOn }) => {
    const start = Date.parse(`${startsOn}T00:00:00Z`);
    const end = Date.parse(`${endsOn}T00:00:00Z`);
    return Number.isFinite(start) && Number.isFinite(end) && dayOf(new Date(start)) === startsOn && dayOf(new Date(end)) === endsOn && start < end && end - start <= 5 * 366 * 86_400_000;
  });

/**
 * Appoints a member to the council for a term. Their invitation to the study
 * (made now if they have none) is what lets them book its meetings: they get
 * it by email.
 */
export async function appointCouncilMember(
  user: SessionUser,
  studyId: string,
  input: { email: string; startsOn: string; endsOn: string },
): Promise<{ ok: true } | { ok: false; reason: "no-member" | "already" | "invalid-dates" | "not-council" } | null> {
  const study = await managedStudy(user, studyId);
  if (!study) return null;
  if (study.type !== "CUSTOMER_COUNCIL") return { ok: false, reason: "not-council" };
  const dates = councilDatesSchema.safeParse(input);
  if (!dates.success) return { ok: false, reason: "invalid-dates" };
  const member = await db.user.findFirst({
    where: { kind: "MEMBER", status: "ACTIVE", email: String(input.email ?? "").trim().toLowerCase() },
    select: { id: true, email: true, language: true },
  });
  if (!member) return { ok: false, reason: "no-member" };
  const startsOn = new Date(`${dates.data.startsOn}T00:00:00Z`);
  const endsOn = new Date(`${dates.data.endsOn}T00:00:00Z`);
  return db.$transaction(async (tx) => {
    const overlapping = await tx.councilTerm.findFirst({ where: { studyId: study.id, userId: member.id, startsOn: { lte: endsOn }, endsOn: { gte: startsOn } } });
    if (overlapping) return { ok: false as const, reason: "already" as const };
    await tx.councilTerm.create({ data: { studyId: study.id, userId: member.id, startsOn, endsOn } });
    const invited = await tx.invitation.findUnique({ where: { studyId_userId: { studyId: study.id, userId: member.id } }, select: { id: true } });
    if (!invited) {
      await createInvitation(tx, { studyId: study.id, userId: member.id, email: member.email, language: member.language, title: study.title });
    }
    await recordAudit({ actorId: user.id, action: "council.appoint", subjectId: member.id, data: { studyId: study.id } }, tx);
    return { ok: true as const };
  });
}

export async function endCouncilTerm(user: SessionUser, studyId: string, termId: string, endsOn: string): Promise<{ ok: true } | { ok: false; reason: "invalid-dates" } | null> {
  const study = await managedStudy(user, studyId);
  if (!study || study.type !== "CUSTOMER_COUNCIL" || !isUuid(termId)) return null;
  const term = await db.councilTerm.findFirst({ where: { id: termId, studyId: study.id } });
  if (!term) return null;
  const dates = councilDatesSchema.safeParse({ startsOn: dayOf(term.startsOn), endsOn });
  if (!dates.success && endsOn !== dayOf(term.startsOn)) return { ok: false, reason: "invalid-dates" };
  await db.councilTerm.update({ where: { id: term.id }, data: { endsOn: new Date(`${endsOn}T00:00:00Z`) } });
  await recordAudit({ actorId: user.id, action: "council.endTerm", subjectId: term.userId, data: { studyId: study.id, termId: term.id } });
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Members

export interface MemberSlot {
  id: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  language: Language;
  mode: SlotMode;
  address: string | null;
  accessibility: string | null;
  bring: string | null;
  /** only on the member's own BOOKED slot */
  videoLink: string | null;
  full: boolean;
  placesLeft: number;
  asksDevice: boolean;
}

export interface MemberBooking {
  bookingId: string;
  state: "BOOKED" | "WAITLISTED";
  slot: MemberSlot;
  waitlistPosition: number | null;
  /** before the cut-off: the member may still cancel or move it */
  changeable: boolean;
  observationConsent: boolean | null;
  recordingConsent: boolean | null;
  accessibilityNeeds: string | null;
  device: string | null;
  assistiveTech: string | null;
}

export interface BookingPage {
  study: { title: unknown; description: unknown; type: StudyTypeName };
  member: { language: Language };
  cutoffHours: number;
  mine: MemberBooking[];
  slots: MemberSlot[];
  closed: boolean;
  canBookMore: boolean;
}

interface Holder {
  invitationId: string;
  userId: string;
  studyId: string;
  study: { title: unknown; description: unknown; type: StudyTypeName; status: string; bookingCutoffHours: number; closesAt: Date | null };
  language: Language;
}

/** The member and study behind an invitation (or reminder) link of a study with slots. */
async function holderOf(token: string): Promise<Holder | null> {
  const link = await invitationLinkByToken(String(token ?? ""));
  if (!link || !link.userId || link.study.type === "SURVEY") return null;
  const [study, member] = await Promise.all([
    db.study.findUnique({ where: { id: link.study.id }, select: { title: true, description: true, type: true, status: true, bookingCutoffHours: true, closesAt: true } }),
    db.user.findFirst({ where: { id: link.userId, kind: "MEMBER", status: "ACTIVE" }, select: { language: true } }),
  ]);
  if (!study || !member) return null;
  return { invitationId: link.invitationId, userId: link.userId, studyId: link.study.id, study, language: isLanguage(member.language) ? member.language : "fi" };
}

const isClosed = (study: Holder["study"]) => study.status !== "RECRUITING" || (study.closesAt !== null && study.closesAt.getTime() <= Date.now());
const beforeCutoff = (startsAt: Date, cutoffHours: number) => startsAt.getTime() - Date.now() > cutoffHours * 3_600_000;

function memberSlot(slot: SlotRow, taken: number, ownBooked: boolean): MemberSlot {
  return {
    id: slot.id,
    startsAt: slot.startsAt.toISOString(),
    endsAt: endOf(slot).toISOString(),
    durationMinutes: slot.durationMinutes,
    language: slot.language,
    mode: slot.mode,
    address: slot.address,
    accessibility: slot.accessibility,
    bring: slot.bring,
    videoLink: ownBooked ? slot.videoLink : null,
    full: taken >= slot.capacity,
    placesLeft: Math.max(0, slot.capacity - taken),
    asksDevice: slot.asksDevice,
  };
}

async function bookingsOf(userId: string, studyId: string | undefined, cutoffOf: (studyId: string) => number) {
  const bookings = await db.booking.findMany({
    where: { userId, ...(studyId ? { studyId } : {}), state: { in: ACTIVE }, slot: { cancelledAt: null, startsAt: { gte: new Date() } } },
    include: { slot: true },
    orderBy: { slot: { startsAt: "asc" } },
  });
  const counts = await placeCounts([...new Set(bookings.map((b) => b.slotId))]);
  const positions = new Map<string, number>();
  for (const booking of bookings.filter((b) => b.state === "WAITLISTED")) {
    positions.set(
      booking.id,
      1 + (await db.booking.count({ where: { slotId: booking.slotId, state: "WAITLISTED", queuedAt: { lt: booking.queuedAt } } })),
    );
  }
  return bookings.map(
    (booking): MemberBooking & { studyId: string } => ({
      studyId: booking.studyId,
      bookingId: booking.id,
      state: booking.state as "BOOKED" | "WAITLISTED",
      slot: memberSlot(booking.slot as SlotRow, counts.get(booking.slotId)?.booked ?? 0, booking.state === "BOOKED"),
      waitlistPosition: positions.get(booking.id) ?? null,
      changeable: beforeCutoff(booking.slot.startsAt, cutoffOf(booking.studyId)),
      observationConsent: booking.observationConsent,
      recordingConsent: booking.recordingConsent,
      accessibilityNeeds: booking.accessibilityNeeds,
      device: booking.device,
      assistiveTech: booking.assistiveTech,
    }),
  );
}

/** What the booking page shows: the member's own bookings and the slots open to them. GET changes nothing. */
export async function bookingPage(token: string): Promise<BookingPage | null> {
  const holder = await holderOf(token);
  if (!holder) return null;
  const cutoff = holder.study.bookingCutoffHours;
  const mine = (await bookingsOf(holder.userId, holder.studyId, () => cutoff)).map(({ studyId: _s, ...booking }) => booking);
  const council = holder.study.type === "CUSTOMER_COUNCIL";
  const closed = isClosed(holder.study);
  const open = await db.slot.findMany({
    where: {
      studyId: holder.studyId,
      cancelledAt: null,
      language: holder.language,
      startsAt: { gt: new Date(Date.now() + cutoff * 3_600_000) },
      id: { notIn: mine.map((booking) => booking.slot.id) },
    },
    orderBy: { startsAt: "asc" },
    take: 200,
  });
  const counts = await placeCounts(open.map((slot) => slot.id));
  return {
    study: { title: holder.study.title, description: holder.study.description, type: holder.study.type },
    member: { language: holder.language },
    cutoffHours: cutoff,
    mine,
    slots: closed ? [] : open.map((slot) => memberSlot(slot as SlotRow, counts.get(slot.id)?.booked ?? 0, false)),
    closed,
    canBookMore: !closed && (council || mine.length === 0),
  };
}

const shortText = (max: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value ?? "").replace(/\u0000/g, "").trim().slice(0, max));

export const bookingChoicesSchema = z.object({
  observationConsent: z.boolean(),
  recordingConsent: z.boolean(),
  accessibilityNeeds: shortText(1000),
  device: shortText(200),
  assistiveTech: shortText(200),
});
export type BookingChoices = z.input<typeof bookingChoicesSchema>;

export type BookResult = { ok: true; state: "BOOKED" | "WAITLISTED" } | { ok: false; reason: "closed" | "past-cutoff" | "already-booked" | "no-slot" };

/**
 * Books a slot, or a place in its waitlist when it is full. The member's
 * invitation row, then the slot row, are locked: concurrent bookings of the
 * last places are served one at a time, so capacity holds.
 */
export async function book(token: string, input: { slotId: string } & BookingChoices): Promise<BookResult | null> {
  const holder = await holderOf(token);
  if (!holder) return null;
  const choices = bookingChoicesSchema.safeParse(input);
  if (!choices.success || !isUuid(input.slotId)) return { ok: false, reason: "no-slot" };
  if (isClosed(holder.study)) return { ok: false, reason: "closed" };
  const council = holder.study.type === "CUSTOMER_COUNCIL";
  return db.$transaction(async (tx): Promise<BookResult> => {
    await tx.$queryRaw`SELECT id FROM "Invitation" WHERE id = ${holder.invitationId}::uuid FOR UPDATE`;
    const slot = await lockSlot(tx, input.slotId);
    if (!slot || slot.studyId !== holder.studyId || slot.cancelledAt) return { ok: false, reason: "no-slot" };
    if (!beforeCutoff(slot.startsAt, holder.study.bookingCutoffHours)) return { ok: false, reason: "past-cutoff" };
    const active = await tx.booking.findMany({ where: { studyId: holder.studyId, userId: holder.userId, state: { in: ACTIVE } }, select: { slotId: true } });
    if (active.some((b) => b.slotId === slot.id) || (!council && active.length > 0)) return { ok: false, reason: "already-booked" };
    const state = (await placesTaken(tx, slot.id)) < slot.capacity ? "BOOKED" : "WAITLISTED";
    const data = {
      state,
      ...choices.data,
      device: slot.asksDevice ? choices.data.device || null : null,
      assistiveTech: slot.asksDevice ? choices.data.assistiveTech || null : null,
      accessibilityNeeds: choices.data.accessibilityNeeds || null,
      queuedAt: new Date(),
      remindedHours: state === "BOOKED" ? await remindersAlreadyDue(tx, slot) : [],
    } as const;
    // A member who cancelled this slot earlier books it again on the same row (and calendar entry).
    const booking = await tx.booking.upsert({
      where: { slotId_userId: { slotId: slot.id, userId: holder.userId } },
      create: { slotId: slot.id, studyId: holder.studyId, userId: holder.userId, ...data },
      update: { ...data, sequence: { increment: 1 } },
      select: { id: true },
    });
    await notifyBooking(tx, booking.id, state === "BOOKED" ? "booked" : "waitlisted");
    return { ok: true, state };
  });
}

/** Ends one of the member's own bookings (before the cut-off) and gives the place to the waitlist. */
async function cancelFor(userId: string, studyId: string | null, bookingId: string): Promise<{ ok: true } | { ok: false; reason: "past-cutoff" } | null> {
  if (!isUuid(bookingId)) return null;
  const booking = await db.booking.findFirst({
    where: { id: bookingId, userId, ...(studyId ? { studyId } : {}), state: { in: ACTIVE } },
    select: { id: true, slotId: true, studyId: true },
  });
  if (!booking) return null;
  const study = await db.study.findUniqueOrThrow({ where: { id: booking.studyId }, select: { bookingCutoffHours: true } });
  return db.$transaction(async (tx) => {
    const slot = await lockSlot(tx, booking.slotId);
    if (!slot) return null;
    if (!beforeCutoff(slot.startsAt, study.bookingCutoffHours)) return { ok: false as const, reason: "past-cutoff" as const };
    const changed = await tx.booking.updateMany({ where: { id: booking.id, state: { in: ACTIVE } }, data: { state: "CANCELLED", sequence: { increment: 1 } } });
    if (changed.count === 0) return null;
    await notifyBooking(tx, booking.id, "cancelled");
    await promoteWaitlist(tx, slot);
    return { ok: true as const };
  });
}

export async function cancelBooking(token: string, bookingId: string) {
  const holder = await holderOf(token);
  if (!holder) return null;
  return cancelFor(holder.userId, holder.studyId, bookingId);
}

/** For the signed-in member's own bookings page. */
export async function cancelOwnBooking(userId: string, bookingId: string) {
  return cancelFor(userId, null, bookingId);
}

/**
 * Moves the member's booking to another slot of the study with a free place
 * (before the cut-off of both). The booking keeps its calendar entry, which
 * gets the new time; the old place goes to the old slot's waitlist.
 */
export async function moveBooking(token: string, bookingId: string, slotId: string): Promise<{ ok: true; state: "BOOKED" } | { ok: false; reason: "past-cutoff" | "no-slot" } | null> {
  const holder = await holderOf(token);
  if (!holder || !isUuid(bookingId)) return null;
  if (!isUuid(slotId)) return { ok: false, reason: "no-slot" };
  const booking = await db.booking.findFirst({ where: { id: bookingId, userId: holder.userId, studyId: holder.studyId, state: { in: ACTIVE } }, select: { id: true, slotId: true } });
  if (!booking) return null;
  if (booking.slotId === slotId) return { ok: false, reason: "no-slot" };
  return db.$transaction(async (tx) => {
    // Both slots locked, in one order, so two moves the other way round cannot deadlock.
    const [first, second] = [booking.slotId, slotId].sort();
    const locked = new Map<string, SlotRow | null>([
      [first!, await lockSlot(tx, first!)],
      [second!, await lockSlot(tx, second!)],
    ]);
    const from = locked.get(booking.slotId);
    const to = locked.get(slotId);
    if (!from) return null;
    if (!to || to.studyId !== holder.studyId || to.cancelledAt) return { ok: false as const, reason: "no-slot" as const };
    const cutoff = holder.study.bookingCutoffHours;
    if (!beforeCutoff(from.startsAt, cutoff) || !beforeCutoff(to.startsAt, cutoff)) return { ok: false as const, reason: "past-cutoff" as const };
    if ((await placesTaken(tx, to.id)) >= to.capacity) return { ok: false as const, reason: "no-slot" as const };
    // An old cancelled row of this member in the target slot gives way (one row per member and slot).
    await tx.booking.deleteMany({ where: { slotId: to.id, userId: holder.userId, state: "CANCELLED" } });
    await tx.booking.update({
      where: { id: booking.id },
      data: { slotId: to.id, state: "BOOKED", sequence: { increment: 1 }, queuedAt: new Date(), remindedHours: await remindersAlreadyDue(tx, to) },
    });
    await notifyBooking(tx, booking.id, "moved");
    await promoteWaitlist(tx, from);
    return { ok: true as const, state: "BOOKED" as const };
  });
}

export async function setConsents(token: string, bookingId: string, input: { observationConsent: boolean; recordingConsent: boolean }): Promise<{ ok: true } | null> {
  const holder = await holderOf(token);
  if (!holder || !isUuid(bookingId) || typeof input.observationConsent !== "boolean" || typeof input.recordingConsent !== "boolean") return null;
  const changed = await db.booking.updateMany({
    where: { id: bookingId, userId: holder.userId, studyId: holder.studyId, state: { in: ACTIVE } },
    data: { observationConsent: input.observationConsent, recordingConsent: input.recordingConsent },
  });
  return changed.count > 0 ? { ok: true } : null;
}

/** The signed-in member's upcoming bookings across studies. */
export async function memberBookings(userId: string): Promise<(MemberBooking & { studyTitle: unknown })[]> {
  if (!isUuid(userId)) return [];
  const studies = new Map<string, { title: unknown; bookingCutoffHours: number }>();
  const ids = (await db.booking.findMany({ where: { userId, state: { in: ACTIVE } }, select: { studyId: true }, distinct: ["studyId"] })).map((b) => b.studyId);
  for (const study of await db.study.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, bookingCutoffHours: true } })) studies.set(study.id, study);
  const bookings = await bookingsOf(userId, undefined, (studyId) => studies.get(studyId)?.bookingCutoffHours ?? 24);
  return bookings.map(({ studyId, ...booking }) => ({ ...booking, studyTitle: studies.get(studyId)?.title ?? {} }));
}

/**
 * A member who leaves gives up their places: each slot they held a place in
 * is offered to its waitlist (in the leaving transaction, before their rows
 * go with the user row). The leaver is told nothing more.
 */
export async function releasePlacesOf(tx: PanelTransaction, userId: string) {
  const held = await tx.booking.findMany({ where: { userId, state: { in: ACTIVE } }, select: { id: true, slotId: true }, orderBy: { slotId: "asc" } });
  for (const booking of held) {
    const slot = await lockSlot(tx, booking.slotId);
    await tx.booking.update({ where: { id: booking.id }, data: { state: "CANCELLED" } });
    if (slot) await promoteWaitlist(tx, slot);
  }
}

export type { NotifyKind };
