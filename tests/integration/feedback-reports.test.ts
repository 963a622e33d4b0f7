// Feedback reports against the real panel store, the real server's mail
// worker and a real SMTP server: a month of varied feedback for two units
// (and some unrouted), the monthly summary counted by PostgreSQL equals a
// count made here in plain code, the summary email arrives over SMTP to each
// unit in its language with the right figures and a plain-text part, once
// (not on a holiday or weekend before the first working day, not again when
// run twice or concurrently, not again later in the month); the report page,
// its CSV and the yearly view answer handlers and refuse other roles; the
// public "you said, we did" page shows only published changes and no personal
// data; the retention purge deletes old items and keeps published changes.
import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import type { FeedbackCategory, FeedbackChannel, FeedbackStatus } from "~/modules/feedback/kinds";
import { feedbackCategories, feedbackChannels } from "~/modules/feedback/kinds";
import { monthlySummary, yearlyView } from "~/modules/feedback/reports.server";
import { purgeOldFeedback } from "~/modules/feedback/retention.server";
import { sendMonthlySummaries } from "~/modules/feedback/summary.server";
import { createService, createUnit } from "../support/feedback";
import { serverWithSink } from "../support/members";
import type { SinkMessage } from "../support/smtp-sink";

const running = serverWithSink();

// April 2026 in Helsinki is UTC+3 throughout: it runs from 31 March 21.00 UTC to 30 April 21.00 UTC.
const APRIL_START = Date.parse("2026-03-31T21:00:00.000Z");
const APRIL_END = Date.parse("2026-04-30T21:00:00.000Z");
const inApril = (iso: string) => Date.parse(iso) >= APRIL_START && Date.parse(iso) < APRIL_END;
/** Monday 4 May 2026 is the first working day of May (Friday 1 May is May Day). */
const FIRST_WORKING_DAY = new Date("2026-05-04T06:00:00.000Z");

type UnitKey = "A" | "B";
type ServiceKey = "SA1" | "SA2" | "SB1";
type GroupKey = "G1" | "G2" | "G3";

interface Seed {
  unit: UnitKey | null;
  at: string;
  category: FeedbackCategory;
  channel: FeedbackChannel;
  service: ServiceKey | null;
  email?: string;
  phone?: string;
  employerId?: string;
  urgent?: boolean;
  status?: FeedbackStatus;
  ledToChange?: boolean;
  group?: GroupKey;
  /** action log entries besides RECEIVED: [kind, ISO time] */
  actions?: [string, string][];
}

const helsinkiApril = (day: number, hour = 9) => new Date(Date.UTC(2026, 3, day, hour - 3)).toISOString();

