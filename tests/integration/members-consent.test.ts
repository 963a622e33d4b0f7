// The consent ledger over HTTP: append-only, new terms block invitations until
// accepted at sign-in, withdraw blocks them, and the link in every email works
// without signing in.
import { describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { consentLinkToken } from "~/infra/mail/links.server";
import { consentBlock, publishConsentVersion } from "~/modules/consent/consent.server";
import { defaultConsentTexts } from "~/modules/consent/default-texts";
import { CookieJar } from "../support/app-server";
import { codeIn, createMember, getPage, postForm, serverWithSink } from "../support/members";

const running = serverWithSink();

async function signIn(email: string) {
  const jar = new CookieJar();
  const since = running.sink.messages.length;
  jar.store(await postForm(running.server.url, "/sign-in", { email }));
  const mail = await running.sink.waitFor((m) => running.sink.messages.indexOf(m) >= since && m.to.includes(email));
  const response = await postForm(running.server.url, "/sign-in/code", { code: codeIn(mail.parsed.text) }, jar.header());
  jar.store(response);
  return { jar, response, mail };
}

describe("consent ledger", () => {
  it("a new terms version blocks invitations and is asked for at the next sign-in", async () => {
    const member = await createMember("terms@consent.example");
    expect(await consentBlock(member.id)).toBeNull();
    await publishConsentVersion({
      purpose: "membership-terms",
      texts: { ...defaultConsentTexts["membership-terms"], fi: { title: "Uudet ehdot", body: "Ehdot muuttuivat." } },
      actorId: null,
    });
    expect(await consentBlock(member.id)).toBe("terms-not-accepted");

    const { jar, response } = await signIn("terms@consent.example");
    expect(response.headers.get("Location")).toBe("/account/terms?redirectTo=%2Faccount");
    // /account itself also sends them to the terms until they accept.
    expect((await getPage(running.server.url, "/account", jar.header())).headers.get("Location")).toContain("/account/terms");
    const page = await getPage(running.server.url, "/account/terms", jar.header());
    expect(await page.text()).toContain("Ehdot muuttuivat.");
    const accepted = await postForm(running.server.url, "/account/terms", { redirectTo: "/account" }, jar.header());
    expect(accepted.headers.get("Location")).toBe("/account");
    expect(await consentBlock(member.id)).toBeNull();
    const events = await db.consentEvent.findMany({ where: { userId: member.id, purpose: "membership-terms" }, orderBy: { at: "asc" } });
    expect(events.map((e) => [e.version, e.action, e.channel])).toEqual([
      [1, "GIVEN", "JOIN"],
      [2, "GIVEN", "SIGN_IN"],
    ]);
  });

  it("withdrawing on the account page blocks invitations, appends an event and updates nothing", async () => {
    const member = await createMember("withdraw@consent.example");
    const before = await db.consentEvent.findMany({ where: { userId: member.id } });
    const response = await postForm(running.server.url, "/account/consents", { purpose: "membership-terms", intent: "withdraw" }, member.cookie);
    expect(response.status).toBe(302);
    expect(await consentBlock(member.id)).toBe("terms-withdrawn");
    const after = await db.consentEvent.findMany({ where: { userId: member.id }, orderBy: { at: "asc" } });
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toMatchObject({ action: "WITHDRAWN", channel: "WEB" });
    // The same click twice appends nothing more.
    await postForm(running.server.url, "/account/consents", { purpose: "membership-terms", intent: "withdraw" }, member.cookie);
    expect(await db.consentEvent.count({ where: { userId: member.id } })).toBe(after.length);
    // Giving again is one click too.
    await postForm(running.server.url, "/account/consents", { purpose: "membership-terms", intent: "give" }, member.cookie);
    expect(await consentBlock(member.id)).toBeNull();
  });

  it("refuses to change a ledger row or a published text in place", async () => {
    const member = await createMember("ledger@consent.example");
    await expect(db.$executeRaw`UPDATE "ConsentEvent" SET action = 'WITHDRAWN' WHERE "userId" = ${member.id}::uuid`).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRaw`UPDATE "ConsentText" SET body = 'changed'`).rejects.toThrow(/append-only/);
  });

  it("the link in every member email manages consents without signing in; a forged link is 404", async () => {
    const member = await createMember("link@consent.example");
    const { mail } = await signIn("link@consent.example");
    const path = new URL(/https?:\/\/\S+\/consents\/\S+/.exec(mail.parsed.text ?? "")![0]).pathname;
    expect(path).toBe(`/consents/${consentLinkToken(member.id)}`);
    expect(mail.parsed.html).toContain(path);

    const page = await getPage(running.server.url, path);
    expect(page.status).toBe(200);
    const withdraw = await postForm(running.server.url, path, { purpose: "membership-terms", intent: "withdraw" });
    expect(withdraw.status).toBe(302);
    const latest = await db.consentEvent.findFirstOrThrow({ where: { userId: member.id }, orderBy: { at: "desc" } });
    expect(latest).toMatchObject({ action: "WITHDRAWN", channel: "EMAIL_LINK" });

    const forged = path.slice(0, -1) + (path.endsWith("0") ? "1" : "0");
    expect((await getPage(running.server.url, forged)).status).toBe(404);
    expect((await postForm(running.server.url, forged, { purpose: "membership-terms", intent: "give" })).status).toBe(404);
    const other = await createMember("other@consent.example");
    expect((await getPage(running.server.url, `/consents/${other.id}.${consentLinkToken(member.id).split(".")[1]}`)).status).toBe(404);
  });

  it("answers malformed consent posts with 400", async () => {
    const member = await createMember("malformed@consent.example");
    const bodies: Record<string, string>[] = [{}, { purpose: "study:x", intent: "give" }, { purpose: "membership-terms", intent: "delete" }];
    for (const body of bodies) {
      expect((await postForm(running.server.url, "/account/consents", body, member.cookie)).status).toBe(400);
    }
  });
});
