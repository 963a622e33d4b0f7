import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/form";
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
  const minutes = state && "retryAfterMinutes" in state ? state.retryAfterMinutes : undefined;
  return (
    <div className="narrow">
      <h1>{t("join.codeTitle")}</h1>
      <p>{t("join.codeSent", { email })}</p>
      {minutes ? (
        <p className="notice" role="alert">
          {t("signIn.throttled", { minutes })}
        </p>
      ) : (
        <ErrorSummary state={state} labels={{ code: t("join.code") }} />
      )}
      <Form method="post" noValidate>
        <Field
          name="code"
          label={t("join.code")}
          hint={t("join.codeHint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          state={minutes ? undefined : state}
          required
        />
        <button type="submit" className="primary">
          {t("join.confirm")}
        </button>
      </Form>
      <p>
        <Link to="/join">{t("join.startAgain")}</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
