// The member's own settings over real HTTP, with mail through a real SMTP
// server: background profile (region from municipality, under-16 refused),
// invitation preferences and pauses, change of email (code to the new address,
// notice to the old, other sessions ended, no probing of taken addresses, five
// tries), "my sessions" (someone else's handle is a 404), and malformed bodies
// that never answer 5xx.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { addDays, todayInFinland } from "~/modules/members/profile-schema";
import { startAppServer, type AppServer } from "../support/app-server";
import { codeIn, createMember } from "../support/members";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

let server: AppServer;
let sink: SmtpSink;
const thisYear = new Date().getFullYear();

beforeAll(async () => {
  sink = await startSmtpSink();
  // TRUST_PROXY: each test speaks from its own client address, so per-IP throttles stay apart.
  server = await startAppServer({ SMTP_URL: sink.url, TRUST_PROXY: "true" });
});
afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

let ipCounter = 0;
const freshIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

function post(path: string, cookie: string, body: [string, string][] | Record<string, string>, ip = freshIp()) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Origin: server.url,
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: cookie,
      "X-Forwarded-For": ip,
    },
    body: new URLSearchParams(body),
  });
}

function get(path: string, cookie: string) {
  return fetch(`${server.url}${path}`, { redirect: "manual", headers: { Cookie: cookie } });
}

/** A second signed-in session for a member, as from another browser. */
async function anotherSession(userId: string, userAgent: string) {
  const setCookie = await createSession(userId, new Request("http://localhost/", { headers: { "User-Agent": userAgent } }));
  return setCookie.split(";")[0]!;
}

const mailTo = (address: string, subjectPart: string) =>
  sink.waitFor((m) => m.to.includes(address) && (m.parsed.subject ?? "").includes(subjectPart));
