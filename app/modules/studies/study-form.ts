// The study settings form, shared by the browser (react-hook-form) and the
// actions of /staff/studies/new and /staff/studies/:id, so both check the same
// rules. No server imports: the page bundles it.
import { z } from "zod";
import { requiredText } from "~/infra/http/fields";
import { languages, timeZone, type Language } from "~/infra/i18n/i18n";
import type { LocalText } from "~/modules/surveys/definition";
import type { AnalysisAttribute, StudyInput, StudyStatusName, StudyTypeName } from "./studies.server";

// The same lists as studies.server.ts, which the browser may not import; the
// checks below fail the typecheck if the two drift apart.
export const studyTypeChoices = ["SURVEY", "INTERVIEW", "WORKSHOP", "USABILITY_TEST", "CUSTOMER_COUNCIL"] as const;
export const attributeChoices = ["age-band", "region", "language", "life-situation", "gender", "digital-use"] as const;
export const studyStatusChoices = ["DRAFT", "RECRUITING", "CLOSED", "ARCHIVED"] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _typesMatch: Same<(typeof studyTypeChoices)[number], StudyTypeName> = true;
const _statusesMatch: Same<(typeof studyStatusChoices)[number], StudyStatusName> = true;
const _attributesMatch: Same<(typeof attributeChoices)[number], AnalysisAttribute> = true;

export const MIN_K = 3;
export const DEFAULT_K = 5;
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 2000;
const CONSENT_MAX = 4000;

// One checkbox gives a string, several an array, none nothing (or false in the browser).
const checkboxList = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (value) => (Array.isArray(value) ? value : typeof value === "string" ? [value] : []),
    z.array(item).max(max, "form.tooLong"),
  );

// PostgreSQL's jsonb cannot hold NUL; nobody types one.
const withoutNul = (value: unknown) => (typeof value === "string" ? value.replace(/\u0000/g, "") : value);
const title = z.preprocess(withoutNul, requiredText(TITLE_MAX));

const optionalText = (max: number) =>
  z.preprocess((value) => (value === undefined || value === null ? "" : withoutNul(value)), z.string().trim().max(max, "form.tooLong"));
const description = optionalText(DESCRIPTION_MAX);
const consent = optionalText(CONSENT_MAX);

export const studySettingsSchema = z.object({
  type: z.enum(studyTypeChoices, { error: "form.required" }),
  title_fi: title,
  title_sv: title,
  title_en: title,
  description_fi: description,
  description_sv: description,
  description_en: description,
  consent_fi: consent,
  consent_sv: consent,
  consent_en: consent,
  team: checkboxList(z.string().regex(/^[0-9a-f-]{36}$/, "studies.form.teamUnknown"), 200),
  attributes: checkboxList(z.enum(attributeChoices, { error: "studies.form.attributeUnknown" }), attributeChoices.length),
  minGroupSize: z
    .string({ error: "form.required" })
    .trim()
    .min(1, "form.required")
    .regex(/^\d{1,6}$/, "studies.form.kWhole")
    .transform(Number)
    .pipe(z.number().min(MIN_K, "studies.form.kTooSmall").max(100_000, "studies.form.kTooLarge")),
  closesAt: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || fromHelsinkiLocal(value) !== null, "studies.form.closesAtInvalid"),
  responseQuota: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || (/^\d{1,7}$/.test(value) && Number(value) >= 1), "studies.form.quotaInvalid"),
  // Studies with slots: members book, cancel or move until this many hours before a slot.
  bookingCutoffHours: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || (/^\d{1,3}$/.test(value) && Number(value) <= 720), "studies.form.cutoffInvalid"),
  // …and are reminded this many hours before it ("24, 1"; empty: no reminders).
  reminderHours: z
    .string()
    .trim()
    .optional()
    .refine((value) => value === undefined || reminderHoursOf(value) !== null, "studies.form.reminderHoursInvalid"),
});

