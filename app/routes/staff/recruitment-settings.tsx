// The panel's recruitment rules (admins): contacts per member in 30 days, the
// cool-down after taking part, both per kind of study too, and the target
// shares the panel health page compares the panel with. Every field's name is
// its path in the recruitment module's input, so its errors land next to it.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { formatDateTime, isMessageKey, type MessageKey } from "~/infra/i18n/i18n";
import { recruitmentSettings, updateRecruitmentSettings, type Settings, type SettingsInput } from "~/modules/recruitment/fatigue.server";
import { studyTypeChoices } from "~/modules/studies/study-form";
import styles from "./recruitment.css?url";
import { strataAttributes } from "~/modules/recruitment/filters";
import { attributeValueLabel, attributeValues } from "./sample-form";
import { NumberField, type FieldErrors, type FormValues } from "./segment-form";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const ruleFields = ["maxContactsPer30Days", "cooldownDays"] as const;

/** Share attributes and their values: the "?" of strata (not shared) has no target. */
const shareValues = Object.fromEntries(strataAttributes.map((attribute) => [attribute, attributeValues[attribute].filter((value) => value !== "?")])) as Record<
  (typeof strataAttributes)[number],
  string[]
>;

function toValues(settings: Settings): FormValues {
  const values: FormValues = {
    maxContactsPer30Days: String(settings.maxContactsPer30Days),
    cooldownDays: String(settings.cooldownDays),
  };
  for (const type of studyTypeChoices) {
    for (const field of ruleFields) {
      const value = settings.perType[type]?.[field];
      values[`perType.${type}.${field}`] = value === undefined ? "" : String(value);
    }
  }
  for (const attribute of strataAttributes) {
    for (const value of shareValues[attribute]) {
      const share = settings.targetShares[attribute]?.[value];
      values[`targetShares.${attribute}.${value}`] = share === undefined ? "" : formatPercent(share);
    }
  }
  return values;
}

const formatPercent = (share: number) => String(Math.round(share * 1000) / 10).replace(".", ",");

/** The form as the module's input; a field that is not a number fails there with its own message. */
function toInput(values: Record<string, string>): SettingsInput {
  const number = (raw: string | undefined) => {
    const text = (raw ?? "").trim().replace(",", ".");
    return /^\d{1,6}(\.\d{1,4})?$/.test(text) ? Number(text) : (Number.NaN as number);
  };
  const perType: SettingsInput["perType"] = {};
  for (const type of studyTypeChoices) {
    const rules: Record<string, number> = {};
    for (const field of ruleFields) {
      const raw = values[`perType.${type}.${field}`];
      if (raw && raw.trim() !== "") rules[field] = number(raw);
    }
    if (Object.keys(rules).length > 0) perType[type] = rules;
  }
  const targetShares: SettingsInput["targetShares"] = {};
  for (const attribute of strataAttributes) {
    const shares: Record<string, number> = {};
    for (const value of shareValues[attribute]) {
      const raw = values[`targetShares.${attribute}.${value}`];
      if (raw && raw.trim() !== "") shares[value] = number(raw) / 100;
    }
    if (Object.keys(shares).length > 0) targetShares[attribute] = shares;
  }
  return {
    maxContactsPer30Days: number(values.maxContactsPer30Days),
    cooldownDays: number(values.cooldownDays),
    perType,
    targetShares,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff.manage");
  const settings = await recruitmentSettings();
  return { values: toValues(settings), updatedAt: settings.updatedAt };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "staff.manage");
  const values = await readForm(request);
  const result = await updateRecruitmentSettings(user, toInput(values));
  if (!result.ok) {
    const errors: FieldErrors = {};
    for (const [field, message] of Object.entries(result.errors)) {
      // A share's whole attribute (their sum) points at the attribute's first field.
      const target = /^targetShares\.[\w-]+$/.test(field) ? `${field}.${shareValues[field.split(".")[1] as "region"]?.[0] ?? ""}` : field;
      errors[target] ??= isMessageKey(message) ? message : "recruitmentSettings.error.invalid";
    }
    return data({ errors, values: values as FormValues }, { status: 400 });
  }
  return redirect("/staff/recruitment-settings?saved=1");
}

