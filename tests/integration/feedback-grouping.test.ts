// Recurrence grouping against the real panel store and the real server over
// HTTP: a hand-written corpus of feedback in Finnish, Swedish and English
// (tests/support/feedback-corpus.ts) arrives through createFeedback, and the
// groups it forms are scored against the known matters by pairwise precision
// and recall; items about one matter arriving at once land in one group; an
// item taken out of its group stays out; the group pages refuse the wrong
// roles and answer 404 for unknown or malformed ids.
import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { regroupOncePerDay, regroupRecent } from "~/modules/feedback/grouping.server";
import { corpusServices, feedbackCorpus, type CorpusItem, type CorpusService } from "../support/feedback-corpus";
import { createService, createUnit, logFeedback } from "../support/feedback";
import { createStaff, getPage, postForm } from "../support/helpers-auth";
import { serverWithSink } from "../support/members";

const running = serverWithSink();
const base = () => running.server.url;
let seq = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${++seq}`;
const decode = (html: string) => html.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
const DAY = 24 * 3_600_000;
const unknownId = "00000000-0000-4000-8000-000000000000";

type Role = "RESEARCHER" | "FACILITATOR" | "FEEDBACK_HANDLER" | "ADMIN";

async function staffCookie(roles: Role[]) {
  const user = await createStaff(`${unique("staff")}@panel.example`, "correct horse battery staple", { roles, language: "en" });
  const cookie = (await createSession(user.id, new Request("http://localhost/", { headers: { "User-Agent": "test-agent" } }))).split(";")[0]!;
  return { id: user.id, cookie };
}

/** A fixed shuffle, so matters arrive interleaved as they would in real life. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Pairwise precision and recall of the groups formed against the known matters (an item of its own is in no known pair). */
function pairwise(placed: readonly { item: CorpusItem; groupId: string }[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: string[] = [];
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i]!;
      const b = placed[j]!;
      const same = a.item.group !== null && a.item.group === b.item.group;
      const grouped = a.groupId === b.groupId;
      if (same && grouped) tp++;
      else if (grouped) {
        fp++;
        wrong.push(`together but not the same matter (${a.item.group ?? "own"} / ${b.item.group ?? "own"}): "${a.item.text.slice(0, 50)}" / "${b.item.text.slice(0, 50)}"`);
      } else if (same) fn++;
    }
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), tp, fp, fn, wrong };
}

let handler: Awaited<ReturnType<typeof staffCookie>>;

beforeAll(async () => {
  handler = await staffCookie(["FEEDBACK_HANDLER"]);
});

describe("recurrence grouping", () => {
  it("groups the corpus by matter across channels with pairwise precision and recall of at least 0.8 in two arrival orders", async () => {
    const units = await Promise.all([createUnit(unique("Benefits "), "benefits@units.example"), createUnit(unique("City works "), "works@units.example")]);
    expect(units).toHaveLength(2);
    // the services customers and handlers pick, half routed to each unit
    const serviceIds = new Map<CorpusService, string>();
    for (const [i, [key, names]] of Object.entries(corpusServices).entries()) {
      const service = await createService(names, units[i % 2]!.id);
      serviceIds.set(key as CorpusService, service.id);
    }
    // each order arrives over 200 days, the two more than the 365-day grouping window apart
    const orders: { name: string; items: CorpusItem[]; start: number }[] = [
      { name: "corpus order", items: feedbackCorpus, start: Date.now() - 1000 * DAY },
      { name: "shuffled (seed 42)", items: shuffled(feedbackCorpus, 42), start: Date.now() - 300 * DAY },
    ];
    const scores = [];
    for (const order of orders) {
      const placed: { item: CorpusItem; id: string; groupId: string }[] = [];
      for (const [i, item] of order.items.entries()) {
        const created = await logFeedback({
          text: item.text,
          language: item.language,
          channel: item.channel,
          category: item.category,
          serviceId: item.service ? serviceIds.get(item.service)! : null,
          receivedAt: new Date(order.start + i * DAY),
          wantsContact: i % 3 === 0,
          contactEmail: i % 3 === 0 ? `customer${i}@example.fi` : null,
        });
        placed.push({ item, id: created.id, groupId: created.groupId });
      }
      const arrival = pairwise(placed);
      console.log(
        `feedback grouping, ${order.name}, ${placed.length} items, on arrival: precision ${arrival.precision.toFixed(3)}, recall ${arrival.recall.toFixed(3)} (pairs: ${arrival.tp} right, ${arrival.fp} wrongly together, ${arrival.fn} wrongly apart)`,
      );
      // the nightly pass, as it would run the night after the last of them arrived
      const pass = await regroupRecent(new Date(order.start + order.items.length * DAY));
      expect(pass.items).toBe(placed.length);
      const now = new Map((await db.feedback.findMany({ where: { id: { in: placed.map((p) => p.id) } }, select: { id: true, groupId: true } })).map((f) => [f.id, f.groupId!]));
      const regrouped = placed.map((p) => ({ ...p, groupId: now.get(p.id)! }));
      const score = pairwise(regrouped);
      console.log(
        `feedback grouping, ${order.name}, ${placed.length} items, after regrouping (${pass.moved} moved): precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)} (pairs: ${score.tp} right, ${score.fp} wrongly together, ${score.fn} wrongly apart)`,
      );
      if (score.precision < 0.8) console.log(score.wrong.slice(0, 30).join("\n"));
      scores.push({ name: order.name, precision: score.precision, recall: score.recall });
    }
    // every stored item has its stems and a group with terms
    const stored = await db.feedback.findMany({ select: { stems: true, group: { select: { terms: true } } } });
    expect(stored.every((s) => s.stems.length > 0 && (s.group?.terms.length ?? 0) > 0)).toBe(true);
    for (const score of scores) {
      expect(score.precision, `precision, ${score.name}`).toBeGreaterThanOrEqual(0.8);
      expect(score.recall, `recall, ${score.name}`).toBeGreaterThanOrEqual(0.8);
    }
  }, 300_000);

  it("regroups once a night, never in the working day (so not at start-up either)", async () => {
    // Helsinki is UTC+2 in January: 12:00 there is 10:00Z, 02:00 there is 00:00Z.
    expect(await regroupOncePerDay(new Date("2027-01-12T10:00:00Z"))).toBeNull();
    expect(await regroupOncePerDay(new Date("2027-01-12T00:00:00Z"))).toEqual(expect.objectContaining({ items: expect.any(Number) }));
    expect(await regroupOncePerDay(new Date("2027-01-12T01:30:00Z"))).toBeNull();
    expect(await regroupOncePerDay(new Date("2027-01-13T00:30:00Z"))).not.toBeNull();
  });

  it("puts items about one matter arriving at the same moment into one group", async () => {
    const marker = unique("Kirjastoauto");
    const texts = [
      `${marker} ei tullut pysäkille tiistaina, odotimme turhaan tunnin.`,
      `${marker} jäi tulematta pysäkille, odotimme tunnin tiistaina.`,
      `Tiistaina ${marker} ei tullut lainkaan pysäkille ja odotimme turhaan.`,
      `${marker} ei saapunut pysäkille tiistaina, turha odotus.`,
      `Odotimme tiistaina pysäkillä tunnin, ${marker} ei tullut.`,
      `${marker} ei tullut pysäkille, odotimme turhaan koko tunnin.`,
    ];
    const created = await Promise.all(texts.map((text) => logFeedback({ text, channel: "EMAIL" })));
    expect(new Set(created.map((c) => c.groupId)).size).toBe(1);
  });

  it("keeps an item taken out of its group out, also when similar items arrive later", async () => {
    const marker = unique("Uimahallinkassa");
    const first = await logFeedback({ text: `${marker} ei hyväksy maksukortteja, jouduin hakemaan käteistä.` });
    const second = await logFeedback({ text: `${marker} ei hyväksynyt maksukorttia, piti hakea käteistä automaatilta.` });
    expect(second.groupId).toBe(first.groupId);
    const response = await postForm(base(), `/staff/feedback/groups/${first.groupId}`, { intent: "takeOut", itemId: second.id, understood: "on" }, { cookie: handler.cookie });
    expect(response.status).toBe(302);
    const out = await db.feedback.findUniqueOrThrow({ where: { id: second.id }, select: { groupId: true, groupLocked: true } });
    expect(out.groupLocked).toBe(true);
    expect(out.groupId).not.toBe(first.groupId);
    const third = await logFeedback({ text: `${marker} ei hyväksy maksukortteja, käteistä piti hakea.` });
    expect(third.groupId).toBe(first.groupId);
    // the nightly regrouping leaves it out too
    await regroupRecent();
    const still = await db.feedback.findUniqueOrThrow({ where: { id: second.id }, select: { groupId: true } });
    expect(still.groupId).toBe(out.groupId);
    expect((await db.feedback.findUniqueOrThrow({ where: { id: third.id }, select: { groupId: true } })).groupId).toBe(
      (await db.feedback.findUniqueOrThrow({ where: { id: first.id }, select: { groupId: true } })).groupId,
    );
    const log = await db.feedbackAction.findMany({ where: { feedbackId: second.id, kind: "GROUPED" }, select: { byId: true } });
    expect(log).toEqual([{ byId: handler.id }]);
  });

  it("asks for the confirmation before taking an item out, renames a group and moves an item by reference", async () => {
    const marker = unique("Katuvalosammunut");
    const a = await logFeedback({ text: `${marker} Koivukadulla, pimeää koko ilta.` });
    const b = await logFeedback({ text: `${marker} Koivukadulla taas, pimeää.` });
    const elsewhere = await logFeedback({ text: `${unique("Roskisjäitaas")} tyhjentämättä pihalla.` });
    expect(b.groupId).toBe(a.groupId);
    const unconfirmed = await postForm(base(), `/staff/feedback/groups/${a.groupId}`, { intent: "takeOut", itemId: b.id }, { cookie: handler.cookie });
    expect(unconfirmed.status).toBe(400);
    expect(decode(await unconfirmed.text())).toContain("Confirm by ticking the box.");
    expect((await db.feedback.findUniqueOrThrow({ where: { id: b.id } })).groupId).toBe(a.groupId);

    const renamed = await postForm(base(), `/staff/feedback/groups/${a.groupId}`, { intent: "rename", title: "Street lights out" }, { cookie: handler.cookie });
    expect(renamed.status).toBe(302);
    const list = decode(await (await getPage(base(), `/staff/feedback/groups?q=${encodeURIComponent("Street lights")}`, { cookie: handler.cookie })).text());
    expect(list).toContain("Street lights out");

    const number = (await db.feedback.findUniqueOrThrow({ where: { id: elsewhere.id }, select: { number: true } })).number;
    const bad = await postForm(base(), `/staff/feedback/groups/${a.groupId}`, { intent: "move", itemId: b.id, [`target-${b.id}`]: "#999999" }, { cookie: handler.cookie });
    expect(bad.status).toBe(400);
    expect(decode(await bad.text())).toContain('value="#999999"');
    const moved = await postForm(base(), `/staff/feedback/groups/${a.groupId}`, { intent: "move", itemId: b.id, [`target-${b.id}`]: `#${number}` }, { cookie: handler.cookie });
    expect(moved.status).toBe(302);
    expect(await db.feedback.findUniqueOrThrow({ where: { id: b.id }, select: { groupId: true, groupLocked: true } })).toEqual({ groupId: elsewhere.groupId, groupLocked: true });
  });
});

