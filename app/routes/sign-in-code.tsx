import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CodeEntry } from "~/components/code-entry";
import { useT } from "~/components/use-translate";
import { safeRedirect } from "~/infra/auth/guard.server";
import { createSession } from "~/infra/auth/session.server";
import { clientIp, invalid, parseForm } from "~/infra/http/form.server";
import { eightDigitCode } from "~/modules/members/code-field";
import { pendingSignInCookie } from "~/modules/members/pending-sign-in.server";
import { verifySignInCode } from "~/modules/members/sign-in-code.server";
import { needsTermsAcceptance } from "~/modules/consent/consent.server";

const schema = z.object({
  code: eightDigitCode("signIn.codeFormat"),
  redirectTo: z.string().max(500).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const email = await pendingSignInCookie.parse(request);
  if (!email) throw redirect("/sign-in");
  return { email };
}

export async function action({ request }: ActionFunctionArgs) {
  const email = await pendingSignInCookie.parse(request);
  if (!email) throw redirect("/sign-in");
  const form = await parseForm(request, schema);
  if (!form.ok) return invalid(form);
  const result = await verifySignInCode({ email, code: form.data.code, ip: clientIp(request) });
  if (!result.ok) {
    return data(
      {
        errors: { code: result.reason === "throttled" ? ("signIn.throttled" as const) : ("signIn.codeInvalid" as const) },
        values: {},
        retryAfterMinutes: result.reason === "throttled" ? result.retryAfterMinutes : undefined,
      },
      { status: result.reason === "throttled" ? 429 : 400 },
    );
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(result.userId, request));
  headers.append("Set-Cookie", await pendingSignInCookie.clear());
  const next = safeRedirect(form.data.redirectTo, "/account");
  // New membership terms are asked for at the first sign-in after they are published.
  const destination = (await needsTermsAcceptance(result.userId)) ? `/account/terms?redirectTo=${encodeURIComponent(next)}` : next;
  return redirect(destination, { headers });
}

export default function SignInCode() {
  const t = useT();
  const { email } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <CodeEntry
      title={t("signIn.codeTitle")}
      intro={t("signIn.codeSent", { email })}
      label={t("signIn.code")}
      hint={t("signIn.codeHint")}
      submit={t("signIn.verify")}
      state={state}
      restart={{ to: "/sign-in", label: t("signIn.newCode") }}
      hidden={<input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />}
    />
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
