// Answering over real HTTP: the start page changes nothing, sections are
// checked on the server, answers can be saved and resumed from the same link,
// the submission lands in the vault (pending until the day's mix) and the
// panel learns only "completed" and the day. Closed, full and open-link cases.
import { describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { helsinkiDay } from "~/modules/studies/days";
import { randomToken } from "~/infra/security/hash.server";
import { panelTokenHash } from "~/modules/studies/invitations.server";
import { changeStatus } from "~/modules/studies/studies.server";
import { setOpenLink } from "~/modules/studies/open-link.server";
import { draftKey, mixPendingResponses, vaultKey } from "~/modules/vault/responses.server";
import { vaultDb } from "~/modules/vault/db.server";
import { createMember, getPage, postForm, serverWithSink } from "../support/members";
import { allowProfileUse, createResearcher, invite, openStudy } from "../support/studies";

const running = serverWithSink();
const url = () => running.server.url;

const section1 = { intent: "next", q1: "phone", q2: "a", q3: "9" };
const section2 = new URLSearchParams([
  ["intent", "next"],
  ["q_q4", "Soita minulle: 040 123 4567"],
  ["q_q5", "3,5"],
  ["q_q6", "1.2.2026"],
  ["q_q7__r1", "4"],
  ["q_q7__r2", "5"],
  ["q_q8", "Ei verkkoa"],
]);
const prefixed = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k === "intent" ? k : `q_${k}`, v]));

