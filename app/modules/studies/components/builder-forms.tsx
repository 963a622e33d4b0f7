// The survey builder's small forms: each posts one intent and works without
// JavaScript. Field names are what ../builder.ts reads; ids carry a prefix
// because several forms share the page.
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useLanguage, useT } from "~/components/use-translate";
import { languages, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { questionTypes, type LocalText, type Question, type Section, type SurveyDefinition } from "~/modules/surveys/definition";
import { earlierChoiceQuestions, isChoice, NEW_CHOICE_SLOTS } from "../builder";
import { localized } from "../texts";

export type Posted = Record<string, string | string[] | undefined>;
export type Failure = { values: Posted; errors: Record<string, MessageKey> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? "") : (value ?? ""));
const many = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

/** What a field shows: what was typed when the form came back refused, else the stored value. */
function useFieldValue(failure: Failure | undefined) {
  return (name: string, stored: string) => (failure ? one(failure.values[name]) : stored);
}

function describedBy(...ids: (string | false | undefined)[]) {
  return ids.filter(Boolean).join(" ") || undefined;
}

/** The errors of one form, listed at its top with links to the fields. */
function FormErrors({ prefix, failure }: { prefix: string; failure: Failure | undefined }) {
  const t = useT();
  const entries = Object.entries(failure?.errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby={`${prefix}-errors-title`}>
      <p id={`${prefix}-errors-title`}>
        <strong>{t("form.errorSummary")}</strong>
      </p>
      <ul>
        {entries.map(([field, key]) => (
          <li key={field}>{field === "form" ? t(key) : <a href={`#${prefix}-${field}`}>{t(key)}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

function TextField({
  prefix,
  name,
  label,
  value,
  failure,
  lang,
  multiline,
  hint,
}: {
  prefix: string;
  name: string;
  label: string;
  value: string;
  failure: Failure | undefined;
  lang?: Language;
  multiline?: boolean;
  hint?: string;
}) {
  const t = useT();
  const id = `${prefix}-${name}`;
  const error = failure?.errors[name];
  const props = {
    id,
    name,
    lang,
    defaultValue: value,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(hint && `${id}-hint`, error && `${id}-error`),
  };
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
      {multiline ? <textarea rows={2} cols={60} {...props} /> : <input type="text" autoComplete="off" {...props} />}
    </div>
  );
}

/** Three fields, one per language, under one legend. */
function LocalTextFields({
  prefix,
  name,
  legend,
  text,
  failure,
  multiline,
  extra,
}: {
  prefix: string;
  name: string;
  legend: string;
  text: LocalText | undefined;
  failure: Failure | undefined;
  multiline?: boolean;
  extra?: ReactNode;
}) {
  const t = useT();
  const value = useFieldValue(failure);
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {languages.map((language) => (
        <TextField
          key={language}
          prefix={prefix}
          name={`${name}_${language}`}
          label={t(`lang.${language}` as MessageKey)}
          lang={language}
          value={value(`${name}_${language}`, text?.[language] ?? "")}
          failure={failure}
          multiline={multiline}
        />
      ))}
      {extra}
    </fieldset>
  );
}

function Buttons({ save, cancelTo }: { save: string; cancelTo: string }) {
  const t = useT();
  return (
    <p className="survey-buttons">
      <button type="submit" className="primary">
        {save}
      </button>{" "}
      <Link to={cancelTo}>{t("studies.cancel")}</Link>
    </p>
  );
}

export function AddSectionForm({ action, failure }: { action: string; failure: Failure | undefined }) {
  const t = useT();
  const prefix = "add-section";
  return (
    <Form method="post" action={action} noValidate aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{t("studies.builder.addSection")}</h2>
      <FormErrors prefix={prefix} failure={failure} />
      <input type="hidden" name="intent" value="add-section" />
      <LocalTextFields prefix={prefix} name="title" legend={t("studies.builder.sectionTitle")} text={undefined} failure={failure} />
      <button type="submit" className="primary">
        {t("studies.builder.addSection")}
      </button>
    </Form>
  );
}

export function SectionTitleForm({ action, section, failure, cancelTo }: { action: string; section: Section; failure: Failure | undefined; cancelTo: string }) {
  const t = useT();
  const prefix = `edit-${section.id}`;
  return (
    <Form method="post" action={action} noValidate className="notice">
      <FormErrors prefix={prefix} failure={failure} />
      <input type="hidden" name="intent" value="edit-section" />
      <input type="hidden" name="sectionId" value={section.id} />
      <LocalTextFields prefix={prefix} name="title" legend={t("studies.builder.sectionTitle")} text={section.title} failure={failure} />
      <Buttons save={t("studies.builder.saveSection")} cancelTo={cancelTo} />
    </Form>
  );
}

export function AddQuestionForm({
  action,
  section,
  sectionName,
  failure,
}: {
  action: string;
  section: Section;
  sectionName: string;
  failure: Failure | undefined;
}) {
  const t = useT();
  const prefix = `add-${section.id}`;
  const error = failure?.errors.type;
  return (
    <Form method="post" action={action} noValidate className="filters">
      <input type="hidden" name="intent" value="add-question" />
      <input type="hidden" name="sectionId" value={section.id} />
      <div className={error ? "field field-invalid" : "field"}>
        <label htmlFor={`${prefix}-type`}>{t("studies.builder.questionType")}</label>
        {error ? (
          <p className="field-error" id={`${prefix}-type-error`}>
            {t(error)}
          </p>
        ) : null}
        <select
          id={`${prefix}-type`}
          name="type"
          defaultValue={failure ? one(failure.values.type) : "single"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${prefix}-type-error` : undefined}
        >
          {questionTypes.map((type) => (
            <option key={type} value={type}>
              {t(`studies.questionType.${type}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="secondary">
        {t("studies.builder.addQuestion")}
        <span className="visually-hidden"> ({t("studies.builder.toSection", { section: sectionName })})</span>
      </button>
    </Form>
  );
}

/** Move up / move down for a section or a question. */
export function MoveButtons({
  action,
  intent,
  field,
  id,
  name,
  canUp,
  canDown,
}: {
  action: string;
  intent: "move-section" | "move-question";
  field: "sectionId" | "questionId";
  id: string;
  name: string;
  canUp: boolean;
  canDown: boolean;
}) {
  const t = useT();
  if (!canUp && !canDown) return null;
  return (
    <Form method="post" action={action} className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field} value={id} />
      {canUp ? (
        <button type="submit" name="direction" value="up" className="secondary">
          {t("studies.builder.moveUp")}
          <span className="visually-hidden">: {name}</span>
        </button>
      ) : null}{" "}
      {canDown ? (
        <button type="submit" name="direction" value="down" className="secondary">
          {t("studies.builder.moveDown")}
          <span className="visually-hidden">: {name}</span>
        </button>
      ) : null}
    </Form>
  );
}

export function DeleteConfirmation({
  action,
  intent,
  field,
  id,
  message,
  cancelTo,
}: {
  action: string;
  intent: "delete-section" | "delete-question";
  field: "sectionId" | "questionId";
  id: string;
  message: string;
  cancelTo: string;
}) {
  const t = useT();
  return (
    <Form method="post" action={action} className="notice" aria-labelledby={`delete-${id}-title`}>
      <p id={`delete-${id}-title`}>
        <strong>{message}</strong>
      </p>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field} value={id} />
      <input type="hidden" name="confirm" value="yes" />
      <p className="survey-buttons">
        <button type="submit" className="primary danger">
          {t("studies.builder.deleteConfirm")}
        </button>{" "}
        <Link to={cancelTo}>{t("studies.cancel")}</Link>
      </p>
    </Form>
  );
}

type Choice = { id: string; text: LocalText };

function ChoiceFields({
  prefix,
  kind,
  choices,
  failure,
}: {
  prefix: string;
  kind: "option" | "row";
  choices: Choice[];
  failure: Failure | undefined;
}) {
  const t = useT();
  const listError = failure?.errors[kind === "option" ? "options" : "rows"];
  const listName = kind === "option" ? "options" : "rows";
  return (
    <fieldset
      className={listError ? "field field-invalid" : "field"}
      id={`${prefix}-${listName}`}
      tabIndex={-1}
      aria-describedby={describedBy(`${prefix}-${listName}-hint`, listError && `${prefix}-${listName}-error`)}
    >
      <legend>{t(kind === "option" ? "studies.builder.options" : "studies.builder.rows")}</legend>
      <p className="hint" id={`${prefix}-${listName}-hint`}>
        {t(kind === "option" ? "studies.builder.optionsHint" : "studies.builder.rowsHint", { count: NEW_CHOICE_SLOTS })}
      </p>
      {listError ? (
        <p className="field-error" id={`${prefix}-${listName}-error`}>
          {t(listError)}
        </p>
      ) : null}
      {choices.map((choice, index) => {
        const removeName = `${kind}_${choice.id}_remove`;
        const removeError = failure?.errors[removeName];
        const removed = failure ? one(failure.values[removeName]) === "yes" : false;
        return (
          <LocalTextFields
            key={choice.id}
            prefix={prefix}
            name={`${kind}_${choice.id}`}
            legend={t(kind === "option" ? "studies.builder.optionN" : "studies.builder.rowN", { n: index + 1, id: choice.id })}
            text={choice.text}
            failure={failure}
            extra={
              <div className={removeError ? "field field-invalid" : "field"}>
                {removeError ? (
                  <p className="field-error" id={`${prefix}-${removeName}-error`}>
                    {t(removeError)}
                  </p>
                ) : null}
                <div className="checkbox">
                  <input
                    type="checkbox"
                    id={`${prefix}-${removeName}`}
                    name={removeName}
                    value="yes"
                    defaultChecked={removed}
                    aria-invalid={removeError ? true : undefined}
                    aria-describedby={removeError ? `${prefix}-${removeName}-error` : undefined}
                  />
                  <label htmlFor={`${prefix}-${removeName}`}>
                    {t(kind === "option" ? "studies.builder.removeOption" : "studies.builder.removeRow", { n: index + 1 })}
                  </label>
                </div>
              </div>
            }
          />
        );
      })}
      {Array.from({ length: NEW_CHOICE_SLOTS }, (_, index) => (
        <LocalTextFields
          key={`new-${index}`}
          prefix={prefix}
          name={`new${kind}_${index + 1}`}
          legend={t(kind === "option" ? "studies.builder.newOption" : "studies.builder.newRow", { n: index + 1 })}
          text={undefined}
          failure={failure}
        />
      ))}
    </fieldset>
  );
}

function MinMaxFields({ prefix, question, failure, whole }: { prefix: string; question: { min?: number; max?: number }; failure: Failure | undefined; whole: boolean }) {
  const t = useT();
  const value = useFieldValue(failure);
  const hint = whole ? t("studies.builder.choiceLimitsHint") : t("studies.builder.numberLimitsHint");
  return (
    <fieldset className="field">
      <legend>{whole ? t("studies.builder.choiceLimits") : t("studies.builder.numberLimits")}</legend>
      <p className="hint">{hint}</p>
      <TextField prefix={prefix} name="min" label={t("studies.builder.min")} value={value("min", question.min?.toString() ?? "")} failure={failure} />
      <TextField prefix={prefix} name="max" label={t("studies.builder.max")} value={value("max", question.max?.toString() ?? "")} failure={failure} />
    </fieldset>
  );
}

function ShowIfFields({ prefix, question, definition, failure }: { prefix: string; question: Question; definition: SurveyDefinition; failure: Failure | undefined }) {
  const t = useT();
  const language = useLanguage();
  const earlier = earlierChoiceQuestions(definition, question.id);
  const picked = failure ? one(failure.values.showIfQuestion) : (question.showIf?.questionId ?? "");
  const chosen = failure ? many(failure.values.showIfOptions) : (question.showIf?.anyOf.map((o) => `${question.showIf!.questionId}:${o}`) ?? []);
  const questionError = failure?.errors.showIfQuestion;
  const optionsError = failure?.errors.showIfOptions;
  if (earlier.length === 0) {
    return (
      <fieldset className="field">
        <legend>{t("studies.builder.showIf")}</legend>
        <p className="hint">{t("studies.builder.showIfNone")}</p>
      </fieldset>
    );
  }
  return (
    <fieldset className="field" aria-describedby={`${prefix}-showIf-hint`}>
      <legend>{t("studies.builder.showIf")}</legend>
      <p className="hint" id={`${prefix}-showIf-hint`}>
        {t("studies.builder.showIfHint")}
      </p>
      <div className={questionError ? "field field-invalid" : "field"}>
        <label htmlFor={`${prefix}-showIfQuestion`}>{t("studies.builder.showIfQuestion")}</label>
        {questionError ? (
          <p className="field-error" id={`${prefix}-showIfQuestion-error`}>
            {t(questionError)}
          </p>
        ) : null}
        <select
          id={`${prefix}-showIfQuestion`}
          name="showIfQuestion"
          defaultValue={picked}
          aria-invalid={questionError ? true : undefined}
          aria-describedby={questionError ? `${prefix}-showIfQuestion-error` : undefined}
        >
          <option value="">{t("studies.builder.showIfAlways")}</option>
          {earlier.map((q) => (
            <option key={q.id} value={q.id}>
              {`${q.id}: ${localized(q.text, language) || t("studies.builder.noText")}`}
            </option>
          ))}
        </select>
      </div>
      <div className={optionsError ? "field field-invalid" : "field"} id={`${prefix}-showIfOptions`} tabIndex={-1}>
        {optionsError ? (
          <p className="field-error" id={`${prefix}-showIfOptions-error`}>
            {t(optionsError)}
          </p>
        ) : null}
        {earlier.map((q) => (
          <fieldset key={q.id} className="field">
            <legend>{t("studies.builder.showIfOptionsOf", { question: `${q.id}: ${localized(q.text, language) || t("studies.builder.noText")}` })}</legend>
            {q.options.map((option) => {
              const value = `${q.id}:${option.id}`;
              const id = `${prefix}-showIf-${q.id}-${option.id}`;
              return (
                <div className="checkbox" key={option.id}>
                  <input
                    type="checkbox"
                    id={id}
                    name="showIfOptions"
                    value={value}
                    defaultChecked={chosen.includes(value)}
                    aria-describedby={optionsError ? `${prefix}-showIfOptions-error` : undefined}
                  />
                  <label htmlFor={id}>{localized(option.text, language) || option.id}</label>
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}

export function QuestionForm({
  action,
  question,
  definition,
  failure,
  cancelTo,
}: {
  action: string;
  question: Question;
  definition: SurveyDefinition;
  failure: Failure | undefined;
  cancelTo: string;
}) {
  const t = useT();
  const prefix = `edit-${question.id}`;
  const required = failure ? one(failure.values.required) === "yes" : question.required;
  return (
    <Form method="post" action={action} noValidate className="notice" aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`}>{t("studies.builder.editQuestionTitle", { id: question.id, type: t(`studies.questionType.${question.type}` as MessageKey) })}</h4>
      <FormErrors prefix={prefix} failure={failure} />
      <input type="hidden" name="intent" value="edit-question" />
      <input type="hidden" name="questionId" value={question.id} />
      <LocalTextFields prefix={prefix} name="text" legend={t("studies.builder.questionText")} text={question.text} failure={failure} multiline />
      <LocalTextFields prefix={prefix} name="help" legend={t("studies.builder.help")} text={question.help} failure={failure} multiline />
      <div className="field">
        <div className="checkbox">
          <input type="checkbox" id={`${prefix}-required`} name="required" value="yes" defaultChecked={required} />
          <label htmlFor={`${prefix}-required`}>{t("studies.builder.required")}</label>
        </div>
      </div>
      {isChoice(question) ? <ChoiceFields prefix={prefix} kind="option" choices={question.options} failure={failure} /> : null}
      {question.type === "multiple" ? <MinMaxFields prefix={prefix} question={question} failure={failure} whole /> : null}
      {question.type === "number" ? <MinMaxFields prefix={prefix} question={question} failure={failure} whole={false} /> : null}
      {question.type === "matrix" ? (
        <>
          <ChoiceFields prefix={prefix} kind="row" choices={question.rows} failure={failure} />
          <div className={failure?.errors.scale ? "field field-invalid" : "field"}>
            <label htmlFor={`${prefix}-scale`}>{t("studies.builder.scale")}</label>
            {failure?.errors.scale ? (
              <p className="field-error" id={`${prefix}-scale-error`}>
                {t(failure.errors.scale)}
              </p>
            ) : null}
            <select id={`${prefix}-scale`} name="scale" defaultValue={failure ? one(failure.values.scale) : String(question.scale)}>
              <option value="5">{t("studies.builder.scale5")}</option>
              <option value="7">{t("studies.builder.scale7")}</option>
            </select>
          </div>
        </>
      ) : null}
      <ShowIfFields prefix={prefix} question={question} definition={definition} failure={failure} />
      <Buttons save={t("studies.builder.saveQuestion")} cancelTo={cancelTo} />
    </Form>
  );
}
