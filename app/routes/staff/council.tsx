// A customer council's members: who sits on it now, whose term ends soon, who
// sat on it before; appoint a member for a term (two years unless told
// otherwise) and end a term. Members book every council meeting themselves.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams, useLocation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { parseValues, readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { formatDate, type MessageKey } from "~/infra/i18n/i18n";
import { localized } from "~/modules/studies/texts";
import { instantToHelsinki } from "~/modules/workshops/time";
import { appointCouncilMember, councilFor, endCouncilTerm } from "~/modules/workshops/workshops.server";
import styles from "./workshops.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

type FieldErrors = Record<string, MessageKey>;

const day = /^\d{4}-\d{2}-\d{2}$/;
const appointSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email("workshopsStaff.council.error.email")),
    startsOn: z.string().trim().regex(day, "workshops.error.date"),
    endsOn: z.string().trim().regex(day, "workshops.error.date"),
  })
  .refine((value) => value.endsOn > value.startsOn, { path: ["endsOn"], message: "workshops.error.councilDates" });
const endSchema = z.object({ termId: z.string().uuid() });

/** Today in Helsinki, as YYYY-MM-DD. */
const today = () => instantToHelsinki(new Date()).date;

/** A two-year term from a date: it ends the day before the same date two years on. */
function twoYearsFrom(date: string): string {
  const [year, month, dayOfMonth] = date.split("-").map(Number);
  return new Date(Date.UTC(year! + 2, month! - 1, dayOfMonth! - 1)).toISOString().slice(0, 10);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "workshops.manage");
  const council = await councilFor(user, params.id ?? "");
  if (!council) notFound();
  const now = today();
  const terms = council.terms.map((term) => ({
    id: term.id,
    name: term.name,
    email: term.email,
    startsOn: term.startsOn,
    endsOn: term.endsOn,
    current: term.current,
    endingSoon: term.endingSoon,
    endsToday: term.endsOn === now,
  }));
  return data(
    {
      study: { id: council.study.id, title: council.study.title as unknown },
      current: terms.filter((term) => term.current),
      coming: terms.filter((term) => !term.current && term.startsOn > now),
      past: terms.filter((term) => !term.current && term.startsOn <= now),
      initial: { email: "", startsOn: now, endsOn: twoYearsFrom(now) },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "workshops.manage");
  const studyId = params.id ?? "";
  const base = `/staff/studies/${studyId}/council`;
  const values = await readForm(request);
  switch (values.intent) {
    case "appoint": {
      const parsed = parseValues(values, appointSchema);
      if (!parsed.ok) {
        if (!(await councilFor(user, studyId))) notFound();
        return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
      }
      const appointed = await appointCouncilMember(user, studyId, parsed.data);
      if (!appointed) notFound();
      if (!appointed.ok) {
        const field = { "no-member": "email", already: "email", "invalid-dates": "endsOn", "not-council": "form" }[appointed.reason] ?? "form";
        const errors: FieldErrors = { [field]: `workshopsStaff.council.refused.${appointed.reason}` as MessageKey };
        return data({ errors, values: parsed.values }, { status: 409 });
      }
      return redirect(`${base}?appointed=1#current`);
    }
    case "end": {
      const parsed = endSchema.safeParse(values);
      if (!parsed.success) badRequest();
      // The term ends today: the member may still book today's meetings.
      const ended = await endCouncilTerm(user, studyId, parsed.data.termId, today());
      if (!ended) notFound();
      if (!ended.ok) return data({ errors: { end: "workshopsStaff.council.refused.end" } as FieldErrors, values: {} as Record<string, string> }, { status: 409 });
      return redirect(`${base}?ended=1#current`);
    }
  }
  badRequest();
}

type Term = ReturnType<typeof useLoaderData<typeof loader>>["current"][number];