describe("answering an invitation", () => {
  it("start page GET changes nothing; sections are checked; save, resume and submit once", async () => {
    const { user } = await createResearcher("owner@answering.example");
    const study = await openStudy(user);
    const member = await createMember("answers@answering.example");
    await allowProfileUse(member.id, { birthYear: 1980, region: "MK06" });
    const [token] = await invite(study.id, [member]);
    await db.study.update({ where: { id: study.id }, data: { consentText: { fi: "Vastauksia käyttää palvelukehitys.", sv: "", en: "" } } });

    for (let i = 0; i < 3; i++) {
      const start = await getPage(url(), `/s/${token}`);
      expect(start.status).toBe(200);
      const html = await start.text();
      expect(html).toContain("Asiointikysely");
      expect(html).toContain("Vastauksia käyttää palvelukehitys.");
    }
    expect(await vaultDb().draft.count()).toBe(0);

    const begun = await postForm(url(), `/s/${token}`, {});
    expect(begun.headers.get("Location")).toBe(`/s/${token}/answer`);
    expect(await vaultDb().draft.count({ where: { key: draftKey(token!) } })).toBe(1);

    const empty = await postForm(url(), `/s/${token}/answer`, { intent: "next" });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("Vastaa tähän kysymykseen.");
    expect(emptyHtml).toContain('aria-describedby="q_q1-error"');

    const tooMany = await postForm(url(), `/s/${token}/answer`, new URLSearchParams([["intent", "next"], ["q_q1", "web"], ["q_q2", "a"], ["q_q2", "b"], ["q_q2", "c"], ["q_q3", "11"]]));
    expect(tooMany.status).toBe(400);
    const tooManyHtml = await tooMany.text();
    expect(tooManyHtml).toContain("Valitse enintään 2.");
    expect(tooManyHtml).toContain("Valitse jokin annetuista vaihtoehdoista.");

    expect((await postForm(url(), `/s/${token}/answer`, prefixed(section1))).headers.get("Location")).toBe(`/s/${token}/answer`);
    const second = await (await getPage(url(), `/s/${token}/answer`)).text();
    expect(second).toContain("Osa 2/2");
    expect(second).toContain("Miksi puhelin?"); // shown because q1 = phone

    // Save halfway, come back through the same link, find the answers kept.
    const saved = await postForm(url(), `/s/${token}/answer`, new URLSearchParams([["intent", "save"], ["q_q4", "Hyvä palvelu"]]));
    expect(saved.headers.get("Location")).toBe(`/s/${token}/answer?saved=1`);
    expect(await (await getPage(url(), `/s/${token}`)).text()).toContain("Jatka vastaamista");
    expect((await postForm(url(), `/s/${token}`, {})).headers.get("Location")).toBe(`/s/${token}/answer`);
    expect(await (await getPage(url(), `/s/${token}/answer`)).text()).toContain("Hyvä palvelu");

    const bad = new URLSearchParams(section2);
    bad.set("q_q5", "999");
    bad.set("q_q6", "31.2.2026");
    const badHtml = await (await postForm(url(), `/s/${token}/answer`, bad)).text();
    expect(badHtml).toContain("Luvun pitää olla enintään 100.");
    expect(badHtml).toContain("Kirjoita päivämäärä muodossa 31.12.2026.");

    const done = await postForm(url(), `/s/${token}/answer`, section2);
    expect(done.headers.get("Location")).toBe(`/s/${token}/thanks`);

    const pending = await vaultDb().pendingResponse.findUniqueOrThrow({ where: { dedupeKey: vaultKey(token!) } });
    expect(pending.answers).toEqual({
      q1: "phone",
      q2: ["a"],
      q3: 9,
      q4: "Soita minulle: 040 123 4567",
      q5: 3.5,
      q6: "2026-02-01",
      q7: { r1: 4, r2: 5 },
      q8: "Ei verkkoa",
    });
    expect(pending.attributes).toEqual({ language: "fi", "age-band": expect.any(String), region: "MK06" });
    expect(pending.submittedOn.toISOString().slice(0, 10)).toBe(helsinkiDay());
    expect(await vaultDb().draft.count({ where: { key: draftKey(token!) } })).toBe(0);
    const invitation = await db.invitation.findFirstOrThrow({ where: { studyId: study.id } });
    expect(invitation.completedOn?.toISOString().slice(0, 10)).toBe(helsinkiDay());

    // Results see it only after the day's mix.
    expect(await vaultDb().response.count({ where: { studyId: study.id } })).toBe(0);
    const tomorrow = new Date(Date.now() + 36 * 3600 * 1000);
    expect(await mixPendingResponses(helsinkiDay(tomorrow))).toBeGreaterThanOrEqual(1);
    expect(await vaultDb().response.count({ where: { studyId: study.id } })).toBe(1);
    expect(await vaultDb().pendingResponse.count({ where: { studyId: study.id } })).toBe(0);

    const again = await (await getPage(url(), `/s/${token}`)).text();
    expect(again).toContain("Olet jo vastannut");
    expect((await postForm(url(), `/s/${token}/answer`, section2)).status).toBe(302);
    expect(await vaultDb().response.count({ where: { studyId: study.id } })).toBe(1);
  });

  it("says so kindly when the study is closed or its quota is full; unknown links are 404", async () => {
    const { user } = await createResearcher("owner2@answering.example");
    const full = await openStudy(user, { responseQuota: 1 });
    const members = [await createMember("m1@answering.example"), await createMember("m2@answering.example")];
    const [first, second] = await invite(full.id, members);
    await postForm(url(), `/s/${first}`, {});
    await postForm(url(), `/s/${first}/answer`, prefixed(section1));
    await postForm(url(), `/s/${first}/answer`, section2);
    expect(await (await getPage(url(), `/s/${second}`)).text()).toContain("Vastauksia on jo riittävästi");
    expect((await postForm(url(), `/s/${second}`, {})).headers.get("Location")).toBe(`/s/${second}`);

    await changeStatus(user, full.id, "CLOSED");
    expect(await (await getPage(url(), `/s/${second}`)).text()).toContain("Kysely on päättynyt");
    expect((await getPage(url(), `/s/${"x".repeat(32)}`)).status).toBe(404);
  });

  it("open links have no identity, one link per visitor, and throttled starts", async () => {
    const { user } = await createResearcher("owner3@answering.example");
    const study = await openStudy(user);
    await setOpenLink(user, study.id, true);
    const openToken = (await db.study.findUniqueOrThrow({ where: { id: study.id } })).openLinkToken!;
    expect((await getPage(url(), `/o/${openToken}`)).status).toBe(200);
    const started = await postForm(url(), `/o/${openToken}`, {});
    const location = started.headers.get("Location")!;
    expect(location).toMatch(/^\/s\/o\.[\w-]+\.[\w-]+\/answer$/);
    await postForm(url(), location, prefixed(section1));
    expect((await postForm(url(), location, section2)).headers.get("Location")).toMatch(/\/thanks$/);
    expect(await vaultDb().pendingResponse.count({ where: { studyId: study.id } })).toBe(1);
    expect(await db.invitation.count({ where: { studyId: study.id } })).toBe(0);
    // The visitor's own link now says it has been answered.
    expect(await (await getPage(url(), location.replace(/\/answer$/, ""))).text()).toContain("Olet jo vastannut");

    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await postForm(url(), `/o/${openToken}`, {})).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    await setOpenLink(user, study.id, false);
    expect((await getPage(url(), `/o/${openToken}`)).status).toBe(404);
  });

  it("malformed answers never give 5xx", async () => {
    const { user } = await createResearcher("owner4@answering.example");
    const study = await openStudy(user);
    const [token] = await invite(study.id, [await createMember("fuzz@answering.example")]);
    await postForm(url(), `/s/${token}`, {});
    const bodies = [
      "intent=next&q_q1=" + "x".repeat(50_000),
      "intent=bogus",
      "",
      "intent=next&q_q3=-1&q_q2=zzz&q_q1=web",
      "intent=next&q_q1=web&q_q3=9&q_q2=a&q_q2=a&q_q2=a",
    ];
    for (const body of bodies) {
      const response = await fetch(`${url()}/s/${token}/answer`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: url(), "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
      expect(response.status).toBeLessThan(500);
    }

    // NUL (%00) cannot be stored in PostgreSQL: a text answer keeps the rest.
    // (The last body above was a valid first section: q1 = web, so q8 is hidden.)
    expect(await (await getPage(url(), `/s/${token}/answer`)).text()).toContain("Osa 2/2");
    const nul = new URLSearchParams(section2);
    nul.set("q_q4", "Hyvä\u0000 palvelu");
    nul.set("q_q8", "\u0000");
    const saved = await postForm(url(), `/s/${token}/answer`, new URLSearchParams([...nul].map(([k, v]) => [k, k === "intent" ? "save" : v])));
    expect(saved.headers.get("Location")).toBe(`/s/${token}/answer?saved=1`);
    const done = await postForm(url(), `/s/${token}/answer`, nul);
    expect(done.headers.get("Location")).toBe(`/s/${token}/thanks`);
    const pending = await vaultDb().pendingResponse.findUniqueOrThrow({ where: { dedupeKey: vaultKey(token!) } });
    expect(pending.answers).toMatchObject({ q4: "Hyvä palvelu" });
    expect(pending.answers).not.toHaveProperty("q8");
  });
});