/** The month's feedback: varied categories, channels, services and customers, groups, urgency and changes. */
function seeds(): Seed[] {
  const list: Seed[] = [];
  const categories: FeedbackCategory[] = ["COMPLAINT", "COMPLAINT", "IDEA", "THANKS", "COMPLAINT"];
  const channels: FeedbackChannel[] = ["PHONE", "WEB", "EMAIL", "PHONE", "VISIT", "CHAT"];
  const services: (ServiceKey | null)[] = ["SA1", "SA2", "SA1", null];
  for (let i = 0; i < 24; i++) {
    const seed: Seed = {
      unit: "A",
      at: helsinkiApril(1 + i, 8 + (i % 9)),
      category: categories[i % 5]!,
      channel: channels[i % 6]!,
      service: services[i % 4]!,
      ledToChange: i % 7 === 0,
      status: (["NEW", "IN_PROGRESS", "RESOLVED", "CLOSED"] as const)[i % 4],
    };
    // Customers: the same email in another case is one customer; phones and business ids repeat; the rest are anonymous.
    if (i % 4 === 0) seed.email = i % 8 === 0 ? `Asiakas${i % 3}@Example.com` : `asiakas${i % 3}@example.com`;
    if (i % 4 === 1) seed.phone = `040 123 45${i % 2}`;
    if (i % 8 === 2) seed.employerId = "1234567-8";
    if (i <= 4) seed.group = "G1";
    if (i === 10 || i === 11) {
      seed.group = "G2";
      seed.email = "toistuva@example.com";
    }
    if (i === 15) seed.group = "G3";
    if (i === 5) Object.assign(seed, { urgent: true, status: "NEW" });
    if (i === 6) Object.assign(seed, { urgent: true, status: "RESOLVED" });
    if (i === 1) seed.actions = [["ACTION", helsinkiApril(3)], ["REPLY", helsinkiApril(4)], ["STATUS", helsinkiApril(4)], ["ASSIGNED", helsinkiApril(4)]];
    if (i === 7) seed.actions = [["ACTION", helsinkiApril(9)], ["CHANGE", helsinkiApril(10)], ["STATUS", helsinkiApril(10)], ["PUBLISHED", helsinkiApril(11)]];
    if (i === 14) seed.actions = [["ACTION", helsinkiApril(20)], ["REPLY", helsinkiApril(21)], ["CHANGE", helsinkiApril(22)], ["STATUS", helsinkiApril(23)], ["STATUS", helsinkiApril(24)]];
    // After the month (1 May 00.00 Helsinki) and at its first instant.
    if (i === 20) seed.actions = [["ACTION", "2026-04-30T21:00:00.000Z"], ["ACTION", "2026-03-31T21:00:00.000Z"]];
    list.push(seed);
  }
  // The month's edges in Helsinki time.
  list.push({ unit: "A", at: "2026-03-31T20:59:59.999Z", category: "IDEA", channel: "LETTER", service: "SA2" });
  list.push({ unit: "A", at: "2026-03-31T21:00:00.000Z", category: "IDEA", channel: "LETTER", service: "SA2" });
  list.push({ unit: "A", at: "2026-04-30T20:59:59.999Z", category: "THANKS", channel: "MEETING", service: "SA2", ledToChange: true });
  list.push({ unit: "A", at: "2026-04-30T21:00:00.000Z", category: "THANKS", channel: "MEETING", service: "SA2" });
  // Urgent and still open: one from March (counted while open), one from May (after the month).
  list.push({ unit: "A", at: "2026-03-20T10:00:00.000Z", category: "COMPLAINT", channel: "PHONE", service: "SA1", urgent: true, status: "IN_PROGRESS", group: "G3" });
  list.push({ unit: "A", at: "2026-05-02T10:00:00.000Z", category: "COMPLAINT", channel: "PHONE", service: "SA1", urgent: true, status: "NEW" });
  // Unit B, in Swedish.
  const bCategories: FeedbackCategory[] = ["THANKS", "IDEA", "COMPLAINT", "THANKS"];
  const bChannels: FeedbackChannel[] = ["WEB", "WEB", "EMAIL", "OTHER", "PHONE"];
  for (let i = 0; i < 11; i++) {
    list.push({
      unit: "B",
      at: helsinkiApril(2 + i * 2, 12),
      category: bCategories[i % 4]!,
      channel: bChannels[i % 5]!,
      service: i % 3 === 0 ? null : "SB1",
      email: i % 2 === 0 ? `kund${i}@example.se` : undefined,
      ledToChange: i === 3 || i === 8,
      group: i === 0 ? "G1" : undefined,
      urgent: i === 4,
      status: i === 4 ? "NEW" : "RESOLVED",
      actions: i === 2 ? [["ACTION", helsinkiApril(8)], ["STATUS", helsinkiApril(9)]] : undefined,
    });
  }
  list.push({ unit: "B", at: "2026-03-10T10:00:00.000Z", category: "COMPLAINT", channel: "PHONE", service: "SB1" });
  // Not routed to any unit: counted only for all units.
  list.push({ unit: null, at: helsinkiApril(15), category: "COMPLAINT", channel: "WEB", service: null });
  list.push({ unit: null, at: helsinkiApril(16), category: "IDEA", channel: "WEB", service: null, group: "G2" });
  return list;
}

const countedKinds = ["ACTION", "REPLY", "CHANGE", "STATUS"] as const;
const customerOf = (seed: Seed, id: string) => seed.email?.toLowerCase() ?? seed.phone ?? seed.employerId ?? id;

interface World {
  units: Record<UnitKey, { id: string; name: string; email: string }>;
  services: Record<ServiceKey, { id: string; nameFi: string; nameSv: string; nameEn: string }>;
  groups: Record<GroupKey, string>;
  items: { id: string; number: number; seed: Seed }[];
  handlerCookie: string;
}
const world = {} as World;

async function cookieFor(roles: string[], language: "fi" | "sv" | "en" = "fi") {
  const email = `staff-${crypto.randomUUID()}@reports.example`;
  const user = await db.user.create({ data: { kind: roles.includes("MEMBER") ? "MEMBER" : "STAFF", roles: roles as never, email, name: email, language } });
  return (await createSession(user.id, new Request("http://localhost/"))).split(";")[0]!;
}

