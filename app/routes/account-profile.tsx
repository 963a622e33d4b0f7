import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field, SelectField, type FormState } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { invalid, parseForm } from "~/infra/http/form.server";
import { profileUseAllowed } from "~/modules/consent/consent.server";
import {
  accessibilityNeedOptions,
  digitalUses,
  employerIndustries,
  employerSizes,
  genders,
  lifeSituations,
  motherTongues,
  profileListFields,
  profileSchema,
} from "~/modules/members/profile-schema";
import { getProfile, saveProfile } from "~/modules/members/profile.server";
import { municipalitiesByRegion, municipalityName, regionName, regions } from "~/modules/members/regions";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const [profile, useAllowed] = await Promise.all([getProfile(user.id), profileUseAllowed(user.id)]);
  return {
    useAllowed,
    version: profile?.updatedAt.toISOString() ?? "new",
    saved: {
      birthYear: profile?.birthYear?.toString() ?? "",
      gender: profile?.gender ?? "",
      municipality: profile?.municipality ?? "",
      region: profile?.region ?? "",
      motherTongue: profile?.motherTongue ?? "",
      lifeSituation: profile?.lifeSituation ?? "",
      actsForEmployer: profile?.actsForEmployer === null || profile?.actsForEmployer === undefined ? "" : profile.actsForEmployer ? "yes" : "no",
      employerSize: profile?.employerSize ?? "",
      employerIndustry: profile?.employerIndustry ?? "",
      digitalUse: profile?.digitalUse ?? "",
      accessibilityNeeds: profile?.accessibilityNeeds ?? [],
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const form = await parseForm(request, profileSchema, profileListFields);
  if (!form.ok) return invalid(form);
  await saveProfile(user.id, form.data);
  return redirect("/account/profile?saved=1");
}

type Saved = Awaited<ReturnType<typeof loader>>["saved"];

/** What the form shows: what was just typed (after an error), else what is saved. */
function valueOf(state: FormState | undefined, saved: Saved, name: Exclude<keyof Saved, "accessibilityNeeds">): string {
  const typed: unknown = state?.values?.[name];
  if (state?.values) return typeof typed === "string" ? typed : "";
  return saved[name];
}

function listOf(state: FormState | undefined, saved: Saved): string[] {
  if (!state?.values) return saved.accessibilityNeeds;
  const typed: unknown = state.values.accessibilityNeeds;
  return Array.isArray(typed) ? typed.filter((v): v is string => typeof v === "string") : typeof typed === "string" ? [typed] : [];
}

/** Radio buttons or checkboxes under one legend, with the hint and error linked to the group. */
function ChoiceGroup({
  name,
  legend,
  hint,
  state,
  type,
  options,
  checked,
  noAnswer,
}: {
  name: string;
  legend: string;
  hint: string;
  state: FormState | undefined;
  type: "radio" | "checkbox";
  options: { value: string; label: string }[];
  checked: (value: string) => boolean;
  noAnswer?: string;
}) {
  const t = useT();
  const error = state?.errors?.[name];
  const describedBy = [`${name}-hint`, error ? `${name}-error` : null].filter(Boolean).join(" ");
  const all = noAnswer ? [...options, { value: "", label: noAnswer }] : options;
  return (
    <fieldset className={error ? "field field-invalid" : "field"} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <p className="hint" id={`${name}-hint`}>
        {hint}
      </p>
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {t(error)}
        </p>
      ) : null}
      {all.map((option, index) => {
        const id = index === 0 ? name : `${name}-${option.value || "none"}`;
        return (
          <div key={option.value} className="checkbox">
            <input
              type={type}
              id={id}
              name={name}
              value={option.value}
              defaultChecked={checked(option.value)}
              aria-invalid={error ? true : undefined}
            />
            <label htmlFor={id}>{option.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

export default function AccountProfile() {
  const t = useT();
  const language = useLanguage();
  const { saved, useAllowed, version } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const value = (name: Exclude<keyof Saved, "accessibilityNeeds">) => valueOf(state, saved, name);
  const needs = listOf(state, saved);
  const collator = new Intl.Collator(language === "sv" ? "sv-FI" : "fi-FI");
  const sortedRegions = [...regions].sort((a, b) => collator.compare(regionName(a, language), regionName(b, language)));
  const groups = municipalitiesByRegion(language).sort((a, b) =>
    collator.compare(regionName(a.region, language), regionName(b.region, language)),
  );
  const labels: Record<string, string> = {
    birthYear: t("profile.birthYear.label"),
    gender: t("profile.gender.legend"),
    municipality: t("profile.municipality.label"),
    region: t("profile.region.label"),
    motherTongue: t("profile.motherTongue.label"),
    lifeSituation: t("profile.lifeSituation.legend"),
    actsForEmployer: t("profile.actsForEmployer.legend"),
    employerSize: t("profile.employerSize.legend"),
    employerIndustry: t("profile.employerIndustry.label"),
    digitalUse: t("profile.digitalUse.legend"),
    accessibilityNeeds: t("profile.accessibility.legend"),
  };
  const radios = (name: Exclude<keyof Saved, "accessibilityNeeds">) => (option: string) => value(name) === option;

  return (
    <div className="narrow">
      <p>
        <Link to="/account">{t("profile.backToAccount")}</Link>
      </p>
      <h1>{t("profile.title")}</h1>
      {params.get("saved") && !state ? (
        <p className="notice" role="status">
          {t("profile.saved")}
        </p>
      ) : null}
      <p>{t("profile.intro")}</p>
      <p>{t("profile.optional")}</p>
      <p>{t("profile.privacy")}</p>
      <p>
        {useAllowed ? t("profile.useAllowed") : t("profile.useNotAllowed")} <Link to="/account/consents">{t("profile.useLink")}</Link>
      </p>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate key={version} id="form">
        <Field
          name="birthYear"
          label={labels.birthYear!}
          hint={t("profile.birthYear.hint")}
          state={state}
          defaultValue={value("birthYear")}
          inputMode="numeric"
          autoComplete="bday-year"
        />

        <ChoiceGroup
          name="gender"
          type="radio"
          legend={labels.gender!}
          hint={t("profile.gender.hint")}
          state={state}
          options={genders.map((g) => ({ value: g, label: t(`profile.gender.${g}`) }))}
          checked={radios("gender")}
          noAnswer={t("profile.noAnswer")}
        />

        <SelectField
          name="municipality"
          label={labels.municipality!}
          hint={t("profile.municipality.hint")}
          state={state}
          defaultValue={value("municipality")}
        >
          <option value="">{t("profile.notChosen")}</option>
          {groups.map(({ region, municipalities }) => (
            <optgroup key={region.code} label={regionName(region, language)}>
              {municipalities.map((m) => (
                <option key={m.name} value={m.name}>
                  {municipalityName(m, language)}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>

        <SelectField name="region" label={labels.region!} hint={t("profile.region.hint")} state={state} defaultValue={value("region")}>
          <option value="">{t("profile.notChosen")}</option>
          {sortedRegions.map((region) => (
            <option key={region.code} value={region.code}>
              {regionName(region, language)}
            </option>
          ))}
        </SelectField>

        <SelectField
          name="motherTongue"
          label={labels.motherTongue!}
          hint={t("profile.motherTongue.hint")}
          state={state}
          defaultValue={value("motherTongue")}
        >
          <option value="">{t("profile.notChosen")}</option>
          {motherTongues.map((tongue) => (
            <option key={tongue} value={tongue}>
              {t(`profile.motherTongue.${tongue}`)}
            </option>
          ))}
        </SelectField>

        <ChoiceGroup
          name="lifeSituation"
          type="radio"
          legend={labels.lifeSituation!}
          hint={t("profile.lifeSituation.hint")}
          state={state}
          options={lifeSituations.map((s) => ({ value: s, label: t(`profile.lifeSituation.${s}`) }))}
          checked={radios("lifeSituation")}
          noAnswer={t("profile.noAnswer")}
        />

        <ChoiceGroup
          name="actsForEmployer"
          type="radio"
          legend={labels.actsForEmployer!}
          hint={t("profile.actsForEmployer.hint")}
          state={state}
          options={[
            { value: "yes", label: t("profile.actsForEmployer.yes") },
            { value: "no", label: t("profile.actsForEmployer.no") },
          ]}
          checked={radios("actsForEmployer")}
          noAnswer={t("profile.noAnswer")}
        />

        <ChoiceGroup
          name="employerSize"
          type="radio"
          legend={labels.employerSize!}
          hint={t("profile.employerSize.hint")}
          state={state}
          options={employerSizes.map((s) => ({ value: s, label: t(`profile.employerSize.${s}`) }))}
          checked={radios("employerSize")}
          noAnswer={t("profile.noAnswer")}
        />

        <SelectField
          name="employerIndustry"
          label={labels.employerIndustry!}
          hint={t("profile.employerIndustry.hint")}
          state={state}
          defaultValue={value("employerIndustry")}
        >
          <option value="">{t("profile.notChosen")}</option>
          {employerIndustries.map((industry) => (
            <option key={industry} value={industry}>
              {t(`profile.employerIndustry.${industry}`)}
            </option>
          ))}
        </SelectField>

        <ChoiceGroup
          name="digitalUse"
          type="radio"
          legend={labels.digitalUse!}
          hint={t("profile.digitalUse.hint")}
          state={state}
          options={digitalUses.map((d) => ({ value: d, label: t(`profile.digitalUse.${d}`) }))}
          checked={radios("digitalUse")}
          noAnswer={t("profile.noAnswer")}
        />

        <ChoiceGroup
          name="accessibilityNeeds"
          type="checkbox"
          legend={labels.accessibilityNeeds!}
          hint={t("profile.accessibility.hint")}
          state={state}
          options={accessibilityNeedOptions.map((need) => ({ value: need, label: t(`profile.accessibility.${need}`) }))}
          checked={(need) => needs.includes(need)}
        />

        <button type="submit" name="intent" value="save" className="primary">
          {t("profile.save")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
