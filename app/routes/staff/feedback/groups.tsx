// Recurring matters: feedback grouped by what it is about, across channels and
// units. Groups of two or more items first, with how many customers (see
// grouping.server.ts), through which channels, which units, over what period
// and how many are still open. Filters by period, unit, kind, minimum size and
// a search; paged. Plain GET form: works without JavaScript.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { db } from "~/infra/db/panel.server";
import { formatDate, type MessageKey } from "~/infra/i18n/i18n";
import { listGroups } from "~/modules/feedback/grouping.server";
import { feedbackCategories } from "~/modules/feedback/kinds";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value));

const querySchema = z.object({
  from: day.nullable().catch(null).default(null),
  to: day.nullable().catch(null).default(null),
  unit: z.string().uuid().nullable().catch(null).default(null),
  category: z.enum(feedbackCategories).nullable().catch(null).default(null),
  min: z.coerce.number().int().min(1).max(1000).catch(2).default(2),
  // PostgreSQL refuses NUL; other control characters are of no use in a search
  q: z
    .string()
    .transform((value) => value.replace(/\p{Cc}/gu, " ").trim().slice(0, 200))
    .catch("")
    .default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "feedback.handle");
  const filter = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, units] = await Promise.all([
    listGroups({ from: filter.from, to: filter.to, unitId: filter.unit, category: filter.category, minSize: filter.min, q: filter.q, page: filter.page }),
    db.feedbackUnit.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return data({ ...result, filter, units }, { headers: { "Cache-Control": "no-store" } });
}

export default function FeedbackGroups() {
  const t = useT();
  const language = useLanguage();
  const { rows, total, pages, filter, units } = useLoaderData<typeof loader>();
  const filtered = filter.from !== null || filter.to !== null || filter.unit !== null || filter.category !== null || filter.min !== 2 || filter.q !== "";
  return (
    <>
      <p>
        <Link to="/staff/feedback">{t("nav.feedback")}</Link>
      </p>
      <h1>{t("feedbackGroups.title")}</h1>
      <p>{t("feedbackGroups.intro")}</p>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="from">{t("feedbackGroups.filter.from")}</label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("feedbackGroups.filter.to")}</label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="unit">{t("feedbackGroups.filter.unit")}</label>
          <select id="unit" name="unit" defaultValue={filter.unit ?? ""}>
            <option value="">{t("feedbackGroups.filter.allUnits")}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="category">{t("feedbackGroups.filter.category")}</label>
          <select id="category" name="category" defaultValue={filter.category ?? ""}>
            <option value="">{t("feedbackGroups.filter.allCategories")}</option>
            {feedbackCategories.map((category) => (
              <option key={category} value={category}>
                {t(`feedback.category.${category}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="min">{t("feedbackGroups.filter.minSize")}</label>
          <input id="min" name="min" type="number" min={1} max={1000} inputMode="numeric" defaultValue={filter.min} />
        </div>
        <div className="field">
          <label htmlFor="q">{t("feedbackGroups.filter.q")}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q} />
        </div>
        <button type="submit" className="primary">
          {t("feedbackGroups.filter.submit")}
        </button>
      </Form>
      <p aria-live="polite">{t("feedbackGroups.count", { count: total })}</p>
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>{filtered ? t("feedbackGroups.emptyFiltered") : t("feedbackGroups.empty")}</p>
          {filtered ? null : (
            <p>
              <Link to="/staff/feedback/new">{t("nav.feedback")}</Link>
            </p>
          )}
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("feedbackGroups.col.group")}</th>
                <th scope="col">{t("feedbackGroups.col.size")}</th>
                <th scope="col">{t("feedbackGroups.col.customers")}</th>
                <th scope="col">{t("feedbackGroups.col.channels")}</th>
                <th scope="col">{t("feedbackGroups.col.units")}</th>
                <th scope="col">{t("feedbackGroups.col.period")}</th>
                <th scope="col">{t("feedbackGroups.col.open")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/staff/feedback/groups/${row.id}`}>{row.title ?? (row.terms.length > 0 ? row.terms.join(", ") : t("feedbackGroups.untitled"))}</Link>
                  </td>
                  <td>{row.size}</td>
                  <td>{row.customers}</td>
                  <td>{row.channels.map((channel) => t(`feedback.channel.${channel}` as MessageKey)).join(", ")}</td>
                  <td>{[...row.units, ...(row.noUnit ? [t("feedback.noUnit")] : [])].join(", ")}</td>
                  <td>
                    {formatDate(row.first, language)}
                    {formatDate(row.first, language) === formatDate(row.last, language) ? "" : ` – ${formatDate(row.last, language)}`}
                  </td>
                  <td>{row.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={Math.min(filter.page, pages)} pages={pages} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
