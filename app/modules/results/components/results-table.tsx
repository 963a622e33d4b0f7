import { useT } from "~/components/use-translate";
import { useFormats } from "./use-formats";
import { figureKeys, formatFigure, type Measure, type MeasureColumn } from "../measures";

/**
 * The figures of a measure as a table: one row per item, one column per
 * group of the view. Always present after the charts: it is their text
 * alternative. Every hidden cell reads the same, whatever hid it.
 */
export function ResultsTable({ measure, k }: { measure: Measure; k: number }) {
  const t = useT();
  const formats = useFormats();
  const captionId = `table-${measure.id}`;
  const noteId = `hidden-note-${measure.id}`;
  const hasHidden = measure.columns.some((column) => column.state === "hidden");
  const cell = (column: MeasureColumn, shown: (c: Extract<MeasureColumn, { state: "shown" }>) => string, index: number) => {
    if (column.state === "hidden") {
      return (
        <td key={index} className="hidden-cell">
          {t("results.hidden")}
        </td>
      );
    }
    if (column.state === "empty") return <td key={index}>{t("results.noAnswers")}</td>;
    return <td key={index}>{shown(column)}</td>;
  };
  return (
    <>
      <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="results-table" aria-describedby={hasHidden ? noteId : undefined}>
          <caption id={captionId}>{t("results.table.caption", { question: measure.title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(measure.itemHeader)}</th>
              {measure.columns.map((column) => (
                <th scope="col" key={column.group ?? ""}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t("results.answered")}</th>
              {measure.columns.map((column, index) => cell(column, (c) => formats.count(c.n), index))}
            </tr>
            {measure.items.map((item) => (
              <tr key={item.key}>
                <th scope="row">{item.label}</th>
                {measure.columns.map((column, index) =>
                  cell(
                    column,
                    (c) => {
                      const value = c.cells[item.key] ?? { count: 0, percent: 0 };
                      return t("results.countPercent", { count: formats.count(value.count), percent: formats.percent(value.percent) });
                    },
                    index,
                  ),
                )}
              </tr>
            ))}
            {measure.figures.map((figure) => (
              <tr key={figure}>
                <th scope="row">{t(figureKeys[figure])}</th>
                {measure.columns.map((column, index) =>
                  cell(
                    column,
                    (c) => {
                      const value = c.figures[figure];
                      return value === null || value === undefined ? "–" : formatFigure(figure, value, formats);
                    },
                    index,
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasHidden ? (
        <p className="hint" id={noteId}>
          {t("results.hiddenNote", { k })}
        </p>
      ) : null}
    </>
  );
}
