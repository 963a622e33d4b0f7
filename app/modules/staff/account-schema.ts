// The staff account form, shared by the browser (react-hook-form) and the
// server action, so both check the same rules.
import { z } from "zod";
import { staffRoles } from "~/infra/auth/roles";
import { emailField, requiredText } from "~/infra/http/fields";
import { languages } from "~/infra/i18n/i18n";

export const staffAccountSchema = z.object({
  name: requiredText(120),
  email: emailField,
  language: z.enum(languages, { error: "form.required" }),
  // One checkbox gives a string, several an array, none nothing (or false in the browser).
  roles: z.preprocess(
    (value) => (Array.isArray(value) ? value : typeof value === "string" ? [value] : []),
    z.array(z.enum(staffRoles, { error: "form.chooseOne" })).min(1, "form.chooseOne"),
  ),
  password: z.string({ error: "form.required" }).min(12, "form.passwordTooShort").max(200, "form.tooLong"),
});

export type StaffAccountInput = z.output<typeof staffAccountSchema>;