describe("reminder links and stratum quotas", () => {
  it("a reminder's own link answers the same invitation once; the first link then says answered", async () => {
    const { user } = await createResearcher("owner6@answering.example");
    const study = await openStudy(user);
    const [token] = await invite(study.id, [await createMember("reminded@answering.example")]);
    const invitation = await db.invitation.findFirstOrThrow({ where: { studyId: study.id } });
    const reminderToken = randomToken(24);
    await db.reminderLink.create({ data: { tokenHash: panelTokenHash(reminderToken), invitationId: invitation.id } });

    expect((await postForm(url(), `/s/${reminderToken}`, {})).headers.get("Location")).toBe(`/s/${reminderToken}/answer`);
    await postForm(url(), `/s/${reminderToken}/answer`, prefixed(section1));
    expect((await postForm(url(), `/s/${reminderToken}/answer`, section2)).headers.get("Location")).toBe(`/s/${reminderToken}/thanks`);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).completedOn).not.toBeNull();
    expect(await vaultDb().pendingResponse.count({ where: { studyId: study.id } })).toBe(1);
    expect(await (await getPage(url(), `/s/${token}`)).text()).toContain("Olet jo vastannut");
    expect((await postForm(url(), `/s/${token}`, {})).headers.get("Location")).toBe(`/s/${token}`);
    expect(await vaultDb().draft.count({ where: { key: draftKey(token!) } })).toBe(0);
  });

  it("once a stratum has its quota of completes, its other invitations say full; other strata go on", async () => {
    const { user } = await createResearcher("owner7@answering.example");
    const study = await openStudy(user);
    const members = await Promise.all(["q1", "q2", "q3"].map((name) => createMember(`${name}@answering.example`)));
    const [first, second, other] = await invite(study.id, members);
    const campaign = await db.campaign.create({ data: { studyId: study.id, name: "Kiintiöt", quotas: { A: 1, B: 5 } } });
    const ids = await db.invitation.findMany({ where: { studyId: study.id }, select: { id: true, userId: true } });
    for (const row of ids) {
      const stratum = row.userId === members[2]!.id ? "B" : "A";
      await db.invitation.update({ where: { id: row.id }, data: { campaignId: campaign.id, stratum } });
    }
    for (const token of [first, second, other]) expect(await (await getPage(url(), `/s/${token}`)).text()).not.toContain("Vastauksia on jo riittävästi");
    await postForm(url(), `/s/${first}`, {});
    await postForm(url(), `/s/${first}/answer`, prefixed(section1));
    await postForm(url(), `/s/${first}/answer`, section2);
    expect(await (await getPage(url(), `/s/${second}`)).text()).toContain("Vastauksia on jo riittävästi");
    expect(await (await getPage(url(), `/s/${first}`)).text()).toContain("Olet jo vastannut");
    expect(await (await getPage(url(), `/s/${other}`)).text()).not.toContain("Vastauksia on jo riittävästi");
  });
});

