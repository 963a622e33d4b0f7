import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { ConsentList } from "~/components/consent-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { handleConsentForm } from "~/modules/consent/consent-form.server";
import { consentStatuses } from "~/modules/consent/consent.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  return { consents: await consentStatuses(user.id, user.language) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  await handleConsentForm(request, { userId: user.id, language: user.language }, "WEB");
  return redirect("/account/consents?saved=1");
}

export default function AccountConsents() {
  const t = useT();
  const { consents } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="narrow">
      <h1>{t("consents.title")}</h1>
      {params.get("saved") ? (
        <p className="success" role="status">
          {t("consents.saved")}
        </p>
      ) : null}
      <p>{t("consents.intro")}</p>
      <ConsentList consents={consents} />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
