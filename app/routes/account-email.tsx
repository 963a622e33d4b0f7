import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/form";
import { useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { emailField } from "~/infra/http/fields";
import { clientIp, invalid, parseForm } from "~/infra/http/form.server";
import type { MessageKey } from "~/infra/i18n/i18n";
import { eightDigitCode } from "~/modules/members/code-field";
import {
  cancelEmailChange,
  confirmEmailChange,
  pendingEmailChange,
  requestEmailChange,
  resendEmailChangeCode,
} from "~/modules/members/email-change.server";
import { strict } from "~/modules/members/profile-schema";

const schema = z.discriminatedUnion(
  "intent",
  [
    z.strictObject({ intent: z.literal("request"), newEmail: emailField }, strict),
    z.strictObject({ intent: z.literal("confirm"), code: eightDigitCode("signIn.codeFormat") }, strict),
    z.strictObject({ intent: z.literal("resend") }, strict),
    z.strictObject({ intent: z.literal("cancel") }, strict),
  ],
  { error: "profile.badRequest" },
);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const pending = await pendingEmailChange(user.id);
  return { email: user.email, pending: pending ? { newEmail: pending.newEmail } : null };
}

/** A message for the whole page (not one field), with the HTTP status it answers with. */
function pageMessage(message: MessageKey, status: number, retryAfterMinutes?: number) {
  return data({ errors: {} as Record<string, MessageKey>, values: {} as Record<string, string>, message, retryAfterMinutes }, { status });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requirePermission(request, "member.self");
  const form = await parseForm(request, schema);
  if (!form.ok) {
    const { code: _code, ...values } = form.values;
    return invalid({ errors: form.errors, values });
  }
  const ip = clientIp(request);
  switch (form.data.intent) {
    case "request":
    case "resend": {
      const result =
        form.data.intent === "request"
          ? await requestEmailChange({ userId: user.id, newEmail: form.data.newEmail, ip })
          : await resendEmailChangeCode({ userId: user.id, ip });
      if (result.ok) return redirect("/account/email");
      if (result.reason === "throttled") return pageMessage("emailChange.throttled", 429, result.retryAfterMinutes);
      if (result.reason === "same") {
        return data({ errors: { newEmail: "emailChange.same" as MessageKey }, values: form.values }, { status: 400 });
      }
      return pageMessage("emailChange.expired", 400);
    }
    case "confirm": {
      const result = await confirmEmailChange({ userId: user.id, code: form.data.code, ip, currentSessionId: sessionId });
      if (result.ok) return redirect("/account/email?changed=1");
      if (result.reason === "throttled") return pageMessage("emailChange.throttled", 429, result.retryAfterMinutes);
      if (result.reason === "invalid") return data({ errors: { code: "emailChange.codeInvalid" as MessageKey }, values: {} }, { status: 400 });
      return pageMessage(result.reason === "too-many-attempts" ? "emailChange.tooManyAttempts" : "emailChange.expired", 400);
    }
    case "cancel":
      await cancelEmailChange(user.id);
      return redirect("/account/email?cancelled=1");
  }
}

export default function AccountEmail() {
  const t = useT();
  const { email, pending } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { message, retryAfterMinutes: minutes } = (state ?? {}) as { message?: MessageKey; retryAfterMinutes?: number };
  const labels = { newEmail: t("emailChange.newEmail"), code: t("emailChange.code") };

  return (
    <div className="narrow">
      <p>
        <Link to="/account">{t("profile.backToAccount")}</Link>
      </p>
      <h1>{t("emailChange.title")}</h1>
      {params.get("changed") && !state ? (
        <p className="notice" role="status">
          {t("emailChange.changed", { email })}
        </p>
      ) : null}
      {params.get("cancelled") && !state && !pending ? (
        <p className="notice" role="status">
          {t("emailChange.cancelled", { email })}
        </p>
      ) : null}
      {message ? (
        <p className="notice" role="alert">
          {t(message, minutes ? { minutes } : undefined)}
        </p>
      ) : null}
      <p>{t("emailChange.current", { email })}</p>
      <ErrorSummary state={state} labels={labels} />
      {pending ? (
        <>
          <p>{t("emailChange.codeSent", { email: pending.newEmail })}</p>
          <Form method="post" noValidate id="form">
            <Field
              name="code"
              label={labels.code}
              hint={t("emailChange.codeHint")}
              state={state}
              inputMode="numeric"
              autoComplete="one-time-code"
              required
            />
            <button type="submit" name="intent" value="confirm" className="primary">
              {t("emailChange.confirm")}
            </button>
          </Form>
          <Form method="post" className="toolbar">
            <button type="submit" name="intent" value="resend" className="secondary">
              {t("emailChange.resend")}
            </button>
            <button type="submit" name="intent" value="cancel" className="secondary">
              {t("emailChange.cancel")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>{t("emailChange.intro")}</p>
          <Form method="post" noValidate id="form">
            <Field
              name="newEmail"
              type="email"
              autoComplete="email"
              label={labels.newEmail}
              hint={t("emailChange.newEmailHint")}
              state={state}
              required
            />
            <button type="submit" name="intent" value="request" className="primary">
              {t("emailChange.send")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
