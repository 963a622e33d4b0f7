// Shortcuts for the feedback inbox's tests: units, services and routing rules
// made straight in the panel store, and items logged through the real
// createFeedback (routing, RECEIVED action, grouping and the urgent notice).
import { db } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { createFeedback, type CreatedFeedback, type NewFeedback } from "~/modules/feedback/intake.server";
import type { FeedbackCategory } from "~/modules/feedback/kinds";

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${++counter}`;

/** A unit with its shared mailbox; the name is made unique when it is taken. */
export async function createUnit(name: string, email: string, language: Language = "fi") {
  const taken = await db.feedbackUnit.findUnique({ where: { name }, select: { id: true } });
  return db.feedbackUnit.create({
    data: { name: taken ? `${name} ${unique()}` : name, email, language },
    select: { id: true, name: true, email: true, language: true },
  });
}

/**
 * A service named in three languages (a string names it the same in all);
 * with a unit, also the rule service → unit.
 */
export async function createService(names: string | { fi: string; sv?: string; en?: string }, unitId?: string) {
  const n = typeof names === "string" ? { fi: names, sv: names, en: names } : { fi: names.fi, sv: names.sv ?? names.fi, en: names.en ?? names.fi };
  const service = await db.feedbackService.create({
    data: { nameFi: n.fi, nameSv: n.sv, nameEn: n.en },
    select: { id: true, nameFi: true, nameSv: true, nameEn: true },
  });
  if (unitId) await createRule({ serviceId: service.id, unitId });
  return service;
}

/** A routing rule; leave serviceId and category out for the default rule. */
export async function createRule(rule: { unitId: string; serviceId?: string | null; category?: FeedbackCategory | null }) {
  return db.feedbackRoutingRule.create({
    data: { unitId: rule.unitId, serviceId: rule.serviceId ?? null, category: rule.category ?? null },
    select: { id: true },
  });
}

/** Feedback through createFeedback with plain defaults: a phone complaint, no service, in Finnish. */
export async function logFeedback(partial: Partial<NewFeedback> = {}, by: { userId: string } | null = null): Promise<CreatedFeedback> {
  return createFeedback(
    {
      channel: "PHONE",
      category: "COMPLAINT",
      serviceId: null,
      customerType: "PRIVATE",
      urgent: false,
      text: `Palaute ${unique()}`,
      language: "fi",
      wantsContact: false,
      ...partial,
    },
    by,
  );
}
