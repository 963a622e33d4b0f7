import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { formatDateTime, type MessageKey } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import { acceptanceCounts, textIn } from "~/modules/consent/consent.server";
import { basePurposes, isBasePurpose } from "~/modules/consent/purposes";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "consents.manage");
  const language = resolveLanguage(request, user.language);
  const params = new URL(request.url).searchParams;
  const purposes = await Promise.all(
    basePurposes.map(async (purpose) => ({
      purpose,
      versions: (await acceptanceCounts(purpose)).map(({ texts, ...version }) => ({
        ...version,
        title: texts.length > 0 ? textIn(texts, language).title : "",
      })),
    })),
  );
  const publishedPurpose = params.get("published");
  const publishedVersion = Number(params.get("version"));
  const published =
    isBasePurpose(publishedPurpose) && Number.isInteger(publishedVersion) && publishedVersion > 0
      ? { purpose: publishedPurpose, version: publishedVersion }
      : null;
  return { purposes, published };
}

export default function Consents() {
  const t = useT();
  const language = useLanguage();
  const { purposes, published } = useLoaderData<typeof loader>();
  const purposeName = (purpose: string) => t(`staffConsents.purpose.${purpose}` as MessageKey);
  return (
    <>
      <h1>{t("staffConsents.title")}</h1>
      {published ? (
        <p className="success" role="status">
          {t("staffConsents.published", { purpose: purposeName(published.purpose), version: published.version })}
        </p>
      ) : null}
      <p className="lead">{t("staffConsents.intro")}</p>
      {purposes.map(({ purpose, versions }) => (
        <section key={purpose} aria-labelledby={`purpose-${purpose}`}>
          <div className="toolbar">
            <h2 id={`purpose-${purpose}`}>{purposeName(purpose)}</h2>
            <Link className="button" to={`/staff/consents/${purpose}/new`}>
              {t("staffConsents.publishNew", { purpose: purposeName(purpose) })}
            </Link>
          </div>
          {versions.length === 0 ? (
            <p className="empty-state">{t("staffConsents.noVersions")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("staffConsents.version")}</th>
                    <th scope="col">{t("staffConsents.publishedAt")}</th>
                    <th scope="col">{t("staffConsents.textTitle")}</th>
                    <th scope="col">{t("staffConsents.accepted")}</th>
                    <th scope="col">{t("staffConsents.withdrawn")}</th>
                  </tr>
                </thead>
                <tbody>
                  {versions.map((version, index) => (
                    <tr key={version.id}>
                      <td>{index === 0 ? t("staffConsents.current", { version: version.version }) : version.version}</td>
                      <td>{formatDateTime(version.publishedAt, language)}</td>
                      <td>{version.title}</td>
                      <td>{version.accepted}</td>
                      <td>{version.withdrawn}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
