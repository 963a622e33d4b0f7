// What a member is told about their booking, written to the outbox in the
// transaction that made the change: the email in their language and, when
// their calendar should change, an RFC 5545 entry (REQUEST to add or update,
// CANCEL to remove). The entry's UID is the booking's, its SEQUENCE the
// booking's own counter, raised by every change before this is called.
import type { PanelTransaction } from "~/infra/db/panel.server";
import { env } from "~/infra/env.server";
import { formatDateTime, isLanguage, translator, type Language } from "~/infra/i18n/i18n";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import type { BookingEmailKind } from "~/emails/booking";
import { localized } from "~/modules/studies/texts";
import { calendarEvent } from "./ics";

export type NotifyKind = BookingEmailKind;

const calendarMethod: Partial<Record<NotifyKind, "REQUEST" | "CANCEL">> = {
  booked: "REQUEST",
  promoted: "REQUEST",
  moved: "REQUEST",
  cancelled: "CANCEL",
  slotCancelled: "CANCEL",
};

/** "Panel <panel@panel.example>" → its name and address. */
function organizer(): { name: string; email: string } {
  const from = env().MAIL_FROM;
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1]!.trim() || "Panel", email: match[2]!.trim() } : { name: "Panel", email: from.trim() };
}

export const bookingsUrl = () => `${env().PUBLIC_URL}/account/bookings`;

/** The calendar entry's UID: one per booking, for its whole life. */
export function bookingUid(bookingId: string): string {
  return `booking-${bookingId}@${new URL(env().PUBLIC_URL).hostname || "panel"}`;
}

export async function notifyBooking(tx: PanelTransaction, bookingId: string, kind: NotifyKind, options: { dedupe?: string } = {}) {
  const booking = await tx.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: {
      id: true,
      state: true,
      sequence: true,
      user: { select: { id: true, email: true, name: true, language: true, status: true, emailFailing: true } },
      slot: {
        select: {
          startsAt: true,
          durationMinutes: true,
          mode: true,
          address: true,
          accessibility: true,
          videoLink: true,
          bring: true,
          study: { select: { title: true } },
        },
      },
    },
  });
  const { user, slot } = booking;
  if (user.status !== "ACTIVE") return;
  const language: Language = isLanguage(user.language) ? user.language : "fi";
  const t = translator(language);
  const title = localized(slot.study.title, language);
  const end = new Date(slot.startsAt.getTime() + slot.durationMinutes * 60_000);
  const holdsPlace = booking.state === "BOOKED";
  // A waitlisted member's calendar does not change when the slot moves.
  const method = kind === "moved" && !holdsPlace ? undefined : calendarMethod[kind];
  const remote = slot.mode === "REMOTE";
  const place = remote ? (holdsPlace ? (slot.videoLink ?? "") : "") : (slot.address ?? "");
  const calendar = method
    ? {
        method,
        content: calendarEvent({
          uid: bookingUid(booking.id),
          sequence: booking.sequence,
          method,
          start: slot.startsAt,
          end,
          stamp: new Date(),
          summary: t("workshopsEmail.calendarSummary", { title }),
          description: [slot.bring ? t("workshopsEmail.bring", { text: slot.bring }) : "", slot.accessibility ?? ""].filter(Boolean).join("\n"),
          location: place || undefined,
          url: remote && holdsPlace && slot.videoLink ? slot.videoLink : undefined,
          organizer: organizer(),
          attendee: { email: user.email, name: user.name ?? undefined },
        }),
      }
    : undefined;
  await enqueueEmail(tx, {
    template: "booking",
    to: user.email,
    language,
    memberId: user.id,
    dedupeKey: options.dedupe ?? `booking:${booking.id}:${booking.sequence}:${kind}`,
    calendar,
    data: {
      kind,
      title,
      when: formatDateTime(slot.startsAt, language),
      minutes: slot.durationMinutes,
      address: slot.address,
      accessibility: slot.accessibility,
      remote,
      videoLink: holdsPlace && remote ? slot.videoLink : null,
      bring: slot.bring,
      manageUrl: bookingsUrl(),
      calendar: Boolean(calendar),
    },
  });
}
