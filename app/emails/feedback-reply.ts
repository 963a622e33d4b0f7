// A handler's reply to a customer who asked to be contacted: in the customer's
// language, carrying the feedback's reference and the handler's own words
// (paragraph by paragraph, so the plain-text part reads the same).
import type { EmailTemplate } from "./layout";

export interface FeedbackReplyEmailData {
  /** e.g. "#1042" */
  reference: string;
  /** the handler's text as written */
  text: string;
}

export const feedbackReplyEmail: EmailTemplate<FeedbackReplyEmailData> = (t, data) => ({
  subject: t("feedbackHandling.replyEmail.subject", { reference: data.reference }),
  blocks: [
    { kind: "paragraph", text: t("feedbackHandling.replyEmail.intro", { reference: data.reference }) },
    ...data.text
      .split(/\n{2,}/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean)
      .map((paragraph) => ({ kind: "paragraph" as const, text: paragraph })),
    { kind: "paragraph", text: t("feedbackHandling.replyEmail.reference", { reference: data.reference }) },
  ],
});
