// Ten submissions of the same invitation at once (the last section posted ten
// times over HTTP, and submit() called ten times straight) store exactly one
// response, pending or mixed, and one completion mark; nothing else is
// written about the submission (no email, no audit event).
import { describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { helsinkiDay } from "~/modules/studies/days";
import { funnel, invitationLinkByToken, markCompleted } from "~/modules/studies/invitations.server";
import { resolveLink, submit } from "~/modules/surveys/answering.server";
import { vaultDb } from "~/modules/vault/db.server";
import { draftKey, mixPendingResponses, storeSubmission, vaultKey } from "~/modules/vault/responses.server";
import { createMember, postForm, serverWithSink } from "../support/members";
import { allowProfileUse, createResearcher, invite, openStudy } from "../support/studies";

const running = serverWithSink();
const url = () => running.server.url;

const firstSection = { intent: "next", q_q1: "web", q_q2: "b", q_q3: "8" };
const lastSection = { intent: "next", q_q4: "Kaikki toimi", q_q5: "2", q_q7__r1: "4", q_q7__r2: "3" };
const answers = { q1: "web", q2: ["b"], q3: 8, q4: "Kaikki toimi", q5: 2, q7: { r1: 4, r2: 3 } };

/** Responses with this link's key, waiting for the mix and mixed. */
async function stored(token: string) {
  const key = vaultKey(token);
  const [pending, mixed] = await Promise.all([
    vaultDb().pendingResponse.findMany({ where: { dedupeKey: key } }),
    vaultDb().response.findMany({ where: { dedupeKey: key } }),
  ]);
  return { pending, mixed };
}

async function sideWrites() {
  const [emails, audits] = await Promise.all([db.outboxEmail.count(), db.auditEvent.count()]);
  return { emails, audits };
}

describe("ten submissions of one invitation at once", () => {
  it("over HTTP: ten final-section POSTs store one response and one completion mark", async () => {
    const { user } = await createResearcher("owner@concurrency.example");
    const study = await openStudy(user);
    const member = await createMember("member@concurrency.example");
    await allowProfileUse(member.id, { birthYear: 1990, region: "MK02" });
    const [token] = await invite(study.id, [member]);
    const answer = `/s/${token}/answer`;
    expect((await postForm(url(), `/s/${token}`, {})).headers.get("Location")).toBe(answer);
    expect((await postForm(url(), answer, firstSection)).headers.get("Location")).toBe(answer);
    const before = await sideWrites();

    const responses = await Promise.all(Array.from({ length: 10 }, () => postForm(url(), answer, lastSection)));
    for (const response of responses) {
      expect(response.status).toBe(302);
      expect([`/s/${token}/thanks`, `/s/${token}`]).toContain(response.headers.get("Location"));
    }
    expect(responses.filter((r) => r.headers.get("Location") === `/s/${token}/thanks`).length).toBeGreaterThanOrEqual(1);

    const today = helsinkiDay();
    const { pending, mixed } = await stored(token!);
    expect(mixed).toHaveLength(0);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.answers).toEqual(answers);
    expect(pending[0]!.submittedOn.toISOString().slice(0, 10)).toBe(today);
    const invitation = await db.invitation.findFirstOrThrow({ where: { studyId: study.id, userId: member.id } });
    expect(invitation.completedOn?.toISOString().slice(0, 10)).toBe(today);
    expect(await funnel(study.id)).toEqual({ invited: 1, completed: 1 });
    expect(await vaultDb().draft.count({ where: { key: draftKey(token!) } })).toBe(0);
    expect(await sideWrites()).toEqual(before);

    // Once mixed it is still one, and the link says it is done.
    await mixPendingResponses(nextDay(today));
    expect(await stored(token!)).toMatchObject({ pending: [], mixed: [{ answers }] });
    const again = await postForm(url(), answer, lastSection);
    expect(again.headers.get("Location")).toBe(`/s/${token}`);
    expect((await stored(token!)).mixed).toHaveLength(1);
  });

  it("straight through submit(): one stored, nine duplicates, one completion mark; and again after the mix", async () => {
    const { user } = await createResearcher("owner2@concurrency.example");
    const study = await openStudy(user);
    const member = await createMember("member2@concurrency.example");
    const [token] = await invite(study.id, [member]);
    const link = (await resolveLink(token!))!;
    expect(link.state).toBe("open");
    const before = await sideWrites();

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => submit(link, 1, answers, "sv")));
    expect(outcomes.filter((o) => o === "stored")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(9);
    const { pending, mixed } = await stored(token!);
    expect([pending.length, mixed.length]).toEqual([1, 0]);
    expect(pending[0]!.attributes).toEqual({ language: "sv", "age-band": "unknown", region: "unknown" });
    expect(await funnel(study.id)).toEqual({ invited: 1, completed: 1 });
    expect((await resolveLink(token!))!.state).toBe("done");

    await mixPendingResponses(nextDay(helsinkiDay()));
    const later = await Promise.all(Array.from({ length: 10 }, () => submit(link, 1, { ...answers, q3: 0 }, "sv")));
    expect(later.every((o) => o === "duplicate")).toBe(true);
    const after = await stored(token!);
    expect([after.pending.length, after.mixed.length]).toEqual([0, 1]);
    expect(after.mixed[0]!.answers).toEqual(answers);
    expect(await funnel(study.id)).toEqual({ invited: 1, completed: 1 });
    expect(await sideWrites()).toEqual(before);
  });
});