describe("the form-post path and Remix answer a section alike", () => {
  // server/http.ts answers a urlencoded section POST without a query string
  // itself; everything else (a query string, multipart, pages with errors,
  // unknown links) reaches the route's action with the same body.
  it("same redirects and drafts either way; pages and 404s come from Remix; too large is 413", async () => {
    const { user } = await createResearcher("owner5@answering.example");
    const study = await openStudy(user);
    const [fast, framework] = await invite(study.id, [await createMember("fast@answering.example"), await createMember("remix@answering.example")]);
    for (const token of [fast, framework]) await postForm(url(), `/s/${token}`, {});
    const via = (token: string) => (token === fast ? `/s/${token}/answer` : `/s/${token}/answer?via=remix`);

    for (const token of [fast!, framework!]) {
      const saved = await postForm(url(), via(token), new URLSearchParams([["intent", "save"], ["q_q1", "web"]]));
      expect(saved.status).toBe(302);
      expect(saved.headers.get("Location")).toBe(`/s/${token}/answer?saved=1`);
      expect(saved.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
      const draft = await vaultDb().draft.findUniqueOrThrow({ where: { key: draftKey(token) } });
      expect(draft.answers).toEqual({ q1: "web" });

      const invalid = await postForm(url(), via(token), new URLSearchParams([["intent", "next"], ["q_q1", "web"], ["q_q3", "11"]]));
      expect(invalid.status).toBe(400);
      const html = await invalid.text();
      expect(html).toContain("<!DOCTYPE html>");
      expect(html).toContain('aria-describedby="q_q3-error"');
      expect(html).toContain("Valitse jokin annetuista vaihtoehdoista.");

      expect((await postForm(url(), via(token), prefixed(section1))).headers.get("Location")).toBe(`/s/${token}/answer`);
    }

    // The last section as multipart (a form with a file input would send it so) reaches Remix and submits.
    const multipart = new FormData();
    for (const [key, value] of section2) multipart.append(key, value);
    const submitted = await fetch(`${url()}/s/${framework}/answer`, { method: "POST", redirect: "manual", headers: { Origin: url() }, body: multipart });
    expect(submitted.headers.get("Location")).toBe(`/s/${framework}/thanks`);
    expect((await postForm(url(), `/s/${fast}/answer`, section2)).headers.get("Location")).toBe(`/s/${fast}/thanks`);
    const stored = await vaultDb().pendingResponse.findMany({ where: { dedupeKey: { in: [vaultKey(fast!), vaultKey(framework!)] } } });
    expect(stored.map((r) => r.answers)).toEqual([stored[0]!.answers, stored[0]!.answers]);
    expect(stored).toHaveLength(2);
    expect(await db.invitation.count({ where: { studyId: study.id, completedOn: { not: null } } })).toBe(2);

    const unknown = await postForm(url(), `/s/${"y".repeat(32)}/answer`, section2);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("<!DOCTYPE html>");
    for (const path of ["/s/%E0%A4%A/answer", "/s/%0d%0aSet-Cookie:%20x=1/answer"]) {
      const odd = await postForm(url(), path, section2);
      expect(odd.status).toBeGreaterThanOrEqual(400);
      expect(odd.status).toBeLessThan(500);
      expect(odd.headers.get("Set-Cookie")).toBeNull();
    }

    const [big] = await invite(study.id, [await createMember("big@answering.example")]);
    await postForm(url(), `/s/${big}`, {});
    const huge = await postForm(url(), `/s/${big}/answer`, { intent: "save", q_q1: "x".repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect((await vaultDb().draft.findUniqueOrThrow({ where: { key: draftKey(big!) } })).answers).toEqual({});
  });
});

describe("inviting from the study", () => {
  it("only the study's team may invite; invitations go out by email with a personal link", async () => {
    const { user, cookie } = await createResearcher("inviter@answering.example");
    const stranger = await createResearcher("stranger@answering.example");
    const study = await openStudy(user);
    for (let i = 0; i < 3; i++) await createMember(`invitee${i}@answering.example`);
    expect((await postForm(url(), `/staff/studies/${study.id}/invite`, { count: "2" }, stranger.cookie)).status).toBe(404);
    const member = await createMember("member-tries@answering.example");
    expect((await postForm(url(), `/staff/studies/${study.id}/invite`, { count: "2" }, member.cookie)).status).toBe(403);
    const response = await postForm(url(), `/staff/studies/${study.id}/invite`, { count: "2" }, cookie);
    expect(response.headers.get("Location")).toBe(`/staff/studies/${study.id}?invited=2`);
    const mail = await running.sink.waitFor((m) => (m.parsed.subject ?? "").startsWith("Kutsu: Asiointikysely"));
    const link = /https?:\/\/\S+\/s\/([\w-]+)/.exec(mail.parsed.text ?? "");
    expect(link).toBeTruthy();
    expect((await getPage(url(), new URL(link![0]).pathname)).status).toBe(200);
    // The token is nowhere in the panel once the email has gone.
    for (let i = 0; i < 50 && (await db.outboxEmail.count({ where: { template: "invitation", status: { not: "SENT" } } })) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rows = await db.$queryRawUnsafe<{ row: string }[]>(
      `SELECT row_to_json(t)::text AS row FROM "OutboxEmail" t UNION ALL SELECT row_to_json(i)::text FROM "Invitation" i`,
    );
    expect(rows.some(({ row }) => row.includes(link![1]!))).toBe(false);
  });

  it("applies the contact-fatigue rules: paused, cooling down and capped members are left out", async () => {
    const { user, cookie } = await createResearcher("fatigue-inviter@answering.example");
    const earlier = await openStudy(user);
    const study = await openStudy(user);
    const fresh = await createMember("fatigue-fresh@answering.example");
    const paused = await createMember("fatigue-paused@answering.example");
    const cooling = await createMember("fatigue-cooling@answering.example");
    const capped = await createMember("fatigue-capped@answering.example");
    await db.memberPreferences.update({ where: { userId: paused.id }, data: { pausedUntil: new Date(Date.now() + 10 * 86_400_000) } });
    const day = (offset: number) => new Date(`${helsinkiDay(new Date(Date.now() - offset * 86_400_000))}T00:00:00Z`);
    // Took part three days ago: inside the 14-day cool-down.
    await db.invitation.create({ data: { studyId: earlier.id, userId: cooling.id, tokenHash: panelTokenHash(randomToken()), invitedOn: day(5), completedOn: day(3) } });
    // Invited to three studies this month: at the monthly cap of 3.
    for (let i = 0; i < 3; i++) {
      const other = await openStudy(user);
      await db.invitation.create({ data: { studyId: other.id, userId: capped.id, tokenHash: panelTokenHash(randomToken()), invitedOn: day(2 + i) } });
    }
    const response = await postForm(url(), `/staff/studies/${study.id}/invite`, { count: "5000" }, cookie);
    expect(response.status).toBe(302);
    const invited = new Set((await db.invitation.findMany({ where: { studyId: study.id }, select: { userId: true } })).map((i) => i.userId));
    expect(invited.has(fresh.id)).toBe(true);
    expect(invited.has(paused.id)).toBe(false);
    expect(invited.has(cooling.id)).toBe(false);
    expect(invited.has(capped.id)).toBe(false);
  });
});
