// The studies whose sessions this person runs (interviews, workshops,
// usability tests, councils): how many sessions are coming, with links to the
// sessions and, for a customer council, to its members.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { useLanguage, useRootData, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { can } from "~/infra/auth/roles";
import type { MessageKey } from "~/infra/i18n/i18n";
import { localized } from "~/modules/studies/texts";
import { workshopStudies } from "~/modules/workshops/workshops.server";
import styles from "./workshops.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const PAGE_SIZE = 30;
const querySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "workshops.manage");
  const { page } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const studies = await workshopStudies(user);
  const pages = Math.max(1, Math.ceil(studies.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  return {
    total: studies.length,
    page: current,
    pages,
    studies: studies
      .slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE)
      .map((study) => ({ id: study.id, title: study.title as unknown, type: study.type, status: study.status, upcoming: study.upcoming })),
  };
}

export default function Workshops() {
  const t = useT();
  const language = useLanguage();
  const roles = useRootData()?.user?.roles;
  const { studies, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("workshopsStaff.list.title")}</h1>
      <p>{t("workshopsStaff.list.intro")}</p>
      {total === 0 ? (
        <div className="empty-state">
          <p>{t("workshopsStaff.list.empty")}</p>
          {can(roles, "studies.manage") ? (
            <p>
              <Link to="/staff/studies/new">{t("workshopsStaff.list.emptyCta")}</Link>
            </p>
          ) : (
            <p>{t("workshopsStaff.list.emptyAsk")}</p>
          )}
        </div>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption>{t("workshopsStaff.list.caption", { count: total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("workshopsStaff.list.study")}</th>
                  <th scope="col">{t("workshopsStaff.list.type")}</th>
                  <th scope="col">{t("workshopsStaff.list.status")}</th>
                  <th scope="col" className="number">
                    {t("workshopsStaff.list.upcoming")}
                  </th>
                  <th scope="col">{t("workshopsStaff.list.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {studies.map((study) => {
                  const title = localized(study.title, language) || t("studies.untitled");
                  return (
                    <tr key={study.id}>
                      <th scope="row">{title}</th>
                      <td>{t(`studies.type.${study.type}` as MessageKey)}</td>
                      <td>{t(`studies.status.${study.status}` as MessageKey)}</td>
                      <td className="number">{study.upcoming}</td>
                      <td>
                        <ul className="inline-links">
                          <li>
                            <Link to={`/staff/studies/${study.id}/slots`}>
                              {t("workshopsStaff.list.slotsLink")}
                              <span className="visually-hidden">: {title}</span>
                            </Link>
                          </li>
                          {study.type === "CUSTOMER_COUNCIL" ? (
                            <li>
                              <Link to={`/staff/studies/${study.id}/council`}>
                                {t("workshopsStaff.list.councilLink")}
                                <span className="visually-hidden">: {title}</span>
                              </Link>
                            </li>
                          ) : null}
                        </ul>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pages={pages} />
        </>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
