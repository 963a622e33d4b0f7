// The feedback inbox: every item from every channel, filtered (open by
// default, my units when I belong to some), searched, sorted by newest or
// longest waiting, with counts per status and a CSV of the same filter.
// A GET form: it all works without JavaScript.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { can } from "~/infra/auth/roles";
import { formatDateTime } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import { inboxSearch, type InboxFilter } from "~/modules/feedback/handling";
import { inbox, parseInboxQuery } from "~/modules/feedback/handling.server";
import { customerTypes, feedbackCategories, feedbackChannels, feedbackStatuses } from "~/modules/feedback/kinds";
import { formatWaiting, waitingMs } from "~/modules/feedback/waiting";
import styles from "./feedback.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "feedback.handle");
  const language = resolveLanguage(request, user.language);
  const query = parseInboxQuery(new URL(request.url).searchParams);
  const view = await inbox(user, query, language);
  return data(
    { ...view, query, now: new Date().toISOString(), canAdmin: can(user.roles, "feedback.admin") },
    // Feedback text: never kept in a shared cache.
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Inbox() {
  const t = useT();
  const language = useLanguage();
  const view = useLoaderData<typeof loader>();
  const { query } = view;
  const now = new Date(view.now);
  const filtered = (changes: InboxFilter) => `/staff/feedback${inboxSearch({ ...query, page: 1, ...changes })}`;
  return (
    <>
      <h1>{t("feedbackHandling.inbox.title")}</h1>
      <p>{t("feedbackHandling.inbox.intro")}</p>
      <ul className="feedback-links">
        <li>
          <Link to="/staff/feedback/new" className="button-link">
            {t("feedbackHandling.inbox.new")}
          </Link>
        </li>
        <li>
          <Link to="/staff/feedback/churn-risk">{t("feedbackHandling.inbox.churnLink")}</Link>
        </li>
        <li>
          <Link to="/staff/feedback/groups">{t("feedbackHandling.inbox.groupsLink")}</Link>
        </li>
        <li>
          <Link to="/staff/feedback/reports">{t("feedbackHandling.inbox.reportsLink")}</Link>
        </li>
        <li>
          <Link to="/staff/feedback/year">{t("feedbackHandling.inbox.yearLink")}</Link>
        </li>
        {view.canAdmin ? (
          <li>
            <Link to="/staff/feedback/settings">{t("feedbackHandling.inbox.settingsLink")}</Link>
          </li>
        ) : null}
      </ul>

      <Form method="get" className="filters feedback-filters" role="search" aria-label={t("feedbackHandling.filter.title")}>
        <Select name="status" label={t("feedbackHandling.filter.status")} value={query.status}>
          <option value="open">{t("feedbackHandling.filter.status.open")}</option>
          {feedbackStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`feedback.status.${status}`)}
            </option>
          ))}
          <option value="all">{t("feedbackHandling.filter.status.all")}</option>
        </Select>
        <Select name="unit" label={t("feedbackHandling.filter.unit")} value={view.unit}>
          {view.hasUnits ? <option value="mine">{t("feedbackHandling.filter.unit.mine")}</option> : null}
          <option value="all">{t("feedbackHandling.filter.unit.all")}</option>
          {view.units.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
          <option value="none">{t("feedback.noUnit")}</option>
        </Select>
        <Select name="category" label={t("feedbackHandling.filter.category")} value={query.category ?? ""}>
          <option value="">{t("feedbackHandling.filter.any")}</option>
          {feedbackCategories.map((category) => (
            <option key={category} value={category}>
              {t(`feedback.category.${category}`)}
            </option>
          ))}
        </Select>
        <Select name="channel" label={t("feedbackHandling.filter.channel")} value={query.channel ?? ""}>
          <option value="">{t("feedbackHandling.filter.any")}</option>
          {feedbackChannels.map((channel) => (
            <option key={channel} value={channel}>
              {t(`feedback.channel.${channel}`)}
            </option>
          ))}
        </Select>
        <Select name="service" label={t("feedbackHandling.filter.service")} value={query.service ?? ""}>
          <option value="">{t("feedbackHandling.filter.any")}</option>
          {view.services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.name}
            </option>
          ))}
        </Select>
        <Select name="customerType" label={t("feedbackHandling.filter.customerType")} value={query.customerType ?? ""}>
          <option value="">{t("feedbackHandling.filter.any")}</option>
          {customerTypes.map((type) => (
            <option key={type} value={type}>
              {t(`feedback.customerType.${type}`)}
            </option>
          ))}
        </Select>
        <div className="field">
          <label htmlFor="from">{t("feedbackHandling.filter.from")}</label>
          <input id="from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("feedbackHandling.filter.to")}</label>
          <input id="to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="q">{t("feedbackHandling.filter.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={200} />
        </div>
        <Select name="sort" label={t("feedbackHandling.filter.sort")} value={query.sort}>
          <option value="newest">{t("feedbackHandling.filter.sort.newest")}</option>
          <option value="waiting">{t("feedbackHandling.filter.sort.waiting")}</option>
        </Select>
        <fieldset className="field feedback-checks">
          <legend className="visually-hidden">{t("feedbackHandling.filter.title")}</legend>
          <Check name="assigned" value="me" label={t("feedbackHandling.filter.assignedToMe")} checked={query.assigned === "me"} />
          <Check name="urgent" value="1" label={t("feedbackHandling.filter.urgentOnly")} checked={!!query.urgent} />
          <Check name="churn" value="1" label={t("feedbackHandling.filter.churnOnly")} checked={!!query.churn} />
        </fieldset>
        <button type="submit" className="primary">
          {t("feedbackHandling.filter.apply")}
        </button>
      </Form>

      <nav aria-label={t("feedbackHandling.inbox.counts")} className="status-counts">
        <ul>
          {feedbackStatuses.map((status) => (
            <li key={status}>
              <Link to={filtered({ status })} aria-current={query.status === status ? "page" : undefined}>
                {t("feedbackHandling.inbox.countLink", { status: t(`feedback.status.${status}`), count: view.counts[status] })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <p aria-live="polite">
        {t("feedbackHandling.inbox.total", { count: view.total })}
        {view.total > 0 ? (
          <>
            {" · "}
            <a href={`/staff/feedback/export.csv${inboxSearch({ ...query, page: 1 })}`} download>
              {t("feedbackHandling.inbox.export")}
            </a>
          </>
        ) : null}
      </p>

      {view.rows.length === 0 ? (
        <div className="empty-state">
          {view.inboxEmpty ? (
            <>
              <p>{t("feedbackHandling.inbox.emptyAll")}</p>
              <p>
                <Link to="/staff/feedback/new">{t("feedbackHandling.inbox.new")}</Link>
              </p>
            </>
          ) : (
            <>
              <p>{t("feedbackHandling.inbox.emptyFiltered")}</p>
              <p>
                <Link to="/staff/feedback?status=all&unit=all">{t("feedbackHandling.inbox.clearFilters")}</Link>
              </p>
            </>
          )}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="feedback-table">
            <caption className="visually-hidden">{t("feedbackHandling.inbox.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("feedbackHandling.col.reference")}</th>
                <th scope="col">{t("feedbackHandling.col.received")}</th>
                <th scope="col">{t("feedbackHandling.col.channel")}</th>
                <th scope="col">{t("feedbackHandling.col.category")}</th>
                <th scope="col">{t("feedbackHandling.col.service")}</th>
                <th scope="col">{t("feedbackHandling.col.unit")}</th>
                <th scope="col">{t("feedbackHandling.col.assignee")}</th>
                <th scope="col">{t("feedbackHandling.col.status")}</th>
                <th scope="col">{t("feedbackHandling.col.group")}</th>
                <th scope="col">{t("feedbackHandling.col.excerpt")}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => {
                const waited = waitingMs(row, now);
                return (
                  <tr key={row.id}>
                    <th scope="row">
                      <Link to={`/staff/feedback/${row.id}`}>{row.reference}</Link>
                    </th>
                    <td>{formatDateTime(row.receivedAt, language)}</td>
                    <td>{t(`feedback.channel.${row.channel}`)}</td>
                    <td>
                      {t(`feedback.category.${row.category}`)}
                      {row.churnRisk ? (
                        <>
                          {" "}
                          <span className="marker marker-warning">{t("feedbackHandling.churnMarker")}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{row.service ?? t("feedback.noService")}</td>
                    <td>{row.unit ?? t("feedback.noUnit")}</td>
                    <td>{row.assignee ?? t("feedbackHandling.unassigned")}</td>
                    <td>
                      {t(`feedback.status.${row.status}`)}
                      {row.urgent ? (
                        <>
                          {" "}
                          <span className="marker marker-warning">
                            {`${t("feedback.urgent")}${waited !== null ? `, ${t("feedbackHandling.waitingFor", { time: formatWaiting(waited, t) })}` : ""}`}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {row.groupId && row.groupSize > 1 ? (
                        <Link to={`/staff/feedback/groups/${row.groupId}`}>{t("feedbackHandling.groupSize", { count: row.groupSize })}</Link>
                      ) : (
                        t("feedbackHandling.single")
                      )}
                    </td>
                    <td className="excerpt">{row.excerpt}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={view.page} pages={view.pages} />
    </>
  );
}

function Select({ name, label, value, children }: { name: string; label: string; value: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value}>
        {children}
      </select>
    </div>
  );
}

function Check({ name, value, label, checked }: { name: string; value: string; label: string; checked: boolean }) {
  return (
    <div className="checkbox">
      <input type="checkbox" id={name} name={name} value={value} defaultChecked={checked} />
      <label htmlFor={name}>{label}</label>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
