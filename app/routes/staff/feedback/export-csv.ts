// The inbox's current filter as CSV: the same access check and filters as the
// page, every matching row, the text masked (emails, phones, identity codes,
// IBANs) and no contact details or employer names. toCsv adds the BOM and
// escapes cells that would start a spreadsheet formula.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/infra/auth/guard.server";
import { formatDateTime, translator, type MessageKey } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import { inboxExport, parseInboxQuery } from "~/modules/feedback/handling.server";
import { toCsv, type CsvValue } from "~/modules/results/csv";
import { helsinkiDay } from "~/modules/studies/days";

const header: MessageKey[] = [
  "feedbackHandling.csv.reference",
  "feedbackHandling.csv.received",
  "feedbackHandling.csv.channel",
  "feedbackHandling.csv.category",
  "feedbackHandling.csv.customerType",
  "feedbackHandling.csv.service",
  "feedbackHandling.csv.unit",
  "feedbackHandling.csv.assignee",
  "feedbackHandling.csv.status",
  "feedbackHandling.csv.urgent",
  "feedbackHandling.csv.churnRisk",
  "feedbackHandling.csv.ledToChange",
  "feedbackHandling.csv.groupSize",
  "feedbackHandling.csv.language",
  "feedbackHandling.csv.text",
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "feedback.handle");
  const language = resolveLanguage(request, user.language);
  const t = translator(language);
  const rows = await inboxExport(user, parseInboxQuery(new URL(request.url).searchParams), language);
  const yesNo = (value: boolean) => (value ? t("feedbackHandling.csv.yes") : t("feedbackHandling.csv.no"));
  const lines: CsvValue[][] = [header.map((key) => t(key))];
  for (const row of rows) {
    lines.push([
      row.reference,
      formatDateTime(row.receivedAt, language),
      t(`feedback.channel.${row.channel}`),
      t(`feedback.category.${row.category}`),
      t(`feedback.customerType.${row.customerType}`),
      row.service ?? "",
      row.unit ?? "",
      row.assignee ?? "",
      t(`feedback.status.${row.status}`),
      yesNo(row.urgent),
      yesNo(row.churnRisk),
      yesNo(row.ledToChange),
      row.groupSize,
      row.language,
      row.excerpt,
    ]);
  }
  return new Response(toCsv(lines), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="feedback-${helsinkiDay()}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