const mailsTo = (address: string) => sink.messages.filter((m) => m.to.includes(address));
const signedIn = async (cookie: string) => (await get("/account", cookie)).status === 200;
/** The page with the per-request nonce and the given strings blanked, for comparing two answers. */
const comparable = (html: string, blank: string[]) =>
  blank.reduce((out, value) => out.split(value).join("…"), html.replace(/nonce="[^"]*"/g, 'nonce=""'));

/** Whether the page's radio button or checkbox with this name and value is checked. */
const isChecked = (html: string, name: string, value: string) =>
  [...html.matchAll(/<input [^>]*>/g)].some(
    ([tag]) => tag.includes(`name="${name}"`) && tag.includes(`value="${value}"`) && tag.includes('checked=""'),
  );

const fullProfile = (): [string, string][] => [
  ["birthYear", "1980"],
  ["gender", "woman"],
  ["municipality", "Helsingfors"],
  ["region", ""],
  ["motherTongue", "sv"],
  ["lifeSituation", "working"],
  ["actsForEmployer", "yes"],
  ["employerSize", "10-49"],
  ["employerIndustry", "education"],
  ["digitalUse", "daily"],
  ["accessibilityNeeds", "hearing-loop"],
  ["accessibilityNeeds", "remote-only"],
  ["intent", "save"],
];

describe("background profile", () => {
  it("saves every answer, derives the region from the municipality, and clears what is left empty", async () => {
    const member = await createMember("profile@profile.example");
    const saved = await post("/account/profile", member.cookie, fullProfile());
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/account/profile?saved=1");
    const profile = await db.memberProfile.findUniqueOrThrow({ where: { userId: member.id } });
    expect(profile).toMatchObject({
      birthYear: 1980,
      gender: "woman",
      municipality: "Helsinki",
      region: "MK01",
      motherTongue: "sv",
      lifeSituation: "working",
      actsForEmployer: true,
      employerSize: "10-49",
      employerIndustry: "education",
      digitalUse: "daily",
      accessibilityNeeds: ["remote-only", "hearing-loop"],
    });

    const page = await (await get("/account/profile?saved=1", member.cookie)).text();
    expect(page).toContain("Taustatietosi on tallennettu.");
    expect(page).toMatch(/<option value="Helsinki" selected="">Helsinki<\/option>/);
    expect(page).toMatch(/<option value="MK01" selected="">Uusimaa<\/option>/);
    expect(page).toContain('value="1980"');
    expect(isChecked(page, "gender", "woman")).toBe(true);
    expect(isChecked(page, "accessibilityNeeds", "hearing-loop")).toBe(true);
    expect(isChecked(page, "accessibilityNeeds", "extra-time")).toBe(false);

    // A municipality decides the region even when another one is chosen.
    await post("/account/profile", member.cookie, { municipality: "oulu", region: "MK01", intent: "save" });
    expect(await db.memberProfile.findUniqueOrThrow({ where: { userId: member.id } })).toMatchObject({
      municipality: "Oulu",
      region: "MK17",
      birthYear: null,
      gender: null,
      accessibilityNeeds: [],
    });

    // A region alone is kept; employer details go with a "no".
    await post("/account/profile", member.cookie, { region: "MK21", actsForEmployer: "no", employerSize: "250+", intent: "save" });
    expect(await db.memberProfile.findUniqueOrThrow({ where: { userId: member.id } })).toMatchObject({
      municipality: null,
      region: "MK21",
      actsForEmployer: false,
      employerSize: null,
    });

    // Everything empty clears everything.
    const cleared = await post(
      "/account/profile",
      member.cookie,
      fullProfile().map(([name, value]) => [name, name === "intent" || name === "accessibilityNeeds" ? value : ""]).filter(([name]) => name !== "accessibilityNeeds") as [string, string][],
    );
    expect(cleared.status).toBe(302);
    const empty = await db.memberProfile.findUniqueOrThrow({ where: { userId: member.id } });
    expect(empty).toMatchObject({
      birthYear: null,
      gender: null,
      municipality: null,
      region: null,
      motherTongue: null,
      lifeSituation: null,
      actsForEmployer: null,
      employerSize: null,
      employerIndustry: null,
      digitalUse: null,
      accessibilityNeeds: [],
    });
  });

  it("refuses a birth year under 16 or before 1900 with a message next to the field, keeping what was typed", async () => {
    const member = await createMember("young@profile.example");
    const tooYoung = String(thisYear - 15);
    const response = await post("/account/profile", member.cookie, { birthYear: tooYoung, gender: "man", municipality: "Tampere", intent: "save" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="birthYear-error"');
    expect(html).toContain("Asiakasraatiin voivat kuulua 16 vuotta täyttäneet");
    expect(html).toContain(`value="${tooYoung}"`);
    expect(html).toMatch(/<option value="Tampere" selected="">/);
    expect(isChecked(html, "gender", "man")).toBe(true);
    const profile = await db.memberProfile.findUnique({ where: { userId: member.id } });
    expect(profile?.birthYear ?? null).toBeNull();
    expect(profile?.municipality ?? null).toBeNull();

    const old = await post("/account/profile", member.cookie, { birthYear: "1899", intent: "save" });
    expect(old.status).toBe(400);
    expect(await old.text()).toContain("1900 tai myöhemmin");
    const words = await post("/account/profile", member.cookie, { birthYear: "nineteen", intent: "save" });
    expect(words.status).toBe(400);
    expect(await words.text()).toContain("neljällä numerolla");

    const sixteen = await post("/account/profile", member.cookie, { birthYear: String(thisYear - 16), intent: "save" });
    expect(sixteen.status).toBe(302);
    expect((await db.memberProfile.findUniqueOrThrow({ where: { userId: member.id } })).birthYear).toBe(thisYear - 16);
  });

  it("answers unknown choices, unknown fields and huge strings with 400 and a message", async () => {
    const member = await createMember("odd@profile.example");
    const bodies: Record<string, string>[] = [
      { gender: "alien", intent: "save" },
      { municipality: "Atlantis", intent: "save" },
      { region: "MK03", intent: "save" },
      { accessibilityNeeds: "jetpack", intent: "save" },
      { isAdmin: "yes", intent: "save" },
      { birthYear: "1".repeat(20_000), intent: "save" },
    ];
    for (const body of bodies) {
      const response = await post("/account/profile", member.cookie, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(await response.text()).toContain('class="error-summary"');
    }
  });

  it("speaks Swedish and English", async () => {
    const sv = await createMember("sv@profile.example", { language: "sv" });
    const svPage = await (await get("/account/profile", sv.cookie)).text();
    expect(svPage).toContain("Dina bakgrundsuppgifter");
    expect(svPage).toContain(">Helsingfors</option>");
    expect(svPage).toContain('label="Nyland"');
    const en = await createMember("en@profile.example", { language: "en" });
    const enPage = await (await get("/account/preferences", en.cookie)).text();
    expect(enPage).toContain("Invitation settings");
  });
});

describe("invitation preferences", () => {
  const fiDay = (day: string) => day.split("-").reverse().map(Number).join(".");

  it("saves kinds of study, the monthly cap and a pause, confirms it, and removes the pause", async () => {
    const member = await createMember("prefs@preferences.example");
    const pause = addDays(todayInFinland(), 30);
    const response = await post("/account/preferences", member.cookie, [
      ["studyTypes", "WORKSHOP"],
      ["studyTypes", "SURVEY"],
      ["maxInvitationsPerMonth", "5"],
      ["pausedUntil", fiDay(pause)],
      ["intent", "save"],
    ]);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account/preferences?saved=1");
    const saved = await db.memberPreferences.findUniqueOrThrow({ where: { userId: member.id } });
    expect(saved.studyTypes).toEqual(["SURVEY", "WORKSHOP"]);
    expect(saved.maxInvitationsPerMonth).toBe(5);
    expect(saved.pausedUntil?.toISOString().slice(0, 10)).toBe(pause);

    const page = await (await get("/account/preferences?saved=1", member.cookie)).text();
    expect(page).toContain("Asetuksesi on tallennettu.");
    expect(page).toContain("Kutsut on keskeytetty");
    expect(page).toContain(`value="${fiDay(pause)}"`);

    // The ISO form a date picker sends works too; today is allowed.
    const today = await post("/account/preferences", member.cookie, [
      ["studyTypes", "INTERVIEW"],
      ["maxInvitationsPerMonth", "10"],
      ["pausedUntil", todayInFinland()],
      ["intent", "save"],
    ]);
    expect(today.status).toBe(302);
    expect((await db.memberPreferences.findUniqueOrThrow({ where: { userId: member.id } })).pausedUntil?.toISOString().slice(0, 10)).toBe(
      todayInFinland(),
    );

    // Enter in a field may submit without the button's intent: still a save.
    const implicit = await post("/account/preferences", member.cookie, [["studyTypes", "INTERVIEW"], ["maxInvitationsPerMonth", "10"], ["pausedUntil", todayInFinland()]]);
    expect(implicit.status).toBe(302);

    const removed = await post("/account/preferences", member.cookie, { intent: "remove-pause" });
    expect(removed.status).toBe(302);
    expect(removed.headers.get("Location")).toBe("/account/preferences?saved=pause-removed");
    const after = await db.memberPreferences.findUniqueOrThrow({ where: { userId: member.id } });
    expect(after.pausedUntil).toBeNull();
    expect(after.studyTypes).toEqual(["INTERVIEW"]);
    expect(await (await get("/account/preferences?saved=pause-removed", member.cookie)).text()).toContain("Keskeytys on poistettu");

    // After an unsubscribe (an email's one-click link), the page says so and turns invitations back on.
    await db.memberPreferences.update({ where: { userId: member.id }, data: { unsubscribedAt: new Date("2026-11-20T10:00:00Z") } });
    expect(await (await get("/account/preferences", member.cookie)).text()).toContain("Peruit kaikki tutkimuskutsut 20.11.2026");
    const back = await post("/account/preferences", member.cookie, { intent: "resubscribe" });
    expect(back.headers.get("Location")).toBe("/account/preferences?saved=resubscribed");
    expect((await db.memberPreferences.findUniqueOrThrow({ where: { userId: member.id } })).unsubscribedAt).toBeNull();
    const resubscribed = await (await get("/account/preferences?saved=resubscribed", member.cookie)).text();
    expect(resubscribed).toContain("Kutsut ovat taas käytössä");
    expect(resubscribed).not.toContain("Peruit kaikki tutkimuskutsut");
  });

  it("refuses a pause in the past or over a year ahead, a cap outside 1–10 and no kinds of study, changing nothing", async () => {
    const member = await createMember("badprefs@preferences.example");
    const before = await db.memberPreferences.findUniqueOrThrow({ where: { userId: member.id } });
    const cases: { body: [string, string][]; field: string; text: string }[] = [
      {
        body: [["studyTypes", "SURVEY"], ["maxInvitationsPerMonth", "3"], ["pausedUntil", fiDay(addDays(todayInFinland(), -1))], ["intent", "save"]],
        field: "pausedUntil",
        text: "Päivä ei voi olla mennyt",
      },
      {
        body: [["studyTypes", "SURVEY"], ["maxInvitationsPerMonth", "3"], ["pausedUntil", addDays(todayInFinland(), 400)], ["intent", "save"]],
        field: "pausedUntil",
        text: "enintään vuodeksi eteenpäin",
      },
      {
        body: [["studyTypes", "SURVEY"], ["maxInvitationsPerMonth", "3"], ["pausedUntil", "31.2.2027"], ["intent", "save"]],
        field: "pausedUntil",
        text: "muodossa 31.12.2026",
      },
      { body: [["studyTypes", "SURVEY"], ["maxInvitationsPerMonth", "11"], ["intent", "save"]], field: "maxInvitationsPerMonth", text: "1–10" },
      { body: [["studyTypes", "SURVEY"], ["maxInvitationsPerMonth", "0"], ["intent", "save"]], field: "maxInvitationsPerMonth", text: "1–10" },
      { body: [["maxInvitationsPerMonth", "3"], ["intent", "save"]], field: "studyTypes", text: "Valitse ainakin yksi tutkimustyyppi" },
    ];
    for (const { body, field, text } of cases) {
      const response = await post("/account/preferences", member.cookie, body);
      expect(response.status, field).toBe(400);
      const html = await response.text();
      expect(html).toContain(`id="${field}-error"`);
      expect(html).toContain(text);
    }
    const past = fiDay(addDays(todayInFinland(), -1));
    const kept = await (await post("/account/preferences", member.cookie, [["studyTypes", "USABILITY_TEST"], ["maxInvitationsPerMonth", "7"], ["pausedUntil", past], ["intent", "save"]])).text();
    expect(kept).toContain(`value="${past}"`);
    expect(isChecked(kept, "studyTypes", "USABILITY_TEST")).toBe(true);
    expect(isChecked(kept, "studyTypes", "SURVEY")).toBe(false);
    expect(kept).toMatch(/<option value="7" selected="">/);
    expect(await db.memberPreferences.findUniqueOrThrow({ where: { userId: member.id } })).toEqual(before);
  });
});

describe("change of email", () => {
  it("sends a code to the new address, then changes it, notifies the old address and ends every other session", async () => {
    const member = await createMember("old@email-change.example");
    const other = await anotherSession(member.id, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/130.0");
    expect(await signedIn(other)).toBe(true);

    const requested = await post("/account/email", member.cookie, { newEmail: "New@Email-Change.Example", intent: "request" });
    expect(requested.status).toBe(302);
    expect(requested.headers.get("Location")).toBe("/account/email");
    const codeMail = await mailTo("new@email-change.example", "Vahvista uusi sähköpostiosoitteesi");
    const code = codeIn(codeMail.parsed.text);
    const pendingRow = await db.emailChange.findUniqueOrThrow({ where: { userId: member.id } });
    expect(pendingRow.codeHash).not.toContain(code);

    const step2 = await (await get("/account/email", member.cookie)).text();
    expect(step2).toContain("Jos osoite new@email-change.example on vapaa");
    expect(step2).toContain('name="code"');

    const confirmed = await post("/account/email", member.cookie, { code: `${code.slice(0, 4)} ${code.slice(4)}`, intent: "confirm" });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/account/email?changed=1");
    const user = await db.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(user.email).toBe("new@email-change.example");
    expect(await db.emailChange.count({ where: { userId: member.id } })).toBe(0);

    const notice = await mailTo("old@email-change.example", "sähköpostiosoitteesi vaihdettiin");
    expect(notice.parsed.text).toContain("n***@email-change.example");
    expect(notice.parsed.text).not.toContain("new@email-change.example");

    expect(await signedIn(member.cookie)).toBe(true);
    expect(await signedIn(other)).toBe(false);
    expect(await db.session.count({ where: { userId: member.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "member.email-change", subjectId: member.id } })).toBe(1);
    const done = await (await get("/account/email?changed=1", member.cookie)).text();
    expect(done).toContain("Sähköpostiosoitteesi on nyt new@email-change.example");

    // The code worked once.
    const again = await post("/account/email", member.cookie, { code, intent: "confirm" });
    expect(again.status).toBe(400);
  });

  it("answers an address another member uses exactly like a free one, changes nothing and tells that member", async () => {
    const owner = await createMember("taken@email-change.example", { language: "sv" });
    const asker = await createMember("asker@email-change.example");
    const control = await createMember("control@email-change.example");

    const taken = await post("/account/email", asker.cookie, { newEmail: "TAKEN@email-change.example", intent: "request" });
    const free = await post("/account/email", control.cookie, { newEmail: "free@email-change.example", intent: "request" });
    expect(taken.status).toBe(free.status);
    expect(taken.headers.get("Location")).toBe(free.headers.get("Location"));
    const takenPage = await (await get("/account/email", asker.cookie)).text();
    const freePage = await (await get("/account/email", control.cookie)).text();
    expect(comparable(takenPage, ["taken@email-change.example", "asker@email-change.example"])).toBe(
      comparable(freePage, ["free@email-change.example", "control@email-change.example"]),
    );

    const notice = await mailTo("taken@email-change.example", "Någon försökte använda din adress");
    expect(notice.parsed.text).toContain("ingenting ändrades");
    await mailTo("free@email-change.example", "Vahvista");
    // No code ever went to the taken address (links left out: a uuid in one can have eight digits in a row).
    const withoutLinks = (text: string | undefined) => (text ?? "").replace(/https?:\/\/\S+/g, "");
    expect(mailsTo("taken@email-change.example").every((m) => !/\b\d{8}\b/.test(withoutLinks(m.parsed.text)))).toBe(true);

    const guess = await post("/account/email", asker.cookie, { code: "12345678", intent: "confirm" });
    expect(guess.status).toBe(400);
    expect(await guess.text()).toContain('id="code-error"');
    expect((await db.user.findUniqueOrThrow({ where: { id: asker.id } })).email).toBe("asker@email-change.example");
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).email).toBe("taken@email-change.example");
    expect(mailsTo("asker@email-change.example")).toHaveLength(0);
  });

  it("refuses the current address, and a code typed wrong five times stops working", async () => {
    const member = await createMember("tries@email-change.example");
    const same = await post("/account/email", member.cookie, { newEmail: "Tries@Email-Change.Example", intent: "request" });
    expect(same.status).toBe(400);
    expect(await same.text()).toContain("Tämä on jo nykyinen osoitteesi.");

    await post("/account/email", member.cookie, { newEmail: "tries-new@email-change.example", intent: "request" });
    const code = codeIn((await mailTo("tries-new@email-change.example", "Vahvista")).parsed.text);
    const wrong = code === "00000000" ? "11111111" : "00000000";
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await post("/account/email", member.cookie, { code: wrong, intent: "confirm" });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("Koodi on väärä tai vanhentunut");
    }
    const fifth = await post("/account/email", member.cookie, { code: wrong, intent: "confirm" });
    expect(fifth.status).toBe(400);
    expect(await fifth.text()).toContain("liian monta kertaa");
    const right = await post("/account/email", member.cookie, { code, intent: "confirm" });
    expect(right.status).toBe(400);
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).email).toBe("tries@email-change.example");
    // Back on the first step: a new address can be asked for.
    expect(await (await get("/account/email", member.cookie)).text()).toContain('name="newEmail"');
  });

  it("can be cancelled", async () => {
    const member = await createMember("cancel@email-change.example");
    await post("/account/email", member.cookie, { newEmail: "cancel-new@email-change.example", intent: "request" });
    const cancelled = await post("/account/email", member.cookie, { intent: "cancel" });
    expect(cancelled.headers.get("Location")).toBe("/account/email?cancelled=1");
    expect(await db.emailChange.count({ where: { userId: member.id } })).toBe(0);
    expect(await (await get("/account/email?cancelled=1", member.cookie)).text()).toContain("Osoitteen vaihto peruttiin");
  });

  it("throttles asking for codes", async () => {
    const member = await createMember("throttle@email-change.example");
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await post("/account/email", member.cookie, { newEmail: `throttle-${i}@email-change.example`, intent: "request" });
      statuses.push(response.status);
      if (response.status === 302) await post("/account/email", member.cookie, { intent: "cancel" });
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 302).length).toBeLessThanOrEqual(5);
  });
});

