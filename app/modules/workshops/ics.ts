// Calendar invitations (.ics, RFC 5545) for workshop bookings: one VEVENT per
// booking, sent as REQUEST when booked, promoted or moved and as CANCEL when
// cancelled. The UID stays the same for a booking and SEQUENCE grows, so a
// calendar updates the event it already holds instead of adding a second one.
// Times are written in UTC (…Z): no VTIMEZONE to get wrong, and the calendar
// shows them in the reader's own zone. Pure: shared by server, browser and tests.

export interface CalendarEvent {
  uid: string; // stable per booking: `booking-<bookingId>@<host>`
  sequence: number; // increments on every change sent
  method: "REQUEST" | "CANCEL";
  start: Date;
  end: Date; // written as UTC (…Z) DTSTART/DTEND
  stamp: Date; // DTSTAMP
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer: { name: string; email: string };
  attendee?: { email: string; name?: string };
}

export const icsFilename = "invite.ics";

// Control characters are not allowed in content lines (HTAB is); a stray CR or
// LF in a URI or parameter would otherwise start a property of its own.
const controls = /[\u0000-\u0008\u000A-\u001F\u007F]/g;

/** TEXT value: backslash, semicolon, comma escaped; any line break becomes \n. */
function text(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n")
    .replace(controls, "");
}

/** URI and CAL-ADDRESS values are not escaped, only kept on one line. */
function uri(value: string): string {
  return value.replace(controls, "");
}

/** Parameter value (CN): quoted when it holds : ; or , with RFC 6868 ^ escapes for " and newlines. */
function param(value: string): string {
  const escaped = value
    .replace(/\r\n?/g, "\n")
    .replace(/\^/g, "^^")
    .replace(/"/g, "^'")
    .replace(/\n/g, "^n")
    .replace(controls, "");
  return /[:;,]/.test(escaped) ? `"${escaped}"` : escaped;
}

/** DATE-TIME in UTC form: 20261022T070000Z. */
function utc(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError("Invalid date in calendar event");
  return at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

const utf8Length = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Folds a content line at 75 octets (CRLF + space before each continuation), never inside a UTF-8 character. */
function foldLine(line: string): string {
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    // A continuation line's leading space counts towards its 75 octets.
    if (octets + size > 75) {
      lines.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join("\r\n");
}

/** VCALENDAR with PRODID, VERSION:2.0, METHOD, one VEVENT (STATUS:CONFIRMED or CANCELLED); CRLF, lines folded at 75 octets (UTF-8 safe), TEXT escaped. */
export function calendarEvent(event: CalendarEvent): string {
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError(`SEQUENCE must be a whole number ≥ 0: ${event.sequence}`);
  }
  const { organizer, attendee } = event;
  const lines = [
    "BEGIN:VCALENDAR",
    "PRODID:-//Panel//Workshops//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${event.method}`,
    "BEGIN:VEVENT",
    `UID:${text(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(event.end)}`,
    `SUMMARY:${text(event.summary)}`,
    event.description && `DESCRIPTION:${text(event.description)}`,
    event.location && `LOCATION:${text(event.location)}`,
    event.url && `URL:${uri(event.url)}`,
    `ORGANIZER;CN=${param(organizer.name)}:mailto:${uri(organizer.email)}`,
    attendee &&
      `ATTENDEE${attendee.name ? `;CN=${param(attendee.name)}` : ""};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${uri(attendee.email)}`,
    `STATUS:${event.method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines
    .filter((line): line is string => Boolean(line))
    .map((line) => `${foldLine(line)}\r\n`)
    .join("");
}
