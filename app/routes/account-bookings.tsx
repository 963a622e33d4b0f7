// A signed-in member's upcoming bookings across studies. Changing the time
// needs the invitation link (/b/:token), which is not stored anywhere, so
// this page only cancels: a confirmation step (?confirm=<bookingId>), then a
// POST answered by a redirect with a notice.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { cancelOwnBooking, memberBookings } from "~/modules/workshops/workshops.server";
import { local } from "~/modules/surveys/link-pages.server";
import { BookingNotice, SlotDetails, slotWhen } from "./booking/booking-parts";
import styles from "./booking/booking.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

// Ids go to a uuid column: anything else is answered here, never by a database error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const bookings = await memberBookings(user.id);
  return {
    bookings: bookings.map(({ studyTitle, ...booking }) => ({ ...booking, studyTitle: local(studyTitle, user.language) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const values = await readForm(request);
  if (values.intent !== "cancel") throw new Response("Bad request", { status: 400 });
  const bookingId = values.bookingId ?? "";
  if (!UUID.test(bookingId)) throw new Response("Not found", { status: 404 });
  const result = await cancelOwnBooking(user.id, bookingId);
  if (!result) throw new Response("Not found", { status: 404 });
  return redirect(result.ok ? "/account/bookings?done=cancelled" : `/account/bookings?refused=${result.reason}`);
}

export default function AccountBookings() {
  const t = useT();
  const language = useLanguage();
  const { bookings } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const confirming = bookings.find((b) => b.bookingId === params.get("confirm") && b.changeable);

  if (confirming) {
    const waitlisted = confirming.state === "WAITLISTED";
    return (
      <div className="booking">
        <p className="booking-kicker">{confirming.studyTitle}</p>
        <h1>{t(waitlisted ? "booking.cancel.waitlistTitle" : "booking.cancel.title")}</h1>
        <section className="booking-card" aria-labelledby="cancel-time">
          <h2 id="cancel-time">{slotWhen(confirming.slot, language)}</h2>
          <SlotDetails slot={confirming.slot} own waitlisted={waitlisted} />
        </section>
        <p>{t(waitlisted ? "booking.cancel.waitlistBody" : "booking.cancel.body")}</p>
        <Form method="post" action="/account/bookings" className="booking-actions">
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="bookingId" value={confirming.bookingId} />
          <button type="submit" className="primary booking-danger">
            {t(waitlisted ? "booking.cancel.confirmWaitlist" : "booking.cancel.confirm")}
          </button>
          <Link to="/account/bookings">{t("booking.cancel.keep")}</Link>
        </Form>
      </div>
    );
  }

  return (
    <div className="booking">
      <p>
        <Link to="/account">{t("profile.backToAccount")}</Link>
      </p>
      <h1>{t("booking.account.title")}</h1>
      {/* Each study has its own cut-off, so the refusal names no hours. */}
      <BookingNotice done={params.get("done")} refused={params.get("refused")} cutoffHours={null} />
      <p>{t("booking.account.intro")}</p>
      {bookings.length === 0 ? (
        <p className="empty-state">{t("booking.account.empty")}</p>
      ) : (
        <ul className="booking-list">
          {bookings.map((booking) => {
            const when = slotWhen(booking.slot, language);
            const waitlisted = booking.state === "WAITLISTED";
            const titleId = `booking-${booking.bookingId}`;
            return (
              <li key={booking.bookingId} className="booking-card" aria-labelledby={titleId}>
                <h2 id={titleId}>{booking.studyTitle}</h2>
                <p className="booking-when">{when}</p>
                <p>
                  <span className={waitlisted ? "booking-badge booking-badge-waiting" : "booking-badge"}>
                    {t(waitlisted ? "booking.state.WAITLISTED" : "booking.state.BOOKED")}
                  </span>
                </p>
                {waitlisted && booking.waitlistPosition ? (
                  <p>{t("booking.waitlistPosition", { position: booking.waitlistPosition })}</p>
                ) : null}
                <SlotDetails slot={booking.slot} own waitlisted={waitlisted} />
                {booking.changeable ? (
                  <p className="booking-actions">
                    <Link className="button-secondary" to={`?confirm=${booking.bookingId}`}>
                      {t(waitlisted ? "booking.leaveWaitlist" : "booking.cancel")}
                      <span className="visually-hidden">
                        : {booking.studyTitle}, {when}
                      </span>
                    </Link>
                  </p>
                ) : (
                  <p className="notice">{t("booking.account.locked")}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
