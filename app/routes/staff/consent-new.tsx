import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field, TextArea } from "~/components/form";
import { useStaffForm } from "~/components/staff-form";
import { useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { invalid, parseForm } from "~/infra/http/form.server";
import { notFound } from "~/infra/http/responses.server";
import { languages, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { currentVersion, publishConsentVersion } from "~/modules/consent/consent.server";
import { isBasePurpose } from "~/modules/consent/purposes";

const TITLE_MAX = 200;
// Below the form reader's 10,000-character cut, so an over-long text is refused, never silently cut.
const BODY_MAX = 8_000;

const title = z.string({ error: "form.required" }).trim().min(1, "form.required").max(TITLE_MAX, "staffConsents.titleTooLong");
const body = z.string({ error: "form.required" }).trim().min(1, "form.required").max(BODY_MAX, "staffConsents.bodyTooLong");

/** Shared by the browser (react-hook-form) and the action. */
const consentVersionSchema = z.object({
  title_fi: title,
  body_fi: body,
  title_sv: title,
  body_sv: body,
  title_en: title,
  body_en: body,
  // The checkbox posts "yes" when ticked and nothing otherwise (false in the browser).
  confirm: z.literal("yes", { error: "staffConsents.confirmRequired" }),
});

type TextFields = `${"title" | "body"}_${Language}`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "consents.manage");
  const purpose = params.purpose;
  if (!isBasePurpose(purpose)) notFound();
  const current = await currentVersion(purpose);
  const prefill: Record<string, string> = {};
  for (const language of languages) {
    const text = current.texts.find((candidate) => candidate.language === language);
    prefill[`title_${language}`] = text?.title ?? "";
    prefill[`body_${language}`] = text?.body ?? "";
  }
  return { purpose, currentVersion: current.version, nextVersion: current.version + 1, prefill };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "consents.manage");
  const purpose = params.purpose;
  if (!isBasePurpose(purpose)) notFound();
  const parsed = await parseForm(request, consentVersionSchema);
  if (!parsed.ok) return invalid(parsed);
  const field = (name: TextFields) => parsed.data[name];
  const texts = Object.fromEntries(
    languages.map((language) => [language, { title: field(`title_${language}`), body: field(`body_${language}`) }]),
  ) as Record<Language, { title: string; body: string }>;
  const created = await publishConsentVersion({ purpose, texts, actorId: user.id });
  return redirect(`/staff/consents?published=${encodeURIComponent(purpose)}&version=${created.version}`);
}


export default function NewConsentVersion() {
  const t = useT();
  const { purpose, currentVersion: current, nextVersion, prefill } = useLoaderData<typeof loader>();
  const server = useActionData<typeof action>();
  const { form, onSubmit, state } = useStaffForm(consentVersionSchema, server ?? { values: prefill });
  const purposeName = t(`staffConsents.purpose.${purpose}` as MessageKey);
  const languageName = (language: Language) => t(`lang.${language}` as MessageKey);
  const labels: Record<string, string> = { confirm: t("staffConsents.beforePublishing") };
  for (const language of languages) {
    labels[`title_${language}`] = t("staffConsents.field.title", { language: languageName(language) });
    labels[`body_${language}`] = t("staffConsents.field.body", { language: languageName(language) });
  }

  // The completeness hint follows typing when JavaScript runs; without it, it reflects what the page was given.
  const watched: Record<string, unknown> = { ...state.values, ...form.watch() };
  const filled = (name: string) => typeof watched[name] === "string" && (watched[name] as string).trim() !== "";
  const missing = languages.flatMap((language) => [
    ...(filled(`title_${language}`) ? [] : [t("staffConsents.missingTitle", { language: languageName(language) })]),
    ...(filled(`body_${language}`) ? [] : [t("staffConsents.missingBody", { language: languageName(language) })]),
  ]);
  const confirmError = state.errors?.confirm;

  return (
    <div className="narrow">
      <h1>{t("staffConsents.newTitle", { purpose: purposeName })}</h1>
      <p>{t("staffConsents.newIntro", { version: current })}</p>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <p className="hint">{t("staffConsents.completenessRule")}</p>
        <p className="notice" aria-live="polite">
          {missing.length === 0 ? t("staffConsents.complete") : t("staffConsents.incomplete", { missing: missing.join(", ") })}
        </p>
        {languages.map((language) => (
          <fieldset key={language}>
            <legend>{t("staffConsents.inLanguage", { language: languageName(language) })}</legend>
            <Field
              label={labels[`title_${language}`]!}
              state={state}
              lang={language}
              maxLength={TITLE_MAX}
              autoComplete="off"
              {...form.register(`title_${language}`)}
              name={`title_${language}`}
            />
            <TextArea
              label={labels[`body_${language}`]!}
              hint={t("staffConsents.bodyHint")}
              state={state}
              rows={10}
              lang={language}
              {...form.register(`body_${language}`)}
              name={`body_${language}`}
            />
          </fieldset>
        ))}
        <fieldset className={confirmError ? "field field-invalid" : "field"}>
          <legend>{labels.confirm}</legend>
          <p id="confirm-effect">{t(`staffConsents.effect.${purpose}` as MessageKey)}</p>
          {confirmError ? (
            <p className="field-error" id="confirm-error">
              {t(confirmError)}
            </p>
          ) : null}
          <div className="checkbox">
            <input
              type="checkbox"
              id="confirm"
              value="yes"
              defaultChecked={state.values?.confirm === "yes"}
              aria-invalid={confirmError ? true : undefined}
              aria-describedby={confirmError ? "confirm-effect confirm-error" : "confirm-effect"}
              {...form.register("confirm")}
            />
            <label htmlFor="confirm">{t("staffConsents.confirm")}</label>
          </div>
        </fieldset>
        <p className="toolbar">
          <button type="submit" className="primary">
            {t("staffConsents.publish", { version: nextVersion })}
          </button>
          <Link to="/staff/consents">{t("staffConsents.cancel")}</Link>
        </p>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
