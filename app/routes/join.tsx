import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkbox, ErrorSummary, Field, LongText } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { getAuth } from "~/infra/auth/session.server";
import { clientIp, invalid, parseForm } from "~/infra/http/form.server";
import { languages, type MessageKey } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import { currentVersion, textIn } from "~/modules/consent/consent.server";
import { MEMBERSHIP_TERMS } from "~/modules/consent/purposes";
import { requestJoin } from "~/modules/members/join.server";
import { joinSchema } from "~/modules/members/join-schema";
import { pendingJoinCookie } from "~/modules/members/pending-sign-in.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  if (auth?.user.kind === "MEMBER") throw redirect("/account");
  const terms = await currentVersion(MEMBERSHIP_TERMS);
  const text = textIn(terms.texts, resolveLanguage(request));
  return { terms: { id: terms.id, title: text.title, body: text.body } };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, joinSchema());
  if (!form.ok) return invalid(form);
  const result = await requestJoin({
    email: form.data.email,
    language: form.data.language,
    birthYear: form.data.birthYear,
    termsVersionId: form.data.termsVersionId ?? "",
    profileUse: form.data.profileUse === "yes",
    ip: clientIp(request),
  });
  if (!result.ok) {
    const { acceptTerms: _accept, ...values } = form.values;
    if (result.reason === "terms-changed") {
      return data({ errors: { acceptTerms: "join.termsChanged" as MessageKey }, values }, { status: 409 });
    }
    return data(
      { errors: { email: "signIn.throttled" as MessageKey }, values: form.values, retryAfterMinutes: result.retryAfterMinutes },
      { status: 429 },
    );
  }
  return redirect("/join/code", { headers: { "Set-Cookie": await pendingJoinCookie.serialize(form.data.email) } });
}

export default function Join() {
  const t = useT();
  const language = useLanguage();
  const { terms } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const minutes = state && "retryAfterMinutes" in state ? state.retryAfterMinutes : undefined;
  const chosenLanguage = state?.values?.language ?? language;
  const labels = {
    email: t("join.email"),
    language: t("join.language"),
    birthYear: t("join.birthYear"),
    acceptTerms: t("join.termsTitle"),
  };
  return (
    <div className="narrow">
      <h1>{t("join.title")}</h1>
      <p>{t("join.intro")}</p>
      {minutes ? (
        <p className="notice" role="alert">
          {t("signIn.throttled", { minutes })}
        </p>
      ) : (
        <ErrorSummary state={state} labels={labels} />
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="termsVersionId" value={terms.id} />
        <Field name="email" type="email" autoComplete="email" label={labels.email} hint={t("join.emailHint")} state={state} required />
        <fieldset className="field" aria-describedby={state?.errors && "language" in state.errors ? "language-error" : undefined}>
          <legend>{labels.language}</legend>
          {state?.errors && "language" in state.errors && state.errors.language ? (
            <p className="field-error" id="language-error">
              {t(state.errors.language)}
            </p>
          ) : null}
          {languages.map((option, index) => (
            <div className="checkbox" key={option}>
              <input
                type="radio"
                id={index === 0 ? "language" : `language-${option}`}
                name="language"
                value={option}
                defaultChecked={chosenLanguage === option}
              />
              <label htmlFor={index === 0 ? "language" : `language-${option}`} lang={option}>
                {t(`lang.${option}` as MessageKey)}
              </label>
            </div>
          ))}
        </fieldset>
        <Field
          name="birthYear"
          label={labels.birthYear}
          hint={t("join.birthYearHint")}
          inputMode="numeric"
          autoComplete="bday-year"
          maxLength={4}
          state={state}
          required
        />
        <section aria-labelledby="terms-title">
          <h2 id="terms-title">{t("join.termsTitle")}</h2>
          <h3>{terms.title}</h3>
          <LongText text={terms.body} />
        </section>
        <Checkbox name="acceptTerms" label={t("join.acceptTerms")} state={state} />
        <Checkbox name="profileUse" label={t("join.profileUse")} hint={t("join.profileUseHint")} state={state} />
        <button type="submit" className="primary">
          {t("join.submit")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
