// A study's invitation campaigns, newest first, with a link to start one.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { notFound } from "~/infra/http/responses.server";
import { formatDateTime, type MessageKey } from "~/infra/i18n/i18n";
import { listCampaigns } from "~/modules/campaigns/campaigns.server";
import { studyFor } from "~/modules/studies/studies.server";
import { localized } from "~/modules/studies/texts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const study = await studyFor(user, params.id ?? "");
  if (!study) notFound();
  const campaigns = await listCampaigns(user, study.id);
  if (!campaigns) notFound();
  return { study: { id: study.id, title: study.title, status: study.status }, campaigns };
}

export default function StudyCampaigns() {
  const t = useT();
  const language = useLanguage();
  const { study, campaigns } = useLoaderData<typeof loader>();
  const base = `/staff/studies/${study.id}`;
  const title = localized(study.title, language) || t("studies.untitled");
  return (
    <>
      <p>
        <Link to={base}>{t("studies.backToStudy")}</Link>
      </p>
      <div className="toolbar">
        <h1>{t("staffCampaigns.listTitle", { title })}</h1>
        <Link className="button" to={`${base}/campaigns/new`}>
          {t("staffCampaigns.new")}
        </Link>
      </div>
      <p>{t("staffCampaigns.listIntro")}</p>
      {study.status !== "RECRUITING" ? <p className="notice">{t("staffCampaigns.studyNotOpen")}</p> : null}
      {campaigns.length === 0 ? (
        <div className="empty-state">
          <p>{t("staffCampaigns.empty")}</p>
          <p>
            <Link to={`${base}/campaigns/new`}>{t("staffCampaigns.emptyCta")}</Link>
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("staffCampaigns.listCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staffCampaigns.field.name")}</th>
                <th scope="col">{t("staffCampaigns.column.status")}</th>
                <th scope="col">{t("staffCampaigns.column.sendAt")}</th>
                <th scope="col">{t("staffCampaigns.column.created")}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((campaign) => (
                <tr key={campaign.id}>
                  <td>
                    <Link to={`${base}/campaigns/${campaign.id}`}>{campaign.name}</Link>
                  </td>
                  <td>{t(`staffCampaigns.status.${campaign.status}` as MessageKey)}</td>
                  <td>
                    {campaign.startedAt
                      ? formatDateTime(campaign.startedAt, language)
                      : campaign.sendAt
                        ? formatDateTime(campaign.sendAt, language)
                        : t("staffCampaigns.column.notScheduled")}
                  </td>
                  <td>{formatDateTime(campaign.createdAt, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
