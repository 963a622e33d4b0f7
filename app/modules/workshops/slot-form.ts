// The slot form (one slot or a series), read from the staff page's fields.
// Times are Helsinki wall-clock time; a series keeps the wall time across a
// daylight-saving change. No server imports: the page shows the same limits.
import { z } from "zod";
import { languages } from "~/infra/i18n/i18n";
import { helsinkiToInstant } from "./time";

export const slotModes = ["IN_PERSON", "REMOTE"] as const;
export type SlotMode = (typeof slotModes)[number];
export const repeatChoices = [0, 1, 7, 14] as const;
export const SLOT_LIMITS = { durationMin: 15, durationMax: 480, capacityMax: 500, seriesMax: 52, textMax: 2000 } as const;

const whole = (min: number, max: number, message: "workshops.error.duration" | "workshops.error.capacity" | "workshops.error.repeatCount") =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value ?? "").replace(/\u0000/g, "").trim())
  .refine((value) => value.length <= SLOT_LIMITS.textMax, "form.tooLong");

const httpsUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === "https:";
  } catch {
    return false;
  }
};

/** When a slot is: the Helsinki date and time, and how long. */
export const slotTimeSchema = z
  .object({
    date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "workshops.error.date"),
    time: z.string().trim().regex(/^\d{1,2}:\d{2}$/, "workshops.error.time"),
    durationMinutes: whole(SLOT_LIMITS.durationMin, SLOT_LIMITS.durationMax, "workshops.error.duration"),
  })
  .superRefine((value, ctx) => {
    if (!helsinkiToInstant(value.date, value.time.padStart(5, "0"))) ctx.addIssue({ code: "custom", path: ["date"], message: "workshops.error.date" });
  });

export const slotInputSchema = z
  .object({
    date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "workshops.error.date"),
    time: z.string().trim().regex(/^\d{1,2}:\d{2}$/, "workshops.error.time"),
    durationMinutes: whole(SLOT_LIMITS.durationMin, SLOT_LIMITS.durationMax, "workshops.error.duration"),
    capacity: whole(1, SLOT_LIMITS.capacityMax, "workshops.error.capacity"),
    language: z.enum(languages, { error: "workshops.error.language" }),
    mode: z.enum(slotModes, { error: "workshops.error.mode" }),
    address: optionalText,
    accessibility: optionalText,
    videoLink: optionalText,
    bring: optionalText,
    facilitatorIds: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(Boolean))
      .refine((ids) => ids.every((id) => /^[0-9a-f-]{36}$/i.test(id)), "workshops.error.facilitators"),
    asksDevice: z
      .string()
      .optional()
      .transform((value) => value === "on" || value === "true"),
    repeatEveryDays: z
      .string()
      .optional()
      .transform((value) => Number(value || 0))
      .refine((n) => (repeatChoices as readonly number[]).includes(n), "workshops.error.repeat"),
    repeatCount: z
      .string()
      .optional()
      .transform((value) => (value ?? "").trim() || "1")
      .pipe(whole(1, SLOT_LIMITS.seriesMax, "workshops.error.repeatCount")),
  })
  .superRefine((value, ctx) => {
    if (!helsinkiToInstant(value.date, value.time.padStart(5, "0"))) ctx.addIssue({ code: "custom", path: ["date"], message: "workshops.error.date" });
    if (value.mode === "IN_PERSON" && !value.address) ctx.addIssue({ code: "custom", path: ["address"], message: "workshops.error.address" });
    if (value.mode === "REMOTE" && !httpsUrl(value.videoLink)) ctx.addIssue({ code: "custom", path: ["videoLink"], message: "workshops.error.videoLink" });
    if (value.repeatEveryDays === 0 && value.repeatCount > 1) ctx.addIssue({ code: "custom", path: ["repeatCount"], message: "workshops.error.repeatCount" });
  })
  .transform((value) => ({ ...value, time: value.time.padStart(5, "0") }));

export type SlotInput = z.output<typeof slotInputSchema>;
export type SlotTime = z.output<typeof slotTimeSchema>;

/** The field that takes several values (checkboxes): pass to parseForm's `lists`. */
export const slotListFields = ["facilitatorIds"];