beforeAll(async () => {
  const a = await createUnit("Perhe-etuudet", "perhe@units.example", "fi");
  const b = await createUnit("Pension", "pension@units.example", "sv");
  // Both existed before the month; a unit made after it, and one no longer in use, get no summary.
  await db.feedbackUnit.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });
  const late = await createUnit("Uusi yksikkö", "late@units.example", "fi");
  const retired = await createUnit("Lakkautettu", "retired@units.example", "fi");
  await db.feedbackUnit.update({ where: { id: retired.id }, data: { active: false, createdAt: new Date("2026-01-01T00:00:00Z") } });
  void late;
  world.units = { A: a, B: b };
  world.services = {
    SA1: await createService({ fi: "Lapsilisä", sv: "Barnbidrag", en: "Child benefit" }, a.id),
    SA2: await createService({ fi: "Asumistuki", sv: "Bostadsbidrag", en: "Housing allowance" }, a.id),
    SB1: await createService({ fi: "Eläke", sv: "Pension", en: "Pension" }, b.id),
  };
  world.groups = {
    G1: (await db.feedbackGroup.create({ data: { title: "Jonot puhelinpalveluun", terms: ["jono", "puhelin"] } })).id,
    // A title that a spreadsheet would run as a formula, with a phone number in it.
    G2: (await db.feedbackGroup.create({ data: { title: "=SUMMA(A1) soita 040 7654321", terms: ["liite"] } })).id,
    G3: (await db.feedbackGroup.create({ data: { terms: ["lomake", "virhe"] } })).id,
  };
  world.items = [];
  for (const seed of seeds()) {
    const item = await db.feedback.create({
      data: {
        receivedAt: new Date(seed.at),
        channel: seed.channel,
        category: seed.category,
        serviceId: seed.service ? world.services[seed.service].id : null,
        customerType: seed.employerId ? "EMPLOYER" : "PRIVATE",
        employerId: seed.employerId ?? null,
        urgent: seed.urgent ?? false,
        text: "Palautteen teksti, soita 040 1112223 tai kirjoita salainen.henkilo@example.com",
        language: seed.unit === "B" ? "sv" : "fi",
        contactEmail: seed.email ?? null,
        contactPhone: seed.phone ?? null,
        contactName: seed.email || seed.phone ? "Salainen Henkilö" : null,
        wantsContact: Boolean(seed.email || seed.phone),
        status: seed.status ?? "NEW",
        unitId: seed.unit ? world.units[seed.unit].id : null,
        ledToChange: seed.ledToChange ?? false,
        changeText: seed.ledToChange ? "Julkaisematon muutos: soittoajat pidemmiksi" : null,
        groupId: seed.group ? world.groups[seed.group] : null,
        stems: [],
        actions: {
          create: [
            { kind: "RECEIVED", at: new Date(seed.at), text: "arrived" },
            ...(seed.actions ?? []).map(([kind, at]) => ({ kind: kind as never, at: new Date(at), text: "done" })),
          ],
        },
      },
      select: { id: true, number: true },
    });
    world.items.push({ ...item, seed });
  }
  world.handlerCookie = await cookieFor(["FEEDBACK_HANDLER"]);
});

/** The month's figures for a unit (or all), counted here from the seeds without SQL. */
function expected(unit: UnitKey | null) {
  const scope = world.items.filter((i) => unit === null || i.seed.unit === unit);
  const month = scope.filter((i) => inApril(i.seed.at));
  const countBy = <K extends string>(key: (i: (typeof month)[number]) => K) => {
    const map = new Map<K, number>();
    for (const i of month) map.set(key(i), (map.get(key(i)) ?? 0) + 1);
    return map;
  };
  const actions = Object.fromEntries(
    countedKinds.map((kind) => [kind, scope.reduce((n, i) => n + (i.seed.actions ?? []).filter(([k, at]) => k === kind && inApril(at)).length, 0)]),
  ) as Record<(typeof countedKinds)[number], number>;
  const groups = (Object.keys(world.groups) as GroupKey[])
    .map((g) => {
      const members = month.filter((i) => i.seed.group === g);
      return {
        groupId: world.groups[g],
        items: members.length,
        customers: new Set(members.map((i) => customerOf(i.seed, i.id))).size,
        channels: feedbackChannels.filter((c) => members.some((i) => i.seed.channel === c)),
      };
    })
    .filter((g) => g.items >= 2);
  const urgent = scope
    .filter((i) => i.seed.urgent && (i.seed.status === "NEW" || i.seed.status === "IN_PROGRESS") && Date.parse(i.seed.at) < APRIL_END)
    .sort((x, y) => Date.parse(x.seed.at) - Date.parse(y.seed.at));
  return {
    total: month.length,
    customers: new Set(month.map((i) => customerOf(i.seed, i.id))).size,
    ledToChange: month.filter((i) => i.seed.ledToChange).length,
    byCategory: countBy((i) => i.seed.category),
    byChannel: countBy((i) => i.seed.channel),
    byService: countBy((i) => (i.seed.service ? world.services[i.seed.service].id : "none")),
    actions: { ...actions, total: countedKinds.reduce((n, k) => n + actions[k], 0) },
    groups,
    urgent,
  };
}

