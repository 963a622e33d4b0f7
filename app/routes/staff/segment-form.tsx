// The segment builder's fields, shared by /staff/segments, /staff/segments/:id
// and a new campaign: the same form values are read from a GET (the "Count"
// button without JavaScript) and from a POST (save, draw); only values from the
// lists here pass, so the recruitment module's schema accepts what comes out.
// No server imports: the page bundles this file.
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { Field, Radios } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { isMessageKey, type MessageKey } from "~/infra/i18n/i18n";
import { employerIndustries, employerSizes, lifeSituations } from "~/modules/members/profile-schema";
import { regionName, regions } from "~/modules/members/regions";
import { ageBands, type SegmentFilters } from "~/modules/recruitment/filters";
import { studyTypeChoices } from "~/modules/studies/study-form";


/** A form's values: one string per field, several for checkbox lists. */
export type FormValues = Record<string, string | string[]>;
export type FieldErrors = Record<string, MessageKey>;

const languageChoices = ["fi", "sv", "en"] as const;
const regionCodes = regions.map((region) => region.code);

/** Checkbox groups of the builder, with the values each may take. */
const choiceLists = {
  ageBands: ageBands,
  regions: regionCodes,
  languages: languageChoices,
  lifeSituations: lifeSituations,
  employerSizes: employerSizes,
  employerIndustries: employerIndustries,
  acceptsTypes: studyTypeChoices,
} as const;
type ChoiceList = keyof typeof choiceLists;

/** Field names whose every value is kept (readForm's `lists`). */
export const segmentFormLists = [...(Object.keys(choiceLists) as ChoiceList[]), "excludeStudies"];

const asList = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);
const text = (value: string | string[] | undefined) => (typeof value === "string" ? value.trim() : Array.isArray(value) ? (value[0] ?? "").trim() : "");

/** Whole months, blank for none. */
const months = (max: number, message: MessageKey) =>
  z
    .string()
    .regex(/^\d{1,3}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(0, message).max(max, message));

/**
 * The filters in a form's values, or the errors to show next to the fields.
 * An unknown choice (a tampered form) is an error, never a 500.
 */
export function readSegmentFilters(values: FormValues): { ok: true; filters: SegmentFilters } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const filters: SegmentFilters = {};
  for (const name of Object.keys(choiceLists) as ChoiceList[]) {
    const allowed: readonly string[] = choiceLists[name];
    const chosen = [...new Set(asList(values[name]))];
    if (chosen.some((value) => !allowed.includes(value))) errors[name] = "staffSegments.error.unknownChoice";
    else if (chosen.length > 0) (filters as Record<string, string[]>)[name] = chosen;
  }
  const excluded = [...new Set(asList(values.excludeStudies))];
  if (excluded.some((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) || excluded.length > 200) {
    errors.excludeStudies = "staffSegments.error.unknownChoice";
  } else if (excluded.length > 0) filters.excludeStudies = excluded;

  const employer = text(values.actsForEmployer);
  if (employer === "yes") filters.actsForEmployer = true;
  else if (employer === "no") filters.actsForEmployer = false;
  else if (employer !== "") errors.actsForEmployer = "staffSegments.error.unknownChoice";

  const memberFor = text(values.memberForMonths);
  if (memberFor !== "") {
    const parsed = months(600, "staffSegments.error.memberFor").safeParse(memberFor);
    if (parsed.success) filters.memberForMonths = parsed.data;
    else errors.memberForMonths = "staffSegments.error.memberFor";
  }

  for (const [field, key] of [
    ["invited", "invitedWithin"],
    ["tookPart", "tookPartWithin"],
    ["noShow", "noShowWithin"],
  ] as const) {
    const mode = text(values[`${field}Mode`]);
    const count = text(values[`${field}Months`]);
    if (mode === "") continue;
    if (mode !== "exclude" && mode !== "only") {
      errors[`${field}Mode`] = "staffSegments.error.unknownChoice";
      continue;
    }
    const parsed = months(60, "staffSegments.error.historyMonths").safeParse(count);
    if (!parsed.success || parsed.data < 1) errors[`${field}Months`] = "staffSegments.error.historyMonths";
    else filters[key] = { months: parsed.data, mode };
  }

  const rewardCap = text(values.rewardCap);
  if (rewardCap === "exclude" || rewardCap === "only") filters.atRewardCap = rewardCap;
  else if (rewardCap !== "") errors.rewardCap = "staffSegments.error.unknownChoice";

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Every value was taken from the lists above, so the module's schema accepts it.
  return { ok: true, filters };
}

