// Workshop studies for tests: a study with slots (not a survey), its team, and
// members invited to it whose tokens the test holds; the calendar entry of a
// message the SMTP sink caught, parsed with ical.js.
import ICAL from "ical.js";
import type { SessionUser } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import type { StudyTypeName } from "~/modules/studies/studies.server";
import { createSlots } from "~/modules/workshops/workshops.server";
import { slotInputSchema, type SlotInput } from "~/modules/workshops/slot-form";
import { instantToHelsinki } from "~/modules/workshops/time";
import type { SinkMessage } from "./smtp-sink";
import { createMember } from "./members";
import { invite, openStudy } from "./studies";

const text = (fi: string) => ({ fi, sv: `${fi} (sv)`, en: `${fi} (en)` });

export async function workshopStudy(owner: SessionUser, type: StudyTypeName = "WORKSHOP", overrides: { teamIds?: string[] } = {}) {
  return openStudy(owner, { type, title: text(`Työpaja ${Math.random().toString(36).slice(2, 7)}`), teamIds: overrides.teamIds ?? [] });
}

/** The slot form as a page would post it. */
export function slotForm(values: Partial<Record<keyof SlotInput, string | string[]>>): SlotInput {
  const parsed = slotInputSchema.safeParse({
    durationMinutes: "90",
    capacity: "5",
    language: "fi",
    mode: "IN_PERSON",
    address: "Nordenskiöldinkatu 12, Helsinki",
    accessibility: "Esteetön sisäänkäynti",
    bring: "Oma puhelin",
    repeatEveryDays: "0",
    repeatCount: "1",
    ...values,
  });
  if (!parsed.success) throw new Error(`bad slot form: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.data;
}

/** A slot starting `hoursFromNow` hours from now (at the whole minute), returned by id. */
export async function slotIn(user: SessionUser, studyId: string, hoursFromNow: number, values: Partial<Record<keyof SlotInput, string | string[]>> = {}) {
  const at = new Date(Math.ceil((Date.now() + hoursFromNow * 3_600_000) / 60_000) * 60_000);
  const { date, time } = instantToHelsinki(at);
  const before = new Set((await db.slot.findMany({ where: { studyId }, select: { id: true } })).map((s) => s.id));
  const created = await createSlots(user, studyId, slotForm({ date, time, ...values }));
  if (!created) throw new Error("no access to the study");
  const slot = await db.slot.findFirstOrThrow({ where: { studyId, id: { notIn: [...before] } }, orderBy: { startsAt: "asc" } });
  return slot;
}

/** `count` members invited to the study; their tokens in order. */
export async function invitedMembers(studyId: string, prefix: string, count: number, language: "fi" | "sv" | "en" = "fi") {
  const members: { id: string; email: string }[] = [];
  for (let i = 0; i < count; i++) {
    const member = await createMember(`${prefix}-${i}-${Date.now()}@members.example`, { language });
    members.push({ id: member.id, email: member.email });
  }
  const tokens = await invite(studyId, members);
  return members.map((member, i) => ({ ...member, token: tokens[i]! }));
}

export const choices = { observationConsent: true, recordingConsent: false, accessibilityNeeds: "", device: "", assistiveTech: "" };

export interface ParsedCalendar {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  start: Date;
  end: Date;
  summary: string;
  location: string | null;
}

/** The text/calendar part of a caught message, parsed with ical.js; null when it has none. */
export function calendarOf(message: SinkMessage): ParsedCalendar | null {
  const part = message.parsed.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  const raw = part ? part.content.toString("utf8") : null;
  if (!raw) return null;
  const calendar = new ICAL.Component(ICAL.parse(raw));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("calendar without an event");
  const event = new ICAL.Event(vevent);
  return {
    method: String(calendar.getFirstPropertyValue("method")),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue("status")),
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    summary: event.summary,
    location: event.location || null,
  };
}