export default function RecruitmentSettings() {
  const t = useT();
  const language = useLanguage();
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const values = failed?.values ?? loaded.values;
  const errors: FieldErrors = failed?.errors ?? {};
  const value = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const attributeLabel = (attribute: string) => t(`studies.attribute.${attribute}` as MessageKey);
  const typeLabel = (type: string) => t(`studies.type.${type}` as MessageKey);

  const labels: Record<string, string> = {
    form: t("recruitmentSettings.title"),
    maxContactsPer30Days: t("recruitmentSettings.maxContacts"),
    cooldownDays: t("recruitmentSettings.cooldown"),
  };
  for (const type of studyTypeChoices) {
    labels[`perType.${type}.maxContactsPer30Days`] = t("recruitmentSettings.typeMaxContacts", { type: typeLabel(type) });
    labels[`perType.${type}.cooldownDays`] = t("recruitmentSettings.typeCooldown", { type: typeLabel(type) });
  }
  for (const attribute of strataAttributes) {
    for (const item of shareValues[attribute]) {
      labels[`targetShares.${attribute}.${item}`] = `${attributeLabel(attribute)}: ${attributeValueLabel(attribute, item, t, language)}`;
    }
  }

  const cell = (name: string, label: string) => {
    const error = errors[name];
    return (
      <td className={error ? "field-invalid" : undefined}>
        {error ? (
          <p className="field-error" id={`${name}-error`}>
            {t(error)}
          </p>
        ) : null}
        <input
          id={name}
          name={name}
          aria-label={label}
          inputMode="decimal"
          autoComplete="off"
          size={6}
          defaultValue={value(name)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
        />
      </td>
    );
  };

  return (
    <>
      <p>
        <Link to="/staff/panel-health">{t("recruitmentSettings.toHealth")}</Link>
      </p>
      <h1>{t("recruitmentSettings.title")}</h1>
      <p>{t("recruitmentSettings.intro")}</p>
      <p className="hint">{t("recruitmentSettings.updatedAt", { when: formatDateTime(loaded.updatedAt, language) })}</p>
      {params.get("saved") ? (
        <p className="success" role="status">
          {t("recruitmentSettings.saved")}
        </p>
      ) : null}
      <Form method="post" noValidate className="strata-inputs">
        <ErrorSummary state={{ errors }} labels={labels} />
        <fieldset className="segment-group">
          <legend>{t("recruitmentSettings.global")}</legend>
          <NumberField
            name="maxContactsPer30Days"
            label={labels.maxContactsPer30Days!}
            hint={t("recruitmentSettings.maxContactsHint")}
            value={value("maxContactsPer30Days")}
            error={errors.maxContactsPer30Days}
          />
          <NumberField
            name="cooldownDays"
            label={labels.cooldownDays!}
            hint={t("recruitmentSettings.cooldownHint")}
            value={value("cooldownDays")}
            error={errors.cooldownDays}
          />
        </fieldset>

        <fieldset className="segment-group">
          <legend>{t("recruitmentSettings.perType")}</legend>
          <p className="hint">{t("recruitmentSettings.perTypeHint")}</p>
          <div className="table-wrap">
            <table>
              <caption>{t("recruitmentSettings.perTypeCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("recruitmentSettings.type")}</th>
                  <th scope="col">{t("recruitmentSettings.maxContacts")}</th>
                  <th scope="col">{t("recruitmentSettings.cooldown")}</th>
                </tr>
              </thead>
              <tbody>
                {studyTypeChoices.map((type) => (
                  <tr key={type}>
                    <th scope="row">{typeLabel(type)}</th>
                    {cell(`perType.${type}.maxContactsPer30Days`, labels[`perType.${type}.maxContactsPer30Days`]!)}
                    {cell(`perType.${type}.cooldownDays`, labels[`perType.${type}.cooldownDays`]!)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>

        <fieldset className="segment-group">
          <legend>{t("recruitmentSettings.targets")}</legend>
          <p className="hint">{t("recruitmentSettings.targetsHint")}</p>
          {strataAttributes.map((attribute) => (
            <div className="table-wrap" key={attribute}>
              <table>
                <caption>{t("recruitmentSettings.targetsCaption", { attribute: attributeLabel(attribute) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{attributeLabel(attribute)}</th>
                    <th scope="col">{t("recruitmentSettings.targetShare")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shareValues[attribute].map((item) => (
                    <tr key={item}>
                      <th scope="row">{attributeValueLabel(attribute, item, t, language)}</th>
                      {cell(`targetShares.${attribute}.${item}`, labels[`targetShares.${attribute}.${item}`]!)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          {t("recruitmentSettings.save")}
        </button>
      </Form>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
