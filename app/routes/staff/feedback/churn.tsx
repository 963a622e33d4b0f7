// The churn-risk list: complaints from employer customers flagged as a risk
// and not yet resolved or closed, the longest waiting first.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { formatDateTime } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import { churnRiskList } from "~/modules/feedback/handling.server";
import { formatWaiting, waitingMs } from "~/modules/feedback/waiting";
import styles from "./feedback.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "feedback.handle");
  const rows = await churnRiskList(resolveLanguage(request, user.language));
  return data({ rows, now: new Date().toISOString() }, { headers: { "Cache-Control": "no-store" } });
}

export default function ChurnRisk() {
  const t = useT();
  const language = useLanguage();
  const { rows, now } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/staff/feedback">{t("feedbackHandling.item.back")}</Link>
      </p>
      <h1>{t("feedbackHandling.churnList.title")}</h1>
      <p>{t("feedbackHandling.churnList.intro")}</p>
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>{t("feedbackHandling.churnList.empty")}</p>
          <p>
            <Link to="/staff/feedback?category=COMPLAINT&customerType=EMPLOYER&unit=all">{t("feedbackHandling.inbox.title")}</Link>
          </p>
        </div>
      ) : (
        <>
          <p aria-live="polite">{t("feedbackHandling.churnList.count", { count: rows.length })}</p>
          <div className="table-wrap">
            <table className="feedback-table">
              <caption className="visually-hidden">{t("feedbackHandling.churnList.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("feedbackHandling.col.reference")}</th>
                  <th scope="col">{t("feedbackHandling.col.waiting")}</th>
                  <th scope="col">{t("feedbackHandling.col.received")}</th>
                  <th scope="col">{t("feedbackHandling.col.employer")}</th>
                  <th scope="col">{t("feedbackHandling.col.service")}</th>
                  <th scope="col">{t("feedbackHandling.col.unit")}</th>
                  <th scope="col">{t("feedbackHandling.col.assignee")}</th>
                  <th scope="col">{t("feedbackHandling.col.status")}</th>
                  <th scope="col">{t("feedbackHandling.col.excerpt")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      <Link to={`/staff/feedback/${row.id}`}>{row.reference}</Link>
                    </th>
                    <td>{formatWaiting(waitingMs(row, new Date(now)) ?? 0, t)}</td>
                    <td>{formatDateTime(row.receivedAt, language)}</td>
                    <td>{[row.employerName, row.employerId].filter(Boolean).join(", ") || "—"}</td>
                    <td>{row.service ?? t("feedback.noService")}</td>
                    <td>{row.unit ?? t("feedback.noUnit")}</td>
                    <td>{row.assignee ?? t("feedbackHandling.unassigned")}</td>
                    <td>
                      {t(`feedback.status.${row.status}`)}
                      {row.urgent ? (
                        <>
                          {" "}
                          <span className="marker marker-warning">{t("feedback.urgent")}</span>
                        </>
                      ) : null}
                    </td>
                    <td className="excerpt">{row.excerpt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
