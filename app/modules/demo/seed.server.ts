// Demo data for a new installation: staff of every role with documented
// passwords and a few hundred members with varied profiles. Deterministic: the
// same seed gives the same people. Runs only on an empty panel database.
import { db } from "~/infra/db/panel.server";
import { currentVersion, recordConsent } from "~/modules/consent/consent.server";
import { MEMBERSHIP_TERMS, PROFILE_USE } from "~/modules/consent/purposes";
import { hashPassword } from "~/modules/staff/password.server";
import { insertDemoResponses } from "~/modules/vault/demo.server";
import { encryptField } from "~/infra/security/encrypt.server";
import { keyedHash } from "~/infra/security/hash.server";
import { demoAnswers, demoStudyTitle, demoSurvey } from "./demo-study";
import { seedDemoFeedback } from "./feedback-seed.server";
import { genders, lifeSituations } from "~/modules/members/profile-schema";
import { findMunicipality } from "~/modules/members/regions";

/** Municipality and region as the profile form stores them. */
function demoPlace(name: string) {
  const municipality = findMunicipality(name);
  if (!municipality) throw new Error(`Unknown demo municipality ${name}`);
  return { municipality: municipality.name, region: municipality.region };
}
import type { Role } from "~/infra/auth/roles";

export const DEMO_PASSWORD = "demo-panel-2026";

export const demoStaff: { email: string; name: string; roles: Role[]; language: "fi" | "sv" | "en" }[] = [
  { email: "admin@panel.example", name: "Aino Admin", roles: ["ADMIN"], language: "fi" },
  { email: "researcher@panel.example", name: "Riku Tutkija", roles: ["RESEARCHER"], language: "fi" },
  { email: "facilitator@panel.example", name: "Fanny Facilitator", roles: ["FACILITATOR"], language: "sv" },
  { email: "handler@panel.example", name: "Hanna Käsittelijä", roles: ["FEEDBACK_HANDLER"], language: "fi" },
  { email: "lead@panel.example", name: "Leo Lead", roles: ["RESEARCHER", "FACILITATOR"], language: "en" },
];

/** The member the README tells newcomers to sign in as. */
export const demoMemberEmail = "member@panel.example";
/** A Swedish-speaking demo member, for trying the member side in Swedish. */
export const demoMemberEmailSv = "medlem@panel.example";

const regions: { region: string; municipalities: string[]; weight: number }[] = [
  { region: "Uusimaa", municipalities: ["Helsinki", "Espoo", "Vantaa", "Porvoo", "Lohja"], weight: 30 },
  { region: "Varsinais-Suomi", municipalities: ["Turku", "Salo", "Kaarina"], weight: 9 },
  { region: "Satakunta", municipalities: ["Pori", "Rauma"], weight: 4 },
  { region: "Kanta-Häme", municipalities: ["Hämeenlinna", "Riihimäki"], weight: 3 },
  { region: "Pirkanmaa", municipalities: ["Tampere", "Nokia", "Ylöjärvi"], weight: 10 },
  { region: "Päijät-Häme", municipalities: ["Lahti", "Heinola"], weight: 4 },
  { region: "Kymenlaakso", municipalities: ["Kouvola", "Kotka"], weight: 3 },
  { region: "Etelä-Karjala", municipalities: ["Lappeenranta", "Imatra"], weight: 2 },
  { region: "Etelä-Savo", municipalities: ["Mikkeli", "Savonlinna"], weight: 2 },
  { region: "Pohjois-Savo", municipalities: ["Kuopio", "Iisalmi"], weight: 4 },
  { region: "Pohjois-Karjala", municipalities: ["Joensuu"], weight: 3 },
  { region: "Keski-Suomi", municipalities: ["Jyväskylä", "Jämsä"], weight: 5 },
  { region: "Etelä-Pohjanmaa", municipalities: ["Seinäjoki", "Lapua"], weight: 3 },
  { region: "Pohjanmaa", municipalities: ["Vaasa", "Pietarsaari", "Närpiö"], weight: 3 },
  { region: "Keski-Pohjanmaa", municipalities: ["Kokkola"], weight: 1 },
  { region: "Pohjois-Pohjanmaa", municipalities: ["Oulu", "Raahe"], weight: 7 },
  { region: "Kainuu", municipalities: ["Kajaani"], weight: 1 },
  { region: "Lappi", municipalities: ["Rovaniemi", "Kemi", "Tornio"], weight: 3 },
  { region: "Ahvenanmaa", municipalities: ["Maarianhamina"], weight: 1 },
];

