// An urgent feedback item has arrived: sent at once to the unit's shared
// mailbox in the unit's language. It quotes a masked excerpt and never the
// customer's contact details; the handler opens the item for the rest.
import type { FeedbackCategory, FeedbackChannel } from "~/modules/feedback/kinds";
import type { EmailTemplate } from "./layout";

export interface FeedbackUrgentEmailData {
  /** e.g. "#1042" */
  reference: string;
  unitName: string;
  category: FeedbackCategory;
  channel: FeedbackChannel;
  /** the service's name in the unit's language; null when none was chosen */
  service: string | null;
  /** the text with personal data masked, shortened */
  excerpt: string;
  /** the item on the staff pages */
  url: string;
}

export const feedbackUrgentEmail: EmailTemplate<FeedbackUrgentEmailData> = (t, data) => {
  const category = t(`feedback.category.${data.category}`);
  return {
    subject: t("feedbackIntake.urgentEmail.subject", { reference: data.reference, category }),
    blocks: [
      { kind: "paragraph", text: t("feedbackIntake.urgentEmail.intro", { unit: data.unitName }) },
      { kind: "paragraph", text: `${t("feedbackIntake.urgentEmail.reference")}: ${data.reference}` },
      { kind: "paragraph", text: `${t("feedbackIntake.category")}: ${category}` },
      { kind: "paragraph", text: `${t("feedbackIntake.service")}: ${data.service ?? t("feedback.noService")}` },
      { kind: "paragraph", text: `${t("feedbackIntake.channel")}: ${t(`feedback.channel.${data.channel}`)}` },
      { kind: "paragraph", text: `${t("feedbackIntake.urgentEmail.excerpt")}:` },
      { kind: "paragraph", text: data.excerpt },
      { kind: "button", text: t("feedbackIntake.urgentEmail.open"), href: data.url },
    ],
  };
};
