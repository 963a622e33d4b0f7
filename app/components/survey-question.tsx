// One survey question's controls, as a member answers it and as the preview
// shows it: plain form fields (no JavaScript needed), grouped with
// fieldset/legend, hint and error linked with aria-describedby.
// Field names: <name> (repeated for multiple choice), <name>__<rowId> for matrix rows.
import { useMemo } from "react";
import { translator, type Language, type Translate } from "~/infra/i18n/i18n";
import { scalePoints, type Answer, type LocalText, type Question } from "~/modules/surveys/definition";

type Value = Answer | string | string[] | Record<string, string | number | undefined> | undefined;

const text = (value: LocalText | undefined, language: Language) => (value ? value[language]?.trim() || value.fi : "");

export function SurveyQuestion({
  question,
  language,
  value,
  error,
  name,
  disabled,
}: {
  question: Question;
  language: Language;
  value?: Value;
  error?: string;
  name: string;
  disabled?: boolean;
}) {
  // Scale labels follow the survey's language, which in the preview may differ from the page's.
  const t = useMemo(() => translator(language), [language]);
  const label = text(question.text, language);
  const help = text(question.help, language);
  const hintId = help ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const invalid = error ? true : undefined;
  const required = question.required ? <span className="required"> ({t("surveyQuestion.required")})</span> : null;
  const notes = (
    <>
      {help ? (
        <p className="hint" id={hintId}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </>
  );
  const className = error ? "field field-invalid question" : "field question";

  if (question.type === "shortText" || question.type === "longText" || question.type === "number" || question.type === "date") {
    const current = value === undefined || value === null ? "" : String(value);
    return (
      <div className={className}>
        <label htmlFor={name}>
          {label}
          {required}
        </label>
        {notes}
        {question.type === "longText" ? (
          <textarea id={name} name={name} rows={6} defaultValue={current} aria-invalid={invalid} aria-describedby={describedBy} disabled={disabled} />
        ) : (
          <input
            id={name}
            name={name}
            type="text"
            inputMode={question.type === "number" ? "decimal" : undefined}
            placeholder={question.type === "date" ? "31.12.2026" : undefined}
            defaultValue={question.type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(current) ? current.split("-").reverse().join(".") : current}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            disabled={disabled}
            maxLength={question.type === "shortText" ? 600 : 40}
          />
        )}
      </div>
    );
  }

  if (question.type === "matrix") {
    const points = scalePoints(question);
    const rows = (value && typeof value === "object" && !Array.isArray(value) ? value : {}) as Record<string, string | number | undefined>;
    return (
      <fieldset className={className} id={name} aria-describedby={describedBy} tabIndex={-1}>
        <legend>
          {label}
          {required}
        </legend>
        {notes}
        <table className="matrix">
          <thead>
            <tr>
              <td />
              {points.map((p) => (
                <th key={p} scope="col">
                  {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {question.rows.map((row) => {
              const rowLabel = text(row.text, language);
              return (
                <tr key={row.id}>
                  <th scope="row" id={`${name}__${row.id}-label`}>
                    {rowLabel}
                  </th>
                  {points.map((p) => (
                    <td key={p}>
                      <input
                        type="radio"
                        name={`${name}__${row.id}`}
                        value={p}
                        defaultChecked={String(rows[row.id] ?? "") === String(p)}
                        aria-label={`${rowLabel}: ${p}`}
                        disabled={disabled}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="hint">{t("surveyQuestion.scaleHint", { low: points[0]!, high: points[points.length - 1]! })}</p>
      </fieldset>
    );
  }

  const options: { value: string; label: string }[] =
    question.type === "single" || question.type === "multiple"
      ? question.options.map((o) => ({ value: o.id, label: text(o.text, language) }))
      : scalePoints(question).map((p) => ({ value: String(p), label: scaleLabel(question.type, p, t) }));
  const chosen = Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];
  const multiple = question.type === "multiple";
  return (
    <fieldset className={className} id={name} aria-describedby={describedBy} tabIndex={-1}>
      <legend>
        {label}
        {required}
      </legend>
      {notes}
      <div className={question.type === "nps" ? "scale scale-nps" : "choices"}>
        {options.map((option, index) => {
          const id = `${name}-${index}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                type={multiple ? "checkbox" : "radio"}
                id={id}
                name={name}
                value={option.value}
                defaultChecked={chosen.includes(option.value)}
                aria-invalid={invalid}
                disabled={disabled}
              />
              <label htmlFor={id}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function scaleLabel(type: Question["type"], point: number, t: Translate): string {
  if (type === "nps") {
    if (point === 0) return `0 – ${t("surveyQuestion.npsLow")}`;
    if (point === 10) return `10 – ${t("surveyQuestion.npsHigh")}`;
    return String(point);
  }
  if (type === "csat") return `${point} – ${t(`surveyQuestion.csat${point}` as Parameters<typeof t>[0])}`;
  if (type === "likert5") return `${point} – ${t(`surveyQuestion.likert5_${point}` as Parameters<typeof t>[0])}`;
  if (type === "likert7") {
    if (point === 1) return `1 – ${t("surveyQuestion.likert5_1")}`;
    if (point === 4) return `4 – ${t("surveyQuestion.likert5_3")}`;
    if (point === 7) return `7 – ${t("surveyQuestion.likert5_5")}`;
    return String(point);
  }
  return String(point);
}
