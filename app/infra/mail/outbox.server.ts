// The one way an email leaves Panel: rendered in the recipient's language and
// written to the outbox in the same transaction as the change that caused it.
import { emailTemplates, type EmailData, type EmailName } from "~/emails";
import { render, type EmailTemplate } from "~/emails/layout";
import type { PanelTransaction } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { consentLinkUrl } from "./links.server";
import { wakeMailWorker } from "./worker.server";

export interface EnqueueEmail<Name extends EmailName> {
  template: Name;
  to: string;
  language: Language;
  data: EmailData<Name>;
  /** one row per cause: a second enqueue with the same key is ignored */
  dedupeKey?: string;
  headers?: Record<string, string>;
  /** the member the email is for: adds the consent link and lets leaving cancel it */
  memberId?: string;
  /** a calendar entry (RFC 5545 text) sent with the message as text/calendar and invite.ics */
  calendar?: { method: "REQUEST" | "CANCEL"; content: string };
}

export async function enqueueEmail<Name extends EmailName>(tx: PanelTransaction, email: EnqueueEmail<Name>) {
  const template = emailTemplates[email.template] as EmailTemplate<EmailData<Name>>;
  const rendered = render(template, email.language, email.data, {
    manageUrl: email.memberId ? consentLinkUrl(email.memberId) : undefined,
  });
  const row = await tx.outboxEmail.upsert({
    where: { dedupeKey: email.dedupeKey ?? `${email.template}:${crypto.randomUUID()}` },
    update: {},
    create: {
      template: email.template,
      dedupeKey: email.dedupeKey ?? null,
      toAddress: email.to,
      userId: email.memberId ?? null,
      language: email.language,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers: email.headers ?? undefined,
      calendar: email.calendar ?? undefined,
    },
    select: { id: true },
  });
  // Delivery starts after commit; the worker also polls, so nothing waits on this.
  setTimeout(wakeMailWorker, 50);
  return row.id;
}
