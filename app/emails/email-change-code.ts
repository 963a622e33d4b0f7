import type { EmailTemplate } from "./layout";

/** To the new address: the code that confirms a change of email. */
export const emailChangeCodeEmail: EmailTemplate<{ code: string }> = (t, { code }) => ({
  // The code stays out of the subject: the subject is kept after sending, the body is not.
  subject: t("email.emailChangeCode.subject"),
  blocks: [
    { kind: "paragraph", text: t("email.emailChangeCode.intro") },
    { kind: "code", text: code },
    { kind: "paragraph", text: t("email.emailChangeCode.expiry") },
    { kind: "paragraph", text: t("email.emailChangeCode.ignore") },
  ],
});
