// Joining over real HTTP with mail through a real SMTP server: double opt-in,
// link GETs that change nothing, under-16s, duplicate addresses, expired and
// reused codes, throttling and racing confirmations.
import { describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { publishConsentVersion, currentVersion } from "~/modules/consent/consent.server";
import { defaultConsentTexts } from "~/modules/consent/default-texts";
import { suppressionHash } from "~/modules/members/join.server";
import { CookieJar } from "../support/app-server";
import { codeIn, createMember, getPage, postForm, serverWithSink } from "../support/members";

const running = serverWithSink({ PUBLIC_URL: undefined });
const thisYear = new Date().getFullYear();

async function termsId() {
  const html = await (await getPage(running.server.url, "/join")).text();
  const id = /name="termsVersionId" value="([^"]+)"/.exec(html)?.[1];
  expect(id).toBeTruthy();
  return id!;
}

async function join(email: string, extra: Record<string, string> = {}, jar = new CookieJar()) {
  const response = await postForm(running.server.url, "/join", {
    email,
    language: "sv",
    birthYear: "1980",
    acceptTerms: "yes",
    termsVersionId: await termsId(),
    ...extra,
  });
  jar.store(response);
  return { response, jar };
}

const mailTo = (address: string, subjectPart: string) =>
  running.sink.waitFor((m) => m.to.includes(address) && (m.parsed.subject ?? "").includes(subjectPart));