export default function Council() {
  const t = useT();
  const language = useLanguage();
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { study } = loaded;
  const title = localized(study.title, language) || t("studies.untitled");
  const base = `/staff/studies/${study.id}/council`;

  return (
    <>
      <p>
        <Link to="/staff/workshops">{t("workshopsStaff.backToList")}</Link>
      </p>
      <h1>{t("workshopsStaff.council.title", { title })}</h1>
      <p>{t("workshopsStaff.council.intro")}</p>
      <p>
        <Link to={`/staff/studies/${study.id}/slots`}>{t("workshopsStaff.council.meetingsLink")}</Link>
      </p>
      {params.get("appointed") || params.get("ended") ? (
        <p className="success" role="status">
          {params.get("appointed") ? t("workshopsStaff.council.notice.appointed") : t("workshopsStaff.council.notice.ended")}
        </p>
      ) : null}

      <section aria-labelledby="current-title" id="current">
        <h2 id="current-title">{t("workshopsStaff.council.currentTitle")}</h2>
        {failed?.errors.end ? (
          <p className="field-error" role="alert">
            {t(failed.errors.end)}
          </p>
        ) : null}
        <Terms terms={loaded.current} caption={t("workshopsStaff.council.currentCaption", { count: loaded.current.length })} base={base} endable />
        {loaded.current.length === 0 ? <p className="empty-state">{t("workshopsStaff.council.currentEmpty")}</p> : null}
      </section>

      {loaded.coming.length > 0 ? (
        <section aria-labelledby="coming-title" id="coming">
          <h2 id="coming-title">{t("workshopsStaff.council.comingTitle")}</h2>
          <Terms terms={loaded.coming} caption={t("workshopsStaff.council.comingCaption", { count: loaded.coming.length })} base={base} />
        </section>
      ) : null}

      <AppointSection base={base} initial={loaded.initial} failed={failed?.errors.end ? undefined : failed} />

      <section aria-labelledby="past-title" id="past">
        <h2 id="past-title">{t("workshopsStaff.council.pastTitle")}</h2>
        {loaded.past.length === 0 ? (
          <p className="empty-state">{t("workshopsStaff.council.pastEmpty")}</p>
        ) : (
          <Terms terms={loaded.past} caption={t("workshopsStaff.council.pastCaption", { count: loaded.past.length })} base={base} />
        )}
      </section>
    </>
  );
}

function Terms({ terms, caption, base, endable = false }: { terms: Term[]; caption: string; base: string; endable?: boolean }) {
  const t = useT();
  const language = useLanguage();
  if (terms.length === 0) return null;
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("workshopsStaff.roster.name")}</th>
            <th scope="col">{t("workshopsStaff.roster.email")}</th>
            <th scope="col">{t("workshopsStaff.council.startsOn")}</th>
            <th scope="col">{t("workshopsStaff.council.endsOn")}</th>
            {endable ? <th scope="col">{t("workshopsStaff.council.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {terms.map((term) => {
            const who = term.name || term.email || t("workshopsStaff.roster.unknown");
            return (
              <tr key={term.id}>
                <th scope="row">{term.name || t("workshopsStaff.roster.noName")}</th>
                <td className="break">{term.email ?? "–"}</td>
                <td>{formatDate(term.startsOn, language)}</td>
                <td>
                  {formatDate(term.endsOn, language)}
                  {term.endingSoon ? (
                    <>
                      {" "}
                      <strong className="marker marker-soon">{t("workshopsStaff.council.endingSoon")}</strong>
                    </>
                  ) : null}
                </td>
                {endable ? (
                  <td>
                    {term.endsToday ? (
                      t("workshopsStaff.council.endsToday")
                    ) : (
                    <Form method="post" action={`${base}#current`}>
                      <input type="hidden" name="intent" value="end" />
                      <input type="hidden" name="termId" value={term.id} />
                      <button type="submit" className="secondary">
                        {t("workshopsStaff.council.end")}
                        <span className="visually-hidden">: {who}</span>
                      </button>
                    </Form>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function AppointSection({
  base,
  initial,
  failed,
}: {
  base: string;
  initial: Record<string, string>;
  failed?: { errors: FieldErrors; values: Record<string, string> };
}) {
  const t = useT();
  const location = useLocation();
  const errors = failed?.errors ?? {};
  const values = { ...initial, ...(failed?.values ?? {}) };
  const labels = {
    form: t("workshopsStaff.council.appointTitle"),
    email: t("workshopsStaff.council.email"),
    startsOn: t("workshopsStaff.council.startsOn"),
    endsOn: t("workshopsStaff.council.endsOn"),
  };
  const state = (name: string) => (errors[name] ? { errors: { [name]: errors[name]! } } : undefined);
  return (
    <section aria-labelledby="appoint-title" id="appoint" className="narrow">
      <h2 id="appoint-title">{labels.form}</h2>
      <p className="hint">{t("workshopsStaff.council.appointHint")}</p>
      <Form method="post" action={`${base}#appoint`} noValidate key={location.key}>
        <ErrorSummary state={{ errors }} labels={labels} />
        {errors.form ? (
          <p className="field-error" id="form">
            {t(errors.form)}
          </p>
        ) : null}
        <input type="hidden" name="intent" value="appoint" />
        <Field name="email" label={labels.email} type="email" autoComplete="off" defaultValue={values.email} state={state("email")} />
        <Field name="startsOn" label={labels.startsOn} type="date" defaultValue={values.startsOn} state={state("startsOn")} />
        <Field
          name="endsOn"
          label={labels.endsOn}
          type="date"
          defaultValue={values.endsOn}
          state={state("endsOn")}
          hint={t("workshopsStaff.council.endsOnHint")}
        />
        <button type="submit" className="primary">
          {t("workshopsStaff.council.appoint")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
