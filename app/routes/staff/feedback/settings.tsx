// Feedback settings (admins): units with their mailbox, email language and
// handlers; services in three languages; routing rules; how long feedback is
// kept. Each form posts its own intent; deletions ask for the "I understand"
// box first. Plain forms: it all works without JavaScript.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmBox } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { languages, type MessageKey } from "~/infra/i18n/i18n";
import { feedbackCategories } from "~/modules/feedback/kinds";
import { addRule, deleteSetting, feedbackSettings, saveRetention, saveService, saveUnit, type SettingsResult } from "~/modules/feedback/settings.server";
import styles from "../../feedback/intake.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "feedback.admin");
  return data(await feedbackSettings(user), { headers: { "Cache-Control": "no-store" } });
}

const SECTION: Record<string, string> = {
  "unit-save": "units",
  "unit-delete": "units",
  "service-save": "services",
  "service-delete": "services",
  "rule-add": "rules",
  "rule-delete": "rules",
  retention: "retention",
};

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "feedback.admin");
  const { handlers: ticked, ...rest } = (await readForm(request, ["handlers"])) as Record<string, string | string[]>;
  const handlers = Array.isArray(ticked) ? ticked : [];
  // only "handlers" is a list; every other field is a single string
  const values = rest as Record<string, string>;
  const intent = values.intent ?? "";
  const target = values.unitId || values.serviceId || values.ruleId || "new";
  let result: SettingsResult;
  switch (intent) {
    case "unit-save":
      result = await saveUnit(user, values, handlers);
      break;
    case "service-save":
      result = await saveService(user, values);
      break;
    case "rule-add":
      result = await addRule(user, values);
      break;
    case "retention":
      result = await saveRetention(user, values);
      break;
    case "unit-delete":
    case "service-delete":
    case "rule-delete": {
      const kind = intent.slice(0, intent.indexOf("-")) as "unit" | "service" | "rule";
      result = await deleteSetting(user, kind, target, values.understood === "on");
      break;
    }
    default:
      badRequest();
  }
  if (result.ok) return redirect(`/staff/feedback/settings?saved=1#${SECTION[intent]}`);
  if ("reason" in result) {
    if (result.reason === "not-found") notFound();
    return data({ intent, target, confirm: true as const, errors: {} as Record<string, MessageKey>, values: {} as Record<string, string | string[]> }, { status: 400 });
  }
  return data({ intent, target, confirm: false as const, errors: result.errors, values: result.values }, { status: 400 });
}

type ActionState = { intent: string; target: string; confirm: boolean; errors: Record<string, MessageKey>; values: Record<string, string | string[]> };

