// One session (slot), for staff only: its facts (the video link too), who
// booked and who waits with the consents and needs they gave, attendance,
// moving or cancelling it (everyone booked is told), and the research team's
// notes. Attendees never see each other: this page is the only roster.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams, useLocation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmBox, ErrorSummary, Field, TextArea } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { parseValues, readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { formatDateTime, locale, timeZone, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { localized } from "~/modules/studies/texts";
import { slotTimeSchema } from "~/modules/workshops/slot-form";
import { instantToHelsinki } from "~/modules/workshops/time";
import { addNote, cancelSlot, markAttendance, moveSlot, slotDetail } from "~/modules/workshops/workshops.server";
import styles from "./workshops.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

type FieldErrors = Record<string, MessageKey>;

/** The Helsinki clock time of an instant in the reader's locale ("11.30"), for the end of a session shown after its start. */
const clock = (at: string, language: Language) => new Intl.DateTimeFormat(locale(language), { timeStyle: "short", timeZone }).format(new Date(at));
type FormName = "attendance" | "move" | "cancel" | "note";

const NOTE_MAX = 4000;
const noteSchema = z.object({
  body: z
    .string()
    .transform((value) => value.replace(/\u0000/g, "").trim())
    .pipe(z.string().min(1, "workshops.error.note").max(NOTE_MAX, "workshops.error.note")),
});
const attendanceSchema = z.object({
  bookingId: z.string().uuid(),
  state: z.enum(["ATTENDED", "NO_SHOW", "BOOKED"]),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "workshops.manage");
  const detail = await slotDetail(user, params.id ?? "", params.slotId ?? "");
  if (!detail) notFound();
  const { study, slot, roster, notes } = detail;
  const wall = instantToHelsinki(new Date(slot.startsAt));
  return data(
    {
      study: { id: study.id, title: study.title as unknown, type: study.type },
      slot: {
        id: slot.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        durationMinutes: slot.durationMinutes,
        capacity: slot.capacity,
        language: slot.language,
        mode: slot.mode,
        address: slot.address,
        accessibility: slot.accessibility,
        bring: slot.bring,
        videoLink: slot.videoLink,
        asksDevice: slot.asksDevice,
        cancelledAt: slot.cancelledAt,
        booked: slot.booked,
        waitlisted: slot.waitlisted,
        facilitators: slot.facilitators.map((person) => (person.name ? `${person.name} (${person.email})` : person.email)),
        started: Date.parse(slot.startsAt) <= Date.now(),
        past: Date.parse(slot.endsAt) <= Date.now(),
      },
      move: { date: wall.date, time: wall.time, durationMinutes: String(slot.durationMinutes) },
      // The module orders it: booked places, the waitlist in its order, then cancellations.
      roster,
      notes,
    },
    // Names and emails of people: never kept in a shared cache.
    { headers: { "Cache-Control": "no-store" } },
  );
}

const refused = (form: FormName, errors: FieldErrors, values: Record<string, string> = {}, status = 409) =>
  data({ form, errors, values }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "workshops.manage");
  const studyId = params.id ?? "";
  const slotId = params.slotId ?? "";
  const values = await readForm(request);
  const base = `/staff/studies/${studyId}/slots/${slotId}`;

  switch (values.intent) {
    case "attendance": {
      const parsed = attendanceSchema.safeParse(values);
      if (!parsed.success) badRequest();
      const marked = await markAttendance(user, studyId, slotId, parsed.data.bookingId, parsed.data.state);
      if (!marked) notFound();
      if (!marked.ok) return refused("attendance", { attendance: `workshopsStaff.attendance.refused.${marked.reason}` as MessageKey });
      return redirect(`${base}?marked=${parsed.data.state}#roster`);
    }
    case "move": {
      const parsed = parseValues(values, slotTimeSchema);
      if (!parsed.ok) {
        if (!(await slotDetail(user, studyId, slotId))) notFound();
        return refused("move", parsed.errors, parsed.values, 400);
      }
      const moved = await moveSlot(user, studyId, slotId, parsed.data);
      if (!moved) notFound();
      if (!moved.ok) {
        const field = moved.reason === "cancelled" ? "form" : "date";
        return refused("move", { [field]: `workshopsStaff.move.refused.${moved.reason}` as MessageKey }, values);
      }
      return redirect(`${base}?moved=${moved.notified}#facts`);
    }
    case "cancel": {
      if (values.understood !== "on") {
        if (!(await slotDetail(user, studyId, slotId))) notFound();
        return refused("cancel", { understood: "workshopsStaff.cancel.error.understood" }, {}, 400);
      }
      const cancelled = await cancelSlot(user, studyId, slotId);
      if (!cancelled) notFound();
      if (!cancelled.ok) return refused("cancel", { understood: "workshopsStaff.cancel.refused.cancelled" });
      return redirect(`${base}?cancelled=${cancelled.notified}#facts`);
    }
    case "note": {
      const parsed = parseValues(values, noteSchema);
      if (!parsed.ok) {
        if (!(await slotDetail(user, studyId, slotId))) notFound();
        return refused("note", parsed.errors, parsed.values, 400);
      }
      const added = await addNote(user, studyId, slotId, parsed.data.body);
      if (!added) notFound();
      if (!added.ok) return refused("note", { body: "workshops.error.note" }, parsed.values, 400);
      return redirect(`${base}?noted=1#notes`);
    }
  }
  badRequest();
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Failed = ReturnType<typeof useActionData<typeof action>>;