describe("submissions of many links at once", () => {
  const store = (key: string, studyId: string, answers: Record<string, number>) =>
    storeSubmission({ dedupeKey: key, studyId, surveyVersion: 1, answers, attributes: {}, day: helsinkiDay() });
  const pendingRows = (prefix: string) => vaultDb().$queryRaw<{ key: string; answers: { link: number; round: number }; tx: string }[]>`
    SELECT "dedupeKey" AS key, answers, xmin::text AS tx FROM "PendingResponse" WHERE "dedupeKey" LIKE ${`${prefix}%`}`;

  it("go as few statements, and each caller gets its own outcome", async () => {
    const { user } = await createResearcher("owner3@concurrency.example");
    const study = await openStudy(user);
    const prefix = `together:${Math.random()}:`;
    // Six links, each submitted four times, interleaved.
    const calls = [0, 1, 2, 3].flatMap((round) => [0, 1, 2, 3, 4, 5].map((link) => ({ link, round })));
    const outcomes = await Promise.all(calls.map(({ link, round }) => store(`${prefix}${link}`, study.id, { link, round })));
    for (const link of [0, 1, 2, 3, 4, 5]) {
      const mine = outcomes.filter((_, n) => calls[n]!.link === link);
      expect(mine.filter((o) => o === "stored")).toHaveLength(1);
      expect(mine.filter((o) => o === "duplicate")).toHaveLength(3);
    }
    const rows = await pendingRows(prefix);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      // Each link's stored answer is its own, from the call that was told "stored".
      const link = Number(row.key.slice(prefix.length));
      expect(row.answers.link).toBe(link);
      expect(outcomes[calls.findIndex((c) => c.link === link && c.round === row.answers.round)]).toBe("stored");
    }
    // The first call went alone; the others waited for it and went as one statement.
    expect(new Set(rows.map((row) => row.tx)).size).toBe(2);
  });

  it("links read at once each get their own invitation and background; marks at once mark each once", async () => {
    const { user } = await createResearcher("owner5@concurrency.example");
    const study = await openStudy(user);
    const members = [];
    for (let i = 0; i < 5; i++) {
      const member = await createMember(`many${i}@concurrency.example`);
      // Every other member allows the use of their profile.
      if (i % 2 === 0) await allowProfileUse(member.id, { birthYear: 1950 + i, region: `MK0${i + 1}` });
      members.push(member);
    }
    const tokens = await invite(study.id, members);
    const links = await Promise.all([...tokens, "x".repeat(30), ...tokens].map((token) => invitationLinkByToken(token!, { background: true })));
    expect(links[5]).toBeNull();
    for (const [i, member] of members.entries()) {
      for (const link of [links[i], links[i + 6]]) {
        expect(link?.userId).toBe(member.id);
        expect(link?.background).toEqual(i % 2 === 0 ? expect.objectContaining({ birthYear: 1950 + i, region: `MK0${i + 1}` }) : null);
      }
    }
    const day = helsinkiDay();
    await Promise.all([...links.slice(0, 5), ...links.slice(0, 5)].map((link) => markCompleted(link!.invitationId, day)));
    expect(await funnel(study.id)).toEqual({ invited: 5, completed: 5 });
  });

  it("a submission PostgreSQL refuses fails alone; the others of its statement are stored", async () => {
    const { user } = await createResearcher("owner4@concurrency.example");
    const study = await openStudy(user);
    const prefix = `alone:${Math.random()}:`;
    const outcomes = await Promise.allSettled([
      store(`${prefix}0`, study.id, { link: 0, round: 0 }),
      store(`${prefix}1`, study.id, { link: 1, round: 0 }),
      store(`${prefix}bad`, "not-a-uuid", { link: -1, round: 0 }),
      store(`${prefix}2`, study.id, { link: 2, round: 0 }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    expect((await pendingRows(prefix)).map((row) => row.key).sort()).toEqual([`${prefix}0`, `${prefix}1`, `${prefix}2`]);
  });
});

function nextDay(day: string) {
  return new Date(new Date(`${day}T12:00:00Z`).getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
