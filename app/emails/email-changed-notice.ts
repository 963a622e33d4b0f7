import type { EmailTemplate } from "./layout";

/** To the old address once a change of email is done; the new one is partly masked. */
export const emailChangedNoticeEmail: EmailTemplate<{ newEmail: string }> = (t, { newEmail }) => ({
  subject: t("email.emailChanged.subject"),
  blocks: [
    { kind: "paragraph", text: t("email.emailChanged.body", { email: newEmail }) },
    { kind: "paragraph", text: t("email.emailChanged.notYou") },
  ],
});

/** To an address another member already uses, instead of a code: nothing was changed. */
export const emailInUseNoticeEmail: EmailTemplate<{ signInUrl: string }> = (t, { signInUrl }) => ({
  subject: t("email.emailInUse.subject"),
  blocks: [
    { kind: "paragraph", text: t("email.emailInUse.body") },
    { kind: "paragraph", text: t("email.emailInUse.ignore") },
    { kind: "button", text: t("signIn.title"), href: signInUrl },
  ],
});
