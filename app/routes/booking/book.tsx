// The booking page behind an interview, workshop, usability test or council
// invitation (/b/:token): no sign-in, the invitation token is the key. GET
// shows and changes nothing; every change is a POST with a named intent,
// answered by a redirect with a notice (?done=…, ?refused=…). Without
// JavaScript the booking form, the move and the cancel confirmation are page
// states in the URL (?slot=, ?move=, ?confirm=cancel&booking=).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useRouteError,
  useSearchParams,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field, TextArea, type FormState } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { parseValues, readForm, type FieldErrors } from "~/infra/http/form.server";
import type { MessageKey } from "~/infra/i18n/i18n";
import { local, pageLanguage } from "~/modules/surveys/link-pages.server";
import { book, bookingPage, cancelBooking, moveBooking, setConsents } from "~/modules/workshops/workshops.server";
import { availability, BookingNotice, SlotDetails, slotWhen, type Refusal } from "./booking-parts";
import styles from "./booking.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

// Ids go to uuid columns: anything else is answered here, never by a database error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const yesNo = z.enum(["yes", "no"], { error: "booking.error.consent" });
const text = (max: number) => z.string().trim().max(max, "form.tooLong").default("");

const bookSchema = z.object({
  observationConsent: yesNo,
  recordingConsent: yesNo,
  accessibilityNeeds: text(1000),
  device: text(200),
  assistiveTech: text(200),
});

const consentsSchema = z.object({ observationConsent: yesNo, recordingConsent: yesNo });

