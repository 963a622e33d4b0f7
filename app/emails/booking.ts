// Emails about a member's booking of a slot: one template, the kind choosing
// its subject and opening. Times come formatted in the member's language
// (Europe/Helsinki); a remote slot's link is given only to a booked member.
import type { EmailTemplate } from "./layout";

export const bookingEmailKinds = ["booked", "waitlisted", "promoted", "cancelled", "moved", "slotCancelled", "reminder"] as const;
export type BookingEmailKind = (typeof bookingEmailKinds)[number];

export interface BookingEmailData {
  kind: BookingEmailKind;
  title: string;
  /** e.g. "22.10.2026 klo 10.00" */
  when: string;
  minutes: number;
  address: string | null;
  accessibility: string | null;
  remote: boolean;
  /** only when the member holds a place */
  videoLink: string | null;
  bring: string | null;
  manageUrl: string;
  /** a calendar entry goes with the message */
  calendar: boolean;
}

export const bookingEmail: EmailTemplate<BookingEmailData> = (t, data) => {
  const { title, when } = data;
  const ended = data.kind === "cancelled" || data.kind === "slotCancelled";
  const details = ended
    ? [t("workshopsEmail.when", { when, minutes: data.minutes })]
    : [
        t("workshopsEmail.when", { when, minutes: data.minutes }),
        ...(data.remote
          ? [data.videoLink ? t("workshopsEmail.remote", { link: data.videoLink }) : t("workshopsEmail.remoteLater")]
          : [t("workshopsEmail.place", { address: data.address ?? "" })]),
        ...(data.accessibility && !data.remote ? [t("workshopsEmail.accessibility", { text: data.accessibility })] : []),
        ...(data.bring ? [t("workshopsEmail.bring", { text: data.bring })] : []),
      ];
  return {
    subject: t(`workshopsEmail.subject.${data.kind}`, { title, when }),
    blocks: [
      { kind: "paragraph", text: t(`workshopsEmail.intro.${data.kind}`, { title, when }) },
      ...details.map((text) => ({ kind: "paragraph" as const, text })),
      ...(data.calendar ? [{ kind: "paragraph" as const, text: t("workshopsEmail.calendar") }] : []),
      { kind: "button", text: t("workshopsEmail.manage"), href: data.manageUrl },
    ],
  };
};

export const councilTermEndingEmail: EmailTemplate<{ title: string; date: string }> = (t, { title, date }) => ({
  subject: t("workshopsEmail.subject.termEnding", { date }),
  blocks: [{ kind: "paragraph", text: t("workshopsEmail.intro.termEnding", { title, date }) }],
});