export default function SlotPage() {
  const t = useT();
  const language = useLanguage();
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { study, slot } = loaded;
  const title = localized(study.title, language) || t("studies.untitled");
  const slotsPath = `/staff/studies/${study.id}/slots`;
  const base = `${slotsPath}/${slot.id}`;
  const when = formatDateTime(slot.startsAt, language);
  const failedOf = (form: FormName) => (failed?.form === form ? failed : undefined);

  return (
    <>
      <p>
        <Link to={slotsPath}>{t("workshopsStaff.backToSlots")}</Link>
      </p>
      <h1>{t("workshopsStaff.slot.title", { when })}</h1>
      <p>{t("workshopsStaff.slot.ofStudy", { title })}</p>
      <Notices />
      <Facts view={loaded} />
      <Roster view={loaded} base={base} error={failedOf("attendance")?.errors.attendance} />
      {slot.cancelledAt ? null : (
        <>
          <MoveSection view={loaded} base={base} failed={failedOf("move")} />
          <CancelSection view={loaded} base={base} failed={failedOf("cancel")} />
        </>
      )}
      <NotesSection view={loaded} base={base} failed={failedOf("note")} />
    </>
  );
}

function Notices() {
  const t = useT();
  const [params] = useSearchParams();
  const notices: string[] = [];
  const moved = params.get("moved");
  if (moved !== null) notices.push(t("workshopsStaff.notice.moved", { count: Number(moved) || 0 }));
  const cancelled = params.get("cancelled");
  if (cancelled !== null) notices.push(t("workshopsStaff.notice.cancelled", { count: Number(cancelled) || 0 }));
  const marked = params.get("marked");
  if (marked === "ATTENDED" || marked === "NO_SHOW" || marked === "BOOKED") notices.push(t(`workshopsStaff.notice.marked.${marked}` as MessageKey));
  if (params.get("noted")) notices.push(t("workshopsStaff.notice.noted"));
  if (notices.length === 0) return null;
  return (
    <div className="success" role="status">
      {notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
    </div>
  );
}

function Facts({ view }: { view: Loaded }) {
  const t = useT();
  const language = useLanguage();
  const { slot } = view;
  return (
    <section aria-labelledby="facts-title" id="facts">
      <h2 id="facts-title">{t("workshopsStaff.slot.factsTitle")}</h2>
      {slot.cancelledAt ? (
        <p className="notice marker-cancelled">
          <strong>{t("workshopsStaff.slot.cancelledAt", { when: formatDateTime(slot.cancelledAt, language) })}</strong>
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("workshopsStaff.slot.when")}</dt>
        <dd>
          {t("workshopsStaff.slot.whenValue", {
            start: formatDateTime(slot.startsAt, language),
            end: clock(slot.endsAt, language),
            minutes: slot.durationMinutes,
          })}
        </dd>
        <dt>{t("workshopsStaff.slots.language")}</dt>
        <dd>{t(`lang.${slot.language}` as MessageKey)}</dd>
        <dt>{t("workshopsStaff.slots.mode")}</dt>
        <dd>{t(`workshopsStaff.mode.${slot.mode}` as MessageKey)}</dd>
        {slot.address ? (
          <>
            <dt>{t("workshopsStaff.field.address")}</dt>
            <dd className="multiline">{slot.address}</dd>
          </>
        ) : null}
        {slot.accessibility ? (
          <>
            <dt>{t("workshopsStaff.field.accessibility")}</dt>
            <dd className="multiline">{slot.accessibility}</dd>
          </>
        ) : null}
        {slot.videoLink ? (
          <>
            <dt>{t("workshopsStaff.field.videoLink")}</dt>
            <dd>
              <a href={slot.videoLink} rel="noreferrer noopener" target="_blank" className="break">
                {slot.videoLink}
                <span className="visually-hidden"> {t("workshopsStaff.slot.opensNewWindow")}</span>
              </a>
            </dd>
          </>
        ) : null}
        {slot.bring ? (
          <>
            <dt>{t("workshopsStaff.field.bring")}</dt>
            <dd className="multiline">{slot.bring}</dd>
          </>
        ) : null}
        <dt>{t("workshopsStaff.slots.booked")}</dt>
        <dd>{t("workshopsStaff.slots.bookedValue", { booked: slot.booked, capacity: slot.capacity })}</dd>
        <dt>{t("workshopsStaff.slots.waitlisted")}</dt>
        <dd>{slot.waitlisted}</dd>
        <dt>{t("workshopsStaff.slots.facilitators")}</dt>
        <dd>{slot.facilitators.length > 0 ? slot.facilitators.join(", ") : t("workshopsStaff.slots.noFacilitators")}</dd>
        {slot.asksDevice ? (
          <>
            <dt>{t("workshopsStaff.slot.asksDevice")}</dt>
            <dd>{t("workshopsStaff.yes")}</dd>
          </>
        ) : null}
      </dl>
      {slot.videoLink ? <p className="hint">{t("workshopsStaff.slot.videoHint")}</p> : null}
    </section>
  );
}

function Roster({ view, base, error }: { view: Loaded; base: string; error?: MessageKey }) {
  const t = useT();
  const language = useLanguage();
  const { roster, slot } = view;
  const showDevice = slot.asksDevice || roster.some((entry) => entry.device || entry.assistiveTech);
  const consent = (value: boolean | null) =>
    value === null ? t("workshopsStaff.consent.notAsked") : value ? t("workshopsStaff.consent.yes") : t("workshopsStaff.consent.no");
  const canMark = slot.started && !slot.cancelledAt;
  return (
    <section aria-labelledby="roster-title" id="roster">
      <h2 id="roster-title">{t("workshopsStaff.roster.title")}</h2>
      <p className="hint">{t("workshopsStaff.roster.private")}</p>
      {error ? (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      {roster.length === 0 ? (
        <p className="empty-state">{t("workshopsStaff.roster.empty")}</p>
      ) : (
        <>
          {canMark ? null : <p className="hint">{slot.cancelledAt ? t("workshopsStaff.attendance.cancelled") : t("workshopsStaff.attendance.later")}</p>}
          <div className="table-wrap">
            <table className="roster">
              <caption>{t("workshopsStaff.roster.caption", { count: roster.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("workshopsStaff.roster.name")}</th>
                  <th scope="col">{t("workshopsStaff.roster.email")}</th>
                  <th scope="col">{t("workshopsStaff.roster.state")}</th>
                  <th scope="col" className="number">
                    {t("workshopsStaff.roster.position")}
                  </th>
                  <th scope="col">{t("workshopsStaff.roster.observation")}</th>
                  <th scope="col">{t("workshopsStaff.roster.recording")}</th>
                  <th scope="col">{t("workshopsStaff.roster.needs")}</th>
                  {showDevice ? (
                    <>
                      <th scope="col">{t("workshopsStaff.roster.device")}</th>
                      <th scope="col">{t("workshopsStaff.roster.assistiveTech")}</th>
                    </>
                  ) : null}
                  <th scope="col">{t("workshopsStaff.roster.bookedAt")}</th>
                  {canMark ? <th scope="col">{t("workshopsStaff.roster.attendance")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {roster.map((entry) => {
                  const who = entry.name || entry.email || t("workshopsStaff.roster.unknown");
                  const marks = (["ATTENDED", "NO_SHOW", "BOOKED"] as const).filter((state) => state !== entry.state);
                  return (
                    <tr key={entry.bookingId} className={entry.state === "CANCELLED" ? "cancelled" : undefined}>
                      <th scope="row">{entry.name || t("workshopsStaff.roster.noName")}</th>
                      <td className="break">{entry.email ?? "–"}</td>
                      <td>
                        <span className={`marker marker-${entry.state.toLowerCase()}`}>{t(`workshopsStaff.booking.${entry.state}` as MessageKey)}</span>
                      </td>
                      <td className="number">{entry.waitlistPosition ?? "–"}</td>
                      <td>{consent(entry.observationConsent)}</td>
                      <td>{consent(entry.recordingConsent)}</td>
                      <td className="multiline">{entry.accessibilityNeeds || "–"}</td>
                      {showDevice ? (
                        <>
                          <td className="multiline">{entry.device || "–"}</td>
                          <td className="multiline">{entry.assistiveTech || "–"}</td>
                        </>
                      ) : null}
                      <td>{formatDateTime(entry.bookedAt, language)}</td>
                      {canMark ? (
                        <td>
                          {["BOOKED", "ATTENDED", "NO_SHOW"].includes(entry.state) ? (
                            <div className="row-actions">
                              {marks.map((state) => (
                                <Form method="post" action={`${base}#roster`} key={state}>
                                  <input type="hidden" name="intent" value="attendance" />
                                  <input type="hidden" name="bookingId" value={entry.bookingId} />
                                  <input type="hidden" name="state" value={state} />
                                  <button type="submit" className="secondary">
                                    {t(`workshopsStaff.attendance.mark.${state}` as MessageKey)}
                                    <span className="visually-hidden">: {who}</span>
                                  </button>
                                </Form>
                              ))}
                            </div>
                          ) : (
                            "–"
                          )}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function MoveSection({ view, base, failed }: { view: Loaded; base: string; failed?: Failed }) {
  const t = useT();
  const location = useLocation();
  const errors: FieldErrors = failed?.errors ?? {};
  const values: Record<string, string> = { ...view.move, ...(failed?.values ?? {}) };
  const labels = {
    form: t("workshopsStaff.move.title"),
    date: t("workshopsStaff.field.date"),
    time: t("workshopsStaff.field.time"),
    durationMinutes: t("workshopsStaff.field.duration"),
  };
  const state = (name: string) => (errors[name] ? { errors: { [name]: errors[name]! } } : undefined);
  return (
    <section aria-labelledby="move-title" id="move" className="narrow">
      <h2 id="move-title">{t("workshopsStaff.move.title")}</h2>
      <p className="hint">{t("workshopsStaff.move.hint")}</p>
      <Form method="post" action={`${base}#move`} noValidate key={location.key}>
        <ErrorSummary state={{ errors }} labels={labels} />
        {errors.form ? (
          <p className="field-error" id="form">
            {t(errors.form)}
          </p>
        ) : null}
        <input type="hidden" name="intent" value="move" />
        <Field name="date" label={labels.date} type="date" defaultValue={values.date} state={state("date")} hint={t("workshopsStaff.field.dateHint")} />
        <Field name="time" label={labels.time} type="time" defaultValue={values.time} state={state("time")} hint={t("workshopsStaff.field.timeHint")} />
        <Field
          name="durationMinutes"
          label={labels.durationMinutes}
          inputMode="numeric"
          size={6}
          autoComplete="off"
          defaultValue={values.durationMinutes}
          state={state("durationMinutes")}
          hint={t("workshopsStaff.field.durationHint")}
        />
        <button type="submit" className="primary">
          {t("workshopsStaff.move.submit")}
        </button>
      </Form>
    </section>
  );
}

function CancelSection({ view, base, failed }: { view: Loaded; base: string; failed?: Failed }) {
  const t = useT();
  const location = useLocation();
  const error = failed?.errors.understood;
  const affected = view.slot.booked + view.slot.waitlisted;
  return (
    <section aria-labelledby="cancel-title" id="cancel" className="narrow">
      <h2 id="cancel-title">{t("workshopsStaff.cancel.title")}</h2>
      <p>{affected > 0 ? t("workshopsStaff.cancel.intro", { count: affected }) : t("workshopsStaff.cancel.introNobody")}</p>
      <Form method="post" action={`${base}#cancel`} noValidate key={location.key}>
        <input type="hidden" name="intent" value="cancel" />
        <ConfirmBox id="understood" label={t("workshopsStaff.cancel.understood")} error={error ? t(error) : undefined} />
        <button type="submit" className="primary danger">
          {t("workshopsStaff.cancel.submit")}
        </button>
      </Form>
    </section>
  );
}

function NotesSection({ view, base, failed }: { view: Loaded; base: string; failed?: Failed }) {
  const t = useT();
  const location = useLocation();
  const language = useLanguage();
  const error = failed?.errors.body;
  return (
    <section aria-labelledby="notes-title" id="notes" className="narrow">
      <h2 id="notes-title">{t("workshopsStaff.notes.title")}</h2>
      <p className="hint">{t("workshopsStaff.notes.intro")}</p>
      {view.notes.length === 0 ? (
        <p className="empty-state">{t("workshopsStaff.notes.empty")}</p>
      ) : (
        <ol className="notes">
          {view.notes.map((note) => (
            <li key={note.id}>
              <p className="hint">
                {t("workshopsStaff.notes.by", { author: note.author ?? t("workshopsStaff.notes.unknownAuthor"), when: formatDateTime(note.at, language) })}
              </p>
              <p className="multiline">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      <Form method="post" action={`${base}#notes`} noValidate key={location.key}>
        <input type="hidden" name="intent" value="note" />
        <TextArea
          name="body"
          label={t("workshopsStaff.notes.field")}
          hint={t("workshopsStaff.notes.hint")}
          value={failed?.values.body ?? ""}
          error={error}
          rows={4}
          maxLength={NOTE_MAX}
        />
        <button type="submit" className="secondary">
          {t("workshopsStaff.notes.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
