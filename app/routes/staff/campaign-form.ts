// The campaign page's two forms, email texts and schedule, read into the
// campaigns module's input. The module's own schema has the last word; its
// issues come back as message keys next to the field they concern. Times are
// typed in Helsinki wall-clock time. No server imports.
import type { z } from "zod";
import { languages, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { fromHelsinkiLocal, toHelsinkiLocal } from "~/modules/studies/study-form";
import type { FieldErrors, FormValues } from "./segment-form";

export type EmailTexts = Partial<Record<Language, { subject: string; body: string }>>;

export interface Schedule {
  sendAt: Date | null;
  ratePerMinute: number;
  reminderAfterDays: number | null;
  maxReminders: number;
  closesAt: Date | null;
}

const text = (value: string | string[] | undefined) => (typeof value === "string" ? value : Array.isArray(value) ? (value[0] ?? "") : "");

/** The texts as typed: both parts per language, blank ones left out by the module. */
export function readEmailTexts(values: FormValues): EmailTexts {
  const email: EmailTexts = {};
  for (const language of languages) {
    const subject = text(values[`subject_${language}`]).replace(/\u0000/g, "").trim();
    const body = text(values[`body_${language}`]).replace(/\u0000/g, "").trim();
    if (subject || body) email[language] = { subject, body };
  }
  return email;
}

export function emailValues(email: unknown): FormValues {
  const values: FormValues = {};
  for (const language of languages) {
    const entry = (email as Record<string, { subject?: unknown; body?: unknown }> | null)?.[language];
    values[`subject_${language}`] = typeof entry?.subject === "string" ? entry.subject : "";
    values[`body_${language}`] = typeof entry?.body === "string" ? entry.body : "";
  }
  return values;
}

const whole = (value: string) => (/^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : NaN);

export function readSchedule(values: FormValues, now = new Date()): { ok: true; schedule: Schedule } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const sendAtText = text(values.sendAt).trim();
  const sendAt = sendAtText ? fromHelsinkiLocal(sendAtText) : null;
  if (sendAtText && !sendAt) errors.sendAt = "staffCampaigns.error.dateTime";

  const closesText = text(values.closesAt).trim();
  const closesAt = closesText ? fromHelsinkiLocal(closesText) : null;
  if (closesText && !closesAt) errors.closesAt = "staffCampaigns.error.dateTime";
  else if (closesAt && closesAt <= (sendAt && sendAt > now ? sendAt : now)) errors.closesAt = "staffCampaigns.error.closesBeforeSend";

  const ratePerMinute = whole(text(values.ratePerMinute));
  if (!(ratePerMinute >= 1 && ratePerMinute <= 100_000)) errors.ratePerMinute = "campaigns.error.rate";

  const afterText = text(values.reminderAfterDays).trim();
  const reminderAfterDays = afterText ? whole(afterText) : null;
  const maxText = text(values.maxReminders).trim();
  const maxReminders = maxText ? whole(maxText) : 0;
  if (reminderAfterDays !== null && !(reminderAfterDays >= 1 && reminderAfterDays <= 60)) errors.reminderAfterDays = "staffCampaigns.error.reminderAfter";
  if (!(maxReminders >= 0 && maxReminders <= 5)) errors.maxReminders = "staffCampaigns.error.maxReminders";
  else if (maxReminders > 0 && reminderAfterDays === null && !errors.reminderAfterDays) errors.reminderAfterDays = "staffCampaigns.error.reminderAfter";

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, schedule: { sendAt, ratePerMinute, reminderAfterDays, maxReminders: reminderAfterDays === null ? 0 : maxReminders, closesAt } };
}

export function scheduleValues(campaign: {
  sendAt: Date | string | null;
  ratePerMinute: number;
  reminderAfterDays: number | null;
  maxReminders: number;
  closesAt: Date | string | null;
}): FormValues {
  return {
    sendAt: campaign.sendAt ? toHelsinkiLocal(new Date(campaign.sendAt)) : "",
    ratePerMinute: String(campaign.ratePerMinute),
    reminderAfterDays: campaign.reminderAfterDays === null ? "" : String(campaign.reminderAfterDays),
    maxReminders: String(campaign.maxReminders),
    closesAt: campaign.closesAt ? toHelsinkiLocal(new Date(campaign.closesAt)) : "",
  };
}

/** The module schema's issues as the form's field names: email.fi.subject → subject_fi. */
export function issuesToErrors(issues: z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const [first, second, third] = issue.path.map(String);
    const field = first === "email" && second && third ? `${third}_${second}` : first === "email" && second ? `subject_${second}` : (first ?? "form");
    errors[field] ??= issue.message as MessageKey;
  }
  return errors;
}

/** Per language: how many of the two texts (subject, body) are written. */
export function emailCompleteness(email: unknown): Record<Language, { filled: number; total: number }> {
  const values = emailValues(email);
  return Object.fromEntries(
    languages.map((language) => [
      language,
      { filled: [values[`subject_${language}`], values[`body_${language}`]].filter((v) => typeof v === "string" && v.trim() !== "").length, total: 2 },
    ]),
  ) as Record<Language, { filled: number; total: number }>;
}
