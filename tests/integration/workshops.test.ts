// Workshops against the real panel store, the real server's mail worker and a
// real SMTP server: capacity under concurrency (50 members, the last 3
// places), the waitlist promoted in order with an email, cut-offs for
// booking, cancelling and moving, calendar entries that parse with ical.js
// (stable UID, SEQUENCE up on every change, REQUEST and CANCEL) and keep the
// wall time across daylight-saving changes, reminders sent once however
// often or concurrently the job runs, attendance feeding the recruitment
// history, councils, leaving, and access: the wrong role, someone else's
// study, slot or booking.
import { describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import type { SessionUser } from "~/infra/auth/session.server";
import { leaveCommunity } from "~/modules/members/leave.server";
import { sendCouncilTermReminders, sendSlotReminders } from "~/modules/workshops/reminders.server";
import {
  addNote,
  appointCouncilMember,
  book,
  bookingPage,
  cancelBooking,
  cancelOwnBooking,
  cancelSlot,
  councilFor,
  createSlots,
  markAttendance,
  memberBookings,
  moveBooking,
  moveSlot,
  setConsents,
  slotDetail,
  slotsFor,
  workshopStudies,
} from "~/modules/workshops/workshops.server";
import { helsinkiToInstant } from "~/modules/workshops/time";
import { getPage, serverWithSink } from "../support/members";
import { createResearcher } from "../support/studies";
import { calendarOf, choices, invitedMembers, slotForm, slotIn, workshopStudy } from "../support/workshops";
import type { SinkMessage } from "../support/smtp-sink";

const running = serverWithSink();
const HOUR = 3_600_000;

async function staff(roles: string[], email = `staff-${Math.random().toString(36).slice(2)}@panel.example`): Promise<SessionUser> {
  const user = await db.user.create({ data: { kind: "STAFF", roles: roles as never, email, name: email } });
  return { id: user.id, kind: "STAFF", roles, email, name: email, language: "fi" };
}

/** The next message to `address` whose subject contains `subject`. */
function mailTo(address: string, subject: string): Promise<SinkMessage> {
  return running.sink.waitFor((m) => m.to.includes(address.toLowerCase()) && (m.parsed.subject ?? "").includes(subject), 20_000);
}

describe("booking", () => {
  it("50 members booking the last 3 places at once: exactly 3 booked and 47 on the waitlist", async () => {
    const { user } = await createResearcher(`r-cap-${Date.now()}@panel.example`);
    const study = await workshopStudy(user);
    const slot = await slotIn(user, study.id, 72, { capacity: "5" });
    const early = await invitedMembers(study.id, "cap-early", 2);
    for (const member of early) expect(await book(member.token, { slotId: slot.id, ...choices })).toEqual({ ok: true, state: "BOOKED" });
    const crowd = await invitedMembers(study.id, "cap-crowd", 50);
    const results = await Promise.all(crowd.map((member) => book(member.token, { slotId: slot.id, ...choices })));
    expect(results.filter((r) => r?.ok && r.state === "BOOKED")).toHaveLength(3);
    expect(results.filter((r) => r?.ok && r.state === "WAITLISTED")).toHaveLength(47);
    const states = await db.booking.groupBy({ by: ["state"], where: { slotId: slot.id }, _count: { _all: true } });
    expect(Object.fromEntries(states.map((s) => [s.state, s._count._all]))).toEqual({ BOOKED: 5, WAITLISTED: 47 });
    // A second booking of the same study by the same member, however sent, is refused.
    const twice = await Promise.all([0, 1, 2].map(() => book(crowd[0]!.token, { slotId: slot.id, ...choices })));
    expect(twice.every((r) => r?.ok === false && r.reason === "already-booked")).toBe(true);
  });

  it("a cancellation promotes the first in the waitlist, who gets an email with the calendar entry; the canceller gets CANCEL", async () => {
    const { user } = await createResearcher(`r-wait-${Date.now()}@panel.example`);
    const study = await workshopStudy(user);
    const slot = await slotIn(user, study.id, 96, { capacity: "1" });
    const [first, second, third] = await invitedMembers(study.id, "wait", 3);
    expect(await book(first!.token, { slotId: slot.id, ...choices, observationConsent: false, recordingConsent: true })).toEqual({ ok: true, state: "BOOKED" });
    expect(await book(second!.token, { slotId: slot.id, ...choices })).toEqual({ ok: true, state: "WAITLISTED" });
    expect(await book(third!.token, { slotId: slot.id, ...choices })).toEqual({ ok: true, state: "WAITLISTED" });

    const confirmation = await mailTo(first!.email, "Varaus vahvistettu");
    const booked = calendarOf(confirmation)!;
    expect(booked).toMatchObject({ method: "REQUEST", status: "CONFIRMED", sequence: 0 });
    expect(booked.start.getTime()).toBe(slot.startsAt.getTime());
    expect(booked.end.getTime()).toBe(slot.startsAt.getTime() + 90 * 60_000);
    expect(booked.location).toContain("Nordenskiöldinkatu 12");
    const waiting = await mailTo(second!.email, "Olet jonossa");
    expect(calendarOf(waiting)).toBeNull();

    const page = await bookingPage(second!.token);
    expect(page!.mine[0]).toMatchObject({ state: "WAITLISTED", waitlistPosition: 1 });
    expect((await bookingPage(third!.token))!.mine[0]!.waitlistPosition).toBe(2);

    const mine = (await bookingPage(first!.token))!.mine[0]!;
    expect(mine).toMatchObject({ state: "BOOKED", changeable: true, observationConsent: false, recordingConsent: true });
    expect(await cancelBooking(first!.token, mine.bookingId)).toEqual({ ok: true });
    const cancelled = calendarOf(await mailTo(first!.email, "Varaus peruttu"))!;
    expect(cancelled).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: booked.uid, sequence: 1 });

    const promoted = await mailTo(second!.email, "Sait paikan");
    expect(calendarOf(promoted)).toMatchObject({ method: "REQUEST", sequence: 1 });
    expect((await bookingPage(second!.token))!.mine[0]).toMatchObject({ state: "BOOKED", waitlistPosition: null });
    expect((await bookingPage(third!.token))!.mine[0]).toMatchObject({ state: "WAITLISTED", waitlistPosition: 1 });
    // The member who cancelled may book again: the same booking, its calendar entry updated.
    expect(await book(first!.token, { slotId: slot.id, ...choices })).toEqual({ ok: true, state: "WAITLISTED" });
  });

  it("cut-off: no booking, cancelling or moving within 24 hours of the start; the page offers only later slots", async () => {
    const { user } = await createResearcher(`r-cut-${Date.now()}@panel.example`);
    const study = await workshopStudy(user);
    const soon = await slotIn(user, study.id, 23);
    const later = await slotIn(user, study.id, 48);
    const later2 = await slotIn(user, study.id, 60);
    const [member, other] = await invitedMembers(study.id, "cut", 2);
    expect(await book(member!.token, { slotId: soon.id, ...choices })).toEqual({ ok: false, reason: "past-cutoff" });
    const page = await bookingPage(member!.token);
    expect(page!.slots.map((s) => s.id)).toEqual([later.id, later2.id]);
    expect(await book(member!.token, { slotId: later.id, ...choices })).toEqual({ ok: true, state: "BOOKED" });
    const bookingId = (await bookingPage(member!.token))!.mine[0]!.bookingId;
    expect(await moveBooking(member!.token, bookingId, soon.id)).toEqual({ ok: false, reason: "past-cutoff" });
    expect(await moveBooking(member!.token, bookingId, later2.id)).toEqual({ ok: true, state: "BOOKED" });
    expect((await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).slotId).toBe(later2.id);
    // The slot moves within the cut-off: the member can no longer cancel online.
    await db.slot.update({ where: { id: later2.id }, data: { startsAt: new Date(Date.now() + 5 * HOUR) } });
    const mine = (await bookingPage(member!.token))!.mine[0]!;
    expect(mine.changeable).toBe(false);
    expect(await cancelBooking(member!.token, bookingId)).toEqual({ ok: false, reason: "past-cutoff" });
    expect(await cancelOwnBooking(member!.id, bookingId)).toEqual({ ok: false, reason: "past-cutoff" });
    // Someone else's booking through their own link, or with their own id: nothing.
    expect(await cancelBooking(other!.token, bookingId)).toBeNull();
    expect(await cancelOwnBooking(other!.id, bookingId)).toBeNull();
    expect(await setConsents(other!.token, bookingId, { observationConsent: true, recordingConsent: true })).toBeNull();
    expect(await moveBooking(other!.token, bookingId, later.id)).toBeNull();
  });

  it("remote slots reveal their video link only to a booked member; a closed study books nothing; a survey link is not a booking link", async () => {
    const { user } = await createResearcher(`r-remote-${Date.now()}@panel.example`);
    const study = await workshopStudy(user, "USABILITY_TEST");
    const slot = await slotIn(user, study.id, 50, { mode: "REMOTE", address: "", videoLink: "https://meet.panel.example/abc", capacity: "1", asksDevice: "on" });
    const [a, b] = await invitedMembers(study.id, "remote", 2);
    expect((await bookingPage(a!.token))!.slots[0]!.videoLink).toBeNull();
    expect(await book(a!.token, { slotId: slot.id, ...choices, device: "Puhelin", assistiveTech: "Ruudunlukija" })).toEqual({ ok: true, state: "BOOKED" });
    expect(await book(b!.token, { slotId: slot.id, ...choices })).toEqual({ ok: true, state: "WAITLISTED" });
    expect((await bookingPage(a!.token))!.mine[0]!.slot.videoLink).toBe("https://meet.panel.example/abc");
    expect((await bookingPage(b!.token))!.mine[0]!.slot.videoLink).toBeNull();
    const mail = await mailTo(a!.email, "Varaus vahvistettu");
    expect(mail.parsed.text).toContain("https://meet.panel.example/abc");
    expect((await mailTo(b!.email, "Olet jonossa")).parsed.text).not.toContain("meet.panel.example");
    const roster = (await slotDetail(user, study.id, slot.id))!.roster;
    expect(roster.find((r) => r.email === a!.email)).toMatchObject({ device: "Puhelin", assistiveTech: "Ruudunlukija", observationConsent: true, recordingConsent: false });

    expect(await book(a!.token, { slotId: "00000000-0000-4000-8000-000000000000", ...choices })).toEqual({ ok: false, reason: "no-slot" });
    await db.study.update({ where: { id: study.id }, data: { status: "CLOSED" } });
    const [c] = await invitedMembers(study.id, "remote-late", 1);
    expect(await book(c!.token, { slotId: slot.id, ...choices })).toEqual({ ok: false, reason: "closed" });
    expect((await bookingPage(c!.token))!).toMatchObject({ closed: true, slots: [], canBookMore: false });

    const survey = await (await import("../support/studies")).openStudy(user);
    const [d] = await invitedMembers(survey.id, "survey", 1);
    expect(await bookingPage(d!.token)).toBeNull();
    expect(await bookingPage("not-a-token")).toBeNull();
  });

  it("the invitation link of a workshop leads to the booking page", async () => {
    const { user } = await createResearcher(`r-link-${Date.now()}@panel.example`);
    const study = await workshopStudy(user);
    const [member] = await invitedMembers(study.id, "link", 1);
    const response = await getPage(running.server.url, `/s/${member!.token}`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/b/${member!.token}`);
  });
});

describe("staff", () => {
  it("a weekly series keeps its Helsinki wall time across the daylight-saving changes, and calendar entries say so", async () => {
    const { user } = await createResearcher(`r-dst-${Date.now()}@panel.example`);
    const study = await workshopStudy(user, "CUSTOMER_COUNCIL");
    const created = await createSlots(user, study.id, slotForm({ date: "2027-03-18", time: "10:00", repeatEveryDays: "7", repeatCount: "3" }));
    expect(created).toMatchObject({ created: 3 });
    const autumn = await createSlots(user, study.id, slotForm({ date: "2027-10-28", time: "10:00", repeatEveryDays: "7", repeatCount: "2" }));
    expect(autumn).toMatchObject({ created: 2 });
    const slots = (await slotsFor(user, study.id))!.slots.filter((s) => s.seriesId);
    expect(slots.map((s) => s.startsAt)).toEqual([
      "2027-03-18T08:00:00.000Z",
      "2027-03-25T08:00:00.000Z",
      "2027-04-01T07:00:00.000Z",
      "2027-10-28T07:00:00.000Z",
      "2027-11-04T08:00:00.000Z",
    ]);
    // A council member books every meeting; each calendar entry parses with the same instant.
    const [member] = await invitedMembers(study.id, "dst", 1);
    for (const slot of slots) expect(await book(member!.token, { slotId: slot.id, ...choices })).toEqual({ ok: true, state: "BOOKED" });
    const entries = await running.sink
      .waitFor(() => running.sink.messages.filter((m) => m.to.includes(member!.email.toLowerCase())).length >= slots.length, 20_000)
      .then(() => running.sink.messages.filter((m) => m.to.includes(member!.email.toLowerCase())).map((m) => calendarOf(m)!));
    expect(entries.map((e) => e.start.toISOString()).sort()).toEqual(slots.map((s) => s.startsAt));
    expect(new Set(entries.map((e) => e.uid)).size).toBe(slots.length);
  });

  it("moving a slot sends everyone an updated entry (same UID, SEQUENCE up); cancelling sends CANCEL", async () => {
    const { user } = await createResearcher(`r-move-${Date.now()}@panel.example`);
    const study = await workshopStudy(user);
    const slot = await slotIn(user, study.id, 80, { capacity: "1" });
    const [a, b] = await invitedMembers(study.id, "move", 2);
    await book(a!.token, { slotId: slot.id, ...choices });
    await book(b!.token, { slotId: slot.id, ...choices });
    const first = calendarOf(await mailTo(a!.email, "Varaus vahvistettu"))!;
    const moved = await moveSlot(user, study.id, slot.id, { date: "2027-05-06", time: "13:30", durationMinutes: "60" });
    expect(moved).toEqual({ ok: true, notified: 2 });
    const update = calendarOf(await mailTo(a!.email, "Aika muuttui"))!;
    expect(update).toMatchObject({ method: "REQUEST", uid: first.uid, sequence: first.sequence + 1 });
    expect(update.start.toISOString()).toBe(helsinkiToInstant("2027-05-06", "13:30")!.toISOString());
    expect(update.end.getTime() - update.start.getTime()).toBe(60 * 60_000);
    // The waitlisted member hears of it, without a calendar entry of a place they do not have.
    expect(calendarOf(await mailTo(b!.email, "Aika muuttui"))).toBeNull();
    expect(await moveSlot(user, study.id, slot.id, { date: "2020-01-01", time: "10:00", durationMinutes: "60" })).toEqual({ ok: false, reason: "past" });
    expect(await moveSlot(user, study.id, slot.id, { date: "2027-02-30", time: "10:00", durationMinutes: "60" })).toEqual({ ok: false, reason: "invalid-time" });

    expect(await cancelSlot(user, study.id, slot.id)).toEqual({ ok: true, notified: 2 });
    expect(calendarOf(await mailTo(a!.email, "Tilaisuus peruttu"))).toMatchObject({ method: "CANCEL", uid: first.uid, sequence: first.sequence + 2 });
    expect(await cancelSlot(user, study.id, slot.id)).toEqual({ ok: false, reason: "cancelled" });
    expect((await bookingPage(a!.token))!.mine).toEqual([]);
  });

  it("attendance once the slot has begun: ATTENDED completes the invitation on the slot's day, NO_SHOW does not; notes stay with the team", async () => {
    const { user } = await createResearcher(`r-att-${Date.now()}@panel.example`);
    const study = await workshopStudy(user);
    const slot = await slotIn(user, study.id, 30, { capacity: "3" });
    const [a, b] = await invitedMembers(study.id, "att", 2);
    await book(a!.token, { slotId: slot.id, ...choices });
    await book(b!.token, { slotId: slot.id, ...choices });
    const roster = (await slotDetail(user, study.id, slot.id))!.roster;
    const bookingOf = (email: string) => roster.find((r) => r.email === email)!.bookingId;
    expect(await markAttendance(user, study.id, slot.id, bookingOf(a!.email), "ATTENDED")).toEqual({ ok: false, reason: "not-started" });
    await db.slot.update({ where: { id: slot.id }, data: { startsAt: new Date(Date.now() - 2 * HOUR) } });
    expect(await markAttendance(user, study.id, slot.id, bookingOf(a!.email), "ATTENDED")).toEqual({ ok: true });
    expect(await markAttendance(user, study.id, slot.id, bookingOf(b!.email), "NO_SHOW")).toEqual({ ok: true });
    const invitations = await db.invitation.findMany({ where: { studyId: study.id }, select: { userId: true, completedOn: true } });
    expect(invitations.find((i) => i.userId === a!.id)!.completedOn).not.toBeNull();
    expect(invitations.find((i) => i.userId === b!.id)!.completedOn).toBeNull();
    // Undoing the mark undoes the completion.
    expect(await markAttendance(user, study.id, slot.id, bookingOf(a!.email), "BOOKED")).toEqual({ ok: true });
    expect((await db.invitation.findFirstOrThrow({ where: { studyId: study.id, userId: a!.id } })).completedOn).toBeNull();

    expect(await addNote(user, study.id, slot.id, "Huone 3 oli varattu, siirryttiin huoneeseen 4.")).toEqual({ ok: true });
    expect(await addNote(user, study.id, slot.id, "   ")).toEqual({ ok: false, reason: "invalid" });
    expect((await slotDetail(user, study.id, slot.id))!.notes.map((n) => n.body)).toEqual(["Huone 3 oli varattu, siirryttiin huoneeseen 4."]);
  });

  it("access: the wrong role is refused, and nobody reaches another team's study, slot or booking", async () => {
    const { user: owner } = await createResearcher(`r-own-${Date.now()}@panel.example`);
    const facilitator = await staff(["FACILITATOR"]);
    const outsider = await staff(["FACILITATOR"]);
    const otherResearcher = await staff(["RESEARCHER"]);
    const handler = await staff(["FEEDBACK_HANDLER"]);
    const admin = await staff(["ADMIN"]);
    const study = await workshopStudy(owner, "INTERVIEW", { teamIds: [] });
    await db.studyTeam.create({ data: { studyId: study.id, userId: facilitator.id } });
    const slot = await slotIn(owner, study.id, 40);
    const [member] = await invitedMembers(study.id, "acc", 1);
    await book(member!.token, { slotId: slot.id, ...choices });
    const bookingId = (await bookingPage(member!.token))!.mine[0]!.bookingId;

    // The team's facilitator and an admin manage it; a facilitator elsewhere and another researcher get null (404).
    expect(await slotDetail(facilitator, study.id, slot.id)).not.toBeNull();
    expect(await slotDetail(admin, study.id, slot.id)).not.toBeNull();
    expect((await workshopStudies(facilitator)).map((s) => s.id)).toContain(study.id);
    expect((await workshopStudies(outsider)).map((s) => s.id)).not.toContain(study.id);
    for (const someone of [outsider, otherResearcher]) {
      expect(await slotsFor(someone, study.id)).toBeNull();
      expect(await slotDetail(someone, study.id, slot.id)).toBeNull();
      expect(await createSlots(someone, study.id, slotForm({ date: "2027-06-01", time: "10:00" }))).toBeNull();
      expect(await moveSlot(someone, study.id, slot.id, { date: "2027-06-01", time: "10:00", durationMinutes: "60" })).toBeNull();
      expect(await cancelSlot(someone, study.id, slot.id)).toBeNull();
      expect(await markAttendance(someone, study.id, slot.id, bookingId, "ATTENDED")).toBeNull();
      expect(await addNote(someone, study.id, slot.id, "x")).toBeNull();
    }
    // Wrong role: 403 from the module itself.
    for (const call of [() => slotsFor(handler, study.id), () => workshopStudies(handler), () => slotDetail(handler, study.id, slot.id)]) {
      await expect(call()).rejects.toMatchObject({ status: 403 });
    }
    const memberUser: SessionUser = { id: member!.id, kind: "MEMBER", roles: ["MEMBER"], email: member!.email, name: null, language: "fi" };
    await expect(slotsFor(memberUser, study.id)).rejects.toMatchObject({ status: 403 });
    // A slot of another study, through this study's id: nothing.
    const other = await workshopStudy(owner);
    const otherSlot = await slotIn(owner, other.id, 40);
    expect(await slotDetail(facilitator, study.id, otherSlot.id)).toBeNull();
    expect(await book(member!.token, { slotId: otherSlot.id, ...choices })).toEqual({ ok: false, reason: "no-slot" });
    expect(await markAttendance(owner, other.id, otherSlot.id, bookingId, "ATTENDED")).toBeNull();
    // Malformed ids never throw.
    expect(await slotDetail(owner, "nope", "nope")).toBeNull();
    expect(await slotsFor(owner, "'; DROP TABLE \"Slot\"; --")).toBeNull();
  });
});

describe("reminders and councils", () => {
  it("reminders 24 h and 1 h before go once each, however often and concurrently the job runs; a late booking skips the 24 h one", async () => {
    const { user } = await createResearcher(`r-rem-${Date.now()}@panel.example`);
    const study = await workshopStudy(user);
    const slot = await slotIn(user, study.id, 30);
    const late = await slotIn(user, study.id, 30);
    const [a, b] = await invitedMembers(study.id, "rem", 2);
    await book(a!.token, { slotId: slot.id, ...choices });
    await book(b!.token, { slotId: late.id, ...choices });
    // b's slot is suddenly within 24 h (as if booked late): the confirmation stands in for the 24 h reminder.
    await db.booking.updateMany({ where: { slotId: late.id }, data: { remindedHours: [24] } });
    // The job is global: other tests' bookings in this file's database are counted as reminded already.
    await db.booking.updateMany({ where: { studyId: { not: study.id } }, data: { remindedHours: [24, 1] } });
    const start = slot.startsAt.getTime();
    const count = async (email: string) => db.outboxEmail.count({ where: { template: "booking", dedupeKey: { startsWith: "booking-reminder:" }, userId: (await db.user.findFirstOrThrow({ where: { email } })).id } });

    expect(await sendSlotReminders(new Date(start - 25 * HOUR))).toBe(0);
    const at24 = new Date(start - 23 * HOUR);
    const runs = await Promise.all([sendSlotReminders(at24), sendSlotReminders(at24), sendSlotReminders(at24)]);
    expect(runs.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await sendSlotReminders(at24)).toBe(0);
    expect(await count(a!.email)).toBe(1);
    expect(await count(b!.email)).toBe(0);
    const at1 = new Date(start - 50 * 60_000);
    const runs1 = await Promise.all([sendSlotReminders(at1), sendSlotReminders(at1)]);
    expect(runs1.reduce((x, y) => x + y, 0)).toBe(2);
    expect(await sendSlotReminders(at1)).toBe(0);
    expect(await count(a!.email)).toBe(2);
    expect(await count(b!.email)).toBe(1);
    const reminder = await mailTo(a!.email, "Muistutus");
    expect(reminder.parsed.text).toContain("Nordenskiöldinkatu 12");
    // After the start, nothing more.
    expect(await sendSlotReminders(new Date(start + HOUR))).toBe(0);
  });

  it("a study's own reminder hours and cut-off, set in its settings form, are the ones that apply", async () => {
    const { studySettingsSchema, toStudyInput, reminderHoursOf } = await import("~/modules/studies/study-form");
    expect(reminderHoursOf("1, 48;3")).toEqual([48, 3, 1]);
    expect(reminderHoursOf("")).toEqual([]);
    for (const bad of ["0", "24, x", "1,2,3,4,5", "999"]) expect(reminderHoursOf(bad)).toBeNull();
    const form = (extra: Record<string, string>) =>
      studySettingsSchema.safeParse({ type: "WORKSHOP", title_fi: "T", title_sv: "T", title_en: "T", minGroupSize: "5", ...extra });
    expect(form({ reminderHours: "24, x" }).success).toBe(false);
    expect(form({ bookingCutoffHours: "1000" }).success).toBe(false);
    const parsed = form({ reminderHours: "3", bookingCutoffHours: "2" });
    expect(parsed.success && toStudyInput(parsed.data)).toMatchObject({ reminderHours: [3], bookingCutoffHours: 2 });

    const { user } = await createResearcher(`r-own-hours-${Date.now()}@panel.example`);
    const study = await workshopStudy(user);
    await db.study.update({ where: { id: study.id }, data: { reminderHours: [3], bookingCutoffHours: 2 } });
    const slot = await slotIn(user, study.id, 5);
    const [member] = await invitedMembers(study.id, "own-hours", 1);
    // Five hours ahead is past the default 24 h cut-off, not this study's 2 h.
    expect(await book(member!.token, { slotId: slot.id, ...choices })).toEqual({ ok: true, state: "BOOKED" });
    await db.booking.updateMany({ where: { studyId: { not: study.id } }, data: { remindedHours: [24, 3, 1] } });
    const start = slot.startsAt.getTime();
    expect(await sendSlotReminders(new Date(start - 4 * HOUR))).toBe(0);
    expect(await sendSlotReminders(new Date(start - 2 * HOUR))).toBe(1);
    expect(await sendSlotReminders(new Date(start - 30 * 60_000))).toBe(0);
  });

  it("councils: appointing a member gives them a term and an invitation; the roster marks terms ending soon; one reminder before the end", async () => {
    const { user } = await createResearcher(`r-council-${Date.now()}@panel.example`);
    const council = await workshopStudy(user, "CUSTOMER_COUNCIL");
    const workshop = await workshopStudy(user);
    const [member] = await invitedMembers(workshop.id, "council", 1);
    const today = new Date().toISOString().slice(0, 10);
    const inTwoYears = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
    expect(await appointCouncilMember(user, council.id, { email: member!.email, startsOn: today, endsOn: inTwoYears })).toEqual({ ok: true });
    expect(await appointCouncilMember(user, council.id, { email: member!.email, startsOn: today, endsOn: inTwoYears })).toEqual({ ok: false, reason: "already" });
    expect(await appointCouncilMember(user, council.id, { email: "nobody@members.example", startsOn: today, endsOn: inTwoYears })).toEqual({ ok: false, reason: "no-member" });
    expect(await appointCouncilMember(user, council.id, { email: member!.email, startsOn: inTwoYears, endsOn: today })).toEqual({ ok: false, reason: "invalid-dates" });
    expect(await appointCouncilMember(user, workshop.id, { email: member!.email, startsOn: today, endsOn: inTwoYears })).toEqual({ ok: false, reason: "not-council" });
    expect(await db.invitation.count({ where: { studyId: council.id, userId: member!.id } })).toBe(1);
    await mailTo(member!.email, "");

    let roster = (await councilFor(user, council.id))!.terms;
    expect(roster).toHaveLength(1);
    expect(roster[0]).toMatchObject({ email: member!.email, current: true, endingSoon: false });
    expect(await sendCouncilTermReminders()).toBe(0);
    // The term is shortened to end in a month: ending soon, one reminder however often the job runs.
    const inAMonth = new Date(Date.now() + 30 * 24 * HOUR).toISOString().slice(0, 10);
    await db.councilTerm.updateMany({ where: { studyId: council.id }, data: { endsOn: new Date(`${inAMonth}T00:00:00Z`) } });
    roster = (await councilFor(user, council.id))!.terms;
    expect(roster[0]!.endingSoon).toBe(true);
    const runs = await Promise.all([sendCouncilTermReminders(), sendCouncilTermReminders()]);
    expect(runs.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await sendCouncilTermReminders()).toBe(0);
    expect((await mailTo(member!.email, "Kautesi asiakasneuvostossa päättyy")).parsed.text).toContain(council.title ? "Työpaja" : "");
    expect(await councilFor(user, workshop.id)).toBeNull();
  });

  it("a member who leaves gives their place to the waitlist; their bookings go with them", async () => {
    const { user } = await createResearcher(`r-leave-${Date.now()}@panel.example`);
    const study = await workshopStudy(user);
    const slot = await slotIn(user, study.id, 70, { capacity: "1" });
    const [a, b] = await invitedMembers(study.id, "leave", 2);
    await book(a!.token, { slotId: slot.id, ...choices });
    await book(b!.token, { slotId: slot.id, ...choices });
    expect(await leaveCommunity(a!.id)).toBe(true);
    expect(await db.booking.count({ where: { userId: a!.id } })).toBe(0);
    expect((await bookingPage(b!.token))!.mine[0]!.state).toBe("BOOKED");
    await mailTo(b!.email, "Sait paikan");
    expect((await memberBookings(b!.id)).map((x) => x.state)).toEqual(["BOOKED"]);
  });
});
