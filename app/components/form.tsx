// Accessible form pieces: every field has a label, an optional hint and an
// error linked with aria-describedby; the summary lists errors and the first
// invalid field gets focus when JavaScript runs.
import { forwardRef, useEffect, useRef, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import type { MessageKey } from "~/infra/i18n/i18n";
import { useT } from "./use-translate";

export interface FormState {
  errors?: Record<string, MessageKey>;
  values?: Record<string, string>;
}

export function ErrorSummary({ state, labels }: { state: FormState | undefined; labels: Record<string, string> }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(state?.errors ?? {});
  useEffect(() => {
    if (entries.length === 0) return;
    const form = ref.current?.closest("form") ?? document;
    const first = form.querySelector<HTMLElement>("[aria-invalid='true']");
    (first ?? ref.current)?.focus();
  }, [state, entries.length]);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("form.errorSummary")}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li key={field}>
            <a href={`#${field}`}>
              {labels[field] ? `${labels[field]}: ` : ""}
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id"> {
  name: string;
  label: string;
  hint?: ReactNode;
  state?: FormState;
}

/**
 * What every single-control field shares: the wrapper, the label, the hint
 * and the error, linked to the control by `describedBy`.
 */
function FieldFrame({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: MessageKey;
  children: (control: { describedBy: string | undefined; invalid: true | undefined }) => ReactNode;
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
      {children({ describedBy, invalid: error ? true : undefined })}
    </div>
  );
}

export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field(
  { name, label, hint, state, defaultValue, ...input },
  ref,
) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={state?.errors?.[name]}>
      {({ describedBy, invalid }) => (
        <input
          id={name}
          name={name}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          defaultValue={state?.values?.[name] ?? defaultValue}
          ref={ref}
          {...input}
        />
      )}
    </FieldFrame>
  );
});

/** A single checkbox with its label, an optional hint and its error. */
export function Checkbox({
  name,
  label,
  hint,
  state,
  defaultChecked,
  value = "yes",
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  state?: FormState;
  defaultChecked?: boolean;
  value?: string;
}) {
  const t = useT();
  const error = state?.errors?.[name];
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const checked = state?.values ? state.values[name] === value : defaultChecked;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      {error ? (
        <p className="field-error" id={errorId}>
          {t(error)}
        </p>
      ) : null}
      <div className="checkbox">
        <input
          type="checkbox"
          id={name}
          name={name}
          value={value}
          defaultChecked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <label htmlFor={name}>{label}</label>
      </div>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A published text (terms, consent) shown in full, paragraph by paragraph. */
export function LongText({ text }: { text: string }) {
  return (
    <div className="long-text">
      {text.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}

interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "value" | "defaultValue"> {
  name: string;
  label: string;
  hint?: ReactNode;
  /** the form's errors and typed values… */
  state?: FormState;
  /** …or this field's own */
  value?: string;
  error?: MessageKey;
}

/** A multi-line Field: label, hint and error linked the same way. */
export const TextArea = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextArea(
  { name, label, hint, state, value, error: ownError, rows = 4, cols = 60, ...textarea },
  ref,
) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={ownError ?? state?.errors?.[name]}>
      {({ describedBy, invalid }) => (
        <textarea
          id={name}
          name={name}
          rows={rows}
          cols={cols}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          defaultValue={value ?? state?.values?.[name] ?? ""}
          ref={ref}
          {...textarea}
        />
      )}
    </FieldFrame>
  );
});

/** A select list as a Field: label, hint and error linked the same way; the value after a failed post wins. */
export function SelectField({
  name,
  label,
  hint,
  state,
  defaultValue,
  autoFocus,
  options,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  state: FormState | undefined;
  defaultValue: string;
  autoFocus?: boolean;
  /** the choices, or `children` for option groups */
  options?: readonly { value: string; label: string }[];
  children?: ReactNode;
}) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={state?.errors?.[name]}>
      {({ describedBy, invalid }) => (
        <select
          id={name}
          name={name}
          defaultValue={state?.values?.[name] ?? defaultValue}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          autoFocus={autoFocus}
        >
          {options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

/**
 * Radio buttons in a fieldset with a hint and its error; the first one
 * carries the name as its id, so the error summary can link to it. With
 * `fallbackToFirst`, a value matching no option checks the first.
 */
export function Radios({
  name,
  legend,
  hint,
  error,
  options,
  value,
  fallbackToFirst = false,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: MessageKey;
  options: { value: string; label: string }[];
  value: string;
  fallbackToFirst?: boolean;
}) {
  const t = useT();
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const current = fallbackToFirst && !options.some((option) => option.value === value) ? options[0]?.value : value;
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
        const id = index === 0 ? name : `${name}-${option.value || "none"}`;
        return (
          <div className="checkbox" key={option.value}>
            <input type="radio" id={id} name={name} value={option.value} defaultChecked={current === option.value} />
            <label htmlFor={id}>{option.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * The "I understand" box a destructive or irreversible action asks for
 * (posted as `understood=on`); `id` keeps several such forms on one page
 * apart. `error` is the message already in the reader's language.
 */
export function ConfirmBox({ id, label, error }: { id: string; label: string; error?: string }) {
  const errorId = `${id}-error`;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
      <div className="checkbox">
        <input type="checkbox" id={id} name="understood" value="on" aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}
