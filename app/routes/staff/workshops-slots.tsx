// A study's sessions (slots): the coming ones (or the past ones) with how
// full they are, each linking to its roster, and a form that creates one
// session or a series at the same Helsinki time. Plain forms: it all works
// without JavaScript, and the server checks every field.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams, useLocation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field, Radios, TextArea } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { parseValues, readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { formatDateTime, languages, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { localized } from "~/modules/studies/texts";
import { slotInputSchema, slotListFields } from "~/modules/workshops/slot-form";
import { createSlots, slotsFor } from "~/modules/workshops/workshops.server";
import styles from "./workshops.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

type FormValues = Record<string, string | string[]>;
type FieldErrors = Record<string, MessageKey>;

const PAGE_SIZE = 30;
const querySchema = z.object({
  past: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "workshops.manage");
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const past = query.past === "1";
  const found = await slotsFor(user, params.id ?? "", { past });
  if (!found) notFound();
  const { study, slots } = found;
  const pages = Math.max(1, Math.ceil(slots.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const team = study.teamOptions.map((person) => ({ id: person.id, name: person.name, email: person.email }));
  return {
    study: { id: study.id, title: study.title as unknown, type: study.type, status: study.status },
    team,
    past,
    page,
    pages,
    total: slots.length,
    // The module orders them: coming ones soonest first, past ones newest first.
    slots: slots.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((slot) => ({
      id: slot.id,
      startsAt: slot.startsAt,
      durationMinutes: slot.durationMinutes,
      capacity: slot.capacity,
      language: slot.language,
      mode: slot.mode,
      cancelledAt: slot.cancelledAt,
      booked: slot.booked,
      waitlisted: slot.waitlisted,
      facilitators: slot.facilitators.map((person) => person.name || person.email),
    })),
    initial: initialValues(study.type, user.language, team.some((person) => person.id === user.id) ? [user.id] : []),
  };
}

/** What the create form starts with: a one-hour session, one facilitator (you), in your language. */
function initialValues(type: string, language: unknown, facilitatorIds: string[]): FormValues {
  return {
    date: "",
    time: "10:00",
    durationMinutes: "60",
    capacity: type === "INTERVIEW" || type === "USABILITY_TEST" ? "1" : "8",
    language: languages.includes(language as Language) ? (language as string) : "fi",
    mode: "IN_PERSON",
    address: "",
    accessibility: "",
    videoLink: "",
    bring: "",
    facilitatorIds,
    asksDevice: type === "USABILITY_TEST" ? "on" : "",
    repeatEveryDays: "0",
    repeatCount: "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "workshops.manage");
  const values = await readForm(request, slotListFields);
  if (values.intent !== "create") badRequest();
  const parsed = parseValues(values, slotInputSchema);
  if (!parsed.ok) {
    // Access first: someone else's study answers 404 even with a bad form.
    if (!(await slotsFor(user, params.id ?? "", { past: false }))) notFound();
    return data({ errors: parsed.errors, values: parsed.values as FormValues }, { status: 400 });
  }
  const created = await createSlots(user, params.id ?? "", parsed.data);
  if (!created) notFound();
  return redirect(`/staff/studies/${params.id}/slots?created=${created.created}#slots`);
}

const text = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");
const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

export default function WorkshopSlots() {
  const t = useT();
  const language = useLanguage();
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { study, slots, past } = loaded;
  const base = `/staff/studies/${study.id}/slots`;
  const title = localized(study.title, language) || t("studies.untitled");
  const created = Number(params.get("created") ?? "0");

  return (
    <>
      <p>
        <Link to="/staff/workshops">{t("workshopsStaff.backToList")}</Link>
      </p>
      <h1>{t("workshopsStaff.slots.title", { title })}</h1>
      <p>
        {t(`studies.type.${study.type}` as MessageKey)} · {t(`studies.status.${study.status}` as MessageKey)}
        {study.type === "CUSTOMER_COUNCIL" ? (
          <>
            {" "}
            · <Link to={`/staff/studies/${study.id}/council`}>{t("workshopsStaff.list.councilLink")}</Link>
          </>
        ) : null}
      </p>
      {study.status !== "RECRUITING" ? <p className="notice">{t("workshopsStaff.slots.notRecruiting")}</p> : null}
      {created > 0 ? (
        <p className="success" role="status">
          {created === 1 ? t("workshopsStaff.slots.createdOne") : t("workshopsStaff.slots.createdMany", { count: created })}
        </p>
      ) : null}

      <section aria-labelledby="slots-title" id="slots">
        <h2 id="slots-title">{past ? t("workshopsStaff.slots.pastTitle") : t("workshopsStaff.slots.upcomingTitle")}</h2>
        <nav aria-label={t("workshopsStaff.slots.which")}>
          <ul className="inline-links">
            <li>
              <Link to={`${base}#slots`} aria-current={past ? undefined : "page"}>
                {t("workshopsStaff.slots.showUpcoming")}
              </Link>
            </li>
            <li>
              <Link to={`${base}?past=1#slots`} aria-current={past ? "page" : undefined}>
                {t("workshopsStaff.slots.showPast")}
              </Link>
            </li>
          </ul>
        </nav>
        {slots.length === 0 ? (
          <div className="empty-state">
            <p>{past ? t("workshopsStaff.slots.emptyPast") : t("workshopsStaff.slots.emptyUpcoming")}</p>
            {past ? null : (
              <p>
                <a href="#create-title">{t("workshopsStaff.slots.emptyCta")}</a>
              </p>
            )}
          </div>
        ) : (
          <>
            <div className="table-wrap">
              <table className="slot-table">
                <caption>
                  {past
                    ? t("workshopsStaff.slots.captionPast", { count: loaded.total })
                    : t("workshopsStaff.slots.captionUpcoming", { count: loaded.total })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("workshopsStaff.slots.when")}</th>
                    <th scope="col">{t("workshopsStaff.slots.language")}</th>
                    <th scope="col">{t("workshopsStaff.slots.mode")}</th>
                    <th scope="col" className="number">
                      {t("workshopsStaff.slots.booked")}
                    </th>
                    <th scope="col" className="number">
                      {t("workshopsStaff.slots.waitlisted")}
                    </th>
                    <th scope="col">{t("workshopsStaff.slots.facilitators")}</th>
                    <th scope="col">{t("workshopsStaff.slots.state")}</th>
                  </tr>
                </thead>
                <tbody>
                  {slots.map((slot) => (
                    <tr key={slot.id} className={slot.cancelledAt ? "cancelled" : undefined}>
                      <th scope="row">
                        <Link to={`${base}/${slot.id}`}>
                          {t("workshopsStaff.slots.whenValue", { when: formatDateTime(slot.startsAt, language), minutes: slot.durationMinutes })}
                        </Link>
                      </th>
                      <td>{t(`lang.${slot.language}` as MessageKey)}</td>
                      <td>{t(`workshopsStaff.mode.${slot.mode}` as MessageKey)}</td>
                      <td className="number">{t("workshopsStaff.slots.bookedValue", { booked: slot.booked, capacity: slot.capacity })}</td>
                      <td className="number">{slot.waitlisted}</td>
                      <td>{slot.facilitators.length > 0 ? slot.facilitators.join(", ") : t("workshopsStaff.slots.noFacilitators")}</td>
                      <td>
                        {slot.cancelledAt ? (
                          <strong className="marker marker-cancelled">{t("workshopsStaff.state.cancelled")}</strong>
                        ) : slot.booked >= slot.capacity ? (
                          <span className="marker">{t("workshopsStaff.state.full")}</span>
                        ) : (
                          t("workshopsStaff.state.placesLeft", { count: slot.capacity - slot.booked })
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={loaded.page} pages={loaded.pages} />
          </>
        )}
      </section>

      <CreateSection
        base={base}
        type={study.type}
        team={loaded.team}
        values={failed?.values ?? loaded.initial}
        errors={failed?.errors ?? {}}
      />
    </>
  );
}

function CreateSection({
  base,
  type,
  team,
  values,
  errors,
}: {
  base: string;
  type: string;
  team: { id: string; name: string | null; email: string }[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const t = useT();
  const location = useLocation();
  const labels: Record<string, string> = {
    form: t("workshopsStaff.create.title"),
    date: t("workshopsStaff.field.date"),
    time: t("workshopsStaff.field.time"),
    durationMinutes: t("workshopsStaff.field.duration"),
    capacity: t("workshopsStaff.field.capacity"),
    language: t("workshopsStaff.field.language"),
    mode: t("workshopsStaff.field.mode"),
    address: t("workshopsStaff.field.address"),
    accessibility: t("workshopsStaff.field.accessibility"),
    videoLink: t("workshopsStaff.field.videoLink"),
    bring: t("workshopsStaff.field.bring"),
    facilitatorIds: t("workshopsStaff.field.facilitators"),
    asksDevice: t("workshopsStaff.field.asksDevice"),
    repeatEveryDays: t("workshopsStaff.field.repeat"),
    repeatCount: t("workshopsStaff.field.repeatCount"),
  };
  const state = (name: string) => (errors[name] ? { errors: { [name]: errors[name]! } } : undefined);
  const mode = text(values.mode) === "REMOTE" ? "REMOTE" : "IN_PERSON";
  const repeat = ["0", "1", "7", "14"].includes(text(values.repeatEveryDays)) ? text(values.repeatEveryDays) : "0";
  const chosen = list(values.facilitatorIds);
  const asksDevice = ["on", "true"].includes(text(values.asksDevice));
  const formError = errors.form;
  return (
    <section aria-labelledby="create-title" id="create" className="narrow">
      <h2 id="create-title">{t("workshopsStaff.create.title")}</h2>
      <p>{t("workshopsStaff.create.intro")}</p>
      <Form method="post" action={`${base}#create`} noValidate key={location.key}>
        <ErrorSummary state={{ errors }} labels={labels} />
        {formError ? (
          <p className="field-error" id="form">
            {t(formError)}
          </p>
        ) : null}
        <input type="hidden" name="intent" value="create" />

        <fieldset className="field">
          <legend>{t("workshopsStaff.create.whenLegend")}</legend>
          <p className="hint">{t("workshopsStaff.create.whenHint")}</p>
          <Field name="date" label={labels.date!} type="date" defaultValue={text(values.date)} state={state("date")} hint={t("workshopsStaff.field.dateHint")} />
          <Field name="time" label={labels.time!} type="time" defaultValue={text(values.time)} state={state("time")} hint={t("workshopsStaff.field.timeHint")} />
          <Field
            name="durationMinutes"
            label={labels.durationMinutes!}
            inputMode="numeric"
            size={6}
            autoComplete="off"
            defaultValue={text(values.durationMinutes)}
            state={state("durationMinutes")}
            hint={t("workshopsStaff.field.durationHint")}
          />
        </fieldset>

        <Field
          name="capacity"
          label={labels.capacity!}
          inputMode="numeric"
          size={6}
          autoComplete="off"
          defaultValue={text(values.capacity)}
          state={state("capacity")}
          hint={t("workshopsStaff.field.capacityHint")}
        />

        <div className={errors.language ? "field field-invalid" : "field"}>
          <label htmlFor="language">{labels.language}</label>
          <p className="hint" id="language-hint">
            {t("workshopsStaff.field.languageHint")}
          </p>
          {errors.language ? (
            <p className="field-error" id="language-error">
              {t(errors.language)}
            </p>
          ) : null}
          <select
            id="language"
            name="language"
            defaultValue={text(values.language) || "fi"}
            aria-invalid={errors.language ? true : undefined}
            aria-describedby={errors.language ? "language-hint language-error" : "language-hint"}
          >
            {languages.map((language) => (
              <option key={language} value={language}>
                {t(`lang.${language}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>

        <Radios
          name="mode"
          legend={labels.mode!}
          error={errors.mode}
          value={mode}
          options={[
            { value: "IN_PERSON", label: t("workshopsStaff.mode.IN_PERSON") },
            { value: "REMOTE", label: t("workshopsStaff.mode.REMOTE") },
          ]}
        />

        <fieldset className="field">
          <legend>{t("workshopsStaff.create.placeLegend")}</legend>
          <p className="hint">{t("workshopsStaff.create.placeHint")}</p>
          <TextArea name="address" label={labels.address!} value={text(values.address)} error={errors.address} rows={2} />
          <TextArea
            name="accessibility"
            label={labels.accessibility!}
            hint={t("workshopsStaff.field.accessibilityHint")}
            value={text(values.accessibility)}
            error={errors.accessibility}
            rows={3}
          />
        </fieldset>

        <fieldset className="field">
          <legend>{t("workshopsStaff.create.remoteLegend")}</legend>
          <Field
            name="videoLink"
            label={labels.videoLink!}
            type="url"
            autoComplete="off"
            defaultValue={text(values.videoLink)}
            state={state("videoLink")}
            hint={t("workshopsStaff.field.videoLinkHint")}
          />
        </fieldset>

        <TextArea name="bring" label={labels.bring!} hint={t("workshopsStaff.field.bringHint")} value={text(values.bring)} error={errors.bring} rows={2} />

        <fieldset
          className={errors.facilitatorIds ? "field field-invalid" : "field"}
          aria-describedby={errors.facilitatorIds ? "facilitatorIds-hint facilitatorIds-error" : "facilitatorIds-hint"}
        >
          <legend>{labels.facilitatorIds}</legend>
          <p className="hint" id="facilitatorIds-hint">
            {t("workshopsStaff.field.facilitatorsHint")}
          </p>
          {errors.facilitatorIds ? (
            <p className="field-error" id="facilitatorIds-error">
              {t(errors.facilitatorIds)}
            </p>
          ) : null}
          {team.length === 0 ? <p className="empty-state">{t("workshopsStaff.field.facilitatorsNone")}</p> : null}
          {team.map((person, index) => {
            const id = index === 0 ? "facilitatorIds" : `facilitatorIds-${person.id}`;
            return (
              <div className="checkbox" key={person.id}>
                <input
                  type="checkbox"
                  id={id}
                  name="facilitatorIds"
                  value={person.id}
                  defaultChecked={chosen.includes(person.id)}
                  aria-invalid={errors.facilitatorIds ? true : undefined}
                />
                <label htmlFor={id}>{person.name ? `${person.name} (${person.email})` : person.email}</label>
              </div>
            );
          })}
        </fieldset>

        {type === "USABILITY_TEST" ? (
          <div className={errors.asksDevice ? "field field-invalid" : "field"}>
            {errors.asksDevice ? (
              <p className="field-error" id="asksDevice-error">
                {t(errors.asksDevice)}
              </p>
            ) : null}
            <div className="checkbox">
              <input
                type="checkbox"
                id="asksDevice"
                name="asksDevice"
                value="on"
                defaultChecked={asksDevice}
                aria-describedby={errors.asksDevice ? "asksDevice-hint asksDevice-error" : "asksDevice-hint"}
              />
              <label htmlFor="asksDevice">{labels.asksDevice}</label>
            </div>
            <p className="hint" id="asksDevice-hint">
              {t("workshopsStaff.field.asksDeviceHint")}
            </p>
          </div>
        ) : null}

        <fieldset className="field">
          <legend>{t("workshopsStaff.create.seriesLegend")}</legend>
          <Radios
            name="repeatEveryDays"
            legend={labels.repeatEveryDays!}
            hint={t("workshopsStaff.field.repeatHint")}
            error={errors.repeatEveryDays}
            value={repeat}
            options={[
              { value: "0", label: t("workshopsStaff.repeat.0") },
              { value: "1", label: t("workshopsStaff.repeat.1") },
              { value: "7", label: t("workshopsStaff.repeat.7") },
              { value: "14", label: t("workshopsStaff.repeat.14") },
            ]}
          />
          <Field
            name="repeatCount"
            label={labels.repeatCount!}
            inputMode="numeric"
            size={4}
            autoComplete="off"
            defaultValue={text(values.repeatCount)}
            state={state("repeatCount")}
            hint={t("workshopsStaff.field.repeatCountHint")}
          />
        </fieldset>

        <div className="form-buttons">
          <button type="submit" className="primary">
            {t("workshopsStaff.create.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
