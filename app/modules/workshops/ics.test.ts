// .ics invitations, read back by an independent parser (ical.js): instants of
// a weekly series across both DST changes, UID/SEQUENCE/METHOD/STATUS, folding
// of long UTF-8 text, and escaping of TEXT and parameter values.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarEvent, icsFilename, type CalendarEvent } from "./ics";
import { helsinkiToInstant, seriesDates } from "./time";

const base: CalendarEvent = {
  uid: "booking-ck123@panel.example.fi",
  sequence: 0,
  method: "REQUEST",
  start: new Date("2026-10-22T07:00:00Z"),
  end: new Date("2026-10-22T08:30:00Z"),
  stamp: new Date("2026-10-01T12:34:56.789Z"),
  summary: "Työpaja: uusi verkkopalvelu",
  organizer: { name: "Panel", email: "panel@example.fi" },
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

const octets = (line: string) => new TextEncoder().encode(line).length;
const unfold = (ics: string) => ics.replace(/\r\n /g, "");

describe("calendarEvent", () => {
  it("writes the fixed frame with CRLF line ends and the filename", () => {
    const ics = calendarEvent(base);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = ics.split("\r\n");
    expect(lines.slice(0, 6)).toEqual([
      "BEGIN:VCALENDAR",
      "PRODID:-//Panel//Workshops//EN",
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
      "METHOD:REQUEST",
      "BEGIN:VEVENT",
    ]);
    expect(lines).toContain("DTSTAMP:20261001T123456Z");
    expect(lines).toContain("DTSTART:20261022T070000Z");
    expect(lines).toContain("DTEND:20261022T083000Z");
    expect(lines).toContain("TRANSP:OPAQUE");
    expect(lines).toContain("ORGANIZER;CN=Panel:mailto:panel@example.fi");
    expect(lines.some((l) => /^(DESCRIPTION|LOCATION|URL|ATTENDEE)[:;]/.test(l))).toBe(false);
    expect(icsFilename).toBe("invite.ics");
  });

  it("keeps 10:00 Helsinki for a weekly series across the October change (EEST → EET)", () => {
    const dates = seriesDates("2026-10-15", 7, 4);
    const expected = [
      "2026-10-15T07:00:00.000Z",
      "2026-10-22T07:00:00.000Z",
      "2026-10-29T08:00:00.000Z",
      "2026-11-05T08:00:00.000Z",
    ];
    dates.forEach((date, i) => {
      const start = helsinkiToInstant(date, "10:00")!;
      const end = new Date(start.getTime() + 90 * 60_000);
      const { event } = parse(calendarEvent({ ...base, start, end }));
      expect(event.startDate.toJSDate().toISOString()).toBe(expected[i]);
      expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(90 * 60_000);
      expect(event.startDate.zone).toBe(ICAL.Timezone.utcTimezone);
    });
  });

  it("keeps 10:00 Helsinki for a weekly series across the March change (EET → EEST)", () => {
    const expected = [
      "2027-03-14T08:00:00.000Z",
      "2027-03-21T08:00:00.000Z",
      "2027-03-28T07:00:00.000Z",
      "2027-04-04T07:00:00.000Z",
    ];
    seriesDates("2027-03-14", 7, 4).forEach((date, i) => {
      const start = helsinkiToInstant(date, "10:00")!;
      const { event } = parse(calendarEvent({ ...base, start, end: new Date(start.getTime() + 3_600_000) }));
      expect(event.startDate.toJSDate().toISOString()).toBe(expected[i]);
      expect(event.endDate.toJSDate().toISOString()).toBe(new Date(Date.parse(expected[i]!) + 3_600_000).toISOString());
    });
  });

  it("round-trips UID, SEQUENCE, METHOD and STATUS for a request and a cancellation", () => {
    const request = parse(calendarEvent({ ...base, sequence: 3 }));
    expect(request.calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(request.calendar.getFirstPropertyValue("prodid")).toBe("-//Panel//Workshops//EN");
    expect(request.calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(request.event.uid).toBe("booking-ck123@panel.example.fi");
    expect(request.event.sequence).toBe(3);
    expect(request.vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");

    const cancel = parse(calendarEvent({ ...base, method: "CANCEL", sequence: 4 }));
    expect(cancel.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancel.event.uid).toBe(base.uid);
    expect(cancel.event.sequence).toBe(4);
    expect(cancel.vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("folds long Finnish and Swedish text at 75 octets without breaking a character", () => {
    const description =
      "Tervetuloa käyttäjätestiin! Tässä työpajassa kokeilemme uutta öljylämmityksen " +
      "säästölaskuria ja keskustelemme yhdessä siitä, miltä palvelu tuntuu 😊. " +
      "Välkommen till användartestet på Åbo kontor – vi bjuder på kaffe och bulle ☕, " +
      "och vi hoppas att du får en trevlig stund med oss. ääääääääääääääääääääääääää" +
      "öööööööööööööööööööööööööåååååååååååååååååå😊😊😊😊😊😊😊😊😊😊😊😊😊😊😊😊😊😊😊😊";
    const summary = "Käyttäjätesti 🧪 – användartest – ".repeat(5);
    const ics = calendarEvent({ ...base, description, summary, location: "Åbo, Tavastgatan 1 – 2. vån" });
    const lines = ics.split("\r\n").slice(0, -1);
    for (const line of lines) expect(octets(line), line).toBeLessThanOrEqual(75);
    // Folding actually happened, and every piece is valid UTF-8 on its own.
    const continuations = lines.filter((l) => l.startsWith(" "));
    expect(continuations.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(line))).toBe(line);
      expect(line).not.toMatch(/[\uD800-\uDFFF]/u);
    }
    const { event } = parse(ics);
    expect(event.description).toBe(description);
    expect(event.summary).toBe(summary);
    expect(event.location).toBe("Åbo, Tavastgatan 1 – 2. vån");
  });

  it("fills lines to exactly 75 octets before folding", () => {
    const ics = calendarEvent({ ...base, description: "a".repeat(300) });
    const lines = ics.split("\r\n").filter((l) => l.startsWith("DESCRIPTION:") || l.startsWith(" "));
    expect(lines.slice(0, -1).map(octets)).toEqual([75, 75, 75, 75]);
    expect(lines.join("").replace(/ /g, "")).toBe(`DESCRIPTION:${"a".repeat(300)}`);
  });

  it("escapes commas, semicolons, backslashes and line breaks in TEXT", () => {
    const description = "Ota mukaan: kynä, paperi; läppäri\\laturi.\nRivi 2\r\nRivi 3\rRivi 4";
    const ics = calendarEvent({ ...base, description, summary: "A, B; C\\D", location: "Katu 1, 00100 Helsinki" });
    expect(unfold(ics)).toContain("DESCRIPTION:Ota mukaan: kynä\\, paperi\\; läppäri\\\\laturi.\\nRivi 2\\nRivi 3\\nRivi 4");
    expect(ics).toContain("SUMMARY:A\\, B\\; C\\\\D\r\n");
    const { event } = parse(ics);
    expect(event.description).toBe("Ota mukaan: kynä, paperi; läppäri\\laturi.\nRivi 2\nRivi 3\nRivi 4");
    expect(event.summary).toBe("A, B; C\\D");
    expect(event.location).toBe("Katu 1, 00100 Helsinki");
  });

  it("writes URL, organizer and attendee, quoting names that hold : ; or ,", () => {
    const ics = calendarEvent({
      ...base,
      url: "https://panel.example.fi/account/bookings?x=1,2;3",
      organizer: { name: "Panel: Tutkimus, Helsinki", email: "panel@example.fi" },
      attendee: { email: "maija@example.fi", name: 'Virtanen; Maija "Mia"' },
    });
    expect(ics).toContain('ORGANIZER;CN="Panel: Tutkimus, Helsinki":mailto:panel@example.fi\r\n');
    expect(unfold(ics)).toContain(
      "ATTENDEE;CN=\"Virtanen; Maija ^'Mia^'\";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:maija@example.fi\r\n",
    );
    const { vevent, event } = parse(ics);
    expect(vevent.getFirstPropertyValue("url")).toBe("https://panel.example.fi/account/bookings?x=1,2;3");
    const organizer = vevent.getFirstProperty("organizer")!;
    expect(organizer.getParameter("cn")).toBe("Panel: Tutkimus, Helsinki");
    expect(organizer.getFirstValue()).toBe("mailto:panel@example.fi");
    const attendee = event.attendees[0]!;
    expect(attendee.getParameter("cn")).toBe('Virtanen; Maija "Mia"');
    expect(attendee.getParameter("role")).toBe("REQ-PARTICIPANT");
    expect(attendee.getParameter("partstat")).toBe("ACCEPTED");
    expect(attendee.getParameter("rsvp")).toBe("FALSE");
    expect(attendee.getFirstValue()).toBe("mailto:maija@example.fi");

    const comma = calendarEvent({ ...base, attendee: { email: "a@example.fi", name: "Virtanen, Maija" } });
    expect(unfold(comma)).toContain('ATTENDEE;CN="Virtanen, Maija";ROLE=');
    expect(parse(comma).event.attendees[0]!.getParameter("cn")).toBe("Virtanen, Maija");

    const anonymous = calendarEvent({ ...base, attendee: { email: "a@example.fi" } });
    expect(unfold(anonymous)).toContain("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:a@example.fi\r\n");
  });

  it("keeps line breaks in a URL or name from starting a property of their own", () => {
    const ics = calendarEvent({
      ...base,
      url: "https://example.fi/\r\nSTATUS:CANCELLED",
      organizer: { name: "Panel\r\nMETHOD:CANCEL", email: "panel@example.fi" },
    });
    const lines = ics.split("\r\n");
    expect(lines.filter((l) => l.startsWith("STATUS:"))).toEqual(["STATUS:CONFIRMED"]);
    expect(lines.filter((l) => l.startsWith("METHOD:"))).toEqual(["METHOD:REQUEST"]);
    expect(parse(ics).vevent.getFirstProperty("organizer")!.getParameter("cn")).toBe("Panel\nMETHOD:CANCEL");
  });

  it("rejects an invalid date or sequence", () => {
    expect(() => calendarEvent({ ...base, start: new Date("nope") })).toThrow(RangeError);
    expect(() => calendarEvent({ ...base, sequence: -1 })).toThrow(RangeError);
  });
});