/** Saved filters as the form's starting values. */
export function filtersToValues(filters: SegmentFilters): FormValues {
  const values: FormValues = {};
  for (const name of Object.keys(choiceLists) as ChoiceList[]) {
    const list = filters[name];
    if (list && list.length > 0) values[name] = [...list];
  }
  if (filters.excludeStudies?.length) values.excludeStudies = [...filters.excludeStudies];
  if (filters.actsForEmployer !== undefined) values.actsForEmployer = filters.actsForEmployer ? "yes" : "no";
  if (filters.memberForMonths !== undefined) values.memberForMonths = String(filters.memberForMonths);
  if (filters.invitedWithin) {
    values.invitedMode = filters.invitedWithin.mode;
    values.invitedMonths = String(filters.invitedWithin.months);
  }
  if (filters.tookPartWithin) {
    values.tookPartMode = filters.tookPartWithin.mode;
    values.tookPartMonths = String(filters.tookPartWithin.months);
  }
  if (filters.noShowWithin) {
    values.noShowMode = filters.noShowWithin.mode;
    values.noShowMonths = String(filters.noShowWithin.months);
  }
  if (filters.atRewardCap) values.rewardCap = filters.atRewardCap;
  return values;
}

/** A URL's query as form values (lists keep every value). */
export function queryValues(params: URLSearchParams, lists: string[] = segmentFormLists): FormValues {
  const values: FormValues = {};
  for (const [key, value] of params) {
    const clipped = value.slice(0, 10_000);
    if (lists.includes(key)) ((values[key] ??= []) as string[]).push(clipped);
    else if (!(key in values)) values[key] = clipped;
  }
  return values;
}

/** Every field of the builder. */
export const segmentFieldNames = [...segmentFormLists, "actsForEmployer", "memberForMonths", "invitedMode", "invitedMonths", "tookPartMode", "tookPartMonths", "noShowMode", "noShowMonths", "rewardCap"];

/** Only the builder's own fields, e.g. to carry them in a link. */
export function filterQuery(values: FormValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of segmentFieldNames) for (const value of asList(values[name])) if (value !== "") params.append(name, value);
  return params;
}

interface FieldsProps {
  values: FormValues;
  errors?: FieldErrors;
  /** studies the researcher can see, for the exclusion list */
  studies: { id: string; title: string }[];
}

/** The builder's fieldsets: profile, kinds of study, membership, history, exclusions. */
export function SegmentFilterFields({ values, errors = {}, studies }: FieldsProps) {
  const t = useT();
  const language = useLanguage();
  const label = {
    ageBands: (value: string) => value,
    regions: (value: string) => {
      const region = regions.find((r) => r.code === value);
      return region ? regionName(region, language) : value;
    },
    languages: (value: string) => t(`lang.${value}` as MessageKey),
    lifeSituations: (value: string) => t(`profile.lifeSituation.${value}` as MessageKey),
    employerSizes: (value: string) => t("staffSegments.employerSize", { size: value }),
    employerIndustries: (value: string) => t(`profile.employerIndustry.${value}` as MessageKey),
    acceptsTypes: (value: string) => t(`studies.type.${value}` as MessageKey),
  } satisfies Record<ChoiceList, (value: string) => string>;

  const group = (name: ChoiceList, legend: MessageKey, hint?: MessageKey) => (
    <Choices
      name={name}
      legend={t(legend)}
      hint={hint ? t(hint) : undefined}
      error={errors[name]}
      options={choiceLists[name].map((value) => ({ value, label: label[name](value) }))}
      chosen={asList(values[name])}
    />
  );

  return (
    <>
      <fieldset className="segment-group">
        <legend>{t("staffSegments.group.profile")}</legend>
        <p className="hint">{t("staffSegments.group.profileHint")}</p>
        {group("ageBands", "staffSegments.field.ageBands")}
        {group("regions", "staffSegments.field.regions")}
        {group("languages", "staffSegments.field.languages")}
        {group("lifeSituations", "staffSegments.field.lifeSituations")}
        <Radios
          fallbackToFirst
          name="actsForEmployer"
          legend={t("staffSegments.field.actsForEmployer")}
          error={errors.actsForEmployer}
          value={text(values.actsForEmployer)}
          options={[
            { value: "", label: t("staffSegments.any") },
            { value: "yes", label: t("profile.actsForEmployer.yes") },
            { value: "no", label: t("profile.actsForEmployer.no") },
          ]}
        />
        {group("employerSizes", "staffSegments.field.employerSizes")}
        {group("employerIndustries", "staffSegments.field.employerIndustries")}
      </fieldset>

      <fieldset className="segment-group">
        <legend>{t("staffSegments.group.participation")}</legend>
        {group("acceptsTypes", "staffSegments.field.acceptsTypes", "staffSegments.field.acceptsTypesHint")}
        <NumberField
          name="memberForMonths"
          label={t("staffSegments.field.memberForMonths")}
          hint={t("staffSegments.field.memberForMonthsHint")}
          value={text(values.memberForMonths)}
          error={errors.memberForMonths}
        />
        <History field="invited" legend={t("staffSegments.field.invited")} values={values} errors={errors} />
        <History field="tookPart" legend={t("staffSegments.field.tookPart")} values={values} errors={errors} />
        <History field="noShow" legend={t("staffSegments.field.noShow")} values={values} errors={errors} />
        <Radios
          fallbackToFirst
          name="rewardCap"
          legend={t("staffSegments.field.rewardCap")}
          hint={t("staffSegments.field.rewardCapHint")}
          error={errors.rewardCap}
          value={text(values.rewardCap)}
          options={[
            { value: "", label: t("staffSegments.history.any") },
            { value: "exclude", label: t("staffSegments.rewardCap.exclude") },
            { value: "only", label: t("staffSegments.rewardCap.only") },
          ]}
        />
      </fieldset>

      <fieldset className="segment-group">
        <legend>{t("staffSegments.group.exclude")}</legend>
        {studies.length === 0 ? (
          <p className="hint">{t("staffSegments.field.excludeNone")}</p>
        ) : (
          <Choices
            name="excludeStudies"
            legend={t("staffSegments.field.excludeStudies")}
            hint={t("staffSegments.field.excludeStudiesHint")}
            error={errors.excludeStudies}
            options={studies.map((study) => ({ value: study.id, label: study.title }))}
            chosen={asList(values.excludeStudies)}
          />
        )}
      </fieldset>
    </>
  );
}

