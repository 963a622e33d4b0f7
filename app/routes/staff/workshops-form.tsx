// Form pieces the workshop pages share (sessions, roster, council): radio
// choices and a text area, each with its hint and its error next to it, in
// the same shape as the shared Field.
import { useT } from "~/components/use-translate";
import type { MessageKey } from "~/infra/i18n/i18n";

/** Radio buttons in a fieldset; the first one carries the name as its id, so the error summary can link to it. */
export function Choices({
  name,
  legend,
  hint,
  error,
  options,
  value,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: MessageKey;
  options: { value: string; label: string }[];
  value: string;
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
      {options.map((option, index) => {
        const id = index === 0 ? name : `${name}-${option.value}`;
        return (
          <div className="checkbox" key={option.value}>
            <input type="radio" id={id} name={name} value={option.value} defaultChecked={value === option.value} />
            <label htmlFor={id}>{option.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** A labelled textarea with its hint and error. */
export function TextArea({
  name,
  label,
  hint,
  value,
  error,
  rows = 3,
  maxLength = 2000,
}: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  error?: MessageKey;
  rows?: number;
  maxLength?: number;
}) {
  const t = useT();
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={name}>{label}</label>
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
      <textarea
        id={name}
        name={name}
        rows={rows}
        cols={50}
        maxLength={maxLength}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
