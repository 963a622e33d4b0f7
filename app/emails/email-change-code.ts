import type { EmailTemplate } from "./layout";

/** To the new address: the code that confirms a change of email. */
export const emailChangeCodeEmail: EmailTemplate<{ code: string }> = (t, { code }) => ({
  subject: t("email.emailChangeCode.subject", { code }),
  blocks: [
    { kind: "paragraph", text: t("email.emailChangeCode.intro") },
    { kind: "code", text: code },
    { kind: "paragraph", text: t("email.emailChangeCode.expiry") },
    { kind: "paragraph", text: t("email.emailChangeCode.ignore") },
  ],
});
