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
import { keyedHash, safeEqualHex } from "~/infra/security/hash.server";
import { hit } from "~/infra/security/rate-limit.server";
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

// ---------------------------------------------------------------------------
// The forms: the public one at /feedback and the staff quick-log.

/** Hourly cap of feedback from one client address on the public form. */
export const PUBLIC_FEEDBACK_PER_HOUR = 10;

export interface ServiceOption {
  id: string;
  name: string;
}

/** Active services in the reader's language, in the admin's order. */
export async function serviceOptions(language: Language): Promise<ServiceOption[]> {
  const rows = await db.feedbackService.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: "asc" }, { nameFi: "asc" }],
    select: { id: true, nameFi: true, nameSv: true, nameEn: true },
  });
  return rows.map((row) => ({ id: row.id, name: { fi: row.nameFi, sv: row.nameSv, en: row.nameEn }[language] }));
}

async function activeServiceId(serviceId: string): Promise<string | null | undefined> {
  if (!serviceId) return null;
  const service = await db.feedbackService.findFirst({ where: { id: serviceId, active: true }, select: { id: true } });
  return service?.id;
}

interface ContactValues {
  wantsContact: boolean;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export type PublicFeedbackResult =
  | { ok: true; number: number | null }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number }
  | { ok: false; reason: "invalid"; errors: Record<string, "feedbackIntake.error.service"> };

/**
 * The public form, after its schema passed. A filled honeypot is answered as
 * if it were received (number null) and stored nowhere, so a bot learns nothing.
 */
export async function submitPublicFeedback(
  input: { category: FeedbackCategory; serviceId: string; text: string; website: string } & ContactValues,
  context: { language: Language; ip: string },
): Promise<PublicFeedbackResult> {
  const limit = await hit([{ key: `feedback:ip:${context.ip}`, max: PUBLIC_FEEDBACK_PER_HOUR, windowSeconds: 3600 }]);
  if (!limit.allowed) return { ok: false, reason: "throttled", retryAfterMinutes: limit.retryAfterMinutes };
  if (input.website.trim() !== "") return { ok: true, number: null };
  const serviceId = await activeServiceId(input.serviceId);
  if (serviceId === undefined) return { ok: false, reason: "invalid", errors: { serviceId: "feedbackIntake.error.service" } };
  const created = await createFeedback(
    {
      channel: "WEB",
      category: input.category,
      serviceId,
      customerType: "UNKNOWN",
      urgent: false,
      text: input.text,
      language: context.language,
      wantsContact: input.wantsContact,
      contactName: input.contactName,
      contactEmail: input.contactEmail,
      contactPhone: input.contactPhone,
    },
    null,
  );
  return { ok: true, number: created.number };
}

export type QuickLogResult = { ok: true; id: string; number: number } | { ok: false; errors: Record<string, "feedbackIntake.error.service"> };

/** A handler's quick-log, after its schema passed (the route checked the permission). */
export async function quickLogFeedback(
  by: { userId: string },
  input: {
    channel: FeedbackChannel;
    category: FeedbackCategory;
    serviceId: string;
    customerType: CustomerType;
    employerName: string;
    employerId: string;
    urgent: boolean;
    text: string;
    language: Language;
  } & ContactValues,
): Promise<QuickLogResult> {
  const serviceId = await activeServiceId(input.serviceId);
  if (serviceId === undefined) return { ok: false, errors: { serviceId: "feedbackIntake.error.service" } };
  const created = await createFeedback({ ...input, serviceId }, by);
  return { ok: true, id: created.id, number: created.number };
}

/** The item a quick-log just saved, for the success message; null for a made-up id. */
export async function savedItem(id: string | null) {
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const item = await db.feedback.findUnique({ where: { id }, select: { id: true, number: true } });
  return item ? { id: item.id, reference: feedbackReference(item.number) } : null;
}

// The sent page shows the reference from its address; a MAC keeps anyone
// from showing a made-up number on our page.
export function sentToken(number: number): string {
  return `${number}.${keyedHash("feedback-sent", String(number)).slice(0, 24)}`;
}

export function referenceFromSentToken(token: string | null): string | null {
  const match = /^(\d{1,10})\.([0-9a-f]{24})$/.exec(token ?? "");
  if (!match) return null;
  return safeEqualHex(match[2]!, keyedHash("feedback-sent", match[1]!).slice(0, 24)) ? feedbackReference(Number(match[1])) : null;
}
