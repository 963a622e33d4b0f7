// The public feedback form: anonymous, or with contact details for a reply.
// Plain POST-redirect-GET, so it works without JavaScript; errors come back
// next to the fields in the reader's language with everything typed kept.
// A per-address hourly limit, a honeypot field and length limits keep abuse out.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkbox, ErrorSummary, Field, Radios, TextArea, type FormState } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { clientIp, invalid, parseForm } from "~/infra/http/form.server";
import type { MessageKey } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import { publicFeedbackSchema } from "~/modules/feedback/intake-schema";
import { sentToken, serviceOptions, submitPublicFeedback } from "~/modules/feedback/intake.server";
import { FEEDBACK_TEXT_MAX, feedbackCategories } from "~/modules/feedback/kinds";
import styles from "./intake.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Panel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { services: await serviceOptions(resolveLanguage(request)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, publicFeedbackSchema);
  if (!form.ok) return invalid(form);
  const result = await submitPublicFeedback(form.data, {
    language: form.data.language ?? resolveLanguage(request),
    ip: clientIp(request),
  });
  if (!result.ok) {
    const { website: _trap, ...values } = form.values;
    if (result.reason === "throttled") {
      return data({ errors: {} as Record<string, MessageKey>, values, retryAfterMinutes: result.retryAfterMinutes }, { status: 429 });
    }
    return data({ errors: result.errors as Record<string, MessageKey>, values }, { status: 400 });
  }
  return redirect(result.number === null ? "/feedback/sent" : `/feedback/sent?ref=${sentToken(result.number)}`);
}

export default function FeedbackForm() {
  const t = useT();
  const language = useLanguage();
  const { services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const state = actionData as FormState | undefined;
  const minutes = actionData && "retryAfterMinutes" in actionData ? actionData.retryAfterMinutes : undefined;
  const values = state?.values ?? {};
  const labels = {
    category: t("feedbackIntake.category"),
    serviceId: t("feedbackIntake.service"),
    text: t("feedbackIntake.text"),
    contactName: t("feedbackIntake.contactName"),
    contactEmail: t("feedbackIntake.contactEmail"),
    contactPhone: t("feedbackIntake.contactPhone"),
  };
  const serviceError = state?.errors?.serviceId;
  return (
    <div className="narrow feedback-form">
      <h1>{t("feedbackIntake.title")}</h1>
      <p>{t("feedbackIntake.intro")}</p>
      {minutes ? (
        <p className="notice" role="alert">
          {t("feedbackIntake.throttled", { minutes: Number(minutes) })}
        </p>
      ) : (
        <ErrorSummary state={state} labels={labels} />
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="language" value={language} />
        <Radios
          name="category"
          legend={labels.category}
          error={state?.errors?.category}
          value={values.category ?? ""}
          options={feedbackCategories.map((category) => ({ value: category, label: t(`feedback.category.${category}`) }))}
        />
        <div className={serviceError ? "field field-invalid" : "field"}>
          <label htmlFor="serviceId">{labels.serviceId}</label>
          <p className="hint" id="serviceId-hint">
            {t("feedbackIntake.serviceHint")}
          </p>
          {serviceError ? (
            <p className="field-error" id="serviceId-error">
              {t(serviceError)}
            </p>
          ) : null}
          <select
            id="serviceId"
            name="serviceId"
            defaultValue={values.serviceId ?? ""}
            aria-invalid={serviceError ? true : undefined}
            aria-describedby={serviceError ? "serviceId-hint serviceId-error" : "serviceId-hint"}
          >
            <option value="">{t("feedback.noService")}</option>
            {services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name}
              </option>
            ))}
          </select>
        </div>
        <TextArea name="text" label={labels.text} hint={t("feedbackIntake.textHint", { max: FEEDBACK_TEXT_MAX })} state={state} rows={8} required />
        <div className="feedback-trap" aria-hidden="true">
          <label htmlFor="website">{t("feedbackIntake.honeypot")}</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <fieldset className="feedback-contact">
          <legend>{t("feedbackIntake.contactLegend")}</legend>
          <Checkbox name="wantsContact" label={t("feedbackIntake.wantsContact")} hint={t("feedbackIntake.wantsContactHint")} state={state} />
          <p className="hint">{t("feedbackIntake.contactHint")}</p>
          <Field name="contactName" label={labels.contactName} autoComplete="name" maxLength={200} state={state} />
          <Field name="contactEmail" label={labels.contactEmail} type="email" autoComplete="email" maxLength={254} state={state} />
          <Field name="contactPhone" label={labels.contactPhone} type="tel" autoComplete="tel" maxLength={40} state={state} />
        </fieldset>
        <button type="submit" className="primary">
          {t("feedbackIntake.submit")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
