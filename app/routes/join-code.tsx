import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CodeEntry } from "~/components/code-entry";
import { useT } from "~/components/use-translate";
import { createSession } from "~/infra/auth/session.server";
import { clientIp, invalid, parseForm } from "~/infra/http/form.server";
import { eightDigitCode } from "~/modules/members/code-field";
import { confirmJoinByCode } from "~/modules/members/join.server";
import { pendingJoinCookie } from "~/modules/members/pending-sign-in.server";

const schema = z.object({ code: eightDigitCode("signIn.codeFormat") });

export async function loader({ request }: LoaderFunctionArgs) {
  const email = await pendingJoinCookie.parse(request);
  if (!email) throw redirect("/join");
  return { email };
}

export async function action({ request }: ActionFunctionArgs) {
  const email = await pendingJoinCookie.parse(request);
  if (!email) throw redirect("/join");
  const form = await parseForm(request, schema);
  if (!form.ok) return invalid(form);
  const result = await confirmJoinByCode({ email, code: form.data.code, ip: clientIp(request) });
  if (!result.ok) {
    const throttled = result.reason === "throttled";
    return data(
      {
        errors: { code: throttled ? ("signIn.throttled" as const) : ("join.codeInvalid" as const) },
        values: {},
        retryAfterMinutes: throttled ? result.retryAfterMinutes : undefined,
      },
      { status: throttled ? 429 : 400 },
    );
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(result.userId, request));
  headers.append("Set-Cookie", await pendingJoinCookie.clear());
  return redirect("/account?welcome=1", { headers });
}

export default function JoinCode() {
  const t = useT();
  const { email } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <CodeEntry
      title={t("join.codeTitle")}
      intro={t("join.codeSent", { email })}
      label={t("join.code")}
      hint={t("join.codeHint")}
      submit={t("join.confirm")}
      state={state}
      restart={{ to: "/join", label: t("join.startAgain") }}
    />
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