describe("monthly summary figures", () => {
  it("equal a count made independently, for each unit and for all units, with Helsinki month edges", async () => {
    for (const unit of ["A", "B", null] as const) {
      const want = expected(unit);
      const got = await monthlySummary({ unitId: unit ? world.units[unit].id : null, month: "2026-04", now: FIRST_WORKING_DAY });
      const where = `unit ${unit ?? "all"}`;
      expect(got.total, where).toBe(want.total);
      expect(got.customers, where).toBe(want.customers);
      expect(got.ledToChange, where).toBe(want.ledToChange);
      expect(got.byCategory, where).toEqual(feedbackCategories.map((key) => ({ key, count: want.byCategory.get(key) ?? 0 })));
      expect(got.byChannel, where).toEqual(feedbackChannels.map((key) => ({ key, count: want.byChannel.get(key) ?? 0 })));
      expect(new Map(got.byService.map((s) => [s.serviceId ?? "none", s.count])), where).toEqual(want.byService);
      expect(got.actions, where).toEqual(want.actions);
      expect(
        got.topGroups.map((g) => ({ groupId: g.groupId, items: g.items, customers: g.customers, channels: g.channels })).sort((x, y) => x.groupId.localeCompare(y.groupId)),
        where,
      ).toEqual([...want.groups].sort((x, y) => x.groupId.localeCompare(y.groupId)));
      expect(got.openUrgent.map((u) => u.id), where).toEqual(want.urgent.map((i) => i.id));
      expect(got.openUrgentTotal, where).toBe(want.urgent.length);
    }
    // The seeds really are varied: the figures below are what the emails must carry.
    const a = expected("A");
    expect(a.total).toBe(26);
    expect(a.urgent).toHaveLength(2);
    expect(a.groups.map((g) => g.items).sort()).toEqual([2, 5]);
    expect(a.actions).toEqual({ ACTION: 4, REPLY: 2, CHANGE: 2, STATUS: 4, total: 12 });
  });

  it("waiting time runs from arrival to now; a group's label is masked", async () => {
    const got = await monthlySummary({ unitId: world.units.A.id, month: "2026-04", now: FIRST_WORKING_DAY });
    const march = got.openUrgent[0]!;
    expect(march.waitingMs).toBe(FIRST_WORKING_DAY.getTime() - Date.parse("2026-03-20T10:00:00.000Z"));
    const g2 = got.topGroups.find((g) => g.groupId === world.groups.G2)!;
    expect(g2.label).not.toContain("7654321");
    expect(g2.label).toContain("[phone]");
    expect(g2.customers).toBe(1);
  });

  it("the yearly view counts items and changes by unit and month", async () => {
    const view = await yearlyView(2026);
    const rowA = view.units.find((u) => u.unitId === world.units.A.id)!;
    const itemsA = world.items.filter((i) => i.seed.unit === "A");
    expect(rowA.items).toBe(itemsA.length);
    expect(rowA.ledToChange).toBe(itemsA.filter((i) => i.seed.ledToChange).length);
    expect(rowA.months[3]).toEqual({ items: expected("A").total, ledToChange: expected("A").ledToChange });
    expect(rowA.months[2]!.items).toBe(2); // 31 March 23.59.59 and 20 March
    expect(rowA.months[4]!.items).toBe(2); // 1 May 00.00 and 2 May
    expect(rowA.share).toBeCloseTo(rowA.ledToChange / rowA.items);
    expect(view.units.some((u) => u.unitId === null && u.items === 2)).toBe(true);
    expect(view.total.items).toBe(world.items.length);
  });
});