function TextInput({
  form,
  name,
  label,
  value,
  state,
  type = "text",
  maxLength = 120,
}: {
  form: string;
  name: string;
  label: string;
  value: string;
  state: ActionState | null;
  type?: string;
  maxLength?: number;
}) {
  const t = useT();
  const id = `${form}-${name}`;
  const error = state?.errors[name];
  const typed = state?.values[name];
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        maxLength={maxLength}
        defaultValue={typeof typed === "string" ? typed : value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

function Summary({ state, form }: { state: ActionState | null; form: string }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(state?.errors ?? {});
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [entries.length]);
  if (!state || (entries.length === 0 && !state.confirm)) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>{t("form.errorSummary")}</h2>
      <ul>
        {state.confirm ? <li>{t("feedbackIntake.settings.confirmNeeded")}</li> : null}
        {entries.map(([field, key]) => (
          <li key={field}>
            <a href={`#${form}-${field.replace(/^rule-/, "")}`}>{t(key)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DeleteForm({ intent, idName, id, label, confirmLabel, state }: { intent: string; idName: string; id: string; label: string; confirmLabel: string; state: ActionState | null }) {
  const t = useT();
  const mine = state?.intent === intent && state.target === id && state.confirm;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={idName} value={id} />
      <ConfirmBox id={`${intent}-${id}`} label={confirmLabel} error={mine ? t("feedbackIntake.settings.confirmNeeded") : undefined} />
      <button type="submit" className="danger">
        {label}
      </button>
    </Form>
  );
}

export default function FeedbackSettings() {
  const t = useT();
  const language = useLanguage();
  const view = useLoaderData<typeof loader>();
  const state = (useActionData<typeof action>() ?? null) as ActionState | null;
  const [params] = useSearchParams();
  const stateFor = (intent: string, target: string) => (state && state.intent === intent && state.target === target ? state : null);
  const serviceName = (s: { nameFi: string; nameSv: string; nameEn: string }) => ({ fi: s.nameFi, sv: s.nameSv, en: s.nameEn })[language];
  const serviceById = new Map(view.services.map((s) => [s.id, s]));
  const unitById = new Map(view.units.map((u) => [u.id, u]));
  const languageOptions = languages.map((l) => ({ value: l, label: t(`lang.${l}` as MessageKey) }));

  const unitForm = (unit: (typeof view.units)[number] | null) => {
    const key = unit?.id ?? "new";
    const s = stateFor("unit-save", key);
    const form = `unit-${key}`;
    const chosenHandlers = s ? [s.values.handlers ?? []].flat() : (unit?.handlerIds ?? []);
    const chosenLanguage = typeof s?.values.language === "string" ? s.values.language : (unit?.language ?? "fi");
    return (
      <Form method="post" key={key}>
        <Summary state={s} form={form} />
        <input type="hidden" name="intent" value="unit-save" />
        {unit ? <input type="hidden" name="unitId" value={unit.id} /> : null}
        <TextInput form={form} name="name" label={t("feedbackIntake.settings.unitName")} value={unit?.name ?? ""} state={s} />
        <TextInput form={form} name="email" type="email" maxLength={254} label={t("feedbackIntake.settings.unitEmail")} value={unit?.email ?? ""} state={s} />
        <div className="field">
          <label htmlFor={`${form}-language`}>{t("feedbackIntake.settings.unitLanguage")}</label>
          <select id={`${form}-language`} name="language" defaultValue={chosenLanguage}>
            {languageOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        {unit ? (
          <div className="checkbox">
            <input type="checkbox" id={`${form}-active`} name="active" value="yes" defaultChecked={s ? s.values.active === "yes" : unit.active} />
            <label htmlFor={`${form}-active`}>{t("feedbackIntake.settings.unitActive")}</label>
          </div>
        ) : null}
        <fieldset className="field">
          <legend>{t("feedbackIntake.settings.handlers")}</legend>
          {view.candidates.length === 0 ? <p className="hint">{t("feedbackIntake.settings.noHandlers")}</p> : null}
          {view.candidates.map((c) => (
            <div className="checkbox" key={c.id}>
              <input type="checkbox" id={`${form}-h-${c.id}`} name="handlers" value={c.id} defaultChecked={chosenHandlers.includes(c.id)} />
              <label htmlFor={`${form}-h-${c.id}`}>{c.name ? `${c.name} (${c.email})` : c.email}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          {unit ? t("feedbackIntake.settings.saveUnit") : t("feedbackIntake.settings.addUnit")}
        </button>
      </Form>
    );
  };

  const serviceForm = (service: (typeof view.services)[number] | null) => {
    const key = service?.id ?? "new";
    const s = stateFor("service-save", key);
    const form = `service-${key}`;
    return (
      <Form method="post" key={key}>
        <Summary state={s} form={form} />
        <input type="hidden" name="intent" value="service-save" />
        {service ? <input type="hidden" name="serviceId" value={service.id} /> : null}
        <TextInput form={form} name="nameFi" label={t("feedbackIntake.settings.nameFi")} value={service?.nameFi ?? ""} state={s} />
        <TextInput form={form} name="nameSv" label={t("feedbackIntake.settings.nameSv")} value={service?.nameSv ?? ""} state={s} />
        <TextInput form={form} name="nameEn" label={t("feedbackIntake.settings.nameEn")} value={service?.nameEn ?? ""} state={s} />
        <TextInput form={form} name="sortOrder" label={t("feedbackIntake.settings.sortOrder")} value={String(service?.sortOrder ?? 0)} maxLength={5} state={s} />
        {service ? (
          <div className="checkbox">
            <input type="checkbox" id={`${form}-active`} name="active" value="yes" defaultChecked={s ? s.values.active === "yes" : service.active} />
            <label htmlFor={`${form}-active`}>{t("feedbackIntake.settings.serviceActive")}</label>
          </div>
        ) : null}
        <button type="submit" className="primary">
          {service ? t("feedbackIntake.settings.saveService") : t("feedbackIntake.settings.addService")}
        </button>
      </Form>
    );
  };

  const ruleState = stateFor("rule-add", "new");
  const retentionState = stateFor("retention", "new");
  return (
    <div className="feedback-settings">
      <h1>{t("feedbackIntake.settings.title")}</h1>
      {params.get("saved") && !state ? (
        <p className="success" role="status">
          {t("feedbackIntake.settings.saved")}
        </p>
      ) : null}

      <section aria-labelledby="units">
        <h2 id="units">{t("feedbackIntake.settings.units")}</h2>
        {view.units.length === 0 ? <p>{t("feedbackIntake.settings.unitsEmpty")}</p> : null}
        {view.units.map((unit) => (
          <details key={unit.id} open={stateFor("unit-save", unit.id) !== null || stateFor("unit-delete", unit.id) !== null}>
            <summary>
              {unit.name} — {unit.email}
              {unit.active ? "" : ` (${t("feedbackIntake.settings.inactive")})`}
            </summary>
            {unitForm(unit)}
            <DeleteForm
              intent="unit-delete"
              idName="unitId"
              id={unit.id}
              label={t("feedbackIntake.settings.deleteUnit")}
              confirmLabel={t("feedbackIntake.settings.confirmDeleteUnit")}
              state={state}
            />
          </details>
        ))}
        <h3>{t("feedbackIntake.settings.addUnit")}</h3>
        {unitForm(null)}
      </section>

      <section aria-labelledby="services">
        <h2 id="services">{t("feedbackIntake.settings.services")}</h2>
        {view.services.length === 0 ? <p>{t("feedbackIntake.settings.servicesEmpty")}</p> : null}
        {view.services.map((service) => (
          <details key={service.id} open={stateFor("service-save", service.id) !== null || stateFor("service-delete", service.id) !== null}>
            <summary>
              {serviceName(service)}
              {service.active ? "" : ` (${t("feedbackIntake.settings.inactive")})`}
            </summary>
            {serviceForm(service)}
            <DeleteForm
              intent="service-delete"
              idName="serviceId"
              id={service.id}
              label={t("feedbackIntake.settings.deleteService")}
              confirmLabel={t("feedbackIntake.settings.confirmDeleteService")}
              state={state}
            />
          </details>
        ))}
        <h3>{t("feedbackIntake.settings.addService")}</h3>
        {serviceForm(null)}
      </section>

      <section aria-labelledby="rules">
        <h2 id="rules">{t("feedbackIntake.settings.rules")}</h2>
        <p>{t("feedbackIntake.settings.rulesHint")}</p>
        {view.rules.length === 0 ? (
          <p>{t("feedbackIntake.settings.rulesEmpty")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("feedbackIntake.service")}</th>
                <th scope="col">{t("feedbackIntake.category")}</th>
                <th scope="col">{t("feedbackIntake.settings.unit")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("feedbackIntake.settings.deleteRule")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.rules.map((rule) => {
                const service = rule.serviceId ? serviceById.get(rule.serviceId) : null;
                return (
                  <tr key={rule.id}>
                    <td>{service ? serviceName(service) : t("feedbackIntake.settings.anyService")}</td>
                    <td>{rule.category ? t(`feedback.category.${rule.category}`) : t("feedbackIntake.settings.anyCategory")}</td>
                    <td>{unitById.get(rule.unitId)?.name}</td>
                    <td>
                      <DeleteForm
                        intent="rule-delete"
                        idName="ruleId"
                        id={rule.id}
                        label={t("feedbackIntake.settings.deleteRule")}
                        confirmLabel={t("feedbackIntake.settings.confirmDeleteRule")}
                        state={state}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <h3>{t("feedbackIntake.settings.addRule")}</h3>
        <Form method="post">
          <Summary state={ruleState} form="rule" />
          <input type="hidden" name="intent" value="rule-add" />
          {(
            [
              ["serviceId", t("feedbackIntake.service"), [{ value: "", label: t("feedbackIntake.settings.anyService") }, ...view.services.map((s) => ({ value: s.id, label: serviceName(s) }))]],
              ["category", t("feedbackIntake.category"), [{ value: "", label: t("feedbackIntake.settings.anyCategory") }, ...feedbackCategories.map((c) => ({ value: c, label: t(`feedback.category.${c}`) }))]],
              ["unitId", t("feedbackIntake.settings.unit"), view.units.map((u) => ({ value: u.id, label: u.name }))],
            ] as const
          ).map(([name, label, options]) => {
            const error = ruleState?.errors[`rule-${name}`];
            const typed = ruleState?.values[name];
            return (
              <div className={error ? "field field-invalid" : "field"} key={name}>
                <label htmlFor={`rule-${name}`}>{label}</label>
                {error ? (
                  <p className="field-error" id={`rule-${name}-error`}>
                    {t(error)}
                  </p>
                ) : null}
                <select
                  id={`rule-${name}`}
                  name={name}
                  defaultValue={typeof typed === "string" ? typed : ""}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `rule-${name}-error` : undefined}
                >
                  {options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
          <button type="submit" className="primary" disabled={view.units.length === 0}>
            {t("feedbackIntake.settings.addRule")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="retention">
        <h2 id="retention">{t("feedbackIntake.settings.retention")}</h2>
        <Form method="post">
          <Summary state={retentionState} form="retention" />
          <input type="hidden" name="intent" value="retention" />
          <p className="hint">{t("feedbackIntake.settings.retentionHint")}</p>
          <TextInput
            form="retention"
            name="retentionMonths"
            label={t("feedbackIntake.settings.retentionMonths")}
            value={String(view.retentionMonths)}
            maxLength={3}
            state={retentionState}
          />
          <button type="submit" className="primary">
            {t("feedbackIntake.settings.saveRetention")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
