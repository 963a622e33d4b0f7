import type { EmailTemplate } from "./layout";

export const signInCodeEmail: EmailTemplate<{ code: string }> = (t, { code }) => ({
  // The code stays out of the subject: the subject is kept after sending, the body is not.
  subject: t("email.signInCode.subject"),
  blocks: [
    { kind: "paragraph", text: t("email.signInCode.intro") },
    { kind: "code", text: code },
    { kind: "paragraph", text: t("email.signInCode.expiry") },
    { kind: "paragraph", text: t("email.signInCode.ignore") },
  ],
});