function notFound() {
  return new Response("Not found", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await bookingPage(params.token ?? "");
  if (!page) throw notFound();
  // The page speaks the reader's language (as the survey pages do); the slots are those in the member's.
  const language = await pageLanguage(request);
  return {
    ...page,
    study: { type: page.study.type, title: local(page.study.title, language), description: local(page.study.description, language) },
  };
}

type Intent = "book" | "move" | "consents";

/** A form that did not pass: its errors and what was typed, and which booking or slot it was about. */
function failure(intent: Intent, ids: { bookingId?: string; slotId?: string }, errors: FieldErrors, values: Record<string, string>) {
  return data(
    { intent, bookingId: ids.bookingId ?? "", slotId: ids.slotId ?? "", errors, values },
    { status: 400 },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const values = await readForm(request);
  const back = (query: string) => redirect(`/b/${encodeURIComponent(token)}?${query}`);
  const refused = (reason: Refusal) => back(`refused=${reason}`);
  const bookingId = values.bookingId ?? "";
  const slotId = values.slotId ?? "";

  switch (values.intent) {
    case "book": {
      if (!UUID.test(slotId)) return refused("no-slot");
      // A time no longer on offer is refused before the form is judged: its errors could not be shown.
      const page = await bookingPage(token);
      if (!page) throw notFound();
      const slot = page.slots.find((s) => s.id === slotId);
      if (!slot) return refused(page.closed ? "closed" : !page.canBookMore ? "already-booked" : "no-slot");
      const form = parseValues(values, bookSchema);
      const errors: FieldErrors = form.ok ? {} : { ...form.errors };
      if (slot.asksDevice && !errors.device && !(values.device ?? "").trim()) errors.device = "booking.error.device";
      if (!form.ok || Object.keys(errors).length > 0) return failure("book", { slotId }, errors, values);
      const asksDevice = slot.asksDevice;
      const result = await book(token, {
        slotId,
        observationConsent: form.data.observationConsent === "yes",
        recordingConsent: form.data.recordingConsent === "yes",
        accessibilityNeeds: form.data.accessibilityNeeds,
        device: asksDevice ? form.data.device : "",
        assistiveTech: asksDevice ? form.data.assistiveTech : "",
      });
      if (!result) throw notFound();
      if (!result.ok) return refused(result.reason);
      return back(`done=${result.state === "BOOKED" ? "booked" : "waitlisted"}`);
    }
    case "cancel": {
      if (!UUID.test(bookingId)) throw notFound();
      const result = await cancelBooking(token, bookingId);
      if (!result) throw notFound();
      return result.ok ? back("done=cancelled") : refused(result.reason);
    }
    case "move": {
      if (!UUID.test(bookingId)) throw notFound();
      if (!slotId) return failure("move", { bookingId }, { slotId: "booking.error.chooseTime" }, values);
      if (!UUID.test(slotId)) return refused("no-slot");
      const result = await moveBooking(token, bookingId, slotId);
      if (!result) throw notFound();
      if (!result.ok) return refused(result.reason);
      return back("done=moved");
    }
    case "consents": {
      if (!UUID.test(bookingId)) throw notFound();
      const form = parseValues(values, consentsSchema);
      if (!form.ok) return failure("consents", { bookingId }, form.errors, values);
      const result = await setConsents(token, bookingId, {
        observationConsent: form.data.observationConsent === "yes",
        recordingConsent: form.data.recordingConsent === "yes",
      });
      if (!result) throw notFound();
      return back("done=consents");
    }
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Mine = Page["mine"][number];
type SlotOf = Page["slots"][number];
type Failed = ReturnType<typeof useActionData<typeof action>>;

export default function BookingRoute() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { pathname } = useLocation();

  const ownSlots = new Set(page.mine.map((b) => b.slot.id));
  const bookable = page.slots.filter((s) => !ownSlots.has(s.id));
  const canBook = !page.closed && page.canBookMore;

  // A failed post keeps its form on screen; otherwise the URL says which state to show.
  const wantedSlot = failed?.intent === "book" ? failed.slotId : params.get("slot");
  const slot = canBook && wantedSlot ? bookable.find((s) => s.id === wantedSlot) : undefined;
  const wantedMove = failed?.intent === "move" ? failed.bookingId : params.get("move");
  const movable = !page.closed && page.study.type !== "CUSTOMER_COUNCIL";
  const moving = wantedMove && movable ? page.mine.find((b) => b.bookingId === wantedMove && b.changeable) : undefined;
  const cancelling =
    params.get("confirm") === "cancel" ? page.mine.find((b) => b.bookingId === params.get("booking") && b.changeable) : undefined;
  // A stale or hand-made ?slot= falls back to the list, saying why.
  const staleSlot: Refusal | null =
    wantedSlot && !slot ? (page.closed ? "closed" : !page.canBookMore ? "already-booked" : "no-slot") : null;

  let view: { kicker: string; title: string; body: ReactNode; back?: boolean };
  if (slot) {
    view = {
      kicker: page.study.title,
      title: t(slot.full ? "booking.book.waitlistTitle" : "booking.book.title"),
      back: true,
      body: <BookForm slot={slot} failed={failed} pathname={pathname} />,
    };
  } else if (moving) {
    view = {
      kicker: page.study.title,
      title: t("booking.move.title"),
      back: true,
      body: <MoveForm booking={moving} options={bookable.filter((s) => !s.full)} failed={failed} pathname={pathname} />,
    };
  } else if (cancelling) {
    view = {
      kicker: page.study.title,
      title: t(cancelling.state === "WAITLISTED" ? "booking.cancel.waitlistTitle" : "booking.cancel.title"),
      body: <CancelConfirm booking={cancelling} pathname={pathname} />,
    };
  } else if (page.closed && page.mine.length === 0) {
    view = { kicker: page.study.title, title: t("booking.closed.title"), body: <p>{t("booking.closed.body")}</p> };
  } else {
    view = {
      kicker: t("booking.kicker"),
      title: page.study.title,
      body: <Overview page={page} bookable={bookable} canBook={canBook} movable={movable} failed={failed} pathname={pathname} />,
    };
  }

  return (
    <div className="booking">
      {view.back ? (
        <p>
          <Link to={pathname}>{t("booking.back")}</Link>
        </p>
      ) : null}
      <p className="booking-kicker">{view.kicker}</p>
      <h1>{view.title}</h1>
      <BookingNotice done={params.get("done")} refused={params.get("refused") ?? staleSlot} cutoffHours={page.cutoffHours} />
      {view.body}
    </div>
  );
}

function Overview({
  page,
  bookable,
  canBook,
  movable,
  failed,
  pathname,
}: {
  page: Page;
  bookable: SlotOf[];
  canBook: boolean;
  movable: boolean;
  failed: Failed;
  pathname: string;
}) {
  const t = useT();
  const language = useLanguage();
  const council = page.study.type === "CUSTOMER_COUNCIL";
  // The consents form sits low on the page: its errors are also summed up at the top, linked to the fields.
  const consentErrors =
    failed?.intent === "consents"
      ? Object.fromEntries(Object.entries(failed.errors).map(([field, key]) => [`${failed.bookingId}-${field}`, key as MessageKey]))
      : undefined;
  const consentLabels = failed
    ? {
        [`${failed.bookingId}-observationConsent`]: t("booking.observation.legend"),
        [`${failed.bookingId}-recordingConsent`]: t("booking.recording.legend"),
      }
    : {};
  return (
    <>
      <ErrorSummary state={consentErrors ? { errors: consentErrors } : undefined} labels={consentLabels} />
      {page.study.description ? (
        <div className="booking-description">
          {page.study.description.split(/\n\s*\n/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
      ) : null}
      {page.closed ? null : <p className="hint">{t("booking.cutoffHint", { hours: page.cutoffHours })}</p>}

      {page.mine.length > 0 ? (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">{t("booking.mine.title")}</h2>
          {page.closed ? <p className="notice">{t("booking.closed.withBooking")}</p> : null}
          {page.mine.map((booking) => (
            <OwnBooking
              key={booking.bookingId}
              booking={booking}
              movable={movable}
              pathname={pathname}
              cutoffHours={page.cutoffHours}
              failed={failed?.intent === "consents" && failed.bookingId === booking.bookingId ? failed : undefined}
            />
          ))}
        </section>
      ) : null}

      {canBook ? (
        <section aria-labelledby="slots-title">
          <h2 id="slots-title">{t("booking.slots.title")}</h2>
          {bookable.length === 0 ? (
            <p className="empty-state">{t("booking.slots.none")}</p>
          ) : (
            <>
              <p>{t(council ? "booking.slots.councilIntro" : "booking.slots.intro")}</p>
              <ul className="booking-list">
                {bookable.map((slot) => {
                  const when = slotWhen(slot, language);
                  return (
                    <li key={slot.id} className="booking-card">
                      <h3>{when}</h3>
                      <SlotDetails slot={slot} />
                      <Link className={slot.full ? "button-secondary" : "button"} to={`?slot=${slot.id}`}>
                        {t(slot.full ? "booking.slots.join" : "booking.slots.book")}
                        <span className="visually-hidden">: {when}</span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

function OwnBooking({
  booking,
  movable,
  cutoffHours,
  failed,
  pathname,
}: {
  booking: Mine;
  /** councils book every meeting, so a council booking is cancelled, not moved */
  movable: boolean;
  cutoffHours: number;
  failed: Failed;
  pathname: string;
}) {
  const t = useT();
  const language = useLanguage();
  const when = slotWhen(booking.slot, language);
  const waitlisted = booking.state === "WAITLISTED";
  const titleId = `booking-${booking.bookingId}`;
  const shared: [MessageKey, string | null][] = [
    ["booking.shared.needs", booking.accessibilityNeeds],
    ["booking.shared.device", booking.device],
    ["booking.shared.assistive", booking.assistiveTech],
  ];
  const given = shared.filter(([, value]) => value);
  return (
    <article className="booking-card" aria-labelledby={titleId}>
      <h3 id={titleId}>{when}</h3>
      <p>
        <span className={waitlisted ? "booking-badge booking-badge-waiting" : "booking-badge"}>
          {t(waitlisted ? "booking.state.WAITLISTED" : "booking.state.BOOKED")}
        </span>
      </p>
      {waitlisted && booking.waitlistPosition ? <p>{t("booking.waitlistPosition", { position: booking.waitlistPosition })}</p> : null}
      <SlotDetails slot={booking.slot} own waitlisted={waitlisted} />
      {given.length > 0 ? (
        <>
          <h4>{t("booking.shared.title")}</h4>
          <dl className="booking-details">
            {given.map(([label, value]) => (
              <div key={label}>
                <dt>{t(label)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      {booking.changeable ? (
        <p className="booking-actions">
          {movable ? (
            <Link className="button" to={`?move=${booking.bookingId}`}>
              {t("booking.change")}
              <span className="visually-hidden">: {when}</span>
            </Link>
          ) : null}
          <Link className="button-secondary" to={`?confirm=cancel&booking=${booking.bookingId}`}>
            {t(waitlisted ? "booking.leaveWaitlist" : "booking.cancel")}
            <span className="visually-hidden">: {when}</span>
          </Link>
        </p>
      ) : (
        <p className="notice">{t("booking.locked", { hours: cutoffHours })}</p>
      )}
      <ConsentsForm booking={booking} failed={failed} pathname={pathname} />
    </article>
  );
}

function ConsentsForm({ booking, failed, pathname }: { booking: Mine; failed: Failed; pathname: string }) {
  const t = useT();
  const id = booking.bookingId;
  const errors = failed?.errors as Record<string, MessageKey> | undefined;
  return (
    <Form method="post" action={pathname} noValidate className="booking-consents" aria-labelledby={`consents-${id}`}>
      <h4 id={`consents-${id}`}>{t("booking.consents.title")}</h4>
      <p className="hint">{t("booking.consents.intro")}</p>
      <input type="hidden" name="intent" value="consents" />
      <input type="hidden" name="bookingId" value={id} />
      <YesNo
        name="observationConsent"
        idPrefix={`${id}-`}
        kind="observation"
        value={failed ? (failed.values.observationConsent ?? "") : booking.observationConsent}
        error={errors?.observationConsent}
      />
      <YesNo
        name="recordingConsent"
        idPrefix={`${id}-`}
        kind="recording"
        value={failed ? (failed.values.recordingConsent ?? "") : booking.recordingConsent}
        error={errors?.recordingConsent}
      />
      <button type="submit" className="secondary">
        {t("booking.consents.save")}
      </button>
    </Form>
  );
}

function BookForm({ slot, failed, pathname }: { slot: SlotOf; failed: Failed; pathname: string }) {
  const t = useT();
  const language = useLanguage();
  const state: FormState | undefined =
    failed?.intent === "book" ? { errors: failed.errors as Record<string, MessageKey>, values: failed.values } : undefined;
  const labels = {
    observationConsent: t("booking.observation.legend"),
    recordingConsent: t("booking.recording.legend"),
    device: t("booking.device.label"),
    assistiveTech: t("booking.assistive.label"),
    accessibilityNeeds: t("booking.needs.label"),
  };
  return (
    <>
      <section className="booking-card" aria-labelledby="chosen-slot">
        <h2 id="chosen-slot">{slotWhen(slot, language)}</h2>
        <SlotDetails slot={slot} />
      </section>
      <p>{t(slot.full ? "booking.book.waitlistIntro" : "booking.book.intro")}</p>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" action={pathname} noValidate>
        <input type="hidden" name="intent" value="book" />
        <input type="hidden" name="slotId" value={slot.id} />
        <YesNo
          name="observationConsent"
          kind="observation"
          value={state?.values?.observationConsent}
          error={state?.errors?.observationConsent}
        />
        <YesNo name="recordingConsent" kind="recording" value={state?.values?.recordingConsent} error={state?.errors?.recordingConsent} />
        {slot.asksDevice ? (
          <>
            <Field name="device" label={labels.device} hint={t("booking.device.hint")} state={state} maxLength={200} aria-required />
            <Field name="assistiveTech" label={labels.assistiveTech} hint={t("booking.assistive.hint")} state={state} maxLength={200} />
          </>
        ) : null}
        <TextArea name="accessibilityNeeds" label={labels.accessibilityNeeds} hint={t("booking.needs.hint")} state={state} maxLength={1000} />
        <button type="submit" className="primary">
          {t(slot.full ? "booking.book.waitlistSubmit" : "booking.book.submit")}
        </button>
      </Form>
    </>
  );
}

function MoveForm({ booking, options, failed, pathname }: { booking: Mine; options: SlotOf[]; failed: Failed; pathname: string }) {
  const t = useT();
  const language = useLanguage();
  const state: FormState | undefined =
    failed?.intent === "move" ? { errors: failed.errors as Record<string, MessageKey>, values: failed.values } : undefined;
  const error = state?.errors?.slotId;
  return (
    <>
      <section className="booking-card" aria-labelledby="current-time">
        <h2 id="current-time">{t("booking.move.current")}</h2>
        <p className="booking-when">{slotWhen(booking.slot, language)}</p>
        <SlotDetails slot={booking.slot} own waitlisted={booking.state === "WAITLISTED"} />
      </section>
      {options.length === 0 ? (
        <p className="empty-state">{t("booking.move.none")}</p>
      ) : (
        <>
          <ErrorSummary state={state} labels={{ slotId: t("booking.move.legend") }} />
          <Form method="post" action={pathname} noValidate>
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="bookingId" value={booking.bookingId} />
            <fieldset
              className={error ? "field field-invalid" : "field"}
              aria-describedby={error ? "slotId-hint slotId-error" : "slotId-hint"}
            >
              <legend>{t("booking.move.legend")}</legend>
              <p className="hint" id="slotId-hint">
                {t("booking.move.hint")}
              </p>
              {error ? (
                <p className="field-error" id="slotId-error">
                  {t(error)}
                </p>
              ) : null}
              {options.map((option, index) => {
                const id = index === 0 ? "slotId" : `slotId-${option.id}`;
                return (
                  <div key={option.id} className="checkbox booking-option">
                    <input
                      type="radio"
                      id={id}
                      name="slotId"
                      value={option.id}
                      required
                      aria-invalid={error ? true : undefined}
                    />
                    <label htmlFor={id}>
                      {t("booking.move.option", { when: slotWhen(option, language), availability: availability(option, t) })}{" "}
                      <span className="booking-option-place">
                        {option.mode === "REMOTE" ? t("booking.remote") : (option.address ?? "").split(/\r?\n/)[0]}
                      </span>
                    </label>
                  </div>
                );
              })}
            </fieldset>
            <button type="submit" className="primary">
              {t("booking.move.submit")}
            </button>
          </Form>
        </>
      )}
    </>
  );
}

function CancelConfirm({ booking, pathname }: { booking: Mine; pathname: string }) {
  const t = useT();
  const language = useLanguage();
  const waitlisted = booking.state === "WAITLISTED";
  return (
    <>
      <section className="booking-card" aria-labelledby="cancel-time">
        <h2 id="cancel-time">{slotWhen(booking.slot, language)}</h2>
        <SlotDetails slot={booking.slot} own waitlisted={waitlisted} />
      </section>
      <p>{t(waitlisted ? "booking.cancel.waitlistBody" : "booking.cancel.body")}</p>
      <Form method="post" action={pathname} className="booking-actions">
        <input type="hidden" name="intent" value="cancel" />
        <input type="hidden" name="bookingId" value={booking.bookingId} />
        <button type="submit" className="primary booking-danger">
          {t(waitlisted ? "booking.cancel.confirmWaitlist" : "booking.cancel.confirm")}
        </button>
        <Link to={pathname}>{t("booking.cancel.keep")}</Link>
      </Form>
    </>
  );
}

/** A required yes/no question as a radio group; refusing is a real answer. */
function YesNo({
  name,
  kind,
  value,
  error,
  idPrefix = "",
}: {
  name: string;
  kind: "observation" | "recording";
  value: boolean | string | null | undefined;
  error?: MessageKey;
  idPrefix?: string;
}) {
  const t = useT();
  const id = `${idPrefix}${name}`;
  const chosen = typeof value === "string" ? value : value === true ? "yes" : value === false ? "no" : "";
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset className={error ? "field field-invalid" : "field"} aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
      <legend>{t(`booking.${kind}.legend`)}</legend>
      <p className="hint" id={hintId}>
        {t(`booking.${kind}.hint`)}
      </p>
      {error ? (
        <p className="field-error" id={errorId}>
          {t(error)}
        </p>
      ) : null}
      {(["yes", "no"] as const).map((answer) => (
        <div key={answer} className="checkbox">
          <input
            type="radio"
            id={answer === "yes" ? id : `${id}-no`}
            name={name}
            value={answer}
            defaultChecked={chosen === answer}
            required
            aria-invalid={error ? true : undefined}
          />
          <label htmlFor={answer === "yes" ? id : `${id}-no`}>{t(`booking.${kind}.${answer}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}


/** An unknown or mistyped link gets its own words; everything else the shared error page. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t("booking.invalid.title")}</h1>
      <p>{t("booking.invalid.body")}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
