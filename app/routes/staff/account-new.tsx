import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/form";
import { useStaffForm } from "~/components/staff-form";
import { useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { staffRoles } from "~/infra/auth/roles";
import { invalid, parseForm } from "~/infra/http/form.server";
import { languages, type MessageKey } from "~/infra/i18n/i18n";
import { staffAccountSchema } from "~/modules/staff/account-schema";
import { createStaffAccount } from "~/modules/staff/accounts.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff.manage");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "staff.manage");
  const parsed = await parseForm(request, staffAccountSchema, ["roles"]);
  if (!parsed.ok) return invalid(parsed);
  const result = await createStaffAccount(parsed.data, user.id);
  if (!result.ok) {
    const { password: _password, ...values } = parsed.values;
    return data({ errors: { email: "staffAccounts.emailTaken" as const }, values }, { status: 400 });
  }
  return redirect(`/staff/accounts?created=${encodeURIComponent(parsed.data.email)}`);
}

export default function NewStaffAccount() {
  const t = useT();
  const server = useActionData<typeof action>();
  const { form, onSubmit, state } = useStaffForm(staffAccountSchema, server);
  const labels = {
    name: t("staffAccounts.name"),
    email: t("staffAccounts.email"),
    language: t("staffAccounts.language"),
    roles: t("staffAccounts.roles"),
    password: t("staffAccounts.password"),
  };
  const rolesError = state.errors?.roles;
  return (
    <div className="narrow">
      <h1>{t("staffAccounts.newTitle")}</h1>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <Field label={labels.name} state={state} autoComplete="off" {...form.register("name")} name="name" />
        <Field label={labels.email} type="email" state={state} autoComplete="off" {...form.register("email")} name="email" />
        <div className="field">
          <label htmlFor="language">{labels.language}</label>
          <select id="language" defaultValue={server?.values?.language ?? "fi"} {...form.register("language")}>
            {languages.map((language) => (
              <option key={language} value={language} lang={language}>
                {t(`lang.${language}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className={rolesError ? "field field-invalid" : "field"} aria-describedby={rolesError ? "roles-error roles-hint" : "roles-hint"}>
          <legend>{labels.roles}</legend>
          <p className="hint" id="roles-hint">
            {t("staffAccounts.rolesHint")}
          </p>
          {rolesError ? (
            <p className="field-error" id="roles-error">
              {t(rolesError)}
            </p>
          ) : null}
          {staffRoles.map((role, index) => (
            <div key={role} className="checkbox">
              <input
                type="checkbox"
                id={index === 0 ? "roles" : `roles-${role}`}
                value={role}
                aria-invalid={rolesError ? true : undefined}
                {...form.register("roles")}
              />
              <label htmlFor={index === 0 ? "roles" : `roles-${role}`}>{t(`role.${role}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field
          label={labels.password}
          type="password"
          hint={t("staffAccounts.passwordHint")}
          state={state}
          autoComplete="new-password"
          {...form.register("password")}
          name="password"
        />
        <button type="submit" className="primary">
          {t("staffAccounts.create")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
