// The study settings form of /staff/studies/new and /staff/studies/:id:
// react-hook-form checks it in the browser; without JavaScript it is a plain
// form and the server checks the same schema.
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, TextArea, type FormState } from "~/components/form";
import { useStaffForm } from "~/components/staff-form";
import { useT } from "~/components/use-translate";
import { languages, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { attributeChoices, DEFAULT_K, MIN_K, studySettingsSchema, studyTypeChoices } from "../study-form";

export type SettingsValues = Record<string, string | string[]>;

interface Props {
  /** what the action sent back after a refused post */
  server: { errors?: Record<string, MessageKey>; values?: SettingsValues } | undefined;
  initial: SettingsValues;
  candidates: { id: string; name: string | null; email: string }[];
  submitLabel: string;
  /** a hidden intent, for pages with several forms */
  intent?: string;
}

const asList = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

export function StudySettingsForm({ server, initial, candidates, submitLabel, intent }: Props) {
  const t = useT();
  // FormState keeps strings; the two checkbox lists travel as arrays (react-hook-form wants them so).
  const start = (server ?? { values: initial }) as FormState;
  const { form, onSubmit, state } = useStaffForm(studySettingsSchema, start);
  const values = (server?.values ?? initial) as SettingsValues;
  const languageName = (language: Language) => t(`lang.${language}` as MessageKey);
  const labels = {
    type: t("studies.field.type"),
    team: t("studies.field.team"),
    attributes: t("studies.field.attributes"),
    minGroupSize: t("studies.field.k"),
    closesAt: t("studies.field.closesAt"),
    responseQuota: t("studies.field.quota"),
    bookingCutoffHours: t("studies.field.cutoff"),
    reminderHours: t("studies.field.reminderHours"),
  } as Record<string, string> &
    Record<"type" | "team" | "attributes" | "minGroupSize" | "closesAt" | "responseQuota" | "bookingCutoffHours" | "reminderHours", string>;
  for (const language of languages) {
    labels[`title_${language}`] = t("studies.field.titleIn", { language: languageName(language) });
    labels[`description_${language}`] = t("studies.field.descriptionIn", { language: languageName(language) });
    labels[`consent_${language}`] = t("studies.field.consentIn", { language: languageName(language) });
  }
  const typeError = state.errors?.type;
  const teamError = state.errors?.team;
  const attributesError = state.errors?.attributes;
  const chosenTeam = asList(values.team);
  const chosenAttributes = asList(values.attributes);

  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <ErrorSummary state={state} labels={labels} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <div className={typeError ? "field field-invalid" : "field"}>
        <label htmlFor="type">{labels.type}</label>
        {typeError ? (
          <p className="field-error" id="type-error">
            {t(typeError)}
          </p>
        ) : null}
        <select
          id="type"
          defaultValue={typeof values.type === "string" ? values.type : "SURVEY"}
          aria-invalid={typeError ? true : undefined}
          aria-describedby={typeError ? "type-error" : undefined}
          {...form.register("type")}
        >
          {studyTypeChoices.map((type) => (
            <option key={type} value={type}>
              {t(`studies.type.${type}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>

      {languages.map((language) => (
        <fieldset key={language}>
          <legend>{t("studies.field.inLanguage", { language: languageName(language) })}</legend>
          <Field label={labels[`title_${language}`]!} state={state} lang={language} maxLength={200} autoComplete="off" {...form.register(`title_${language}`)} name={`title_${language}`} />
          <TextArea
            label={labels[`description_${language}`]!}
            hint={t("studies.field.descriptionHint")}
            state={state}
            lang={language}
            {...form.register(`description_${language}`)}
            name={`description_${language}`}
          />
          <TextArea
            label={labels[`consent_${language}`]!}
            hint={t("studies.field.consentHint")}
            state={state}
            lang={language}
            {...form.register(`consent_${language}`)}
            name={`consent_${language}`}
          />
        </fieldset>
      ))}

      <fieldset className={teamError ? "field field-invalid" : "field"} aria-describedby={teamError ? "team-hint team-error" : "team-hint"}>
        <legend>{labels.team}</legend>
        <p className="hint" id="team-hint">
          {t("studies.field.teamHint")}
        </p>
        {teamError ? (
          <p className="field-error" id="team-error">
            {t(teamError)}
          </p>
        ) : null}
        {candidates.length === 0 ? <p className="empty-state">{t("studies.field.teamNone")}</p> : null}
        {candidates.map((person, index) => (
          <div className="checkbox" key={person.id}>
            <input
              type="checkbox"
              id={index === 0 ? "team" : `team-${person.id}`}
              value={person.id}
              defaultChecked={chosenTeam.includes(person.id)}
              aria-invalid={teamError ? true : undefined}
              {...form.register("team")}
            />
            <label htmlFor={index === 0 ? "team" : `team-${person.id}`}>{person.name ? `${person.name} (${person.email})` : person.email}</label>
          </div>
        ))}
      </fieldset>

      <fieldset
        className={attributesError ? "field field-invalid" : "field"}
        aria-describedby={attributesError ? "attributes-hint attributes-error" : "attributes-hint"}
      >
        <legend>{labels.attributes}</legend>
        <p className="hint" id="attributes-hint">
          {t("studies.field.attributesHint")}
        </p>
        {attributesError ? (
          <p className="field-error" id="attributes-error">
            {t(attributesError)}
          </p>
        ) : null}
        {attributeChoices.map((attribute, index) => (
          <div className="checkbox" key={attribute}>
            <input
              type="checkbox"
              id={index === 0 ? "attributes" : `attributes-${attribute}`}
              value={attribute}
              defaultChecked={chosenAttributes.includes(attribute)}
              {...form.register("attributes")}
            />
            <label htmlFor={index === 0 ? "attributes" : `attributes-${attribute}`}>{t(`studies.attribute.${attribute}` as MessageKey)}</label>
          </div>
        ))}
      </fieldset>

      <Field
        label={labels.minGroupSize}
        hint={t("studies.field.kHint", { min: MIN_K, default: DEFAULT_K })}
        state={state}
        inputMode="numeric"
        autoComplete="off"
        {...form.register("minGroupSize")}
        name="minGroupSize"
      />
      <Field
        label={labels.closesAt}
        hint={t("studies.field.closesAtHint")}
        type="datetime-local"
        state={state}
        {...form.register("closesAt")}
        name="closesAt"
      />
      <Field
        label={labels.responseQuota}
        hint={t("studies.field.quotaHint")}
        state={state}
        inputMode="numeric"
        autoComplete="off"
        {...form.register("responseQuota")}
        name="responseQuota"
      />
      <Field
        label={labels.bookingCutoffHours}
        hint={t("studies.field.cutoffHint")}
        state={state}
        inputMode="numeric"
        autoComplete="off"
        {...form.register("bookingCutoffHours")}
        name="bookingCutoffHours"
      />
      <Field
        label={labels.reminderHours}
        hint={t("studies.field.reminderHoursHint")}
        state={state}
        autoComplete="off"
        {...form.register("reminderHours")}
        name="reminderHours"
      />
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </Form>
  );
}

