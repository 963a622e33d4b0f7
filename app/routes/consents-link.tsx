// The consent link in every email to a member: works without signing in.
// GET only shows; each change is a POST from a button.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { ConsentList } from "~/components/consent-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/components/use-translate";
import { db } from "~/infra/db/panel.server";
import { readConsentLinkToken } from "~/infra/mail/links.server";
import { handleConsentForm } from "~/modules/consent/consent-form.server";
import { consentStatuses } from "~/modules/consent/consent.server";

async function memberOf(token: string | undefined) {
  const userId = readConsentLinkToken(token ?? "");
  const member = userId
    ? await db.user.findFirst({ where: { id: userId, kind: "MEMBER" }, select: { id: true, language: true } })
    : null;
  if (!member) throw new Response("Not found", { status: 404 });
  return member;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const member = await memberOf(params.token);
  return { consents: await consentStatuses(member.id, member.language) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await memberOf(params.token);
  await handleConsentForm(request, { userId: member.id, language: member.language }, "EMAIL_LINK");
  return redirect(`/consents/${params.token}?saved=1`);
}

export default function ConsentsLink() {
  const t = useT();
  const { consents } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="narrow">
      <h1>{t("consents.linkTitle")}</h1>
      {params.get("saved") ? (
        <p className="success" role="status">
          {t("consents.saved")}
        </p>
      ) : null}
      <p>{t("consents.linkIntro")}</p>
      <ConsentList consents={consents} />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
