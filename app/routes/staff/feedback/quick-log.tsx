// Quick-log: a handler logs feedback received by phone, email, a visit or a
// meeting in seconds, keyboard only. Every choice has a sensible default, the
// first field has focus, and after saving the page is a fresh form again with
// a link to the item just saved (and the same channel), so the next call can
// be logged at once. Plain POST-redirect-GET: works without JavaScript.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkbox, ErrorSummary, Field, SelectField, TextArea, type FormState } from "~/components/form";
import { useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { invalid, parseForm } from "~/infra/http/form.server";
import { isLanguage, languages, type MessageKey } from "~/infra/i18n/i18n";
import { quickLogSchema } from "~/modules/feedback/intake-schema";
import { quickLogFeedback, savedItem, serviceOptions } from "~/modules/feedback/intake.server";
import { customerTypes, FEEDBACK_TEXT_MAX, feedbackCategories, loggedChannels } from "~/modules/feedback/kinds";
import styles from "../../feedback/intake.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "feedback.handle");
  const params = new URL(request.url).searchParams;
  const channel = params.get("channel");
  const language = params.get("language");
  return data(
    {
      services: await serviceOptions(user.language),
      saved: await savedItem(params.get("saved")),
      // the last call's channel and language stay chosen: calls come in runs
      channel: loggedChannels.find((c) => c === channel) ?? "PHONE",
      language: isLanguage(language) ? language : user.language,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "feedback.handle");
  const form = await parseForm(request, quickLogSchema);
  if (!form.ok) return invalid(form);
  const result = await quickLogFeedback({ userId: user.id }, form.data);
  if (!result.ok) return data({ errors: result.errors as Record<string, MessageKey>, values: form.values }, { status: 400 });
  const next = new URLSearchParams({ saved: result.id, channel: form.data.channel, language: form.data.language });
  return redirect(`/staff/feedback/new?${next}`);
}

export default function QuickLog() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  const labels = {
    channel: t("feedbackIntake.channel"),
    category: t("feedbackIntake.category"),
    serviceId: t("feedbackIntake.service"),
    customerType: t("feedbackIntake.quick.customerType"),
    employerName: t("feedbackIntake.quick.employerName"),
    employerId: t("feedbackIntake.quick.employerId"),
    text: t("feedbackIntake.text"),
    language: t("feedbackIntake.quick.language"),
    contactName: t("feedbackIntake.contactName"),
    contactEmail: t("feedbackIntake.contactEmail"),
    contactPhone: t("feedbackIntake.contactPhone"),
  };
  return (
    <div className="feedback-quick">
      <h1>{t("feedbackIntake.quick.title")}</h1>
      <p>{t("feedbackIntake.quick.intro")}</p>
      {loaded.saved && !state ? (
        <p className="success" role="status">
          {t("feedbackIntake.quick.saved", { reference: loaded.saved.reference })}{" "}
          <Link to={`/staff/feedback/${loaded.saved.id}`}>{t("feedbackIntake.quick.open", { reference: loaded.saved.reference })}</Link>
        </p>
      ) : null}
      <ErrorSummary state={state} labels={labels} />
      {/* a fresh form after each save: the key drops what the last one held */}
      <Form method="post" noValidate key={loaded.saved?.id ?? "new"}>
        <div className="feedback-quick-row">
          <SelectField
            name="channel"
            label={labels.channel}
            state={state}
            defaultValue={loaded.channel}
            autoFocus
            options={loggedChannels.map((c) => ({ value: c, label: t(`feedback.channel.${c}`) }))}
          />
          <SelectField
            name="category"
            label={labels.category}
            state={state}
            defaultValue="COMPLAINT"
            options={feedbackCategories.map((c) => ({ value: c, label: t(`feedback.category.${c}`) }))}
          />
          <SelectField
            name="serviceId"
            label={labels.serviceId}
            state={state}
            defaultValue=""
            options={[{ value: "", label: t("feedback.noService") }, ...loaded.services.map((s) => ({ value: s.id, label: s.name }))]}
          />
        </div>
        <div className="feedback-quick-row">
          <SelectField
            name="customerType"
            label={labels.customerType}
            state={state}
            defaultValue="PRIVATE"
            options={customerTypes.map((c) => ({ value: c, label: t(`feedback.customerType.${c}`) }))}
          />
          <Field name="employerName" label={labels.employerName} hint={t("feedbackIntake.quick.employerHint")} maxLength={200} state={state} />
          <Field name="employerId" label={labels.employerId} inputMode="numeric" maxLength={20} placeholder="1234567-8" state={state} />
        </div>
        <Checkbox name="urgent" label={t("feedbackIntake.quick.urgent")} state={state} />
        <TextArea name="text" label={labels.text} hint={t("feedbackIntake.textHint", { max: FEEDBACK_TEXT_MAX })} rows={5} state={state} />
        <SelectField
          name="language"
          label={labels.language}
          state={state}
          defaultValue={loaded.language}
          options={languages.map((l) => ({ value: l, label: t(`lang.${l}` as MessageKey) }))}
        />
        <fieldset className="feedback-contact">
          <legend>{t("feedbackIntake.contactLegend")}</legend>
          <Checkbox name="wantsContact" label={t("feedbackIntake.wantsContact")} state={state} />
          <div className="feedback-quick-row">
            <Field name="contactName" label={labels.contactName} maxLength={200} autoComplete="off" state={state} />
            <Field name="contactEmail" label={labels.contactEmail} type="email" maxLength={254} autoComplete="off" state={state} />
            <Field name="contactPhone" label={labels.contactPhone} type="tel" maxLength={40} autoComplete="off" state={state} />
          </div>
        </fieldset>
        <button type="submit" className="primary">
          {t("feedbackIntake.quick.save")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