describe("the monthly summary email", () => {
  const aprilTo = (address: string, word: string) => (m: SinkMessage) => m.to.includes(address) && (m.parsed.subject ?? "").includes(word);

  it("is not sent before the first working day: May Day and the weekend after it", async () => {
    expect(await sendMonthlySummaries(new Date("2026-05-01T09:00:00.000Z"))).toBe(0);
    expect(await sendMonthlySummaries(new Date("2026-05-02T09:00:00.000Z"))).toBe(0);
    expect(await sendMonthlySummaries(new Date("2026-05-03T20:59:00.000Z"))).toBe(0); // Sunday 23.59 in Helsinki
    expect(await db.feedbackSummarySent.count({ where: { month: "2026-04" } })).toBe(0);
  });

  it("arrives once to each active unit over SMTP on the first working day, in the unit's language, with the figures", async () => {
    // Two instances at once: one email per unit between them.
    const runs = await Promise.all([sendMonthlySummaries(FIRST_WORKING_DAY), sendMonthlySummaries(FIRST_WORKING_DAY)]);
    expect(runs[0]! + runs[1]!).toBe(2);
    const sent = await db.feedbackSummarySent.findMany({ where: { month: "2026-04" }, select: { unitId: true } });
    expect(sent.map((s) => s.unitId).sort()).toEqual([world.units.A.id, world.units.B.id].sort());

    const fi = await running.sink.waitFor(aprilTo("perhe@units.example", "huhtikuu 2026"), 20_000);
    const sv = await running.sink.waitFor(aprilTo("pension@units.example", "april 2026"), 20_000);
    for (const message of [fi, sv]) {
      expect(message.parsed.html).toBeTruthy();
      expect(message.parsed.text).toBeTruthy();
    }

    // Finnish, unit A.
    const a = expected("A");
    const textA = fi.parsed.text!;
    expect(fi.parsed.subject).toBe("Palautteen kuukausikooste: Perhe-etuudet, huhtikuu 2026");
    expect(textA).toContain(`Palautteita: ${a.total} (asiakkaita: ${a.customers})`);
    expect(textA).toContain(
      `Luokittain: Moite ${a.byCategory.get("COMPLAINT") ?? 0} · Kehitysidea ${a.byCategory.get("IDEA") ?? 0} · Kiitos ${a.byCategory.get("THANKS") ?? 0}`,
    );
    const serviceLine = textA.split("\n").find((line) => line.startsWith("Palveluittain: "))!;
    expect(serviceLine.split(": ")[1]!.split(" · ").sort()).toEqual(
      [
        `Lapsilisä ${a.byService.get(world.services.SA1.id)}`,
        `Asumistuki ${a.byService.get(world.services.SA2.id)}`,
        `Ei tiettyä palvelua ${a.byService.get("none")}`,
      ].sort(),
    );
    const channelLine = textA.split("\n").find((line) => line.startsWith("Kanavittain: "))!;
    const fiChannels: Record<string, string> = { WEB: "Verkkolomake", PHONE: "Puhelin", EMAIL: "Sähköposti", VISIT: "Asiointikäynti", MEETING: "Tapaaminen", CHAT: "Chat", LETTER: "Kirje" };
    expect(channelLine.split(": ")[1]!.split(" · ").sort()).toEqual([...a.byChannel].map(([c, n]) => `${fiChannels[c]} ${n}`).sort());
    expect(textA).toContain(`Johti muutokseen: ${a.ledToChange} / ${a.total}`);
    expect(textA).toContain("Tehdyt toimenpiteet: 12 (toimenpiteet 4, vastaukset 2, muutokset 2, tilan muutokset 4)");
    expect(textA).toContain("Avoimia kiireellisiä palautteita: 2");
    for (const item of a.urgent) expect(textA).toContain(`#${item.number} (odottanut `);
    expect(textA).toContain("Jonot puhelinpalveluun: palautteita 5, asiakkaita");
    expect(textA).not.toContain("7654321");
    expect(textA).toContain(`/staff/feedback/reports?unit=${world.units.A.id}&month=2026-04`);

    // Swedish, unit B.
    const b = expected("B");
    const textB = sv.parsed.text!;
    expect(sv.parsed.subject).toBe("Månadssammandrag av respons: Pension, april 2026");
    expect(textB).toContain(`Respons: ${b.total} (kunder: ${b.customers})`);
    expect(textB).toContain(
      `Per kategori: Klagomål ${b.byCategory.get("COMPLAINT") ?? 0} · Utvecklingsidé ${b.byCategory.get("IDEA") ?? 0} · Tack ${b.byCategory.get("THANKS") ?? 0}`,
    );
    expect(textB).toMatch(new RegExp(`Per tjänst: .*Pension ${b.byService.get(world.services.SB1.id)}`));
    expect(textB).toMatch(new RegExp(`Per kanal: .*Webbformulär ${b.byChannel.get("WEB")}`));
    expect(textB).toContain(`Ledde till en ändring: ${b.ledToChange} / ${b.total}`);
    expect(textB).toContain("Öppen brådskande respons: 1");
    expect(textB).toContain("Vidtagna åtgärder: 2 (åtgärder 1, svar 0, ändringar 0, statusbyten 1)");
    // The unit made after April and the one not in use got nothing for April.
    expect(running.sink.messages.filter((m) => /late@|retired@/.test(m.to.join()) && (m.parsed.subject ?? "").includes("huhtikuu 2026"))).toEqual([]);
  });

  it("a second run, and a run later in the month, send nothing more", async () => {
    expect(await sendMonthlySummaries(FIRST_WORKING_DAY)).toBe(0);
    expect(await sendMonthlySummaries(new Date("2026-05-20T10:00:00.000Z"))).toBe(0);
    // Give the mail worker time to deliver anything that would have been queued.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const april = running.sink.messages.filter((m) => /huhtikuu 2026|april 2026/.test(m.parsed.subject ?? ""));
    expect(april.map((m) => m.to.join()).sort()).toEqual(["pension@units.example", "perhe@units.example"]);
    expect(await db.outboxEmail.count({ where: { template: "feedback-summary", dedupeKey: { contains: ":2026-04" } } })).toBe(2);
  });

  it("catches up later in the month for a unit that missed its day", async () => {
    const c = await createUnit("Kuntoutus", "kuntoutus@units.example", "en");
    await db.feedbackUnit.update({ where: { id: c.id }, data: { createdAt: new Date("2026-02-01T00:00:00Z") } });
    expect(await sendMonthlySummaries(new Date("2026-05-20T10:00:00.000Z"))).toBe(1);
    const en = await running.sink.waitFor(aprilTo("kuntoutus@units.example", "April 2026"), 20_000);
    expect(en.parsed.subject).toBe("Monthly feedback summary: Kuntoutus, April 2026");
    expect(en.parsed.text).toContain("No feedback arrived during the month.");
    expect(en.parsed.text).toContain("Open urgent items: 0");
  });
});

