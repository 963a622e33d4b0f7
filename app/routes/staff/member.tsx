import type { LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { notFound } from "~/infra/http/responses.server";
import { formatDate, formatDateTime, isMessageKey, type MessageKey } from "~/infra/i18n/i18n";
import { AuditUnavailableError, isMember, memberDetail, readViewReason, reasonQuery } from "~/modules/members/directory.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "members.directory");
  const id = params.id ?? "";
  if (!(await isMember(id))) notFound();
  const check = readViewReason(new URL(request.url).searchParams);
  // No reason, no identity: the reason is asked on the directory page, which comes back here.
  if (check.state !== "ok") throw redirect(`/staff/members?next=${encodeURIComponent(`/staff/members/${id}`)}`);
  try {
    const member = await memberDetail(id, { actorId: user.id, reason: check.reason });
    if (!member) notFound();
    return data({ view: "member" as const, member, reasonQuery: reasonQuery(check.reason) });
  } catch (error) {
    if (error instanceof AuditUnavailableError) {
      return data({ view: "audit-failed" as const, reasonQuery: reasonQuery(check.reason) }, { status: 503 });
    }
    throw error;
  }
}

export default function Member() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/staff/members?${loaded.reasonQuery}`}>{t("staffMembers.back")}</Link>
      </p>
      <h1>{t("staffMembers.memberTitle")}</h1>
      {loaded.view === "member" ? (
        <MemberDetail member={loaded.member} carried={loaded.reasonQuery} />
      ) : (
        <section className="error-page" aria-labelledby="audit-failed-title">
          <h2 id="audit-failed-title">{t("staffMembers.auditFailedTitle")}</h2>
          <p role="alert">{t("staffMembers.auditFailedBody")}</p>
        </section>
      )}
    </>
  );
}

type MemberData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { view: "member" }>["member"];

/** A stored code shown with its label when one exists, else as stored. */
function useLabel() {
  const t = useT();
  return (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? t(key) : value;
  };
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

function MemberDetail({ member, carried }: { member: MemberData; carried: string }) {
  const t = useT();
  const language = useLanguage();
  const label = useLabel();
  const yesNo = (value: boolean | null | undefined) =>
    value === null || value === undefined ? t("staffMembers.notGiven") : value ? t("staffMembers.yes") : t("staffMembers.no");
  const text = (value: string | number | null | undefined) => (value === null || value === undefined || value === "" ? t("staffMembers.notGiven") : String(value));
  const { profile, preferences } = member;
  return (
    <>
      <p>
        <a className="button" href={`/staff/members/${member.id}/export?${carried}`} download>
          {t("staffMembers.export")}
        </a>{" "}
        <span className="hint">{t("staffMembers.exportHint")}</span>
      </p>

      <h2>{t("staffMembers.account")}</h2>
      <div className="table-wrap">
        <table>
          <tbody>
            <Row label={t("staffMembers.email")}>{member.email}</Row>
            {member.name ? <Row label={t("staffMembers.name")}>{member.name}</Row> : null}
            <Row label={t("staffMembers.status")}>{t(`status.${member.status}` as MessageKey)}</Row>
            <Row label={t("staffMembers.language")}>{t(`lang.${member.language}` as MessageKey)}</Row>
            <Row label={t("staffMembers.joined")}>{formatDateTime(member.createdAt, language)}</Row>
            <Row label={t("staffMembers.lastSignIn")}>
              {member.lastSignInAt ? formatDateTime(member.lastSignInAt, language) : t("staffMembers.never")}
            </Row>
            <Row label={t("staffMembers.emailFailing")}>{yesNo(member.emailFailing)}</Row>
            <Row label={t("staffMembers.activeSessions")}>{member.activeSessions}</Row>
          </tbody>
        </table>
      </div>

      <h2>{t("staffMembers.profile")}</h2>
      {profile ? (
        <div className="table-wrap">
          <table>
            <tbody>
              <Row label={t("staffMembers.profile.birthYear")}>{text(profile.birthYear)}</Row>
              <Row label={t("staffMembers.profile.gender")}>{profile.gender ? label("profile.gender", profile.gender) : text(null)}</Row>
              <Row label={t("staffMembers.profile.municipality")}>{text(profile.municipality)}</Row>
              <Row label={t("staffMembers.profile.region")}>{profile.region ? label("profile.region", profile.region) : text(null)}</Row>
              <Row label={t("staffMembers.profile.motherTongue")}>
                {profile.motherTongue ? label("profile.motherTongue", profile.motherTongue) : text(null)}
              </Row>
              <Row label={t("staffMembers.profile.lifeSituation")}>
                {profile.lifeSituation ? label("profile.lifeSituation", profile.lifeSituation) : text(null)}
              </Row>
              <Row label={t("staffMembers.profile.actsForEmployer")}>{yesNo(profile.actsForEmployer)}</Row>
              <Row label={t("staffMembers.profile.employerSize")}>
                {profile.employerSize ? label("profile.employerSize", profile.employerSize) : text(null)}
              </Row>
              <Row label={t("staffMembers.profile.employerIndustry")}>
                {profile.employerIndustry ? label("profile.employerIndustry", profile.employerIndustry) : text(null)}
              </Row>
              <Row label={t("staffMembers.profile.digitalUse")}>{profile.digitalUse ? label("profile.digitalUse", profile.digitalUse) : text(null)}</Row>
              <Row label={t("staffMembers.profile.accessibilityNeeds")}>
                {profile.accessibilityNeeds.length > 0
                  ? profile.accessibilityNeeds.map((need) => label("profile.accessibilityNeeds", need)).join(", ")
                  : text(null)}
              </Row>
              <Row label={t("staffMembers.updatedAt")}>{formatDateTime(profile.updatedAt, language)}</Row>
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t("staffMembers.profileEmpty")}</p>
      )}

      <h2>{t("staffMembers.preferences")}</h2>
      {preferences ? (
        <div className="table-wrap">
          <table>
            <tbody>
              <Row label={t("staffMembers.studyTypes")}>
                {preferences.studyTypes.length > 0 ? preferences.studyTypes.map((type) => label("staffMembers.studyType", type)).join(", ") : text(null)}
              </Row>
              <Row label={t("staffMembers.maxPerMonth")}>{preferences.maxInvitationsPerMonth}</Row>
              <Row label={t("staffMembers.pausedUntil")}>
                {preferences.pausedUntil
                  ? t("staffMembers.pausedUntilDate", { date: formatDate(preferences.pausedUntil, language) })
                  : t("staffMembers.notPaused")}
              </Row>
              <Row label={t("staffMembers.updatedAt")}>{formatDateTime(preferences.updatedAt, language)}</Row>
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t("staffMembers.preferencesEmpty")}</p>
      )}

      <h2>{t("staffMembers.consents")}</h2>
      {member.consentEvents.length === 0 ? (
        <p className="empty-state">{t("staffMembers.consentsEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("staffMembers.consent.at")}</th>
                <th scope="col">{t("staffMembers.consent.purpose")}</th>
                <th scope="col">{t("staffMembers.consent.version")}</th>
                <th scope="col">{t("staffMembers.consent.action")}</th>
                <th scope="col">{t("staffMembers.language")}</th>
                <th scope="col">{t("staffMembers.consent.channel")}</th>
              </tr>
            </thead>
            <tbody>
              {member.consentEvents.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.at, language)}</td>
                  <td>{label("staffConsents.purpose", event.purpose)}</td>
                  <td>{event.version}</td>
                  <td>{t(`staffMembers.consent.${event.action}` as MessageKey)}</td>
                  <td>{t(`lang.${event.language}` as MessageKey)}</td>
                  <td>{t(`staffMembers.channel.${event.channel}` as MessageKey)}</td>
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
