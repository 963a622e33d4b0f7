// A question's result as measures the page and the CSV both read: a list of
// items (options, scale points, months) and one column per group of the
// view, each shown, hidden or empty. A matrix question gives one measure per
// row. Hidden columns carry no numbers at all: the report never had them.
// Pure: shared by server and browser.
import type { Language, MessageKey, Translate } from "~/infra/i18n/i18n";
import { scalePoints, type Question } from "~/modules/surveys/definition";
import type { Column, Item, QuestionResult, ReportView } from "./report";
import type { NumberFormats } from "./format";
import { groupLabel, itemLabel, questionText, rowLabel } from "./labels";

export type Figure = "mean" | "nps" | "csat";

export interface Cell {
  count: number;
  percent: number;
}

export type MeasureColumn =
  | { label: string; group: string | null; state: "hidden" }
  | { label: string; group: string | null; state: "empty" }
  | {
      label: string;
      group: string | null;
      state: "shown";
      n: number;
      cells: Record<string, Cell>;
      figures: Partial<Record<Figure, number | null>>;
    };

export interface Measure {
  /** unique within the page: the question id, plus the row of a matrix */
  id: string;
  questionId: string;
  title: string;
  /** the matrix row's label, for the CSV */
  row: string | null;
  itemHeader: MessageKey;
  items: { key: string; label: string }[];
  figures: Figure[];
  /** whether a bar chart helps (a number question has only its mean) */
  chart: boolean;
  columns: MeasureColumn[];
}

const cellsOf = (items: readonly Item[]) => Object.fromEntries(items.map((item) => [item.key, { count: item.count, percent: item.percent }]));

function figuresOf(question: Question): Figure[] {
  switch (question.type) {
    case "nps":
      return ["nps"];
    case "csat":
      return ["csat", "mean"];
    case "likert5":
    case "likert7":
    case "matrix":
    case "number":
      return ["mean"];
    default:
      return [];
  }
}

/** The attribute whose values name the columns of this view (null: all respondents). */
export function viewAttribute(view: ReportView | null): string | null {
  return view && (view.kind === "breakdown" || view.kind === "filter") ? view.attribute : null;
}

export function measuresOf(result: QuestionResult, view: ReportView | null, language: Language, t: Translate, formats: NumberFormats): Measure[] {
  const { question } = result;
  if (result.state !== "ok" || question.type === "shortText" || question.type === "longText") return [];
  const attribute = viewAttribute(view);
  const title = questionText(question, language);
  const label = (column: Column) => groupLabel(column.group === null ? null : attribute, column.group, language, t);
  const base = (column: Column) => ({ label: label(column), group: column.group });
  const notShown = (column: Column): MeasureColumn | null => {
    if (column.n === null) return { ...base(column), state: "hidden" };
    if (column.n === 0 || column.stats === null) return { ...base(column), state: "empty" };
    return null;
  };
  const figures = figuresOf(question);

  if (question.type === "matrix") {
    const points = scalePoints(question).map(String);
    return question.rows.map((row) => ({
      id: `${question.id}-${row.id}`,
      questionId: question.id,
      title: t("results.matrixRow", { question: title, row: rowLabel(question, row.id, language) }),
      row: rowLabel(question, row.id, language),
      itemHeader: "results.item.point",
      items: points.map((key) => ({ key, label: key })),
      figures,
      chart: true,
      columns: result.columns.map((column): MeasureColumn => {
        const missing = notShown(column);
        if (missing) return missing;
        const stats = column.stats?.kind === "matrix" ? column.stats.rows.find((r) => r.key === row.id) : undefined;
        if (!stats || stats.n === 0) return { ...base(column), state: "empty" };
        return { ...base(column), state: "shown", n: stats.n, cells: cellsOf(stats.items), figures: { mean: stats.mean } };
      }),
    }));
  }

  if (question.type === "number") {
    return [
      {
        id: question.id,
        questionId: question.id,
        title,
        row: null,
        itemHeader: "results.item.figure",
        items: [],
        figures,
        chart: false,
        columns: result.columns.map((column): MeasureColumn => {
          const missing = notShown(column);
          if (missing) return missing;
          const stats = column.stats!;
          const n = stats.kind === "number" ? stats.count : column.n!;
          return { ...base(column), state: "shown", n, cells: {}, figures: { mean: stats.kind === "number" ? stats.mean : null } };
        }),
      },
    ];
  }

  // Choices, scales and dates: the items come from the question (dates from the answers).
  const keys =
    question.type === "single" || question.type === "multiple"
      ? question.options.map((o) => o.id)
      : question.type === "date"
        ? [...new Set(result.columns.flatMap((c) => (c.stats?.kind === "date" ? c.stats.items.map((i) => i.key) : [])))].sort()
        : scalePoints(question).map(String);
  return [
    {
      id: question.id,
      questionId: question.id,
      title,
      row: null,
      itemHeader: question.type === "date" ? "results.item.month" : question.type === "single" || question.type === "multiple" ? "results.item.option" : "results.item.point",
      items: keys.map((key) => ({ key, label: itemLabel(question, key, language, t, formats) })),
      figures,
      chart: true,
      columns: result.columns.map((column): MeasureColumn => {
        const missing = notShown(column);
        if (missing) return missing;
        const stats = column.stats!;
        const items = stats.kind === "choice" || stats.kind === "date" ? stats.items : [];
        const cells = cellsOf(items);
        for (const key of keys) cells[key] ??= { count: 0, percent: 0 };
        return {
          ...base(column),
          state: "shown",
          n: column.n!,
          cells,
          figures: stats.kind === "choice" ? { mean: stats.mean, nps: stats.nps, csat: stats.csat } : {},
        };
      }),
    },
  ];
}

/** A figure as the reader sees it. */
export function formatFigure(figure: Figure, value: number, formats: NumberFormats): string {
  if (figure === "nps") return formats.nps(value);
  if (figure === "csat") return formats.percent(value);
  return formats.mean(value);
}

export const figureKeys: Record<Figure, MessageKey> = { mean: "results.mean", nps: "results.nps", csat: "results.csat" };
