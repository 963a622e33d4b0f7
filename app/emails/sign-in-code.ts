import type { EmailTemplate } from "./layout";

export const signInCodeEmail: EmailTemplate<{ code: string }> = (t, { code }) => ({
  subject: t("email.signInCode.subject", { code }),
  blocks: [
    { kind: "paragraph", text: t("email.signInCode.intro") },
    { kind: "code", text: code },
    { kind: "paragraph", text: t("email.signInCode.expiry") },
    { kind: "paragraph", text: t("email.signInCode.ignore") },
  ],
});
