// Ten submissions of the same invitation at once (the last section posted ten
// times over HTTP, and submit() called ten times straight) store exactly one
// response, pending or mixed, and one completion mark; nothing else is
// written about the submission (no email, no audit event).
import { describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { helsinkiDay } from "~/modules/studies/days";
import { funnel } from "~/modules/studies/invitations.server";
import { resolveLink, submit } from "~/modules/surveys/answering.server";
import { vaultDb } from "~/modules/vault/db.server";
import { draftKey, mixPendingResponses, vaultKey } from "~/modules/vault/responses.server";
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

function nextDay(day: string) {
  return new Date(new Date(`${day}T12:00:00Z`).getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
