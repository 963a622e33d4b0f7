// Pieces both member booking pages show: when a slot is, where, and the
// notice after a change. Not a route (routes are listed in app/routes.ts).
import { useT } from "~/components/use-translate";
import { formatDateTime, locale, timeZone, type Language, type MessageKey, type Translate } from "~/infra/i18n/i18n";

/** What these pages read of a slot (a subset of the module's MemberSlot). */
export interface SlotView {
  id: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  mode: "IN_PERSON" | "REMOTE";
  address: string | null;
  accessibility: string | null;
  bring: string | null;
  videoLink: string | null;
  full: boolean;
  placesLeft: number;
}

const weekdays = new Map<Language, Intl.DateTimeFormat>();
const clocks = new Map<Language, Intl.DateTimeFormat>();

function cached(map: Map<Language, Intl.DateTimeFormat>, language: Language, options: Intl.DateTimeFormatOptions) {
  let format = map.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(language), { ...options, timeZone });
    map.set(language, format);
  }
  return format;
}

/** "torstai 22.10.2026 klo 10.00–11.30": weekday, start and end in Helsinki time, in the reader's locale. */
export function slotWhen(slot: { startsAt: string; endsAt: string }, language: Language): string {
  const weekday = cached(weekdays, language, { weekday: "long" }).format(new Date(slot.startsAt));
  const end = cached(clocks, language, { timeStyle: "short" }).format(new Date(slot.endsAt));
  return `${weekday} ${formatDateTime(slot.startsAt, language)}–${end}`;
}

/** Only an https link is ever rendered as a link (staff typed it; the form checks it too). */
function safeLink(url: string | null): string | null {
  return url && /^https:\/\/\S+$/i.test(url) ? url : null;
}

/**
 * The facts of a slot as a description list, then the places left. `own` is
 * the member's own booking: the video link shows there when the module gives
 * it (BOOKED only), and the places left are not shown.
 */
export function SlotDetails({ slot, own, waitlisted }: { slot: SlotView; own?: boolean; waitlisted?: boolean }) {
  const t = useT();
  const video = safeLink(slot.videoLink);
  return (
    <>
      <SlotFacts slot={slot} own={own} waitlisted={waitlisted} video={video} />
      {own ? null : <p className={slot.full ? "booking-availability booking-full" : "booking-availability"}>{availability(slot, t)}</p>}
    </>
  );
}

function SlotFacts({ slot, own, waitlisted, video }: { slot: SlotView; own?: boolean; waitlisted?: boolean; video: string | null }) {
  const t = useT();
  return (
    <dl className="booking-details">
      <div>
        <dt>{t("booking.duration")}</dt>
        <dd>{t("booking.durationValue", { minutes: slot.durationMinutes })}</dd>
      </div>
      <div>
        <dt>{t("booking.place")}</dt>
        <dd>{slot.mode === "REMOTE" ? t("booking.remote") : <MultiLine text={slot.address ?? ""} />}</dd>
      </div>
      {slot.mode === "IN_PERSON" && slot.accessibility ? (
        <div>
          <dt>{t("booking.placeAccessibility")}</dt>
          <dd>
            <MultiLine text={slot.accessibility} />
          </dd>
        </div>
      ) : null}
      {slot.mode === "REMOTE" && own ? (
        <div>
          <dt>{t("booking.videoLink")}</dt>
          <dd>
            {video ? (
              <a href={video} rel="noopener noreferrer">
                {video}
              </a>
            ) : waitlisted ? (
              t("booking.videoLinkLater")
            ) : (
              "–"
            )}
          </dd>
        </div>
      ) : null}
      {slot.bring ? (
        <div>
          <dt>{t("booking.bring")}</dt>
          <dd>
            <MultiLine text={slot.bring} />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

export function availability(slot: { full: boolean; placesLeft: number }, t: Translate): string {
  if (slot.full) return t("booking.full");
  return slot.placesLeft === 1 ? t("booking.placesLeftOne") : t("booking.placesLeft", { count: slot.placesLeft });
}

/** Staff-typed text keeps its line breaks (addresses, accessibility notes) without any HTML. */
function MultiLine({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, index) => (
        <span key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </span>
      ))}
    </>
  );
}

export const doneNotices = {
  booked: "booking.done.booked",
  waitlisted: "booking.done.waitlisted",
  cancelled: "booking.done.cancelled",
  moved: "booking.done.moved",
  consents: "booking.done.consents",
} as const satisfies Record<string, MessageKey>;

export const refusals = {
  closed: "booking.refused.closed",
  "past-cutoff": "booking.refused.past-cutoff",
  "already-booked": "booking.refused.already-booked",
  "no-slot": "booking.refused.no-slot",
} as const satisfies Record<string, MessageKey>;

export type Done = keyof typeof doneNotices;
export type Refusal = keyof typeof refusals;

/**
 * The page's status region after a post/redirect/get: `?done=` says what
 * happened, `?refused=` why nothing did. Unknown values show nothing. The
 * polite region is always there, so a change made with JavaScript (no page
 * load) is announced too.
 */
export function BookingNotice({
  done,
  refused,
  cutoffHours,
}: {
  done: string | null;
  refused: string | null;
  /** null when the page spans studies with different cut-offs */
  cutoffHours: number | null;
}) {
  const t = useT();
  const known = refused && Object.hasOwn(refusals, refused) ? (refused as Refusal) : null;
  const refusal: MessageKey | null =
    known === "past-cutoff" && cutoffHours === null ? "booking.refused.pastCutoffSoon" : known ? refusals[known] : null;
  const notice = !refusal && done && Object.hasOwn(doneNotices, done) ? doneNotices[done as Done] : null;
  return (
    <>
      <div role="status" className="booking-status">
        {notice ? <p className="success">{t(notice)}</p> : null}
      </div>
      {refusal ? (
        <div className="error-summary" role="alert" aria-labelledby="refused-title">
          <h2 id="refused-title">{t("booking.refusedTitle")}</h2>
          <p>{t(refusal, { hours: cutoffHours ?? "" })}</p>
        </div>
      ) : null}
    </>
  );
}
