// The monthly feedback report as CSV: the same unit, month and figures as the
// page, one row per figure (section, item, count, customers, detail). The
// only free text, a recurring group's title or terms, is masked. BOM, CRLF and
// formula escaping come from toCsv. A wrong month or unit falls back as on the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/infra/auth/guard.server";
import { formatDate, formatDateTime, translator, type MessageKey } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import { feedbackReference } from "~/modules/feedback/kinds";
import { countedActionKinds, monthlySummary, parseMonth, reportUnits } from "~/modules/feedback/reports.server";
import { formatWaiting } from "~/modules/feedback/waiting";
import { previousMonth } from "~/modules/feedback/working-days";
import { toCsv, type CsvValue } from "~/modules/results/csv";
import { helsinkiDay } from "~/modules/studies/days";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "feedback.handle");
  const language = resolveLanguage(request, user.language);
  const t = translator(language);
  const params = new URL(request.url).searchParams;
  const month = parseMonth(params.get("month")) ?? previousMonth(helsinkiDay().slice(0, 7));
  const unitParam = (params.get("unit") ?? "").trim().toLowerCase();
  const unit = (await reportUnits()).find((u) => u.id === unitParam) ?? null;
  const summary = await monthlySummary({ unitId: unit?.id ?? null, month });

  const scope = unit?.name ?? t("feedbackReports.allUnits");
  const rows: CsvValue[][] = [
    [t("feedbackReports.csv.section"), t("feedbackReports.csv.item"), t("feedbackReports.count"), t("feedbackReports.customers"), t("feedbackReports.csv.detail")],
    [t("feedbackReports.unit"), scope, null, null, null],
    [t("feedbackReports.month"), month, null, null, null],
    [t("feedbackReports.total"), "", summary.total, summary.customers, null],
    [t("feedbackReports.ledToChange"), "", summary.ledToChange, null, null],
  ];
  for (const row of summary.byCategory) rows.push([t("feedbackReports.byCategory"), t(`feedback.category.${row.key}` as MessageKey), row.count, null, null]);
  for (const row of summary.byChannel) rows.push([t("feedbackReports.byChannel"), t(`feedback.channel.${row.key}` as MessageKey), row.count, null, null]);
  for (const row of summary.byService) rows.push([t("feedbackReports.byService"), row.names ? row.names[language] : t("feedback.noService"), row.count, null, null]);
  for (const kind of countedActionKinds) rows.push([t("feedbackReports.actionsTaken"), t(`feedbackReports.action.${kind}`), summary.actions[kind], null, null]);
  rows.push([t("feedbackReports.actionsTaken"), t("feedbackReports.actionsTotal"), summary.actions.total, null, null]);
  for (const group of summary.topGroups) {
    const channels = group.channels.map((c) => t(`feedback.channel.${c}` as MessageKey)).join(", ");
    const period = `${formatDate(group.first, language)} – ${formatDate(group.last, language)}`;
    rows.push([t("feedbackReports.groups"), group.label, group.items, group.customers, `${channels}; ${period}`]);
  }
  rows.push([t("feedbackReports.openUrgent"), "", summary.openUrgentTotal, null, null]);
  for (const item of summary.openUrgent) {
    rows.push([
      t("feedbackReports.openUrgent"),
      feedbackReference(item.number),
      null,
      null,
      `${formatDateTime(item.receivedAt, language)}; ${formatWaiting(item.waitingMs, t)}; ${item.unitName ?? t("feedback.noUnit")}`,
    ]);
  }

  const slug = (unit?.name ?? "all").normalize("NFKD").replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase().slice(0, 40) || "unit";
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="feedback-${month}-${slug}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
