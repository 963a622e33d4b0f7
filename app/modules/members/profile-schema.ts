// The member's optional background profile and invitation preferences: the
// choices offered and the zod schemas that read the forms. Shared by server
// and browser (the pages list the same choices the server accepts).
// Every profile answer is optional and an empty answer clears it.
import { z } from "zod";
import { findMunicipality, isRegionCode, regionOfMunicipality } from "./regions";

export const MINIMUM_AGE = 16;
export const EARLIEST_BIRTH_YEAR = 1900;

export const genders = ["woman", "man", "other", "prefer-not-to-say"] as const;
export const motherTongues = ["fi", "sv", "sami", "en", "ru", "et", "ar", "so", "other"] as const;
export const lifeSituations = ["studying", "working", "unemployed", "retired", "family-leave", "entrepreneur", "other"] as const;
export const employerSizes = ["1-9", "10-49", "50-249", "250+"] as const;
export const employerIndustries = [
  "public-sector",
  "health-social",
  "education",
  "industry-construction",
  "trade-hospitality",
  "transport-logistics",
  "information-finance",
  "agriculture-forestry",
  "other-services",
  "other",
] as const;
export const digitalUses = ["daily", "weekly", "rarely", "only-with-help"] as const;
export const accessibilityNeedOptions = [
  "remote-only",
  "sign-language-interpreter",
  "spoken-language-interpreter",
  "step-free-access",
  "hearing-loop",
  "extra-time",
  "other",
] as const;

export const studyTypes = ["SURVEY", "INTERVIEW", "WORKSHOP", "USABILITY_TEST", "CUSTOMER_COUNCIL"] as const;
export type StudyType = (typeof studyTypes)[number];
export const MIN_INVITATIONS_PER_MONTH = 1;
export const MAX_INVITATIONS_PER_MONTH = 10;
export const DEFAULT_INVITATIONS_PER_MONTH = 2;
export const MAX_PAUSE_DAYS = 366;

/** Form fields that may carry several values (read with readForm's `lists`). */
export const profileListFields = ["accessibilityNeeds"];
export const preferencesListFields = ["studyTypes"];

/** The latest birth year a member may have this year (members are 16 or older). */
export function latestBirthYear(now = new Date()) {
  return now.getFullYear() - MINIMUM_AGE;
}

/** For z.strictObject: unknown fields are refused with a message rather than silently dropped. */
export const strict = { error: (issue: { code?: string }) => (issue.code === "unrecognized_keys" ? "profile.unknownField" : "profile.badRequest") };

/** A field that may be left empty; empty (or only spaces) means "no answer". */
const optional = <T extends z.ZodType<unknown, string>>(inner: T) =>
  z
    .string({ error: "profile.badRequest" })
    .optional()
    .transform((value) => value?.trim() || undefined)
    .pipe(inner.optional())
    .transform((value) => (value ?? null) as z.output<T> | null);

const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: "profile.choiceUnknown" });

/** Several checkboxes of one name: each value from the list, each at most once. */
const choices = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())], { error: "profile.choiceUnknown" })
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.enum(values, { error: "profile.choiceUnknown" })).max(values.length, "profile.choiceUnknown"))
    .transform((list) => values.filter((value) => list.includes(value)) as T[number][]);

const birthYear = z
  .string()
  .regex(/^\d{4}$/, "profile.birthYear.format")
  .transform(Number)
  .refine((year) => year >= EARLIEST_BIRTH_YEAR, "profile.birthYear.tooEarly")
  .refine((year) => year <= latestBirthYear(), "profile.birthYear.tooYoung");

const municipality = z
  .string()
  .max(100, "profile.municipality.unknown")
  .refine((name) => findMunicipality(name) !== undefined, "profile.municipality.unknown")
  .transform((name) => findMunicipality(name)!.name);

export const profileSchema = z
  .strictObject(
    {
      birthYear: optional(birthYear),
      gender: optional(choice(genders)),
      municipality: optional(municipality),
      region: optional(z.string().refine(isRegionCode, "profile.region.unknown")),
      motherTongue: optional(choice(motherTongues)),
      lifeSituation: optional(choice(lifeSituations)),
      actsForEmployer: optional(z.enum(["yes", "no"], { error: "profile.choiceUnknown" })),
      employerSize: optional(choice(employerSizes)),
      employerIndustry: optional(choice(employerIndustries)),
      digitalUse: optional(choice(digitalUses)),
      accessibilityNeeds: choices(accessibilityNeedOptions),
      intent: z.literal("save", { error: "profile.badRequest" }).optional(),
    },
    strict,
  )
  .transform(({ intent: _intent, ...form }) => {
    const actsForEmployer = form.actsForEmployer === null ? null : form.actsForEmployer === "yes";
    return {
      birthYear: form.birthYear,
      gender: form.gender,
      municipality: form.municipality,
      // A municipality decides the region; a region alone is kept as given.
      region: form.municipality ? regionOfMunicipality(form.municipality)!.code : form.region,
      motherTongue: form.motherTongue,
      lifeSituation: form.lifeSituation,
      actsForEmployer,
      // Employer details only mean something for someone who acts for an employer.
      employerSize: actsForEmployer ? form.employerSize : null,
      employerIndustry: actsForEmployer ? form.employerIndustry : null,
      digitalUse: form.digitalUse,
      accessibilityNeeds: form.accessibilityNeeds,
    };
  });

export type ProfileInput = z.output<typeof profileSchema>;

/** Today's date in Finland as YYYY-MM-DD. */
export function todayInFinland(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The day `days` after a YYYY-MM-DD date, as YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The last day a pause may reach: one year from today. */
export function latestPauseDay(now = new Date()): string {
  const today = todayInFinland(now);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
}

/** Reads 2026-05-31 (what date inputs send) or 31.5.2026 (what people type without one). */
export function parseDay(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const finnish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : finnish
      ? [Number(finnish[3]), Number(finnish[2]), Number(finnish[1])]
      : [NaN, NaN, NaN];
  if (!Number.isInteger(year) || year < 2000 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

const pauseDay = z
  .string()
  .transform((value, context) => {
    const day = parseDay(value);
    if (!day) {
      context.addIssue({ code: "custom", message: "preferences.pause.format" });
      return z.NEVER;
    }
    return day;
  })
  .refine((day) => day >= todayInFinland(), "preferences.pause.past")
  .refine((day) => day <= latestPauseDay(), "preferences.pause.tooFar");

// Pressing Enter in a field may submit without the button's intent: that is a save.
export const preferencesSchema = z.preprocess(
  (values) => (values && typeof values === "object" && !("intent" in values) ? { ...values, intent: "save" } : values),
  z.discriminatedUnion(
    "intent",
    [
      z.strictObject(
        {
          intent: z.literal("save"),
          studyTypes: choices(studyTypes).refine((list) => list.length > 0, "preferences.studyTypes.none"),
          maxInvitationsPerMonth: z
            .string({ error: "preferences.max.invalid" })
            .regex(/^\d{1,2}$/, "preferences.max.invalid")
            .transform(Number)
            .refine((n) => n >= MIN_INVITATIONS_PER_MONTH && n <= MAX_INVITATIONS_PER_MONTH, "preferences.max.invalid"),
          pausedUntil: optional(pauseDay),
        },
        strict,
      ),
      z.strictObject({ intent: z.literal("remove-pause") }, strict),
      z.strictObject({ intent: z.literal("resubscribe") }, strict),
    ],
    { error: "profile.badRequest" },
  ),
);

export type PreferencesInput = z.output<typeof preferencesSchema>;
