// Demo data for the feedback inbox: three units (the demo handler handles
// two), services in three languages, routing rules, about fifteen items in
// fi/sv/en from every channel — some about the same matter so they group,
// one urgent — and one change that was published on "you said, we did".
// Items go through createFeedback, so routing, grouping and the urgent notice
// are the real ones.
import { db } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { createFeedback, type NewFeedback } from "~/modules/feedback/intake.server";

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemoFeedback(options: { now?: Date } = {}) {
  if ((await db.feedbackUnit.count()) > 0) return;
  const now = options.now ?? new Date();
  const staff = await db.user.findMany({
    where: { email: { in: ["handler@panel.example", "admin@panel.example"] } },
    select: { id: true, email: true },
  });
  const handlerId = staff.find((s) => s.email === "handler@panel.example")?.id ?? null;
  const adminId = staff.find((s) => s.email === "admin@panel.example")?.id ?? null;

  const unit = (name: string, email: string, language: Language, handlers: (string | null)[]) =>
    db.feedbackUnit.create({
      data: { name, email, language, handlers: { create: handlers.filter((h): h is string => !!h).map((userId) => ({ userId })) } },
      select: { id: true },
    });
  const families = await unit("Perhe-etuudet", "perhe-etuudet@panel.example", "fi", [handlerId, adminId]);
  const housing = await unit("Asumisen tuet", "asuminen@panel.example", "fi", [handlerId]);
  const service = await unit("Kundservice / Asiakaspalvelu", "asiakaspalvelu@panel.example", "sv", [adminId]);

  const svc = (nameFi: string, nameSv: string, nameEn: string, sortOrder: number) =>
    db.feedbackService.create({ data: { nameFi, nameSv, nameEn, sortOrder }, select: { id: true } });
  const childBenefit = await svc("Lapsilisä", "Barnbidrag", "Child benefit", 1);
  const parental = await svc("Vanhempainpäiväraha", "Föräldradagpenning", "Parental allowance", 2);
  const housingAllowance = await svc("Asumistuki", "Bostadsbidrag", "Housing allowance", 3);
  const online = await svc("Verkkoasiointi", "E-tjänsten", "Online service", 4);
  const phone = await svc("Puhelinpalvelu", "Telefontjänsten", "Phone service", 5);

  await db.feedbackRoutingRule.createMany({
    data: [
      { serviceId: childBenefit.id, category: null, unitId: families.id },
      { serviceId: parental.id, category: null, unitId: families.id },
      { serviceId: housingAllowance.id, category: null, unitId: housing.id },
      // ideas about the online service go to the unit that develops it
      { serviceId: online.id, category: "IDEA", unitId: families.id },
      { serviceId: null, category: null, unitId: service.id },
    ],
  });

  type Item = Partial<NewFeedback> & Pick<NewFeedback, "text" | "category"> & { daysAgo: number; by?: "handler" };
  const items: Item[] = [
    { daysAgo: 40, channel: "WEB", category: "COMPLAINT", serviceId: housingAllowance.id, language: "fi", text: "Asumistuen päätöksen käsittely kestää liian kauan, olen odottanut jo kaksi kuukautta." },
    { daysAgo: 33, channel: "PHONE", category: "COMPLAINT", serviceId: housingAllowance.id, language: "fi", by: "handler", text: "Asiakas soitti: asumistukipäätös viipyy, käsittelyaika yli kaksi kuukautta." },
    { daysAgo: 21, channel: "EMAIL", category: "COMPLAINT", serviceId: housingAllowance.id, language: "sv", text: "Handläggningen av mitt bostadsbidrag tar alldeles för lång tid, jag har väntat i två månader." },
    { daysAgo: 12, channel: "WEB", category: "COMPLAINT", serviceId: housingAllowance.id, language: "en", text: "The decision on my housing allowance is taking far too long, two months of waiting already." },
    { daysAgo: 30, channel: "WEB", category: "IDEA", serviceId: online.id, language: "fi", text: "Verkkoasiointiin voisi lisätä mahdollisuuden tallentaa hakemus keskeneräisenä." },
    { daysAgo: 9, channel: "CHAT", category: "IDEA", serviceId: online.id, language: "fi", by: "handler", text: "Chatissa toivottiin, että keskeneräisen hakemuksen voisi tallentaa verkkoasioinnissa." },
    { daysAgo: 27, channel: "VISIT", category: "THANKS", serviceId: childBenefit.id, language: "fi", by: "handler", text: "Kiitos ystävällisestä palvelusta toimistolla, lapsilisäasia hoitui nopeasti." },
    { daysAgo: 18, channel: "WEB", category: "THANKS", serviceId: parental.id, language: "sv", text: "Tack för snabb och tydlig hjälp med föräldradagpenningen!" },
    { daysAgo: 15, channel: "PHONE", category: "COMPLAINT", serviceId: phone.id, language: "fi", by: "handler", text: "Puhelinpalvelun jonotusaika oli yli tunnin, ja puhelu katkesi lopuksi." },
    { daysAgo: 6, channel: "WEB", category: "COMPLAINT", serviceId: phone.id, language: "fi", text: "Jonotin puhelinpalvelussa tunnin ja puhelu katkesi." },
    { daysAgo: 11, channel: "LETTER", category: "COMPLAINT", serviceId: parental.id, language: "fi", customerType: "EMPLOYER", employerName: "Esimerkki Oy", employerId: "0737546-2", by: "handler", text: "Työnantaja ei ole saanut päivärahan maksuilmoitusta ajoissa, palkanmaksu viivästyy." },
    { daysAgo: 4, channel: "MEETING", category: "IDEA", serviceId: null, language: "en", by: "handler", text: "Customer council suggested plain-language summaries at the top of every decision letter." },
    { daysAgo: 3, channel: "WEB", category: "COMPLAINT", serviceId: online.id, language: "en", wantsContact: true, contactName: "Grace Smith", contactEmail: "grace.smith@members.panel.example", text: "The online service logged me out twice while I was filling in the form and I lost my answers." },
    { daysAgo: 1, channel: "EMAIL", category: "THANKS", serviceId: null, language: "sv", text: "Tack för ert trevliga bemötande i kundtjänsten." },
    { daysAgo: 0, channel: "PHONE", category: "COMPLAINT", serviceId: childBenefit.id, language: "fi", urgent: true, by: "handler", wantsContact: true, contactName: "Kaisa Virtanen", contactPhone: "040 123 4567", text: "Lapsilisä on jäänyt tulematta kahdelta kuukaudelta ja perhe on ilman rahaa. Pyytää soittoa tänään." },
  ];

  const created: { id: string; text: string }[] = [];
  for (const { daysAgo, by, ...item } of items) {
    const result = await createFeedback(
      {
        channel: "WEB",
        serviceId: null,
        customerType: item.employerId ? "EMPLOYER" : "PRIVATE",
        urgent: false,
        language: "fi",
        wantsContact: false,
        ...item,
        receivedAt: new Date(now.getTime() - daysAgo * DAY - 3 * 60 * 60 * 1000),
      },
      by === "handler" && handlerId ? { userId: handlerId } : null,
    );
    created.push({ id: result.id, text: item.text });
  }

  // The first housing complaint led to a change, which was published.
  const changed = created[0]!;
  const change = "Asumistuen hakemuksia käsittelee nyt lisäksi viisi henkilöä, ja käsittelyaika on lyhentynyt kolmeen viikkoon.";
  const at = new Date(now.getTime() - 5 * DAY);
  await db.$transaction(async (tx) => {
    await tx.feedback.update({
      where: { id: changed.id },
      data: { status: "RESOLVED", resolvedAt: at, ledToChange: true, changeText: change, assigneeId: handlerId },
    });
    await tx.feedbackAction.createMany({
      data: [
        { feedbackId: changed.id, kind: "STATUS", byId: handlerId, text: "IN_PROGRESS", at: new Date(at.getTime() - 20 * DAY) },
        { feedbackId: changed.id, kind: "ACTION", byId: handlerId, text: "Käsittelyajat selvitetty; lisäresursointi esitetty yksikön esihenkilölle.", at: new Date(at.getTime() - 10 * DAY) },
        { feedbackId: changed.id, kind: "CHANGE", byId: handlerId, text: change, at },
        { feedbackId: changed.id, kind: "STATUS", byId: handlerId, text: "RESOLVED", at },
        { feedbackId: changed.id, kind: "PUBLISHED", byId: handlerId, text: null, at },
      ],
    });
    await tx.publishedChange.create({
      data: {
        feedbackId: changed.id,
        language: "fi",
        said: "Asumistuen päätösten käsittely kesti liian kauan.",
        did: "Lisäsimme käsittelijöitä, ja käsittelyaika on nyt noin kolme viikkoa.",
        unitName: "Asumisen tuet",
        serviceId: housingAllowance.id,
        publishedOn: new Date(at.toISOString().slice(0, 10)),
        publishedById: handlerId,
      },
    });
  });
}
