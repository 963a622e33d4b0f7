// Routing on arrival: the most specific rule that matches an item names the
// unit responsible (service and category > service > category > the default
// rule with both empty). Rules pointing at an inactive unit are skipped, so
// retiring a unit sends its items on to the next rule rather than nowhere.
import type { PanelTransaction } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import type { FeedbackCategory } from "./kinds";

export interface RoutedUnit {
  id: string;
  name: string;
  email: string;
  language: Language;
}

/** How specific a rule is: higher wins. Service outranks category. */
export function ruleSpecificity(rule: { serviceId: string | null; category: string | null }): number {
  return (rule.serviceId ? 2 : 0) + (rule.category ? 1 : 0);
}

export async function routeFeedback(
  tx: Pick<PanelTransaction, "feedbackRoutingRule">,
  item: { serviceId: string | null; category: FeedbackCategory },
): Promise<RoutedUnit | null> {
  const rules = await tx.feedbackRoutingRule.findMany({
    where: {
      unit: { active: true },
      AND: [
        { OR: [{ serviceId: null }, ...(item.serviceId ? [{ serviceId: item.serviceId }] : [])] },
        { OR: [{ category: null }, { category: item.category }] },
      ],
    },
    orderBy: { createdAt: "asc" },
    select: { serviceId: true, category: true, unit: { select: { id: true, name: true, email: true, language: true } } },
  });
  let best: (typeof rules)[number] | null = null;
  for (const rule of rules) if (!best || ruleSpecificity(rule) > ruleSpecificity(best)) best = rule;
  return best ? best.unit : null;
}
