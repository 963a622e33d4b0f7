import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/form";
import { useT } from "~/components/use-translate";
import { getAuth } from "~/infra/auth/session.server";
import { safeRedirect } from "~/infra/auth/guard.server";
import { emailField } from "~/infra/http/fields";
import { clientIp, invalid, parseForm } from "~/infra/http/form.server";
import { resolveLanguage } from "~/infra/i18n/language.server";
import { pendingSignInCookie } from "~/modules/members/pending-sign-in.server";
import { requestSignInCode } from "~/modules/members/sign-in-code.server";

const schema = z.object({ email: emailField, redirectTo: z.string().max(500).optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  if (auth?.user.kind === "MEMBER") throw redirect("/account");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, schema);
  if (!form.ok) return invalid(form);
  const result = await requestSignInCode({
    email: form.data.email,
    ip: clientIp(request),
    language: resolveLanguage(request),
  });
  if (!result.ok) {
    return data(
      { errors: { email: "signIn.throttled" as const }, values: form.values, retryAfterMinutes: result.retryAfterMinutes },
      { status: 429 },
    );
  }
  const next = safeRedirect(form.data.redirectTo, "/account");
  return redirect(`/sign-in/code?redirectTo=${encodeURIComponent(next)}`, {
    headers: { "Set-Cookie": await pendingSignInCookie.serialize(form.data.email) },
  });
}

export default function SignIn() {
  const t = useT();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const throttled = state && "retryAfterMinutes" in state ? state.retryAfterMinutes : undefined;
  return (
    <div className="narrow">
      <h1>{t("signIn.title")}</h1>
      <p>{t("signIn.intro")}</p>
      {throttled ? (
        <p className="notice" role="alert">
          {t("signIn.throttled", { minutes: throttled })}
        </p>
      ) : (
        <ErrorSummary state={state} labels={{ email: t("signIn.email") }} />
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          name="email"
          type="email"
          autoComplete="email"
          label={t("signIn.email")}
          hint={t("signIn.emailHint")}
          state={throttled ? undefined : state}
          defaultValue={throttled ? state?.values?.email : undefined}
          required
        />
        <button type="submit" className="primary">
          {t("signIn.send")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
