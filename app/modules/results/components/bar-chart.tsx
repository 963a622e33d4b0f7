import { useT } from "~/components/use-translate";
import { useFormats } from "./use-formats";
import { figureKeys, formatFigure, type Measure, type MeasureColumn } from "../measures";

const BAR = "#0b5394";
const TRACK = "#e3e9f0";

/**
 * One group's figures as horizontal bars. The bars are one image with a
 * spoken summary of every item; the data table after the charts holds the
 * same numbers for anyone who wants to read them cell by cell.
 */
export function BarChart({
  measure,
  column,
  summaryKey = "results.chart.label",
}: {
  measure: Measure;
  column: Extract<MeasureColumn, { state: "shown" }>;
  /** the spoken summary's wording ({question}, {group}, {n}, {items}); survey results by default */
  summaryKey?: "results.chart.label" | "results.chart.countLabel";
}) {
  const t = useT();
  const formats = useFormats();
  const summary = t(summaryKey, {
    question: measure.title,
    group: column.label,
    n: formats.count(column.n),
    items: measure.items
      .map((item) => {
        const cell = column.cells[item.key] ?? { count: 0, percent: 0 };
        return t("results.chart.item", { label: item.label, count: formats.count(cell.count), percent: formats.percent(cell.percent) });
      })
      .join("; "),
  });
  return (
    <div className="bars" role="img" aria-label={summary}>
      {measure.items.map((item) => {
        const cell = column.cells[item.key] ?? { count: 0, percent: 0 };
        const width = Math.max(0, Math.min(100, cell.percent));
        return (
          <BarRow key={item.key} label={item.label} width={width} value={t("results.countPercent", { count: formats.count(cell.count), percent: formats.percent(cell.percent) })} />
        );
      })}
    </div>
  );
}

function BarRow({ label, width, value }: { label: string; width: number; value: string }) {
  return (
    <>
      <span className="bar-label">{label}</span>
      <span className="bar-value">{value}</span>
      <svg aria-hidden="true" focusable="false" preserveAspectRatio="none" viewBox="0 0 100 10">
        <rect x="0" y="0" width="100" height="10" fill={TRACK} />
        <rect x="0" y="0" width={width} height="10" fill={BAR} />
      </svg>
    </>
  );
}

/** A chart card per column of the view; hidden and empty groups say so in words, all alike. */
export function ChartCards({ measure }: { measure: Measure }) {
  const t = useT();
  const formats = useFormats();
  const single = measure.columns.length === 1;
  return (
    <div className={single ? "chart-grid single" : "chart-grid"}>
      {measure.columns.map((column) => (
        <figure className="chart-card" key={column.group ?? ""}>
          <figcaption className="chart-title">
            {column.label}
            {column.state === "shown" ? ` · ${t("results.answered")} ${formats.count(column.n)}` : null}
          </figcaption>
          {column.state === "hidden" ? (
            <p className="hidden-cell">{t("results.hidden")}</p>
          ) : column.state === "empty" ? (
            <p className="empty-state">{t("results.noAnswers")}</p>
          ) : (
            <>
              {measure.chart ? <BarChart measure={measure} column={column} /> : null}
              {measure.figures.map((figure) => {
                const value = column.figures[figure];
                return value === null || value === undefined ? null : (
                  <p className="key-figure" key={figure}>
                    {t(figureKeys[figure])}: <strong>{formatFigure(figure, value, formats)}</strong>
                  </p>
                );
              })}
            </>
          )}
        </figure>
      ))}
    </div>
  );
}
