// The one way an email leaves Panel: rendered in the recipient's language and
// written to the outbox in the same transaction as the change that caused it.
import { emailTemplates, type EmailData, type EmailName } from "~/emails";
import { render } from "~/emails/layout";
import type { PanelTransaction } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { wakeMailWorker } from "./worker.server";

export interface EnqueueEmail<Name extends EmailName> {
  template: Name;
  to: string;
  language: Language;
  data: EmailData<Name>;
  /** one row per cause: a second enqueue with the same key is ignored */
  dedupeKey?: string;
  headers?: Record<string, string>;
}

export async function enqueueEmail<Name extends EmailName>(tx: PanelTransaction, email: EnqueueEmail<Name>) {
  const template = emailTemplates[email.template] as (typeof emailTemplates)[EmailName];
  const rendered = render(template, email.language, email.data as EmailData<EmailName>);
  const row = await tx.outboxEmail.upsert({
    where: { dedupeKey: email.dedupeKey ?? `${email.template}:${crypto.randomUUID()}` },
    update: {},
    create: {
      template: email.template,
      dedupeKey: email.dedupeKey ?? null,
      toAddress: email.to,
      language: email.language,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers: email.headers ?? undefined,
    },
    select: { id: true },
  });
  // Delivery starts after commit; the worker also polls, so nothing waits on this.
  setTimeout(wakeMailWorker, 50);
  return row.id;
}
