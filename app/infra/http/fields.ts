// zod pieces whose messages are translation keys (see form.server.ts).
import { z } from "zod";

export const emailField = z
  .string({ error: "form.required" })
  .trim()
  .min(1, "form.required")
  .max(254, "form.emailInvalid")
  .pipe(z.email({ error: "form.emailInvalid" }));

export const requiredText = (max = 500) =>
  z.string({ error: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");
