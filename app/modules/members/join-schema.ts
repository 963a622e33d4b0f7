import { z } from "zod";
import { emailField } from "~/infra/http/fields";
import { languages } from "~/infra/i18n/i18n";

export const MINIMUM_AGE = 16;

/** The join form, checked the same way wherever it is parsed. */
export function joinSchema(today = new Date()) {
  const thisYear = today.getFullYear();
  return z.object({
    email: emailField,
    language: z.enum(languages, { error: "form.required" }),
    birthYear: z
      .string({ error: "form.required" })
      .trim()
      .min(1, "form.required")
      .regex(/^\d{4}$/, "join.birthYearInvalid")
      .transform(Number)
      .refine((year) => year >= 1900 && year <= thisYear, "join.birthYearInvalid")
      .refine((year) => year <= thisYear - MINIMUM_AGE, "join.tooYoung"),
    acceptTerms: z.literal("yes", { error: "join.mustAccept" }),
    profileUse: z.literal("yes").optional(),
    termsVersionId: z.string().max(100).optional(),
  });
}
