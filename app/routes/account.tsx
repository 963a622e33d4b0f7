import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  return { email: user.email };
}

export default function Account() {
  const t = useT();
  const { email } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("account.title")}</h1>
      <p>{t("account.welcome", { email })}</p>
      <section aria-labelledby="invitations">
        <h2 id="invitations">{t("account.invitations")}</h2>
        <p className="empty-state">{t("account.noInvitations")}</p>
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