/** "24, 1" → [24, 1]: up to four different whole hours 1–720, largest first; null when not that. */
export function reminderHoursOf(value: string): number[] | null {
  const parts = value.split(/[,;\s]+/).filter(Boolean);
  if (parts.length > 4 || parts.some((part) => !/^\d{1,3}$/.test(part))) return null;
  const hours = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  return hours.every((hour) => hour >= 1 && hour <= 720) ? hours : null;
}

export type StudySettings = z.output<typeof studySettingsSchema>;
export const studySettingsLists = ["team", "attributes"];

const local = (settings: StudySettings, field: "title" | "description" | "consent"): LocalText =>
  Object.fromEntries(languages.map((language: Language) => [language, settings[`${field}_${language}`]])) as LocalText;

/** The form's values as the study module takes them. */
export function toStudyInput(settings: StudySettings): StudyInput {
  return {
    type: settings.type,
    title: local(settings, "title"),
    description: local(settings, "description"),
    consentText: local(settings, "consent"),
    analysisAttributes: [...new Set(settings.attributes)],
    minGroupSize: settings.minGroupSize,
    closesAt: settings.closesAt ? fromHelsinkiLocal(settings.closesAt) : null,
    responseQuota: settings.responseQuota ? Number(settings.responseQuota) : null,
    teamIds: [...new Set(settings.team)],
    ...(settings.bookingCutoffHours ? { bookingCutoffHours: Number(settings.bookingCutoffHours) } : {}),
    ...(settings.reminderHours !== undefined ? { reminderHours: reminderHoursOf(settings.reminderHours) ?? undefined } : {}),
  };
}

/** A stored study as the form's starting values. */
export function toFormValues(study: {
  type: string;
  title: unknown;
  description: unknown;
  consentText: unknown;
  analysisAttributes: string[];
  minGroupSize: number;
  closesAt: Date | string | null;
  responseQuota: number | null;
  teamIds: string[];
  bookingCutoffHours?: number;
  reminderHours?: number[];
}): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    type: study.type,
    minGroupSize: String(study.minGroupSize),
    closesAt: study.closesAt ? toHelsinkiLocal(new Date(study.closesAt)) : "",
    responseQuota: study.responseQuota === null ? "" : String(study.responseQuota),
    bookingCutoffHours: String(study.bookingCutoffHours ?? 24),
    reminderHours: (study.reminderHours ?? [24, 1]).join(", "),
    attributes: study.analysisAttributes,
    team: study.teamIds,
  };
  for (const language of languages) {
    values[`title_${language}`] = textOf(study.title, language);
    values[`description_${language}`] = textOf(study.description, language);
    values[`consent_${language}`] = textOf(study.consentText, language);
  }
  return values;
}

function textOf(value: unknown, language: Language): string {
  if (value && typeof value === "object" && language in value) {
    const text = (value as Record<string, unknown>)[language];
    if (typeof text === "string") return text;
  }
  return "";
}

const wallClock = new Intl.DateTimeFormat("en-US", {
  timeZone,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function helsinkiParts(at: Date) {
  const parts = wallClock.formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** Minutes Helsinki is ahead of UTC at that moment (120 or 180). */
function helsinkiOffset(at: Date): number {
  const p = helsinkiParts(at);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** "2026-05-31T16:00" read as Helsinki wall-clock time; null if it is no such time. */
export function fromHelsinkiLocal(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  if (year < 2000 || year > 2200 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // Twice, so a time near a daylight-saving change takes the offset in force then.
  let guess = wall - helsinkiOffset(new Date(wall)) * 60_000;
  guess = wall - helsinkiOffset(new Date(guess)) * 60_000;
  return new Date(guess);
}

/** A moment as the value of a datetime-local field, in Helsinki time. */
export function toHelsinkiLocal(at: Date): string {
  const p = helsinkiParts(at);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}