const firstNames = {
  fi: ["Aino", "Eero", "Helmi", "Juhani", "Kaisa", "Lauri", "Minna", "Olli", "Päivi", "Sami", "Tuula", "Ville"],
  sv: ["Alva", "Björn", "Elsa", "Gustav", "Ingrid", "Johan", "Karin", "Mats", "Sofia", "Viktor"],
  en: ["Amira", "Daniel", "Grace", "Hassan", "Lena", "Marco", "Nadia", "Oscar", "Priya", "Tom"],
};
const lastNames = {
  fi: ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen"],
  sv: ["Lindholm", "Nyberg", "Sjöberg", "Holmström", "Eriksson", "Wikström"],
  en: ["Smith", "Ahmed", "Novak", "Garcia", "Ivanova", "Okafor"],
};

/** mulberry32: small, fast and the same everywhere. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const studyTypeChoices = ["SURVEY", "INTERVIEW", "WORKSHOP", "USABILITY_TEST", "CUSTOMER_COUNCIL"];

export async function seedDemo(options: { members?: number; seed?: number } = {}): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const random = prng(options.seed ?? 2026);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const totalWeight = regions.reduce((sum, r) => sum + r.weight, 0);
  const pickRegion = () => {
    let roll = random() * totalWeight;
    for (const r of regions) if ((roll -= r.weight) < 0) return r;
    return regions[0]!;
  };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.user.createMany({
    data: demoStaff.map((s) => ({ kind: "STAFF" as const, email: s.email, name: s.name, roles: s.roles, language: s.language, passwordHash })),
  });

  const count = options.members ?? 300;
  const members = Array.from({ length: count }, (_, i) => {
    const roll = random();
    const language: "fi" | "sv" | "en" = i === 0 ? "fi" : i === 1 ? "sv" : roll < 0.8 ? "fi" : roll < 0.92 ? "sv" : "en";
    const first = pick(firstNames[language]);
    const last = pick(lastNames[language]);
    const email = i === 0 ? demoMemberEmail : i === 1 ? demoMemberEmailSv : `${first}.${last}.${i}@members.panel.example`.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    const region = pickRegion();
    const birthYear = 2026 - 16 - Math.floor(random() * 70);
    return {
      user: { kind: "MEMBER" as const, roles: ["MEMBER" as const], email, name: `${first} ${last}`, language },
      profile: {
        birthYear,
        gender: pick(genders),
        ...demoPlace(pick(region.municipalities)),
        motherTongue: language === "en" ? pick(["en", "ar", "ru", "so", "et"]) : language,
        lifeSituation: birthYear < 1960 ? "retired" : pick(lifeSituations),
      },
      preferences: {
        studyTypes: studyTypeChoices.filter(() => random() < 0.75),
        maxInvitationsPerMonth: pick([1, 2, 2, 3, 4]),
      },
      profileUse: i < 2 || random() < 0.9,
    };
  });
  const terms = await currentVersion(MEMBERSHIP_TERMS);
  const profileUse = await currentVersion(PROFILE_USE);
  await db.$transaction(
    async (tx) => {
      for (const member of members) {
        const user = await tx.user.create({
          data: { ...member.user, profile: { create: member.profile }, preferences: { create: member.preferences } },
        });
        for (const version of member.profileUse ? [terms, profileUse] : [terms]) {
          await recordConsent(tx, { userId: user.id, versionId: version.id, language: member.user.language, channel: "JOIN", action: "GIVEN" });
        }
      }
    },
    { timeout: 60_000 },
  );
  await seedDemoStudy(random);
  await seedDemoFeedback();
  return true;
}

function ageBandOf(birthYear: number | null, year: number) {
  if (!birthYear) return "unknown";
  const age = year - birthYear;
  const bands: [number, string][] = [[25, "16-24"], [35, "25-34"], [45, "35-44"], [55, "45-54"], [65, "55-64"], [75, "65-74"]];
  return bands.find(([limit]) => age < limit)?.[1] ?? "75+";
}

/** The demo study, owned by the demo researcher, with answers already in the vault. */
async function seedDemoStudy(random: () => number) {
  const researcher = await db.user.findFirstOrThrow({ where: { email: "researcher@panel.example", kind: "STAFF" } });
  const study = await db.study.create({
    data: {
      type: "SURVEY",
      status: "RECRUITING",
      title: demoStudyTitle,
      description: {
        fi: "Kerro, miten asiointisi sujui. Vastaaminen vie noin viisi minuuttia.",
        sv: "Berätta hur ditt ärende gick. Det tar cirka fem minuter att svara.",
        en: "Tell us how your visit went. Answering takes about five minutes.",
      },
      ownerId: researcher.id,
      analysisAttributes: ["language", "age-band", "region"],
      minGroupSize: 5,
      versions: { create: { version: 1, definition: demoSurvey, frozenAt: new Date() } },
    },
  });
  const members = await db.user.findMany({
    where: { kind: "MEMBER", email: { notIn: [demoMemberEmail, demoMemberEmailSv] } },
    include: { profile: true },
    orderBy: { email: "asc" },
    take: 240,
  });
  const today = new Date();
  const year = today.getFullYear();
  const dayOffset = (days: number) => new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
  const completedDays: (string | null)[] = members.map(() => (random() < 0.8 ? dayOffset(1 + Math.floor(random() * 20)) : null));
  await db.invitation.createMany({
    data: members.map((member, index) => ({
      studyId: study.id,
      userId: member.id,
      // Demo invitations have no token anyone holds: their links cannot be opened.
      tokenHash: `demo:${study.id}:${index}:${Math.floor(random() * 1e12)}`,
      invitedOn: new Date(`${dayOffset(25)}T00:00:00Z`),
      completedOn: completedDays[index] ? new Date(`${completedDays[index]}T00:00:00Z`) : null,
    })),
  });
  const rows = members.flatMap((member, index) => {
    const day = completedDays[index];
    if (!day) return [];
    return [
      {
        studyId: study.id,
        surveyVersion: 1,
        answers: demoAnswers(random),
        attributes: { language: member.language, "age-band": ageBandOf(member.profile?.birthYear ?? null, year), region: member.profile?.region ?? "unknown" },
        day,
      },
    ];
  });
  // Shuffled, as the daily mix would leave them.
  rows.sort(() => random() - 0.5);
  await insertDemoResponses(rows);
  // A 10 € gift card thanks each respondent; rewards accrue within a minute
  // of start, and a small stock of demo codes waits for approvals.
  await db.rewardRule.create({ data: { studyId: study.id, kind: "GIFT_CARD", condition: "COMPLETED", amountCents: 1000, budgetCents: 250_000 } });
  await db.giftCard.createMany({
    data: Array.from({ length: 25 }, (_, i) => {
      const code = `DEMO-${String(1000 + i)}-${Math.floor(random() * 1e6).toString().padStart(6, "0")}`;
      return { codeHash: keyedHash("gift-card", code), code: encryptField("gift-card", code), codeLast4: code.slice(-4), valueCents: 1000, upload: "demo", uploadedById: null };
    }),
  });
}