describe("report pages", () => {
  const get = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
    fetch(`${running.server.url}${path}`, { redirect: "manual", headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });

  it("the monthly report shows the unit's figures, charts with tables, and falls back on a wrong month or unit", async () => {
    const a = expected("A");
    const page = await get(`/staff/feedback/reports?unit=${world.units.A.id}&month=2026-04`, world.handlerCookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Perhe-etuudet: huhtikuu 2026");
    expect(html).toContain('role="img"');
    expect(html).toContain("<table");
    expect(html).toContain(`<dd>${a.total}</dd>`);
    expect(html).toContain("Jonot puhelinpalveluun");
    expect(html).not.toContain("salainen.henkilo");
    expect(html).not.toContain("Salainen Henkilö");
    expect(html).toContain(`/staff/feedback/reports.csv?unit=${world.units.A.id}&amp;month=2026-04`);

    for (const query of ["?month=2026-13&unit=nonsense", "?month=%3Cscript%3E&unit=00000000-0000-0000-0000-000000000000", "?month=1999-01", "?month=&unit="]) {
      const response = await get(`/staff/feedback/reports${query}`, world.handlerCookie);
      expect(response.status, query).toBe(200);
      const body = await response.text();
      if (query !== "?month=&unit=") expect(body, query).toContain("Osoitteen kuukautta ei tunnistettu");
      expect(body, query).not.toContain("<script>");
    }
    const wrongUnit = await (await get("/staff/feedback/reports?unit=nonsense&month=2026-04", world.handlerCookie)).text();
    expect(wrongUnit).toContain("Osoitteen yksikköä ei löytynyt");
    expect(wrongUnit).toContain("Kaikki yksiköt: huhtikuu 2026");
  });

  it("the CSV carries the same figures with a BOM, formulas escaped and free text masked", async () => {
    const a = expected("A");
    const response = await get(`/staff/feedback/reports.csv?unit=${world.units.A.id}&month=2026-04`, world.handlerCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes.slice(3));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("Osio,Kohde,Määrä,Asiakkaita,Tiedot");
    expect(lines).toContain(`Palautteita,,${a.total},${a.customers},`);
    expect(lines).toContain(`Luokittain,Moite,${a.byCategory.get("COMPLAINT")},,`);
    expect(lines).toContain(`Palveluittain,Lapsilisä,${a.byService.get(world.services.SA1.id)},,`);
    expect(lines).toContain(`Johti muutokseen,,${a.ledToChange},,`);
    expect(lines).toContain("Tehdyt toimenpiteet,Yhteensä,12,,");
    expect(lines).toContain("Avoimet kiireelliset,,2,,");
    const g2 = lines.find((line) => line.includes("SUMMA"))!;
    expect(g2.startsWith("Toistuvat aiheet,'=SUMMA(A1) soita ••• [phone],2,1,")).toBe(true);
    expect(csv).not.toContain("7654321");
    expect(csv).not.toContain("salainen");
    // A wrong month falls back instead of failing.
    expect((await get("/staff/feedback/reports.csv?month=x&unit=y", world.handlerCookie)).status).toBe(200);
  });

  it("the yearly view lists changes by unit; a wrong year falls back", async () => {
    const page = await get("/staff/feedback/year?year=2026", world.handlerCookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Palautteet ja muutokset 2026");
    expect(html).toContain("<th scope=\"row\">Perhe-etuudet</th><td>30</td><td>5</td>");
    expect(html).toContain("Pension");
    const wrong = await get("/staff/feedback/year?year=abc", world.handlerCookie);
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain("Osoitteen vuotta ei tunnistettu");
    expect((await get("/staff/feedback/year?year=99999999999999999999", world.handlerCookie)).status).toBe(200);
  });

  it("other roles get 403 and visitors are sent to sign in", async () => {
    const paths = ["/staff/feedback/reports", "/staff/feedback/reports.csv?month=2026-04", "/staff/feedback/year?year=2026"];
    for (const roles of [["RESEARCHER"], ["FACILITATOR"], ["MEMBER"]]) {
      const cookie = await cookieFor(roles);
      for (const path of paths) expect((await get(path, cookie)).status, `${roles} ${path}`).toBe(403);
    }
    for (const path of paths) {
      const response = await get(path);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toMatch(/^\/staff\/sign-in/);
    }
    const admin = await cookieFor(["ADMIN"]);
    for (const path of paths) expect((await get(path, admin)).status, `admin ${path}`).toBe(200);
  });
});

describe("you said, we did", () => {
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${running.server.url}${path}`, { redirect: "manual", headers });

  it("says so when nothing is published, then lists only published changes, newest first, by page and service, without personal data", async () => {
    const empty = await get("/you-said-we-did");
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain("Julkaistuja muutoksia ei vielä ole");

    // 22 published changes, one a day; the item behind one holds personal data.
    const source = world.items.find((i) => i.seed.ledToChange && i.seed.email)!;
    for (let day = 1; day <= 22; day++) {
      await db.publishedChange.create({
        data: {
          feedbackId: day === 22 ? source.id : null,
          language: day % 2 ? "fi" : "sv",
          said: `Sanoitte ${day}: jonot ovat liian pitkiä (soita 040 9998887)`,
          did: `Teimme ${day}: lisää väkeä puhelimeen`,
          unitName: "Perhe-etuudet",
          serviceId: day % 3 === 0 ? world.services.SA2.id : world.services.SA1.id,
          publishedOn: new Date(`2026-04-${String(day).padStart(2, "0")}T00:00:00Z`),
        },
      });
    }
    const first = await get("/you-said-we-did");
    expect(first.status).toBe(200);
    const html = await first.text();
    const order = [...html.matchAll(/<dd class="multiline">Sanoitte (\d+):/g)].map((m) => Number(m[1]));
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => 22 - i));
    expect(html).toContain("Teimme 22: lisää väkeä puhelimeen");
    for (const secret of ["9998887", "salainen", "Salainen", "Julkaisematon muutos", source.seed.email!, "Palautteen teksti"]) expect(html).not.toContain(secret);
    expect(html).toContain("page=2");

    const second = await (await get("/you-said-we-did?page=2")).text();
    expect([...second.matchAll(/<dd class="multiline">Sanoitte (\d+):/g)].map((m) => Number(m[1]))).toEqual([2, 1]);
    // A page past the end shows the last; a page that is not a number shows the first.
    expect([...(await (await get("/you-said-we-did?page=99")).text()).matchAll(/<dd class="multiline">Sanoitte (\d+):/g)].map((m) => Number(m[1]))).toEqual([2, 1]);
    expect((await (await get("/you-said-we-did?page=abc")).text()).match(/<dd class="multiline">Sanoitte (\d+):/)![1]).toBe("22");

    const housing = await (await get(`/you-said-we-did?service=${world.services.SA2.id}`)).text();
    expect([...housing.matchAll(/<dd class="multiline">Sanoitte (\d+):/g)].map((m) => Number(m[1]))).toEqual([21, 18, 15, 12, 9, 6, 3]);
    const wrong = await get("/you-said-we-did?service=%27%3B--");
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain("Osoitteen palvelua ei löytynyt");

    const swedish = await (await get("/you-said-we-did", { "Accept-Language": "sv" })).text();
    expect(swedish).toContain("Du sa, vi gjorde");
    const english = await (await get("/you-said-we-did", { "Accept-Language": "en" })).text();
    expect(english).toContain("You said, we did");
  });
});

describe("retention", () => {
  it("deletes items older than the retention period with their action log and emptied groups, and keeps published changes", async () => {
    const now = FIRST_WORKING_DAY;
    await db.feedbackSettings.upsert({ where: { id: 1 }, update: { retentionMonths: 36 }, create: { id: 1, retentionMonths: 36 } });
    const oldGroup = await db.feedbackGroup.create({ data: { terms: ["vanha"] } });
    const make = (at: string, groupId: string | null) =>
      db.feedback.create({
        data: {
          receivedAt: new Date(at),
          channel: "PHONE",
          category: "COMPLAINT",
          text: "vanha palaute",
          contactEmail: "vanha@example.com",
          groupId,
          stems: [],
          actions: { create: [{ kind: "RECEIVED", at: new Date(at) }, { kind: "ACTION", at: new Date(at), text: "tehty" }] },
        },
        select: { id: true },
      });
    // 36 months before 4 May 2026 is 4 May 2023.
    const old1 = await make("2023-01-10T10:00:00Z", oldGroup.id);
    const old2 = await make("2023-05-01T10:00:00Z", oldGroup.id);
    const oldInLiveGroup = await make("2023-02-01T10:00:00Z", world.groups.G1);
    const kept = await make("2023-06-01T10:00:00Z", null);
    const change = await db.publishedChange.create({
      data: { feedbackId: old1.id, language: "fi", said: "vanha asia", did: "korjattu", unitName: "Perhe-etuudet", publishedOn: new Date("2023-02-01T00:00:00Z") },
    });

    await purgeOldFeedback(now);
    const gone = [old1.id, old2.id, oldInLiveGroup.id];
    expect(await db.feedback.count({ where: { id: { in: gone } } })).toBe(0);
    expect(await db.feedbackAction.count({ where: { feedbackId: { in: gone } } })).toBe(0);
    expect(await db.feedbackGroup.findUnique({ where: { id: oldGroup.id } })).toBeNull();
    expect(await db.feedbackGroup.findUnique({ where: { id: world.groups.G1 } })).not.toBeNull();
    expect(await db.publishedChange.findUnique({ where: { id: change.id } })).toMatchObject({ feedbackId: null, said: "vanha asia", did: "korjattu" });
    expect(await db.feedback.count({ where: { id: kept.id } })).toBe(1);
    expect(await db.feedback.count({ where: { id: { in: world.items.map((i) => i.id) } } })).toBe(world.items.length);

    // The default, 24 months, takes the rest of 2023 and 2024 up to 4 May.
    await db.feedbackSettings.update({ where: { id: 1 }, data: { retentionMonths: 24 } });
    expect(await purgeOldFeedback(now)).toEqual({ items: 1, groups: 0 });
    expect(await db.feedback.count({ where: { id: kept.id } })).toBe(0);
    expect(await purgeOldFeedback(now)).toEqual({ items: 0, groups: 0 });
  });
});
