// Feedback arrives: from the public form (by = null) or quick-logged by a
// handler. One transaction stores the item, routes it to a unit, records the
// RECEIVED action, puts it into a recurrence group and, when it is urgent and
// has a unit, queues the notice to the unit's mailbox — so an item is never
// stored without its routing, group or notice, and a retry cannot send twice
// (the notice's dedupe key is the item's id).
import { db } from "~/infra/db/panel.server";
import { env } from "~/infra/env.server";
import type { Language } from "~/infra/i18n/i18n";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import { maskFreeText } from "~/modules/results/masking";
import { assignGroup } from "./grouping.server";
import { FEEDBACK_TEXT_MAX, feedbackReference, type CustomerType, type FeedbackCategory, type FeedbackChannel } from "./kinds";
import { routeFeedback } from "./routing.server";

export interface NewFeedback {
  channel: FeedbackChannel;
  category: FeedbackCategory;
  serviceId: string | null;
  customerType: CustomerType;
  employerName?: string | null;
  employerId?: string | null;
  urgent: boolean;
  text: string;
  language: Language;
  wantsContact: boolean;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  /** only for tests and imports; default now */
  receivedAt?: Date;
}

export interface CreatedFeedback {
  id: string;
  number: number;
  unitId: string | null;
  groupId: string;
}

/** How much of the text the urgent notice quotes (masked). */
export const URGENT_EXCERPT_MAX = 300;

const blankToNull = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export function excerpt(text: string, max = URGENT_EXCERPT_MAX): string {
  const masked = maskFreeText(text).replace(/\s+/g, " ").trim();
  return masked.length > max ? `${masked.slice(0, max - 1).trimEnd()}…` : masked;
}

export const feedbackItemUrl = (id: string) => `${env().PUBLIC_URL}/staff/feedback/${id}`;

export async function createFeedback(input: NewFeedback, by: { userId: string } | null): Promise<CreatedFeedback> {
  const text = input.text.trim().slice(0, FEEDBACK_TEXT_MAX);
  const wantsContact = input.wantsContact;
  const employer = input.customerType === "EMPLOYER";
  return db.$transaction(async (tx) => {
    const service = input.serviceId
      ? await tx.feedbackService.findUnique({ where: { id: input.serviceId }, select: { id: true, nameFi: true, nameSv: true, nameEn: true } })
      : null;
    const unit = await routeFeedback(tx, { serviceId: service?.id ?? null, category: input.category });
    const item = await tx.feedback.create({
      data: {
        receivedAt: input.receivedAt ?? new Date(),
        channel: input.channel,
        category: input.category,
        serviceId: service?.id ?? null,
        customerType: input.customerType,
        employerName: employer ? blankToNull(input.employerName) : null,
        employerId: employer ? blankToNull(input.employerId) : null,
        urgent: input.urgent,
        text,
        language: input.language,
        // contact details are kept only when the customer asked to be contacted
        wantsContact,
        contactName: wantsContact ? blankToNull(input.contactName) : null,
        contactEmail: wantsContact ? blankToNull(input.contactEmail)?.toLowerCase() ?? null : null,
        contactPhone: wantsContact ? blankToNull(input.contactPhone) : null,
        unitId: unit?.id ?? null,
        loggedById: by?.userId ?? null,
      },
      select: { id: true, number: true, receivedAt: true },
    });
    await tx.feedbackAction.create({
      data: { feedbackId: item.id, kind: "RECEIVED", byId: by?.userId ?? null, text: unit?.name ?? null, at: item.receivedAt },
    });
    const groupId = await assignGroup(tx, item.id);
    if (input.urgent && unit) {
      const serviceName = service ? { fi: service.nameFi, sv: service.nameSv, en: service.nameEn }[unit.language] : null;
      await enqueueEmail(tx, {
        template: "feedback-urgent",
        to: unit.email,
        language: unit.language,
        dedupeKey: `feedback-urgent:${item.id}`,
        data: {
          reference: feedbackReference(item.number),
          unitName: unit.name,
          category: input.category,
          channel: input.channel,
          service: serviceName,
          excerpt: excerpt(text),
          url: feedbackItemUrl(item.id),
        },
      });
    }
    return { id: item.id, number: item.number, unitId: unit?.id ?? null, groupId };
  });
}
