// "You said, we did": the changes made after feedback that handlers chose to
// publish, newest first, for anyone, signed in or not. Each shows what was
// said, what was done, the unit and the day, nothing else. Filter by service
// and page through with plain links and a GET form: no JavaScript needed. A
// page or service the address gets wrong falls back to the nearest that exists.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { useLanguage, useT } from "~/components/use-translate";
import { formatDate } from "~/infra/i18n/i18n";
import { publishedChanges, servicesWithChanges } from "~/modules/feedback/public-changes.server";
import styles from "../staff/incentives.css?url";
import changesStyles from "./changes.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: changesStyles },
];

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const services = await servicesWithChanges();
  const serviceParam = (params.get("service") ?? "").trim().toLowerCase();
  const serviceId = isUuid(serviceParam) && services.some((s) => s.id === serviceParam) ? serviceParam : null;
  const page = Math.trunc(Number(params.get("page") ?? "1"));
  const list = await publishedChanges({ page: Number.isFinite(page) && page > 0 ? page : 1, serviceId });
  return { ...list, services, serviceId, serviceRefused: serviceParam !== "" && serviceId === null };
}

export default function YouSaidWeDid() {
  const t = useT();
  const language = useLanguage();
  const view = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("feedbackReports.public.title")}</h1>
      <p className="lead">{t("feedbackReports.public.intro")}</p>
      <p>
        <a href="/feedback">{t("feedbackReports.public.give")}</a>
      </p>
      {view.serviceRefused ? (
        <p className="notice" role="status">
          {t("feedbackReports.public.serviceRefused")}
        </p>
      ) : null}
      {view.services.length > 0 ? (
        <Form method="get" className="filters" aria-label={t("feedbackReports.public.filter")}>
          <div className="field">
            <label htmlFor="service">{t("feedbackReports.public.service")}</label>
            <select id="service" name="service" defaultValue={view.serviceId ?? ""}>
              <option value="">{t("feedbackReports.public.allServices")}</option>
              {view.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {language === "sv" ? s.nameSv : language === "en" ? s.nameEn : s.nameFi}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary">
            {t("feedbackReports.public.apply")}
          </button>
        </Form>
      ) : null}
      <p aria-live="polite">{t("feedbackReports.public.count", { count: view.total })}</p>
      {view.items.length === 0 ? (
        <div className="empty-state">
          <p>{view.serviceId ? t("feedbackReports.public.emptyService") : t("feedbackReports.public.empty")}</p>
          <p>
            <a href="/feedback">{t("feedbackReports.public.emptyCta")}</a>
          </p>
        </div>
      ) : (
        <ol className="changes">
          {view.items.map((change) => (
            <li key={change.id}>
              <article aria-labelledby={`change-${change.id}`} lang={change.language === language ? undefined : change.language}>
                <h2 id={`change-${change.id}`} className="visually-hidden" lang={language}>
                  {t("feedbackReports.public.entry", { date: formatDate(change.publishedOn, language) })}
                </h2>
                <dl className="facts">
                  <dt lang={language}>{t("feedbackReports.public.said")}</dt>
                  <dd className="multiline">{change.said}</dd>
                  <dt lang={language}>{t("feedbackReports.public.did")}</dt>
                  <dd className="multiline">{change.did}</dd>
                  {change.unitName ? (
                    <>
                      <dt lang={language}>{t("feedbackReports.public.unit")}</dt>
                      <dd>{change.unitName}</dd>
                    </>
                  ) : null}
                  <dt lang={language}>{t("feedbackReports.public.day")}</dt>
                  <dd lang={language}>
                    <time dateTime={change.publishedOn}>{formatDate(change.publishedOn, language)}</time>
                  </dd>
                </dl>
              </article>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={view.page} pages={view.pages} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
