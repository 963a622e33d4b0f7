// The yearly view: per unit, how many items arrived in the year (Helsinki
// time), how many of them led to a change and the share, as a bar chart with
// the same figures in a table, then the months. A year the address gets wrong
// falls back to this year with a notice. Works without JavaScript.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { locale } from "~/infra/i18n/i18n";
import { parseYear, yearlyView } from "~/modules/feedback/reports.server";
import { BarChart } from "~/modules/results/components/bar-chart";
import resultsStyles from "~/modules/results/components/results.css?url";
import { useFormats } from "~/modules/results/components/use-formats";
import type { Measure } from "~/modules/results/measures";
import { helsinkiDay } from "~/modules/studies/days";
import styles from "../incentives.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: resultsStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "feedback.handle");
  const thisYear = Number(helsinkiDay().slice(0, 4));
  const yearParam = new URL(request.url).searchParams.get("year")?.trim() ?? "";
  const year = parseYear(yearParam) ?? thisYear;
  return data(
    { thisYear, view: await yearlyView(year), yearRefused: yearParam !== "" && parseYear(yearParam) === null },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const months = Array.from({ length: 12 }, (_, i) => i + 1);

export default function FeedbackYear() {
  const t = useT();
  const language = useLanguage();
  const formats = useFormats();
  const { thisYear, view, yearRefused } = useLoaderData<typeof loader>();
  const shortMonth = new Intl.DateTimeFormat(locale(language), { month: "short", timeZone: "UTC" });
  const label = (unitName: string | null) => unitName ?? t("feedback.noUnit");
  const key = (unitId: string | null) => unitId ?? "none";
  const measure: Measure = {
    id: "year",
    questionId: "year",
    title: t("feedbackReports.year.chart"),
    row: null,
    itemHeader: "feedbackReports.unit",
    items: view.units.map((u) => ({ key: key(u.unitId), label: label(u.unitName) })),
    figures: [],
    chart: true,
    columns: [
      {
        label: t("feedbackReports.year.chartScope", { year: String(view.year) }),
        group: null,
        state: "shown",
        n: view.total.items,
        cells: Object.fromEntries(view.units.map((u) => [key(u.unitId), { count: u.ledToChange, percent: u.share * 100 }])),
        figures: {},
      },
    ],
  };
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  if (!years.includes(view.year)) years.push(view.year);
  return (
    <>
      <h1>{t("feedbackReports.year.title", { year: String(view.year) })}</h1>
      <p>{t("feedbackReports.year.intro")}</p>
      <p>
        <Link to="/staff/feedback/reports">{t("feedbackReports.year.monthly")}</Link>
      </p>
      {yearRefused ? (
        <p className="notice" role="status">
          {t("feedbackReports.year.refused", { year: String(view.year) })}
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label={t("feedbackReports.choose")}>
        <div className="field">
          <label htmlFor="year">{t("feedbackReports.year.field")}</label>
          <select id="year" name="year" defaultValue={String(view.year)}>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t("feedbackReports.show")}
        </button>
      </Form>

      {view.total.items === 0 ? (
        <div className="empty-state">
          <p>{t("feedbackReports.year.empty", { year: String(view.year) })}</p>
        </div>
      ) : null}
      {view.units.length === 0 ? null : (
        <section aria-labelledby="units-title" className="results-section">
          <h2 id="units-title">{t("feedbackReports.year.byUnit")}</h2>
          <div className="measure measure-single">
            <div className="chart-grid">
              <figure className="chart-card">
                <figcaption className="chart-title">{t("feedbackReports.year.chart")}</figcaption>
                <BarChart measure={measure} column={measure.columns[0] as Extract<Measure["columns"][number], { state: "shown" }>} summaryKey="results.chart.countLabel" />
              </figure>
            </div>
            <div className="table-wrap">
              <table className="results-table">
                <caption>{t("feedbackReports.year.byUnit")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("feedbackReports.unit")}</th>
                    <th scope="col">{t("feedbackReports.items")}</th>
                    <th scope="col">{t("feedbackReports.ledToChange")}</th>
                    <th scope="col">{t("feedbackReports.share")}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.units.map((u) => (
                    <tr key={key(u.unitId)}>
                      <th scope="row">{label(u.unitName)}</th>
                      <td>{formats.count(u.items)}</td>
                      <td>{formats.count(u.ledToChange)}</td>
                      <td>{formats.percent(u.share * 100)}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t("feedbackReports.year.total")}</th>
                    <td>{formats.count(view.total.items)}</td>
                    <td>{formats.count(view.total.ledToChange)}</td>
                    <td>{formats.percent(view.total.share * 100)}</td>
                  </tr>
                </tbody>
              </table>
            </div>
          </div>

          <h2 id="months-title">{t("feedbackReports.year.byMonth")}</h2>
          <p className="hint">{t("feedbackReports.year.byMonthHint")}</p>
          <div className="table-wrap">
            <table className="results-table" aria-labelledby="months-title">
              <thead>
                <tr>
                  <th scope="col">{t("feedbackReports.unit")}</th>
                  {months.map((m) => (
                    <th scope="col" key={m}>
                      <Link to={`/staff/feedback/reports?${new URLSearchParams({ unit: "all", month: `${view.year}-${String(m).padStart(2, "0")}` })}`}>
                        <abbr title={formats.month(`${view.year}-${String(m).padStart(2, "0")}`)}>{shortMonth.format(new Date(Date.UTC(view.year, m - 1, 15)))}</abbr>
                      </Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.units.map((u) => (
                  <tr key={key(u.unitId)}>
                    <th scope="row">{label(u.unitName)}</th>
                    {u.months.map((m, i) => (
                      <td key={months[i]}>{t("feedbackReports.year.cell", { changed: formats.count(m.ledToChange), items: formats.count(m.items) })}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
