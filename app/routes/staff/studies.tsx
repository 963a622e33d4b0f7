import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { formatDateTime, type MessageKey } from "~/infra/i18n/i18n";
import { findStudies } from "~/modules/studies/find-studies.server";
import { studyStatusChoices } from "~/modules/studies/study-form";
import { localized } from "~/modules/studies/texts";

const querySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  status: z.enum(studyStatusChoices).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const filter = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await findStudies(user, filter);
  return { ...result, filter, statuses: studyStatusChoices };
}

export default function Studies() {
  const t = useT();
  const language = useLanguage();
  const { rows, total, pages, filter, statuses } = useLoaderData<typeof loader>();
  const filtered = filter.q !== "" || filter.status !== undefined;
  return (
    <>
      <div className="toolbar">
        <h1>{t("studies.title")}</h1>
        <Link className="button" to="/staff/studies/new">
          {t("studies.new")}
        </Link>
      </div>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="q">{t("studies.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q} />
        </div>
        <div className="field">
          <label htmlFor="status">{t("studies.status")}</label>
          <select id="status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("studies.status.active")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t(`studies.status.${status}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t("studies.filter")}
        </button>
      </Form>
      <p aria-live="polite">{t("studies.count", { count: total })}</p>
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>{filtered ? t("studies.emptyFiltered") : t("studies.empty")}</p>
          {filtered ? null : (
            <p>
              <Link to="/staff/studies/new">{t("studies.emptyCta")}</Link>
            </p>
          )}
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("studies.field.title")}</th>
                <th scope="col">{t("studies.field.type")}</th>
                <th scope="col">{t("studies.status")}</th>
                <th scope="col">{t("studies.owner")}</th>
                <th scope="col">{t("studies.invitations")}</th>
                <th scope="col">{t("studies.field.closesAt")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/staff/studies/${row.id}`}>{localized(row.title, language) || t("studies.untitled")}</Link>
                  </td>
                  <td>{t(`studies.type.${row.type}` as MessageKey)}</td>
                  <td>{t(`studies.status.${row.status}` as MessageKey)}</td>
                  <td>{row.owner ?? "–"}</td>
                  <td>{row.invitations}</td>
                  <td>{row.closesAt ? formatDateTime(row.closesAt, language) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={filter.page} pages={pages} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
