// The link in the confirmation email. GET only shows a button (mail scanners
// open links); the POST behind the button activates the membership.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/components/use-translate";
import { createSession } from "~/infra/auth/session.server";
import { confirmJoinByToken, joinRequestByToken } from "~/modules/members/join.server";
import { pendingJoinCookie } from "~/modules/members/pending-sign-in.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const request = await joinRequestByToken(params.token ?? "");
  if (!request) return data({ email: null }, { status: 404 });
  return { email: request.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await confirmJoinByToken(params.token ?? "");
  if (!result.ok) return data({ email: null }, { status: 404 });
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(result.userId, request));
  headers.append("Set-Cookie", await pendingJoinCookie.clear());
  return redirect("/account?welcome=1", { headers });
}

export default function JoinConfirm() {
  const t = useT();
  const { email } = useLoaderData<typeof loader>();
  if (!email) {
    return (
      <div className="narrow">
        <h1>{t("join.linkInvalidTitle")}</h1>
        <p>{t("join.linkInvalid")}</p>
        <p>
          <Link to="/join">{t("landing.joinCta")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("join.confirmTitle")}</h1>
      <p>{t("join.confirmIntro", { email })}</p>
      <Form method="post">
        <button type="submit" className="primary">
          {t("join.confirm")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
