// Emails about a member's reward: approved (with the gift-card code when one
// is delivered), a bank account wanted, paid, a prize won. Amounts come
// formatted in the member's language.
import type { EmailTemplate } from "./layout";

export const rewardEmailKinds = ["giftCard", "approved", "needsAccount", "charity", "paid", "won"] as const;
export type RewardEmailKind = (typeof rewardEmailKinds)[number];

export interface RewardEmailData {
  kind: RewardEmailKind;
  /** the study's title in the member's language */
  title: string;
  /** e.g. "20,00 €" */
  amount: string;
  /** gift cards: the code, and the last day it is valid ("" when it does not expire) */
  code?: string;
  expires?: string;
  /** bank transfers: the account it goes to, masked ("FI… 1234") */
  account?: string;
  charity?: string;
  /** the member's rewards page */
  url: string;
}

export const rewardEmail: EmailTemplate<RewardEmailData> = (t, data) => {
  const vars = { title: data.title, amount: data.amount, account: data.account ?? "", charity: data.charity ?? "" };
  return {
    subject: t(`rewardEmail.subject.${data.kind}`, vars),
    blocks: [
      { kind: "paragraph", text: t(`rewardEmail.intro.${data.kind}`, vars) },
      ...(data.code ? [{ kind: "code" as const, text: data.code }] : []),
      ...(data.code && data.expires ? [{ kind: "paragraph" as const, text: t("rewardEmail.expires", { date: data.expires }) }] : []),
      { kind: "button", text: t(data.kind === "needsAccount" ? "rewardEmail.addAccount" : "rewardEmail.manage"), href: data.url },
    ],
  };
};
