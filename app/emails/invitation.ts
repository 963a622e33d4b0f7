import type { EmailTemplate } from "./layout";

export const invitationEmail: EmailTemplate<{ title: string; url: string }> = (t, { title, url }) => ({
  subject: t("email.invitation.subject", { title }),
  blocks: [
    { kind: "paragraph", text: t("email.invitation.intro", { title }) },
    { kind: "button", text: t("email.invitation.button"), href: url },
    { kind: "paragraph", text: t("email.invitation.anonymous") },
    { kind: "paragraph", text: t("email.invitation.personal") },
  ],
});
