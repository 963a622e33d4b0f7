// Asked at sign-in when the membership terms have a new version: invitations
// stop until the member accepts it (or they can leave).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { LongText } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission, safeRedirect } from "~/infra/auth/guard.server";
import { formatDate } from "~/infra/i18n/i18n";
import { changeConsent, consentStatuses } from "~/modules/consent/consent.server";
import { MEMBERSHIP_TERMS } from "~/modules/consent/purposes";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const terms = (await consentStatuses(user.id, user.language)).find((c) => c.purpose === MEMBERSHIP_TERMS)!;
  return { terms };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const form = await request.formData().catch(() => null);
  await changeConsent({ userId: user.id, purpose: MEMBERSHIP_TERMS, action: "GIVEN", language: user.language, channel: "SIGN_IN" });
  return redirect(safeRedirect(form?.get("redirectTo"), "/account"));
}

export default function AccountTerms() {
  const t = useT();
  const language = useLanguage();
  const { terms } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="narrow">
      <h1>{t("terms.title")}</h1>
      {terms.givenCurrent && terms.latest ? (
        <p className="success">{t("terms.alreadyAccepted", { date: formatDate(terms.latest.at, language) })}</p>
      ) : (
        <p>{t("terms.intro")}</p>
      )}
      <h2>{terms.current.title}</h2>
      <p className="hint">{t("terms.version", { version: terms.current.version, date: formatDate(terms.current.publishedAt, language) })}</p>
      <LongText text={terms.current.body} />
      {!terms.givenCurrent ? (
        <Form method="post">
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <button type="submit" className="primary">
            {t("terms.accept")}
          </button>
        </Form>
      ) : null}
      <p>
        {t("terms.orLeave")} <Link to="/account/leave">{t("account.leaveLink")}</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