describe("my sessions", () => {
  it("lists the member's sessions in plain words, never showing session ids", async () => {
    const member = await createMember("list@sessions.example");
    await anotherSession(member.id, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1");
    const html = await (await get("/account/sessions", member.cookie)).text();
    expect(html).toContain("Safari, iPhone");
    expect(html).toContain("Tämä laite");
    for (const session of await db.session.findMany({ where: { userId: member.id } })) expect(html).not.toContain(session.id);
    expect([...html.matchAll(/name="handle" value="([0-9a-f]{64})"/g)]).toHaveLength(1);
  });

  it("revokes one of the member's own sessions, and answers someone else's handle with 404 without revoking it", async () => {
    const member = await createMember("mine@sessions.example");
    const mySecond = await anotherSession(member.id, "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36");
    const stranger = await createMember("stranger@sessions.example");
    const strangersSecond = await anotherSession(stranger.id, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Firefox/128.0");

    const strangersPage = await (await get("/account/sessions", stranger.cookie)).text();
    const strangersHandle = /name="handle" value="([0-9a-f]{64})"/.exec(strangersPage)![1]!;
    const attempt = await post("/account/sessions", member.cookie, { handle: strangersHandle, intent: "revoke" });
    expect(attempt.status).toBe(404);
    expect(await db.session.count({ where: { userId: stranger.id } })).toBe(2);
    expect(await signedIn(strangersSecond)).toBe(true);

    const myPage = await (await get("/account/sessions", member.cookie)).text();
    expect(myPage).toContain("Chrome, Linux");
    const myHandle = /name="handle" value="([0-9a-f]{64})"/.exec(myPage)![1]!;
    const revoked = await post("/account/sessions", member.cookie, { handle: myHandle, intent: "revoke" });
    expect(revoked.status).toBe(302);
    expect(revoked.headers.get("Location")).toBe("/account/sessions?done=one");
    expect(await signedIn(mySecond)).toBe(false);
    expect(await signedIn(member.cookie)).toBe(true);

    // The same handle again is gone: 404.
    expect((await post("/account/sessions", member.cookie, { handle: myHandle, intent: "revoke" })).status).toBe(404);
    // A malformed handle is a 400 with a message.
    expect((await post("/account/sessions", member.cookie, { handle: "zz", intent: "revoke" })).status).toBe(400);
  });

  it("signs out every other device at once", async () => {
    const member = await createMember("others@sessions.example");
    const second = await anotherSession(member.id, "a");
    const third = await anotherSession(member.id, "b");
    const response = await post("/account/sessions", member.cookie, { intent: "revoke-others" });
    expect(response.status).toBe(302);
    expect(await signedIn(second)).toBe(false);
    expect(await signedIn(third)).toBe(false);
    expect(await signedIn(member.cookie)).toBe(true);
  });

  it("pages and actions need a signed-in member", async () => {
    for (const path of ["/account/profile", "/account/preferences", "/account/email", "/account/sessions"]) {
      const response = await fetch(`${server.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: "intent=revoke-others",
      });
      expect(response.status, path).toBe(302);
      expect(response.headers.get("Location")).toContain("/sign-in");
    }
  });
});

describe("malformed input to the profile, preferences, email and sessions actions", () => {
  it("never answers 5xx", async () => {
    const member = await createMember("fuzz@member-profile.example");
    await post("/account/email", member.cookie, { newEmail: "fuzz-new@member-profile.example", intent: "request" });
    const fieldNames = [
      "intent", "birthYear", "gender", "municipality", "region", "motherTongue", "lifeSituation", "actsForEmployer",
      "employerSize", "employerIndustry", "digitalUse", "accessibilityNeeds", "studyTypes", "maxInvitationsPerMonth",
      "pausedUntil", "newEmail", "code", "handle",
    ];
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ minLength: 5000, maxLength: 30_000 }),
      fc.constantFrom(
        "", "save", "remove-pause", "request", "confirm", "resend", "cancel", "revoke", "1985", "-1", "1e9", "NaN",
        "31.2.2027", "2026-13-01", "99999-01-01", "MK01", "Helsinki", "a".repeat(64), "SURVEY", "250+", "\u0000", "😀".repeat(100),
      ),
    );
    const body = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 20 })), value), { maxLength: 14 });
    const contentType = fc.constantFrom(
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=zzz",
      "text/plain",
      "application/json",
    );
    for (const path of ["/account/profile", "/account/preferences", "/account/email", "/account/sessions"]) {
      await fc.assert(
        fc.asyncProperty(body, contentType, async (fields, type) => {
          const encoded = type.startsWith("application/x-www-form-urlencoded")
            ? new URLSearchParams(fields).toString()
            : type === "application/json"
              ? JSON.stringify(Object.fromEntries(fields))
              : fields.map(([k, v]) => `${k}=${v}`).join("&");
          const response = await fetch(`${server.url}${path}`, {
            method: "POST",
            redirect: "manual",
            headers: { Origin: server.url, "Content-Type": type, Cookie: member.cookie, "X-Forwarded-For": freshIp() },
            body: encoded,
          });
          await response.arrayBuffer();
          expect(response.status, `${path} ${type}`).toBeLessThan(500);
        }),
        { numRuns: 40 },
      );
    }
    expect(await signedIn(member.cookie)).toBe(true);
  });
});
