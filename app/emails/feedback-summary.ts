// The monthly feedback summary to a unit's shared mailbox, sent on the first
// working day of the month for the month before: counts by category, service
// and channel, how many led to a change, actions taken, the recurring groups
// and the urgent items still open, with a link to the report page. Labels of
// services, periods and waiting times come formatted in the unit's language.
import type { MessageKey } from "~/infra/i18n/i18n";
import type { EmailTemplate } from "./layout";

export interface FeedbackSummaryEmailData {
  unitName: string;
  /** e.g. "huhtikuu 2026" */
  monthLabel: string;
  total: number;
  customers: number;
  ledToChange: number;
  /** every category, THANKS / COMPLAINT / IDEA */
  categories: { key: string; count: number }[];
  /** channels with items */
  channels: { key: string; count: number }[];
  /** services with items, named in the unit's language */
  services: { label: string; count: number }[];
  actions: { total: number; ACTION: number; REPLY: number; CHANGE: number; STATUS: number };
  /** recurring groups (masked labels), channels and period already worded */
  groups: { label: string; items: number; customers: number; channels: string; period: string }[];
  openUrgent: { reference: string; waiting: string }[];
  openUrgentTotal: number;
  /** the report page of the unit and month */
  url: string;
}

const list = (items: string[]) => items.join(" · ");

export const feedbackSummaryEmail: EmailTemplate<FeedbackSummaryEmailData> = (t, data) => {
  const vars = { unit: data.unitName, month: data.monthLabel };
  const paragraph = (text: string) => ({ kind: "paragraph" as const, text });
  const blocks = [paragraph(t("feedbackReports.email.intro", vars))];
  if (data.total === 0) blocks.push(paragraph(t("feedbackReports.email.none")));
  else {
    blocks.push(paragraph(t("feedbackReports.email.total", { count: data.total, customers: data.customers })));
    blocks.push(
      paragraph(
        `${t("feedbackReports.byCategory")}: ${list(data.categories.map((c) => `${t(`feedback.category.${c.key}` as MessageKey)} ${t("feedbackReports.number", { n: c.count })}`))}`,
      ),
    );
    blocks.push(paragraph(`${t("feedbackReports.byService")}: ${list(data.services.map((s) => `${s.label} ${t("feedbackReports.number", { n: s.count })}`))}`));
    blocks.push(
      paragraph(
        `${t("feedbackReports.byChannel")}: ${list(data.channels.map((c) => `${t(`feedback.channel.${c.key}` as MessageKey)} ${t("feedbackReports.number", { n: c.count })}`))}`,
      ),
    );
    blocks.push(paragraph(t("feedbackReports.email.ledToChange", { count: data.ledToChange, total: data.total })));
  }
  blocks.push(
    paragraph(
      t("feedbackReports.email.actions", {
        total: data.actions.total,
        actions: data.actions.ACTION,
        replies: data.actions.REPLY,
        changes: data.actions.CHANGE,
        statuses: data.actions.STATUS,
      }),
    ),
  );
  if (data.groups.length > 0) {
    blocks.push(paragraph(t("feedbackReports.email.groups")));
    for (const group of data.groups) {
      blocks.push(
        paragraph(`– ${t("feedbackReports.email.group", { label: group.label, items: group.items, customers: group.customers, channels: group.channels, period: group.period })}`),
      );
    }
  }
  if (data.openUrgentTotal === 0) blocks.push(paragraph(t("feedbackReports.email.noUrgent")));
  else {
    blocks.push(paragraph(t("feedbackReports.email.urgent", { count: data.openUrgentTotal })));
    blocks.push(paragraph(list(data.openUrgent.map((u) => t("feedbackReports.email.urgentItem", { reference: u.reference, waiting: u.waiting })))));
  }
  return {
    subject: t("feedbackReports.email.subject", vars),
    blocks: [...blocks, { kind: "button", text: t("feedbackReports.email.open"), href: data.url }],
  };
};
