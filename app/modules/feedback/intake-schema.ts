// The public feedback form and the staff quick-log, checked the same way in
// the browser and on the server. Messages are translation keys, so errors are
// shown in the reader's language. Client-safe: no server imports.
import { z } from "zod";
import { languages } from "~/infra/i18n/i18n";
import { customerTypes, FEEDBACK_TEXT_MAX, feedbackCategories, loggedChannels } from "./kinds";

/** "0123456-7" from "123456-7" or " 0123456 - 7 "; null when it is not of that shape. */
export function normaliseBusinessId(value: string): string | null {
  const match = /^(\d{6,7})\s*-\s*(\d)$/.exec(value.trim());
  if (!match) return null;
  return `${match[1]!.padStart(7, "0")}-${match[2]}`;
}

/**
 * A Finnish business id (y-tunnus): seven digits, a hyphen and a check digit
 * (weights 7 9 10 5 8 4 2, modulo 11; remainder 1 is never issued).
 */
export function businessIdValid(value: string): boolean {
  const id = normaliseBusinessId(value);
  if (!id) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(id[index]), 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  return (remainder === 0 ? 0 : 11 - remainder) === Number(id[8]);
}

const optionalText = (max: number) => z.string().trim().max(max, "form.tooLong").optional().default("");
const optionalEmail = z
  .string()
  .trim()
  .max(254, "form.emailInvalid")
  .optional()
  .default("")
  .refine((value) => value === "" || z.email().safeParse(value).success, "form.emailInvalid");
const optionalPhone = z
  .string()
  .trim()
  .max(40, "feedbackIntake.error.phone")
  .optional()
  .default("")
  .refine((value) => value === "" || /^\+?[0-9][0-9 ()-]{4,24}$/.test(value), "feedbackIntake.error.phone");
const uuidOrEmpty = z
  .string()
  .trim()
  .optional()
  .default("")
  .refine((value) => value === "" || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value), "feedbackIntake.error.service");
const feedbackText = z
  .string({ error: "feedbackIntake.error.text" })
  .trim()
  .min(1, "feedbackIntake.error.text")
  .max(FEEDBACK_TEXT_MAX, "feedbackIntake.error.textTooLong");
const yes = z.string().optional().transform((value) => value === "yes");

const contactFields = {
  wantsContact: yes,
  contactName: optionalText(200),
  contactEmail: optionalEmail,
  contactPhone: optionalPhone,
};

/**
 * Contact details are needed when a reply is wanted. Checked even when other
 * fields failed (zod's `when`), so every error shows at once; the value may
 * then be the raw form, hence the loose reading.
 */
function contactGivenWhenWanted(value: { wantsContact: unknown; contactEmail: unknown; contactPhone: unknown }) {
  const wanted = value.wantsContact === true || value.wantsContact === "yes";
  const given = (field: unknown) => typeof field === "string" && field.trim() !== "";
  return !wanted || given(value.contactEmail) || given(value.contactPhone);
}
const contactNeeded = {
  path: ["contactEmail"],
  message: "feedbackIntake.error.contactNeeded",
  when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null,
};

/** The public form at /feedback. `website` is the honeypot: people never see it. */
export const publicFeedbackSchema = z
  .object({
    category: z.enum(feedbackCategories, { error: "feedbackIntake.error.category" }),
    serviceId: uuidOrEmpty,
    text: feedbackText,
    language: z.enum(languages).optional(),
    website: z.string().optional().default(""),
    ...contactFields,
  })
  .refine(contactGivenWhenWanted, contactNeeded);

/** The staff quick-log at /staff/feedback/new. */
export const quickLogSchema = z
  .object({
    channel: z.enum(loggedChannels, { error: "feedbackIntake.error.choose" }),
    category: z.enum(feedbackCategories, { error: "feedbackIntake.error.category" }),
    serviceId: uuidOrEmpty,
    customerType: z.enum(customerTypes, { error: "feedbackIntake.error.choose" }),
    employerName: optionalText(200),
    employerId: z
      .string()
      .trim()
      .max(20, "feedbackIntake.error.businessId")
      .optional()
      .default("")
      .refine((value) => value === "" || businessIdValid(value), "feedbackIntake.error.businessId")
      .transform((value) => (value === "" ? "" : normaliseBusinessId(value)!)),
    urgent: yes,
    text: feedbackText,
    language: z.enum(languages, { error: "feedbackIntake.error.choose" }),
    ...contactFields,
  })
  .refine(contactGivenWhenWanted, contactNeeded);
