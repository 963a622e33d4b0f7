import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { db } from "~/infra/db/panel.server";
import { formatDate } from "~/infra/i18n/i18n";
import { local } from "~/modules/surveys/link-pages.server";
import { requirePermission } from "~/infra/auth/guard.server";
import type { MessageKey } from "~/infra/i18n/i18n";
import { needsTermsAcceptance } from "~/modules/consent/consent.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  if (await needsTermsAcceptance(user.id)) throw redirect("/account/terms?redirectTo=/account");
  const invitations = await db.invitation.findMany({
    where: { userId: user.id, study: { status: { in: ["RECRUITING", "CLOSED"] } } },
    orderBy: { invitedOn: "desc" },
    take: 20,
    select: { id: true, invitedOn: true, completedOn: true, study: { select: { title: true, status: true, closesAt: true } } },
  });
  return {
    email: user.email,
    invitations: invitations.map((i) => ({
      id: i.id,
      title: local(i.study.title, user.language),
      invitedOn: i.invitedOn.toISOString().slice(0, 10),
      completed: i.completedOn !== null,
      open: i.study.status === "RECRUITING" && (!i.study.closesAt || i.study.closesAt.getTime() > Date.now()),
    })),
  };
}

const links: { to: string; label: MessageKey }[] = [
  { to: "/account/profile", label: "account.profileLink" },
  { to: "/account/preferences", label: "account.preferencesLink" },
  { to: "/account/consents", label: "account.consentsLink" },
  { to: "/account/data", label: "account.dataLink" },
  { to: "/account/email", label: "account.emailLink" },
  { to: "/account/sessions", label: "account.sessionsLink" },
  { to: "/account/leave", label: "account.leaveLink" },
];

export default function Account() {
  const t = useT();
  const { email, invitations } = useLoaderData<typeof loader>();
  const language = useLanguage();
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t("account.title")}</h1>
      {params.get("welcome") ? (
        <p className="success" role="status">
          {t("email.welcome.intro")}
        </p>
      ) : null}
      <p>{t("account.welcome", { email })}</p>
      <section aria-labelledby="invitations">
        <h2 id="invitations">{t("account.invitations")}</h2>
        {invitations.length === 0 ? (
          <p className="empty-state">{t("account.noInvitations")}</p>
        ) : (
          <>
            <p className="hint">{t("account.invitationsHint")}</p>
            <ul>
              {invitations.map((invitation) => (
                <li key={invitation.id}>
                  <strong>{invitation.title}</strong> – {formatDate(invitation.invitedOn, language)}:{" "}
                  {invitation.completed
                    ? t("account.invitationDone")
                    : invitation.open
                      ? t("account.invitationOpen")
                      : t("account.invitationClosed")}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="settings">
        <h2 id="settings">{t("account.settings")}</h2>
        <ul className="link-list">
          {links.map((link) => (
            <li key={link.to}>
              <Link to={link.to}>{t(link.label)}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="security">
        <h2 id="security">{t("account.security")}</h2>
        <p>{t("account.securityHint")}</p>
        <Form method="post" action="/sign-out">
          <button type="submit" name="intent" value="everywhere" className="secondary">
            {t("signOut.everywhere")}
          </button>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
