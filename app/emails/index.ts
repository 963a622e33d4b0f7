// Every email Panel sends, by the name the outbox records.
import { alreadyMemberEmail, joinConfirmEmail, leftEmail, welcomeEmail } from "./membership";
import { emailChangeCodeEmail } from "./email-change-code";
import { feedbackSummaryEmail } from "./feedback-summary";
import { feedbackReplyEmail } from "./feedback-reply";
import { feedbackUrgentEmail } from "./feedback-urgent";
import { emailChangedNoticeEmail, emailInUseNoticeEmail } from "./email-changed-notice";
import { bookingEmail, councilTermEndingEmail } from "./booking";
import { invitationEmail } from "./invitation";
import { rewardEmail } from "./reward";
import { signInCodeEmail } from "./sign-in-code";

export const emailTemplates = {
  "sign-in-code": signInCodeEmail,
  invitation: invitationEmail,
  "join-confirm": joinConfirmEmail,
  "already-member": alreadyMemberEmail,
  welcome: welcomeEmail,
  left: leftEmail,
  "email-change-code": emailChangeCodeEmail,
  "email-changed": emailChangedNoticeEmail,
  "email-in-use": emailInUseNoticeEmail,
  booking: bookingEmail,
  "council-term-ending": councilTermEndingEmail,
  reward: rewardEmail,
  "feedback-urgent": feedbackUrgentEmail,
  "feedback-reply": feedbackReplyEmail,
  "feedback-summary": feedbackSummaryEmail,
};

export type EmailName = keyof typeof emailTemplates;
export type EmailData<Name extends EmailName> = Parameters<(typeof emailTemplates)[Name]>[1];