function Choices({
  name,
  legend,
  hint,
  error,
  options,
  chosen,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: MessageKey;
  options: { value: string; label: string }[];
  chosen: string[];
}) {
  const t = useT();
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={error ? "field field-invalid" : "field"} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {t(error)}
        </p>
      ) : null}
      <div className="choice-grid">
        {options.map((option, index) => {
          const id = index === 0 ? name : `${name}-${index}`;
          return (
            <div className="checkbox" key={option.value}>
              <input type="checkbox" id={id} name={name} value={option.value} defaultChecked={chosen.includes(option.value)} />
              <label htmlFor={id}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A short text or number field: the shared Field with this form's value and error. */
export function NumberField({
  name,
  label,
  hint,
  value,
  error,
  inputMode = "numeric",
}: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  error?: MessageKey;
  inputMode?: "numeric" | "decimal" | "text";
}) {
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      defaultValue={value}
      state={error ? { errors: { [name]: error } } : undefined}
      inputMode={inputMode}
      autoComplete="off"
      size={8}
    />
  );
}

function History({ field, legend, values, errors }: { field: "invited" | "tookPart" | "noShow"; legend: string; values: FormValues; errors: FieldErrors }) {
  const t = useT();
  const modeError = errors[`${field}Mode`];
  const monthsError = errors[`${field}Months`];
  const mode = text(values[`${field}Mode`]);
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      <div className={modeError ? "field field-invalid" : "field"}>
        <label htmlFor={`${field}Mode`}>{t("staffSegments.history.mode")}</label>
        {modeError ? (
          <p className="field-error" id={`${field}Mode-error`}>
            {t(modeError)}
          </p>
        ) : null}
        <select
          id={`${field}Mode`}
          name={`${field}Mode`}
          defaultValue={["exclude", "only"].includes(mode) ? mode : ""}
          aria-invalid={modeError ? true : undefined}
          aria-describedby={modeError ? `${field}Mode-error` : undefined}
        >
          <option value="">{t("staffSegments.history.any")}</option>
          <option value="exclude">{t(`staffSegments.history.exclude.${field}` as MessageKey)}</option>
          <option value="only">{t(`staffSegments.history.only.${field}` as MessageKey)}</option>
        </select>
      </div>
      <NumberField
        name={`${field}Months`}
        label={t("staffSegments.history.months")}
        value={text(values[`${field}Months`]) || "12"}
        error={monthsError}
      />
    </fieldset>
  );
}

/** A count as the loaders and /staff/segments/count give it (segments.server's SegmentCount). */
export interface CountShown {
  count: number;
  /** of those, members at this year's reward cap; null when a filter decides on the cap */
  atRewardCap: number | null;
}

/**
 * The number of members matching the form, said politely to screen readers.
 * Without JavaScript it is what the page was rendered with (the "Count"
 * button); with JavaScript it is recounted a moment after a filter changes.
 */
export function useLiveCount(initial: CountShown | null, countUrl: string, values: FormValues) {
  const fetcher = useFetcher<Partial<CountShown> & { errors?: FieldErrors }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [dirty, setDirty] = useState(false);
  useEffect(() => () => clearTimeout(timer.current), []);
  // A page loaded with other values (Count, Use segment, a refused post) counts afresh.
  const key = formKey(values);
  useEffect(() => {
    clearTimeout(timer.current);
    setDirty(false);
  }, [key]);
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    setDirty(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const entries = new URLSearchParams();
      for (const [key, value] of new FormData(form)) if (typeof value === "string") entries.append(key, value);
      const params = filterQuery(queryValues(entries));
      const [path, query] = countUrl.split("?");
      for (const [key, value] of new URLSearchParams(query ?? "")) params.set(key, value);
      fetcher.load(`${path}?${params}`);
    }, 400);
  };
  if (!dirty) return { counted: initial, onChange, busy: false, invalid: false };
  const fetched = fetcher.data && typeof fetcher.data.count === "number" ? { count: fetcher.data.count, atRewardCap: fetcher.data.atRewardCap ?? null } : null;
  const counted = fetched ?? (fetcher.data?.errors ? null : initial);
  return { counted, onChange, busy: fetcher.state !== "idle", invalid: Boolean(fetcher.data?.errors) };
}