describe("joining", () => {
  it("sends a code and a link; the code activates the membership with the terms consent recorded", async () => {
    const { response, jar } = await join("New.Member@Join.Example", { profileUse: "yes" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/join/code");
    expect(await db.user.count({ where: { email: "new.member@join.example" } })).toBe(0);

    const mail = await mailTo("new.member@join.example", "kundpanelen");
    const code = codeIn(mail.parsed.text);
    expect(mail.parsed.html).toContain(code);
    const link = /https?:\/\/\S+\/join\/confirm\/[\w-]+/.exec(mail.parsed.text ?? "")?.[0];
    expect(link).toBeTruthy();
    const request = await db.joinRequest.findFirstOrThrow({ where: { email: "new.member@join.example" } });
    expect(JSON.stringify(request)).not.toContain(code);

    const page = await getPage(running.server.url, "/join/code", jar.header());
    expect(page.status).toBe(200);
    const confirmed = await postForm(running.server.url, "/join/code", { code: code.slice(0, 4) + " " + code.slice(4) }, jar.header());
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/account?welcome=1");
    jar.store(confirmed);

    const user = await db.user.findFirstOrThrow({
      where: { email: "new.member@join.example", kind: "MEMBER" },
      include: { profile: true, preferences: true, consentEvents: true },
    });
    expect(user.status).toBe("ACTIVE");
    expect(user.language).toBe("sv");
    expect(user.profile?.birthYear).toBe(1980);
    expect(user.preferences?.maxInvitationsPerMonth).toBeGreaterThan(0);
    const terms = await currentVersion("membership-terms");
    const given = user.consentEvents.find((e) => e.purpose === "membership-terms")!;
    expect(given).toMatchObject({ action: "GIVEN", channel: "JOIN", versionId: terms.id, language: "sv" });
    expect(given.textHash).toBe(terms.texts.find((t) => t.language === "sv")!.textHash);
    expect(user.consentEvents.some((e) => e.purpose === "profile-use" && e.action === "GIVEN")).toBe(true);
    expect(await db.joinRequest.count({ where: { email: "new.member@join.example" } })).toBe(0);

    const welcome = await mailTo("new.member@join.example", "Välkommen");
    expect(welcome.parsed.text).toMatch(/\/consents\/[0-9a-f-]{36}\.[0-9a-f]{40}/);
    const account = await getPage(running.server.url, "/account", jar.header());
    expect(account.status).toBe(200);
  });

  it("the emailed link shows a button on GET and changes nothing; the POST activates once", async () => {
    await join("link.member@join.example");
    const mail = await mailTo("link.member@join.example", "kundpanelen");
    const path = new URL(/https?:\/\/\S+\/join\/confirm\/[\w-]+/.exec(mail.parsed.text ?? "")![0]).pathname;
    for (let i = 0; i < 3; i++) {
      const opened = await getPage(running.server.url, path);
      expect(opened.status).toBe(200);
      expect(await opened.text()).toContain("link.member@join.example");
    }
    expect(await db.joinRequest.count({ where: { email: "link.member@join.example" } })).toBe(1);
    expect(await db.user.count({ where: { email: "link.member@join.example" } })).toBe(0);

    const results = await Promise.all(Array.from({ length: 5 }, () => postForm(running.server.url, path, {})));
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    expect(results.filter((r) => r.status === 404)).toHaveLength(4);
    expect(await db.user.count({ where: { email: "link.member@join.example" } })).toBe(1);
    expect((await getPage(running.server.url, path)).status).toBe(404);
  });

  it("an address on the suppression list as bounced or left comes off it once the emailed link confirms it", async () => {
    for (const [email, reason] of [["bounced.before@join.example", "BOUNCED"], ["left.before@join.example", "LEFT"]] as const) {
      await db.suppression.create({ data: { addressHash: suppressionHash(email), reason } });
      await join(email);
      const mail = await mailTo(email, "kundpanelen");
      const path = new URL(/https?:\/\/\S+\/join\/confirm\/[\w-]+/.exec(mail.parsed.text ?? "")![0]).pathname;
      expect((await postForm(running.server.url, path, {})).status).toBe(302);
      expect(await db.user.findFirstOrThrow({ where: { email } })).toMatchObject({ status: "ACTIVE", emailFailing: false });
      expect(await db.suppression.count({ where: { addressHash: suppressionHash(email) } }), reason).toBe(0);
    }
  });

  it("refuses someone under 16 kindly, keeps what they typed and stores nothing", async () => {
    const response = await postForm(running.server.url, "/join", {
      email: "young@join.example",
      language: "fi",
      birthYear: String(thisYear - 15),
      acceptTerms: "yes",
      termsVersionId: await termsId(),
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Raati on 16 vuotta täyttäneille");
    expect(html).toContain('value="young@join.example"');
    expect(html).toMatch(/aria-invalid="true"[^>]*aria-describedby="birthYear-hint birthYear-error"|birthYear-error/);
    expect(await db.joinRequest.count({ where: { email: "young@join.example" } })).toBe(0);
  });

  it("answers an existing member exactly like a new address and emails them instead", async () => {
    await createMember("already@join.example");
    const known = await join("already@join.example");
    const unknown = await join("unknown-yet@join.example");
    expect(known.response.status).toBe(unknown.response.status);
    expect(known.response.headers.get("Location")).toBe(unknown.response.headers.get("Location"));
    const page = (jar: CookieJar) =>
      getPage(running.server.url, "/join/code", jar.header())
        .then((r) => r.text())
        .then((html) => html.replace(/nonce="[^"]+"/g, ""));
    const [knownPage, unknownPage] = await Promise.all([page(known.jar), page(unknown.jar)]);
    expect(knownPage.replaceAll("already@join.example", "X")).toBe(unknownPage.replaceAll("unknown-yet@join.example", "X"));
    const notice = await mailTo("already@join.example", "Olet jo asiakasraadin jäsen");
    // Like every email to a member, it carries the link to manage consents.
    expect(notice.parsed.text).toMatch(/\/consents\/[0-9a-f-]{36}\.[0-9a-f]{40}/);
    expect(await db.joinRequest.count({ where: { email: "already@join.example" } })).toBe(0);
    expect(await db.user.count({ where: { email: "already@join.example" } })).toBe(1);
  });

  it("refuses an expired code, a code after five wrong tries and a code used once already", async () => {
    const expired = await join("expired@join.example");
    const expiredCode = codeIn((await mailTo("expired@join.example", "kundpanelen")).parsed.text);
    await db.joinRequest.updateMany({ where: { email: "expired@join.example" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await postForm(running.server.url, "/join/code", { code: expiredCode }, expired.jar.header())).status).toBe(400);

    const guessed = await join("guessed@join.example");
    const right = codeIn((await mailTo("guessed@join.example", "kundpanelen")).parsed.text);
    const wrong = right === "00000000" ? "11111111" : "00000000";
    for (let i = 0; i < 5; i++) {
      expect((await postForm(running.server.url, "/join/code", { code: wrong }, guessed.jar.header())).status).toBe(400);
    }
    expect((await postForm(running.server.url, "/join/code", { code: right }, guessed.jar.header())).status).toBe(400);
    expect(await db.user.count({ where: { email: "guessed@join.example" } })).toBe(0);

    const once = await join("once@join.example");
    const code = codeIn((await mailTo("once@join.example", "kundpanelen")).parsed.text);
    const cookie = once.jar.header();
    expect((await postForm(running.server.url, "/join/code", { code }, cookie)).status).toBe(302);
    expect((await postForm(running.server.url, "/join/code", { code }, cookie)).status).toBe(400);
  });

  it("throttles join requests per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await join("busy@join.example")).response.status);
    expect(statuses.slice(0, 5)).toEqual([302, 302, 302, 302, 302]);
    expect(statuses[5]).toBe(429);
  });

  it("asks to read the terms again when a new version was published while the form was open", async () => {
    const old = await termsId();
    await publishConsentVersion({ purpose: "membership-terms", texts: defaultConsentTexts["membership-terms"], actorId: null });
    const response = await postForm(running.server.url, "/join", {
      email: "late@join.example",
      language: "en",
      birthYear: "1990",
      acceptTerms: "yes",
      termsVersionId: old,
    });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Jäsenyysehdot päivittyivät juuri");
    expect(await termsId()).not.toBe(old);
  });

  it("answers malformed join input with 400 and field messages", async () => {
    const cases: Record<string, string>[] = [
      {},
      { email: "x".repeat(20_000), birthYear: "abc", acceptTerms: "maybe", language: "de" },
      { email: "a@b.fi", birthYear: "1850", acceptTerms: "yes", language: "fi" },
      { email: "a@b.fi", birthYear: String(thisYear + 3), acceptTerms: "yes", language: "fi", unknown: "field" },
    ];
    for (const body of cases) {
      const response = await postForm(running.server.url, "/join", body);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("field-error");
    }
  });
});