describe("the group pages", () => {
  it("list recurring groups first and show a group's items with masked text", async () => {
    const marker = unique("Pysäköintiautomaatti");
    const a = await logFeedback({ text: `${marker} rikki torilla, soita 040 123 4567 jos tarvitsette lisätietoa.` });
    await logFeedback({ text: `${marker} torilla rikki taas, ei ota kolikoita.`, channel: "WEB" });
    const list = await getPage(base(), `/staff/feedback/groups?q=${encodeURIComponent(marker)}`, { cookie: handler.cookie });
    expect(list.status).toBe(200);
    const html = decode(await list.text());
    expect(html).toContain(`/staff/feedback/groups/${a.groupId}`);
    const detail = decode(await (await getPage(base(), `/staff/feedback/groups/${a.groupId}`, { cookie: handler.cookie })).text());
    expect(detail).toContain("••• [phone]");
    expect(detail).not.toContain("040 123 4567");
    const empty = decode(await (await getPage(base(), `/staff/feedback/groups?q=${unique("nothinglikethis")}`, { cookie: handler.cookie })).text());
    expect(empty).toContain("No matters match the filters.");
    // malformed filters are ignored, not a 500
    const odd = await getPage(base(), `/staff/feedback/groups?from=2026-13-45&unit=nope&min=-3&page=x&category=BAD&q=%00`, { cookie: handler.cookie });
    expect(odd.status).toBe(200);
  });

  it("refuse the wrong roles and answer 404 for unknown and malformed ids", async () => {
    const item = await logFeedback({ text: `${unique("Access")} check` });
    for (const roles of [["RESEARCHER"], ["FACILITATOR"]] as Role[][]) {
      const other = await staffCookie(roles);
      expect((await getPage(base(), "/staff/feedback/groups", { cookie: other.cookie })).status).toBe(403);
      expect((await getPage(base(), `/staff/feedback/groups/${item.groupId}`, { cookie: other.cookie })).status).toBe(403);
      const post = await postForm(base(), `/staff/feedback/groups/${item.groupId}`, { intent: "rename", title: "x" }, { cookie: other.cookie });
      expect(post.status).toBe(403);
    }
    expect((await db.feedbackGroup.findUniqueOrThrow({ where: { id: item.groupId } })).title).toBeNull();
    const signedOut = await getPage(base(), "/staff/feedback/groups");
    expect(signedOut.status).toBe(302);
    const admin = await staffCookie(["ADMIN"]);
    expect((await getPage(base(), "/staff/feedback/groups", { cookie: admin.cookie })).status).toBe(200);
    for (const id of [unknownId, "not-a-uuid", "1042", `${unknownId}x`]) {
      expect((await getPage(base(), `/staff/feedback/groups/${id}`, { cookie: handler.cookie })).status).toBe(404);
      expect((await postForm(base(), `/staff/feedback/groups/${id}`, { intent: "rename", title: "x" }, { cookie: handler.cookie })).status).toBe(404);
    }
    const badItem = await postForm(base(), `/staff/feedback/groups/${item.groupId}`, { intent: "takeOut", itemId: "nope", understood: "on" }, { cookie: handler.cookie });
    expect(badItem.status).toBe(400);
  });
});
