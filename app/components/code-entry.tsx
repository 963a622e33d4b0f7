// The page body where someone types an 8-digit code from an email (signing in,
// confirming a join): a throttle notice or the error summary, the field, a
// button, and a way to start over.
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary, Field, type FormState } from "./form";
import { useT } from "./use-translate";

export function CodeEntry(props: {
  title: string;
  intro: string;
  label: string;
  hint: string;
  submit: string;
  state: (FormState & { retryAfterMinutes?: number }) | undefined;
  restart: { to: string; label: string };
  hidden?: ReactNode;
}) {
  const t = useT();
  const minutes = props.state?.retryAfterMinutes;
  return (
    <div className="narrow">
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      {minutes ? (
        <p className="notice" role="alert">
          {t("signIn.throttled", { minutes })}
        </p>
      ) : (
        <ErrorSummary state={props.state} labels={{ code: props.label }} />
      )}
      <Form method="post" noValidate>
        {props.hidden}
        <Field
          name="code"
          label={props.label}
          hint={props.hint}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          state={minutes ? undefined : props.state}
          required
        />
        <button type="submit" className="primary">
          {props.submit}
        </button>
      </Form>
      <p>
        <Link to={props.restart.to}>{props.restart.label}</Link>
      </p>
    </div>
  );
}
