import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/form";
import { useT } from "~/components/use-translate";
import { safeRedirect } from "~/infra/auth/guard.server";
import { createSession, getAuth } from "~/infra/auth/session.server";
import { emailField } from "~/infra/http/fields";
import { clientIp, invalid, parseForm } from "~/infra/http/form.server";
import { signInStaff } from "~/modules/staff/sign-in.server";

const schema = z.object({
  email: emailField,
  password: z.string({ error: "form.required" }).min(1, "form.required").max(1000, "form.tooLong"),
  redirectTo: z.string().max(500).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  if (auth?.user.kind === "STAFF") throw redirect("/staff");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, schema);
  if (!form.ok) return invalid(form);
  const result = await signInStaff({ email: form.data.email, password: form.data.password, ip: clientIp(request) });
  if (!result.ok) {
    const { password: _password, ...values } = form.values;
    return data(
      {
        errors: { password: result.reason === "throttled" ? ("signIn.throttled" as const) : ("staffSignIn.invalid" as const) },
        values,
        retryAfterMinutes: result.reason === "throttled" ? result.retryAfterMinutes : undefined,
      },
      { status: result.reason === "throttled" ? 429 : 400 },
    );
  }
  return redirect(safeRedirect(form.data.redirectTo, "/staff"), {
    headers: { "Set-Cookie": await createSession(result.userId, request) },
  });
}

export default function StaffSignIn() {
  const t = useT();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const minutes = state && "retryAfterMinutes" in state ? state.retryAfterMinutes : undefined;
  return (
    <div className="narrow">
      <h1>{t("staffSignIn.title")}</h1>
      {minutes ? (
        <p className="notice" role="alert">
          {t("signIn.throttled", { minutes })}
        </p>
      ) : (
        <ErrorSummary state={state} labels={{ email: t("staffSignIn.email"), password: t("staffSignIn.password") }} />
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field name="email" type="email" autoComplete="username" label={t("staffSignIn.email")} state={state} required />
        <Field
          name="password"
          type="password"
          autoComplete="current-password"
          label={t("staffSignIn.password")}
          state={minutes ? undefined : state}
          required
        />
        <button type="submit" className="primary">
          {t("staffSignIn.submit")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
