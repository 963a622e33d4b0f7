import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/infra/auth/guard.server";
import { notFound } from "~/infra/http/responses.server";
import { translator, type MessageKey } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import { numberFormats } from "~/modules/results/format";
import { questionText } from "~/modules/results/labels";
import { figureKeys, measuresOf, viewAttribute } from "~/modules/results/measures";
import { parseView, viewParam } from "~/modules/results/view-query";
import { toCsv, type CsvValue } from "~/modules/results/csv";
import { answeringVersion, studyFor } from "~/modules/studies/studies.server";
import { emptyDefinition } from "~/modules/surveys/definition";
import { studyResults, textAnswers } from "~/modules/vault/results.server";

// The results of one view as CSV: the same access check and view as the
// page, one row per group and item; a hidden figure is an empty cell noted
// "hidden", never the number. Then the masked free-text answers.
const TEXT_PAGE = 500;
const header: MessageKey[] = [
  "results.csv.questionId",
  "results.csv.question",
  "results.csv.group",
  "results.csv.item",
  "results.csv.count",
  "results.csv.percent",
  "results.csv.value",
  "results.csv.note",
];
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const study = await studyFor(user, params.id ?? "");
  if (!study) notFound();
  const language = resolveLanguage(request, user.language);
  const t = translator(language);
  const formats = numberFormats(language);
  const { view } = parseView(new URL(request.url).searchParams.get("view"), study.analysisAttributes);
  const definition = (await answeringVersion(study.id))?.definition ?? emptyDefinition;
  const target = { id: study.id, minGroupSize: study.minGroupSize, analysisAttributes: study.analysisAttributes };
  const report = await studyResults(target, definition, view);

  const rows: CsvValue[][] = [header.map((key) => t(key))];
  const shown = report.state === "ok" && report.view && report.view.kind !== "refused" ? report.view : null;
  if (report.state !== "ok") rows.push(["", "", "all", "", null, null, null, report.state]);
  else if (report.view?.kind === "refused") rows.push(["", "", `${report.view.attribute}=${report.view.value}`, "", null, null, null, "refused"]);

  if (shown) {
    const attribute = viewAttribute(shown);
    const groupOf = (group: string | null) => (group === null ? "all" : `${attribute}=${group}`);
    const viewGroup = shown.kind === "filter" ? `${shown.attribute}=${shown.value}` : "all";
    const answered = t("results.answered");

    for (const result of report.questions) {
      const { question } = result;
      const text = questionText(question, language);
      if (question.type === "shortText" || question.type === "longText") continue;
      if (result.state !== "ok") {
        rows.push([question.id, text, viewGroup, "", null, null, null, result.state === "none" ? "none" : "hidden"]);
        continue;
      }
      for (const measure of measuresOf(result, shown, language, t, formats)) {
        const label = (item: string) => (measure.row ? `${measure.row}: ${item}` : item);
        for (const column of measure.columns) {
          const group = groupOf(column.group);
          if (column.state === "hidden") {
            rows.push([question.id, text, group, label(answered), null, null, null, "hidden"]);
            for (const item of measure.items) rows.push([question.id, text, group, label(item.label), null, null, null, "hidden"]);
            for (const figure of measure.figures) rows.push([question.id, text, group, label(t(figureKeys[figure])), null, null, null, "hidden"]);
            continue;
          }
          if (column.state === "empty") {
            rows.push([question.id, text, group, label(answered), 0, null, null, null]);
            continue;
          }
          rows.push([question.id, text, group, label(answered), column.n, null, null, null]);
          for (const item of measure.items) {
            const cell = column.cells[item.key] ?? { count: 0, percent: 0 };
            rows.push([question.id, text, group, label(item.label), cell.count, oneDecimal(cell.percent), null, null]);
          }
          for (const figure of measure.figures) {
            const value = column.figures[figure];
            if (value === null || value === undefined) continue;
            rows.push([question.id, text, group, label(t(figureKeys[figure])), null, figure === "csat" ? oneDecimal(value) : null, figure === "csat" ? null : Math.round(value * 100) / 100, null]);
          }
        }
      }
    }

    // Free text last: the answers of the groups the view shows, masked by the vault module.
    for (const result of report.questions) {
      const { question } = result;
      if (question.type !== "shortText" && question.type !== "longText") continue;
      const text = questionText(question, language);
      const first = await textAnswers(target, definition, question.id, view, { page: 1, perPage: TEXT_PAGE });
      if (first.state === "hidden") {
        rows.push([question.id, text, viewGroup, t("results.csv.answer"), null, null, null, "hidden"]);
        continue;
      }
      const items = [...first.items];
      for (let page = 2; (page - 1) * TEXT_PAGE < first.total; page++) {
        const next = await textAnswers(target, definition, question.id, view, { page, perPage: TEXT_PAGE });
        if (next.state !== "ok" || next.items.length === 0) break;
        items.push(...next.items);
      }
      for (const answer of items) rows.push([question.id, text, viewGroup, t("results.csv.answer"), null, null, answer, null]);
    }
  }

  const slug = viewParam(view).replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase().slice(0, 60);
  const filename = `results-${study.id.slice(0, 8)}-${slug || "all"}.csv`;
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
