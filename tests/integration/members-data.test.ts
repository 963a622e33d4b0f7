// "My data" and leaving. The export is checked against the schema itself:
// every column marked `/// @personal` in prisma/panel/schema.prisma must
// appear, filled, in a fully populated member's download. Leaving must leave
// no row anywhere in the panel store that holds the address or the member id.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import { keyedHash } from "~/infra/security/hash.server";
import { changeConsent } from "~/modules/consent/consent.server";
import { recordAudit } from "~/modules/audit/record.server";
import { saveBankAccount } from "~/modules/incentives/incentives.server";
import { createMember, getPage, postForm, serverWithSink } from "../support/members";
import { createResearcher, invite, openStudy } from "../support/studies";

/** Tables with personal columns that are never linked to a member, and why. */
const notAboutAMember: Record<string, string> = {
  JoinRequest: "exists only before the address is confirmed; deleted on confirmation or a day after expiry",
  Feedback:
    "not tied to an account (the public form needs no sign-in); a handler finds a customer's items by their contact details in the inbox search, and retention deletes them",
};

function personalColumns(): Map<string, string[]> {
  const schema = readFileSync("prisma/panel/schema.prisma", "utf8");
  const result = new Map<string, string[]>();
  let model: string | null = null;
  let marked = false;
  for (const line of schema.split("\n")) {
    const trimmed = line.trim();
    const start = /^model (\w+) \{/.exec(trimmed);
    if (start) {
      model = start[1]!;
      continue;
    }
    if (trimmed === "}") {
      model = null;
      continue;
    }
    if (!model) continue;
    if (trimmed.startsWith("///")) {
      marked ||= trimmed.includes("@personal");
      continue;
    }
    const field = /^(\w+)\s/.exec(trimmed)?.[1];
    if (field && marked) result.set(model, [...(result.get(model) ?? []), field]);
    marked = false;
  }
  return result;
}

const running = serverWithSink();

async function fullyPopulated(email: string) {
  const member = await createMember(email);
  await db.user.update({ where: { id: member.id }, data: { name: "Maija Meikäläinen" } });
  await db.memberProfile.update({
    where: { userId: member.id },
    data: {
      birthYear: 1970,
      gender: "woman",
      municipality: "Tampere",
      region: "Pirkanmaa",
      motherTongue: "fi",
      lifeSituation: "working",
      actsForEmployer: true,
      employerSize: "10-49",
      employerIndustry: "retail",
      digitalUse: "daily",
      accessibilityNeeds: ["remote-only"],
    },
  });
  await db.memberPreferences.update({
    where: { userId: member.id },
    data: { studyTypes: ["SURVEY"], maxInvitationsPerMonth: 3, pausedUntil: new Date("2030-01-01"), unsubscribedAt: new Date("2026-11-21T08:00:00Z") },
  });
  await db.emailChange.create({
    data: { userId: member.id, newEmail: `new.${email}`, codeHash: "x", expiresAt: new Date(Date.now() + 600_000) },
  });
  await changeConsent({ userId: member.id, purpose: "profile-use", action: "GIVEN", language: "fi", channel: "WEB" });
  await db.$transaction((tx) =>
    enqueueEmail(tx, { template: "welcome", to: email, language: "fi", data: { accountUrl: "http://x" }, memberId: member.id }),
  );
  await recordAudit({ actorId: null, action: "member.view", subjectId: member.id, reason: "test" });
  // Invited to a study and answered it (the panel keeps the days only).
  const { user: researcher } = await createResearcher(`researcher-${crypto.randomUUID()}@staff.example`);
  const study = await openStudy(researcher);
  await invite(study.id, [member]);
  await db.invitation.updateMany({ where: { studyId: study.id, userId: member.id }, data: { completedOn: new Date("2026-11-20") } });
  // Drawn for a campaign of the study, its invitation sent and a reminder waiting.
  const campaign = await db.campaign.create({ data: { studyId: study.id, name: "Kampanja" } });
  await db.campaignRecipient.create({ data: { campaignId: campaign.id, userId: member.id, state: "SENT", stratum: "MK06" } });
  await db.campaignMessage.createMany({
    data: [
      { campaignId: campaign.id, userId: member.id, kind: "invitation", status: "SENT", sentAt: new Date() },
      { campaignId: campaign.id, userId: member.id, kind: "reminder-1", status: "PENDING", token: "reminder-token-in-clear-000000" },
    ],
  });
  // Booked a usability test slot, sharing accessibility needs and the device they use.
  const slot = await db.slot.create({
    data: { studyId: study.id, startsAt: new Date(Date.now() + 7 * 86_400_000), durationMinutes: 60, capacity: 4, language: "fi", mode: "IN_PERSON", address: "Testikatu 1" },
  });
  await db.booking.create({
    data: {
      slotId: slot.id,
      studyId: study.id,
      userId: member.id,
      state: "BOOKED",
      observationConsent: true,
      recordingConsent: false,
      accessibilityNeeds: "Pyörätuoli",
      device: "Puhelin",
      assistiveTech: "Ruudunlukija",
    },
  });
  await db.councilTerm.create({ data: { studyId: study.id, userId: member.id, startsOn: new Date("2026-01-01"), endsOn: new Date("2027-12-31") } });
  // A reward for the answer, paid by bank transfer: the member gave an account for it.
  const rule = await db.rewardRule.create({ data: { studyId: study.id, kind: "BANK_TRANSFER", condition: "COMPLETED", amountCents: 2000, budgetCents: 100000 } });
  const answered = await db.invitation.findFirstOrThrow({ where: { studyId: study.id, userId: member.id }, select: { id: true } });
  await db.reward.create({
    data: { ruleId: rule.id, studyId: study.id, userId: member.id, source: `invitation:${answered.id}`, kind: "BANK_TRANSFER", amountCents: 2000, status: "PENDING", year: 2026, accruedOn: new Date("2026-11-20") },
  });
  expect(await saveBankAccount(member.id, { iban: "FI21 1234 5600 0007 85", holder: "Maija Meikäläinen" })).toEqual({ ok: true });
  return member;
}

describe("my data", () => {
  it("the schema marks personal columns, and the check finds them", () => {
    const columns = personalColumns();
    expect(columns.get("User")).toEqual(expect.arrayContaining(["email", "name"]));
    expect(columns.get("MemberProfile")?.length).toBeGreaterThanOrEqual(10);
    expect(columns.size).toBeGreaterThanOrEqual(7);
  });

  it("the download holds every personal column of every table about the member", async () => {
    const member = await fullyPopulated("export@data.example");
    const response = await getPage(running.server.url, "/account/data/download", member.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="panel-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const exported = (await response.json()) as Record<string, unknown>;
    const missing: string[] = [];
    for (const [model, fields] of personalColumns()) {
      if (notAboutAMember[model]) continue;
      const section = exported[model];
      const rows = Array.isArray(section) ? section : section ? [section] : [];
      if (rows.length === 0) {
        missing.push(`${model} (whole table)`);
        continue;
      }
      for (const field of fields) {
        if (!rows.some((row) => row && typeof row === "object" && (row as Record<string, unknown>)[field] != null)) {
          missing.push(`${model}.${field}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(JSON.stringify(exported)).not.toMatch(/passwordHash|codeHash/);
  });

  it("a member cannot download another member's data: the download is always their own", async () => {
    const first = await createMember("first@data.example");
    await createMember("second@data.example");
    const body = await (await getPage(running.server.url, "/account/data/download", first.cookie)).text();
    expect(body).toContain("first@data.example");
    expect(body).not.toContain("second@data.example");
  });
});

describe("leaving", () => {
  it("needs a confirmation, then erases identity everywhere, keeps a keyed hash and sends a goodbye", async () => {
    const email = "leaving@data.example";
    const member = await fullyPopulated(email);
    await db.$transaction((tx) =>
      enqueueEmail(tx, { template: "welcome", to: email, language: "fi", data: { accountUrl: "http://x" }, memberId: member.id }),
    );

    const unconfirmed = await postForm(running.server.url, "/account/leave", {}, member.cookie);
    expect(unconfirmed.status).toBe(400);
    expect(await db.user.count({ where: { id: member.id } })).toBe(1);

    const response = await postForm(running.server.url, "/account/leave", { confirm: "yes" }, member.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/?left=1");
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect((await getPage(running.server.url, "/account", member.cookie)).headers.get("Location")).toContain("/sign-in");

    const goodbye = await running.sink.waitFor((m) => m.to.includes(email) && (m.parsed.subject ?? "").includes("eronnut"));
    expect(goodbye.parsed.text).not.toContain("/consents/");
    // Wait until the goodbye's row is marked sent, then look at every table.
    for (let i = 0; i < 100 && (await db.outboxEmail.count({ where: { template: "left", status: { not: "SENT" } } })) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const tables = await db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    const leftovers: string[] = [];
    for (const { table_name } of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
      for (const { row } of rows) {
        if (row.toLowerCase().includes(email) || row.includes(member.id)) leftovers.push(`${table_name}: ${row}`);
      }
    }
    expect(leftovers).toEqual([]);
    const suppression = await db.suppression.findUnique({ where: { addressHash: keyedHash("suppression", email) } });
    expect(suppression?.reason).toBe("LEFT");
    expect(await db.outboxEmail.count({ where: { status: "CANCELLED" } })).toBeGreaterThanOrEqual(1);
  });

  it("someone who left can join again", async () => {
    const member = await createMember("again@data.example");
    await postForm(running.server.url, "/account/leave", { confirm: "yes" }, member.cookie);
    const html = await (await getPage(running.server.url, "/join")).text();
    const termsVersionId = /name="termsVersionId" value="([^"]+)"/.exec(html)![1]!;
    const joined = await postForm(running.server.url, "/join", {
      email: "again@data.example",
      language: "fi",
      birthYear: "1960",
      acceptTerms: "yes",
      termsVersionId,
    });
    expect(joined.status).toBe(302);
    const request = await db.joinRequest.findFirstOrThrow({ where: { email: "again@data.example" } });
    expect(request.birthYear).toBe(1960);
  });
});
