// The monthly feedback report for handlers: one unit or all, one month
// (Helsinki time): counts by category, channel and service as bar charts with
// the same figures in tables, how many led to a change, the actions taken,
// the recurring groups and the urgent items still open; the same as CSV.
// A month or unit the address gets wrong falls back with a notice. A GET form:
// it works without JavaScript.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { formatDate, formatDateTime, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { feedbackReference } from "~/modules/feedback/kinds";
import { monthlySummary, parseMonth, reportUnits } from "~/modules/feedback/reports.server";
import { formatWaiting } from "~/modules/feedback/waiting";
import { nextMonth, previousMonth } from "~/modules/feedback/working-days";
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
  const params = new URL(request.url).searchParams;
  const thisMonth = helsinkiDay().slice(0, 7);
  // The last whole month unless another is asked for.
  const monthParam = params.get("month")?.trim() ?? "";
  const month = parseMonth(monthParam) ?? previousMonth(thisMonth);
  const units = await reportUnits();
  const unitParam = params.get("unit")?.trim() ?? "";
  const unit = units.find((u) => u.id === unitParam.toLowerCase()) ?? null;
  const summary = await monthlySummary({ unitId: unit?.id ?? null, month });
  return data(
    {
      month,
      thisMonth,
      unitId: unit?.id ?? null,
      units,
      summary,
      monthRefused: monthParam !== "" && parseMonth(monthParam) === null,
      unitRefused: unitParam !== "" && unitParam !== "all" && !unit,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

const reportHref = (month: string, unitId: string | null, path = "/staff/feedback/reports") =>
  `${path}?${new URLSearchParams({ unit: unitId ?? "all", month })}`;

export default function FeedbackReports() {
  const t = useT();
  const language = useLanguage();
  const formats = useFormats();
  const view = useLoaderData<typeof loader>();
  const { summary } = view;
  const monthName = formats.month(view.month);
  const scope = summary.unitName ?? t("feedbackReports.allUnits");
  return (
    <>
      <h1>{t("feedbackReports.title")}</h1>
      <p>{t("feedbackReports.intro")}</p>
      <p>
        <Link to="/staff/feedback/year">{t("feedbackReports.yearLink")}</Link>
      </p>
      {view.monthRefused || view.unitRefused ? (
        <div className="notice" role="status">
          {view.monthRefused ? <p>{t("feedbackReports.monthRefused", { month: monthName })}</p> : null}
          {view.unitRefused ? <p>{t("feedbackReports.unitRefused")}</p> : null}
        </div>
      ) : null}

      <Form method="get" className="filters" aria-label={t("feedbackReports.choose")}>
        <div className="field">
          <label htmlFor="month">{t("feedbackReports.month")}</label>
          <p className="hint" id="month-hint">
            {t("feedbackReports.monthHint")}
          </p>
          <input id="month" name="month" type="month" min="2000-01" max={view.thisMonth} defaultValue={view.month} aria-describedby="month-hint" />
        </div>
        <div className="field">
          <label htmlFor="unit">{t("feedbackReports.unit")}</label>
          <select id="unit" name="unit" defaultValue={view.unitId ?? "all"}>
            <option value="all">{t("feedbackReports.allUnits")}</option>
            {view.units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.active ? unit.name : t("feedbackReports.inactiveUnit", { name: unit.name })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t("feedbackReports.show")}
        </button>
      </Form>
      <nav className="form-buttons" aria-label={t("feedbackReports.otherMonths")}>
        <Link to={reportHref(previousMonth(view.month), view.unitId)}>{t("feedbackReports.previous", { month: formats.month(previousMonth(view.month)) })}</Link>
        {view.month < view.thisMonth ? (
          <Link to={reportHref(nextMonth(view.month), view.unitId)}>{t("feedbackReports.next", { month: formats.month(nextMonth(view.month)) })}</Link>
        ) : null}
        <a href={reportHref(view.month, view.unitId, "/staff/feedback/reports.csv")} download>
          {t("feedbackReports.csv")}
        </a>
      </nav>

      <h2>{t("feedbackReports.heading", { unit: scope, month: monthName })}</h2>
      {view.month === view.thisMonth ? <p className="hint">{t("feedbackReports.monthSoFar")}</p> : null}
      <dl className="facts">
        <dt>{t("feedbackReports.total")}</dt>
        <dd>{formats.count(summary.total)}</dd>
        <dt>{t("feedbackReports.customers")}</dt>
        <dd>{formats.count(summary.customers)}</dd>
        <dt>{t("feedbackReports.ledToChange")}</dt>
        <dd>{t("feedbackReports.ofTotal", { count: formats.count(summary.ledToChange), total: formats.count(summary.total) })}</dd>
        <dt>{t("feedbackReports.actionsTaken")}</dt>
        <dd>{formats.count(summary.actions.total)}</dd>
        <dt>{t("feedbackReports.openUrgent")}</dt>
        <dd>{formats.count(summary.openUrgentTotal)}</dd>
      </dl>

      {summary.total === 0 ? (
        <div className="empty-state">
          <p>{t("feedbackReports.empty", { month: monthName })}</p>
          <p>
            <Link to="/staff/feedback/new">{t("feedbackReports.emptyCta")}</Link>
          </p>
        </div>
      ) : (
        <>
          <CountSection
            id="category"
            title={t("feedbackReports.byCategory")}
            scope={scope}
            total={summary.total}
            rows={summary.byCategory.map((r) => ({ key: r.key, label: t(`feedback.category.${r.key}` as MessageKey), count: r.count }))}
          />
          <CountSection
            id="channel"
            title={t("feedbackReports.byChannel")}
            scope={scope}
            total={summary.total}
            rows={summary.byChannel.filter((r) => r.count > 0).map((r) => ({ key: r.key, label: t(`feedback.channel.${r.key}` as MessageKey), count: r.count }))}
          />
          <CountSection
            id="service"
            title={t("feedbackReports.byService")}
            scope={scope}
            total={summary.total}
            rows={summary.byService.map((r) => ({ key: r.serviceId ?? "none", label: serviceName(r.names, language, t), count: r.count }))}
          />
        </>
      )}
      <ActionsSection view={view} />
      <GroupsSection view={view} />
      <UrgentSection view={view} />
    </>
  );
}

function serviceName(names: { fi: string; sv: string; en: string } | null, language: Language, t: ReturnType<typeof useT>) {
  return names ? names[language] : t("feedback.noService");
}

/** Counts of one kind as a bar chart (one image with a spoken summary) and the same figures in a table. */
function CountSection({ id, title, scope, total, rows }: { id: string; title: string; scope: string; total: number; rows: { key: string; label: string; count: number }[] }) {
  const t = useT();
  const formats = useFormats();
  const percent = (count: number) => (total > 0 ? (count / total) * 100 : 0);
  const measure: Measure = {
    id,
    questionId: id,
    title,
    row: null,
    itemHeader: "feedbackReports.item",
    items: rows.map((r) => ({ key: r.key, label: r.label })),
    figures: [],
    chart: true,
    columns: [
      {
        label: scope,
        group: null,
        state: "shown",
        n: total,
        cells: Object.fromEntries(rows.map((r) => [r.key, { count: r.count, percent: percent(r.count) }])),
        figures: {},
      },
    ],
  };
  return (
    <section aria-labelledby={`${id}-title`} className="results-section">
      <h3 id={`${id}-title`}>{title}</h3>
      <div className="measure measure-single">
        <div className="chart-grid">
          <figure className="chart-card">
            <figcaption className="chart-title">{scope}</figcaption>
            <BarChart measure={measure} column={measure.columns[0] as Extract<Measure["columns"][number], { state: "shown" }>} summaryKey="results.chart.countLabel" />
          </figure>
        </div>
        <div className="table-wrap">
          <table className="results-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("feedbackReports.item")}</th>
                <th scope="col">{t("feedbackReports.count")}</th>
                <th scope="col">{t("feedbackReports.share")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td>{formats.count(r.count)}</td>
                  <td>{formats.percent(percent(r.count))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

function ActionsSection({ view }: { view: Loaded }) {
  const t = useT();
  const formats = useFormats();
  const kinds = ["ACTION", "REPLY", "CHANGE", "STATUS"] as const;
  return (
    <section aria-labelledby="actions-title">
      <h3 id="actions-title">{t("feedbackReports.actionsTaken")}</h3>
      <p className="hint">{t("feedbackReports.actionsHint")}</p>
      <div className="table-wrap">
        <table className="results-table">
          <caption className="visually-hidden">{t("feedbackReports.actionsTaken")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("feedbackReports.actionKind")}</th>
              <th scope="col">{t("feedbackReports.count")}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((kind) => (
              <tr key={kind}>
                <th scope="row">{t(`feedbackReports.action.${kind}`)}</th>
                <td>{formats.count(view.summary.actions[kind])}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("feedbackReports.actionsTotal")}</th>
              <td>{formats.count(view.summary.actions.total)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function GroupsSection({ view }: { view: Loaded }) {
  const t = useT();
  const language = useLanguage();
  const formats = useFormats();
  const groups = view.summary.topGroups;
  return (
    <section aria-labelledby="groups-title">
      <h3 id="groups-title">{t("feedbackReports.groups")}</h3>
      <p className="hint">{t("feedbackReports.groupsHint")}</p>
      {groups.length === 0 ? (
        <p className="empty-state">{t("feedbackReports.groupsEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("feedbackReports.groups")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("feedbackReports.group")}</th>
                <th scope="col" className="number">
                  {t("feedbackReports.items")}
                </th>
                <th scope="col" className="number">
                  {t("feedbackReports.customers")}
                </th>
                <th scope="col">{t("feedbackReports.channels")}</th>
                <th scope="col">{t("feedbackReports.period")}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.groupId}>
                  <th scope="row">
                    <Link to={`/staff/feedback/groups/${group.groupId}`}>{group.label || t("feedbackReports.untitledGroup")}</Link>
                  </th>
                  <td className="number">{formats.count(group.items)}</td>
                  <td className="number">{formats.count(group.customers)}</td>
                  <td>{group.channels.map((c) => t(`feedback.channel.${c}` as MessageKey)).join(", ")}</td>
                  <td>
                    {formatDate(group.first, language)} – {formatDate(group.last, language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function UrgentSection({ view }: { view: Loaded }) {
  const t = useT();
  const language = useLanguage();
  const urgent = view.summary.openUrgent;
  return (
    <section aria-labelledby="urgent-title">
      <h3 id="urgent-title">{t("feedbackReports.openUrgent")}</h3>
      <p className="hint">{t("feedbackReports.urgentHint")}</p>
      {urgent.length === 0 ? (
        <p className="empty-state">{t("feedbackReports.urgentEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("feedbackReports.openUrgent")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("feedbackReports.reference")}</th>
                <th scope="col">{t("feedbackReports.received")}</th>
                <th scope="col">{t("feedbackReports.waiting")}</th>
                <th scope="col">{t("feedbackReports.unit")}</th>
              </tr>
            </thead>
            <tbody>
              {urgent.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <Link to={`/staff/feedback/${item.id}`}>{feedbackReference(item.number)}</Link>
                  </th>
                  <td>{formatDateTime(item.receivedAt, language)}</td>
                  <td>{formatWaiting(item.waitingMs, t)}</td>
                  <td>{item.unitName ?? t("feedback.noUnit")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.summary.openUrgentTotal > urgent.length ? <p>{t("feedbackReports.urgentMore", { count: view.summary.openUrgentTotal - urgent.length })}</p> : null}
        </div>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