/** The count, and a flag when some of those members have reached this year's reward cap. */
export function LiveCount({ counted, busy, invalid }: { counted: CountShown | null; busy: boolean; invalid: boolean }) {
  const t = useT();
  const atCap = !invalid && counted?.atRewardCap ? counted.atRewardCap : 0;
  return (
    <div className="live-count" role="status" aria-live="polite" aria-busy={busy}>
      <p>
        {invalid
          ? t("staffSegments.count.invalid")
          : counted === null
            ? t("staffSegments.count.none")
            : t("staffSegments.count.value", { count: counted.count })}
      </p>
      {atCap > 0 ? <p className="hint">{t("staffSegments.count.atRewardCap", { count: atCap })}</p> : null}
    </div>
  );
}

const nameSchema = z.string().trim().min(1, "staffSegments.error.nameRequired").max(120, "form.tooLong");

export function readSegmentName(values: FormValues): { ok: true; name: string } | { ok: false; errors: FieldErrors } {
  const parsed = nameSchema.safeParse(text(values.name) === "" ? "" : asList(values.name)[0]);
  if (parsed.success) return { ok: true, name: parsed.data };
  const message = parsed.error.issues[0]?.message;
  return { ok: false, errors: { name: message === "form.tooLong" ? "form.tooLong" : "staffSegments.error.nameRequired" } };
}

export function SegmentNameField({ value, error, label }: { value: string; error?: MessageKey; label?: string }) {
  const t = useT();
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor="name">{label ?? t("staffSegments.field.name")}</label>
      {error ? (
        <p className="field-error" id="name-error">
          {t(error)}
        </p>
      ) : null}
      <input
        id="name"
        name="name"
        maxLength={120}
        autoComplete="off"
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "name-error" : undefined}
      />
    </div>
  );
}

/** Labels of the builder's fields, for the error summary's links. */
export function useFieldLabels(): Record<string, string> {
  const t = useT();
  return {
    form: t("staffSegments.builder.title"),
    name: t("staffSegments.field.name"),
    ageBands: t("staffSegments.field.ageBands"),
    regions: t("staffSegments.field.regions"),
    languages: t("staffSegments.field.languages"),
    lifeSituations: t("staffSegments.field.lifeSituations"),
    actsForEmployer: t("staffSegments.field.actsForEmployer"),
    employerSizes: t("staffSegments.field.employerSizes"),
    employerIndustries: t("staffSegments.field.employerIndustries"),
    acceptsTypes: t("staffSegments.field.acceptsTypes"),
    memberForMonths: t("staffSegments.field.memberForMonths"),
    invitedMode: t("staffSegments.field.invited"),
    invitedMonths: t("staffSegments.field.invited"),
    tookPartMode: t("staffSegments.field.tookPart"),
    tookPartMonths: t("staffSegments.field.tookPart"),
    noShowMode: t("staffSegments.field.noShow"),
    noShowMonths: t("staffSegments.field.noShow"),
    rewardCap: t("staffSegments.field.rewardCap"),
    excludeStudies: t("staffSegments.field.excludeStudies"),
  };
}


/** A module's refusal (field → message key) as the form's errors. */
export function moduleErrors(errors: Record<string, string>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, isMessageKey(message) ? message : "staffSegments.error.invalid"]));
}

/**
 * A key for the form that changes with the values it starts from: a page
 * reloaded by a GET (Count, Use segment) or refused by the server shows those
 * values, though its fields are uncontrolled and already on the page.
 */
export function formKey(values: FormValues): string {
  return JSON.stringify(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
}
