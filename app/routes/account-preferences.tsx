import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { invalid, parseForm } from "~/infra/http/form.server";
import { formatDate } from "~/infra/i18n/i18n";
import {
  MAX_INVITATIONS_PER_MONTH,
  MIN_INVITATIONS_PER_MONTH,
  preferencesListFields,
  preferencesSchema,
  studyTypes,
} from "~/modules/members/profile-schema";
import { getPreferences, removePause, resubscribe, savePreferences } from "~/modules/members/profile.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const preferences = await getPreferences(user.id);
  return {
    ...preferences,
    unsubscribedAt: preferences.unsubscribedAt?.toISOString() ?? null,
    version: preferences.updatedAt?.toISOString() ?? "new",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const form = await parseForm(request, preferencesSchema, preferencesListFields);
  if (!form.ok) return invalid(form);
  if (form.data.intent === "resubscribe") {
    await resubscribe(user.id);
    return redirect("/account/preferences?saved=resubscribed");
  }
  if (form.data.intent === "remove-pause") {
    await removePause(user.id);
    return redirect("/account/preferences?saved=pause-removed");
  }
  await savePreferences(user.id, form.data);
  return redirect("/account/preferences?saved=1");
}

/** Finnish-style date for the text field (31.12.2026), which also reads without a date picker. */
function fiDay(day: string | null) {
  if (!day) return "";
  const [y, m, d] = day.split("-").map(Number);
  return `${d}.${m}.${y}`;
}

export default function AccountPreferences() {
  const t = useT();
  const language = useLanguage();
  const saved = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const typed = state?.values as Record<string, unknown> | undefined;
  const chosenTypes: string[] = typed
    ? Array.isArray(typed.studyTypes)
      ? (typed.studyTypes as string[])
      : typeof typed.studyTypes === "string"
        ? [typed.studyTypes]
        : []
    : saved.studyTypes;
  const max = typeof typed?.maxInvitationsPerMonth === "string" ? typed.maxInvitationsPerMonth : String(saved.maxInvitationsPerMonth);
  const labels = {
    studyTypes: t("preferences.studyTypes.legend"),
    maxInvitationsPerMonth: t("preferences.max.label"),
    pausedUntil: t("preferences.pause.label"),
  };
  const typesError = state?.errors?.studyTypes;
  const maxError = state?.errors?.maxInvitationsPerMonth;
  const savedMessage = params.get("saved");

  return (
    <div className="narrow">
      <p>
        <Link to="/account">{t("profile.backToAccount")}</Link>
      </p>
      <h1>{t("preferences.title")}</h1>
      {savedMessage && !state ? (
        <p className="notice" role="status">
          {savedMessage === "pause-removed"
            ? t("preferences.pauseRemoved")
            : savedMessage === "resubscribed"
              ? t("preferences.resubscribed")
              : t("preferences.saved")}
        </p>
      ) : null}
      <p>{t("preferences.intro")}</p>
      {saved.unsubscribedAt ? (
        <div className="notice">
          <p>{t("preferences.unsubscribed", { date: formatDate(saved.unsubscribedAt, language) })}</p>
          <Form method="post">
            <button type="submit" name="intent" value="resubscribe" className="secondary">
              {t("preferences.resubscribe")}
            </button>
          </Form>
        </div>
      ) : null}
      {saved.pausedUntil ? (
        <div className="notice">
          <p>{t("preferences.paused", { date: formatDate(`${saved.pausedUntil}T12:00:00Z`, language) })}</p>
          <Form method="post">
            <button type="submit" name="intent" value="remove-pause" className="secondary">
              {t("preferences.removePause")}
            </button>
          </Form>
        </div>
      ) : null}
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate key={saved.version} id="form">
        <fieldset
          className={typesError ? "field field-invalid" : "field"}
          aria-describedby={typesError ? "studyTypes-hint studyTypes-error" : "studyTypes-hint"}
        >
          <legend>{labels.studyTypes}</legend>
          <p className="hint" id="studyTypes-hint">
            {t("preferences.studyTypes.hint")}
          </p>
          {typesError ? (
            <p className="field-error" id="studyTypes-error">
              {t(typesError)}
            </p>
          ) : null}
          {studyTypes.map((type, index) => {
            const id = index === 0 ? "studyTypes" : `studyTypes-${type}`;
            return (
              <div key={type} className="checkbox">
                <input
                  type="checkbox"
                  id={id}
                  name="studyTypes"
                  value={type}
                  defaultChecked={chosenTypes.includes(type)}
                  aria-invalid={typesError ? true : undefined}
                />
                <label htmlFor={id}>{t(`preferences.studyType.${type}`)}</label>
              </div>
            );
          })}
        </fieldset>

        <div className={maxError ? "field field-invalid" : "field"}>
          <label htmlFor="maxInvitationsPerMonth">{labels.maxInvitationsPerMonth}</label>
          <p className="hint" id="maxInvitationsPerMonth-hint">
            {t("preferences.max.hint")}
          </p>
          {maxError ? (
            <p className="field-error" id="maxInvitationsPerMonth-error">
              {t(maxError)}
            </p>
          ) : null}
          <select
            id="maxInvitationsPerMonth"
            name="maxInvitationsPerMonth"
            defaultValue={max}
            aria-invalid={maxError ? true : undefined}
            aria-describedby={maxError ? "maxInvitationsPerMonth-hint maxInvitationsPerMonth-error" : "maxInvitationsPerMonth-hint"}
          >
            {Array.from({ length: MAX_INVITATIONS_PER_MONTH - MIN_INVITATIONS_PER_MONTH + 1 }, (_, i) => String(i + MIN_INVITATIONS_PER_MONTH)).map(
              (n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ),
            )}
          </select>
        </div>

        <Field
          name="pausedUntil"
          label={labels.pausedUntil}
          hint={t("preferences.pause.hint")}
          state={state}
          defaultValue={fiDay(saved.pausedUntil)}
          autoComplete="off"
        />

        <button type="submit" name="intent" value="save" className="primary">
          {t("preferences.save")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
