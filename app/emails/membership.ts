// Emails of joining and leaving the community.
import type { EmailTemplate } from "./layout";

export const joinConfirmEmail: EmailTemplate<{ code: string; confirmUrl: string }> = (t, { code, confirmUrl }) => ({
  subject: t("email.joinConfirm.subject"),
  blocks: [
    { kind: "paragraph", text: t("email.joinConfirm.intro") },
    { kind: "code", text: code },
    { kind: "paragraph", text: t("email.joinConfirm.orLink") },
    { kind: "button", text: t("email.joinConfirm.button"), href: confirmUrl },
    { kind: "paragraph", text: t("email.joinConfirm.expiry") },
    { kind: "paragraph", text: t("email.joinConfirm.ignore") },
  ],
});

export const alreadyMemberEmail: EmailTemplate<{ signInUrl: string }> = (t, { signInUrl }) => ({
  subject: t("email.alreadyMember.subject"),
  blocks: [
    { kind: "paragraph", text: t("email.alreadyMember.intro") },
    { kind: "button", text: t("email.alreadyMember.button"), href: signInUrl },
    { kind: "paragraph", text: t("email.alreadyMember.ignore") },
  ],
});

export const welcomeEmail: EmailTemplate<{ accountUrl: string }> = (t, { accountUrl }) => ({
  subject: t("email.welcome.subject"),
  blocks: [
    { kind: "paragraph", text: t("email.welcome.intro") },
    { kind: "paragraph", text: t("email.welcome.next") },
    { kind: "paragraph", text: t("home.promise") },
    { kind: "button", text: t("email.welcome.button"), href: accountUrl },
  ],
});

export const leftEmail: EmailTemplate<Record<string, never>> = (t) => ({
  subject: t("email.left.subject"),
  blocks: [
    { kind: "paragraph", text: t("email.left.intro") },
    { kind: "paragraph", text: t("email.left.kept") },
    { kind: "paragraph", text: t("email.left.welcomeBack") },
  ],
});
