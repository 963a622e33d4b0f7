import { z } from "zod";

/** An 8-digit code as people type it: spaces and dashes are ignored. */
export const eightDigitCode = (formatMessage: "signIn.codeFormat") =>
  z
    .string({ error: "form.required" })
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, "form.required").regex(/^\d{8}$/, formatMessage));
