// Studies and the survey builder over real HTTP: a researcher creates a study,
// builds a survey with every question type through the builder's small forms
// (no JavaScript), reorders, sets a show-if, writes every text in three
// languages until completeness is 100 %, opens the study (the version freezes)
// and a later edit makes version 2. Access: an outsider researcher gets 404 on
// every page and action, a facilitator and a member 403; malformed bodies
// never get a 5xx.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { completeness, surveyDefinition, type QuestionType, type SurveyDefinition } from "~/modules/surveys/definition";
import { startAppServer, type AppServer } from "../support/app-server";
import { createMember } from "../support/members";
import { createResearcher } from "../support/studies";

let server: AppServer;
const url = () => server.url;

type Body = Record<string, string | string[]>;

function encode(body: Body | URLSearchParams): URLSearchParams {
  if (body instanceof URLSearchParams) return body;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params;
}

function post(path: string, body: Body | URLSearchParams, cookie: string) {
  return fetch(`${url()}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: url(), "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: encode(body),
  });
}

function get(path: string, cookie: string) {
  return fetch(`${url()}${path}`, { redirect: "manual", headers: { Cookie: cookie } });
}

async function staffCookie(email: string, roles: ("RESEARCHER" | "FACILITATOR" | "ADMIN")[]) {
  const user = await db.user.create({ data: { kind: "STAFF", roles, email, name: email } });
  return (await createSession(user.id, new Request("http://localhost/"))).split(";")[0]!;
}

const tri = (prefix: string, fi: string, sv = `${fi} på svenska`, en = `${fi} in English`): Body => ({
  [`${prefix}_fi`]: fi,
  [`${prefix}_sv`]: sv,
  [`${prefix}_en`]: en,
});

const studyBody = (overrides: Body = {}): Body => ({
  type: "SURVEY",
  ...tri("title", "Asiointikysely 2026", "Kundenkät 2026", "Service survey 2026"),
  ...tri("description", "Kerro asioinnistasi.", "Berätta om ditt ärende.", "Tell us about your visit."),
  attributes: ["language", "age-band"],
  minGroupSize: "5",
  closesAt: "2030-06-30T16:00",
  responseQuota: "500",
  ...overrides,
});

async function latest(studyId: string) {
  const row = await db.surveyVersion.findFirstOrThrow({ where: { studyId }, orderBy: { version: "desc" } });
  return { version: row.version, frozen: row.frozenAt !== null, definition: surveyDefinition.parse(row.definition) };
}

const order = (definition: SurveyDefinition) => definition.sections.map((s) => `${s.id}:${s.questions.map((q) => q.id).join(",")}`).join(" | ");

let owner: { cookie: string; id: string };
let teammate: { cookie: string; id: string };
let outsider: string;
let facilitator: string;
let member: string;
let studyId = "";

beforeAll(async () => {
  server = await startAppServer();
  const a = await createResearcher("owner@studies.example");
  owner = { cookie: a.cookie, id: a.user.id };
  const c = await createResearcher("teammate@studies.example");
  teammate = { cookie: c.cookie, id: c.user.id };
  outsider = (await createResearcher("outsider@studies.example")).cookie;
  facilitator = await staffCookie("facilitator@studies.example", ["FACILITATOR"]);
  member = (await createMember("member@studies.example")).cookie;
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe("studies and the survey builder", () => {
  it("creates a study: empty list, k below 3 refused next to the field, then created with its team", async () => {
    const list = await get("/staff/studies", owner.cookie);
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain("Sinulla ei ole vielä tutkimuksia.");
    expect(listHtml).toContain('href="/staff/studies/new"');
    expect((await get("/staff/studies/new", owner.cookie)).status).toBe(200);

    const tooSmall = await post("/staff/studies/new", studyBody({ minGroupSize: "2", team: teammate.id }), owner.cookie);
    expect(tooSmall.status).toBe(400);
    const tooSmallHtml = await tooSmall.text();
    expect(tooSmallHtml).toContain("Pienin ryhmä ei voi olla alle 3 vastaajaa");
    expect(tooSmallHtml).toContain('aria-describedby="minGroupSize-hint minGroupSize-error"');
    expect(tooSmallHtml).toContain("Kundenkät 2026"); // what was typed is kept
    expect(await db.study.count()).toBe(0);

    const badDate = await post("/staff/studies/new", studyBody({ closesAt: "2026-02-30T12:00", responseQuota: "-1" }), owner.cookie);
    expect(badDate.status).toBe(400);
    const badDateHtml = await badDate.text();
    expect(badDateHtml).toContain("Anna päivä ja kellonaika");
    expect(badDateHtml).toContain("Kirjoita positiivinen kokonaisluku");

    const created = await post("/staff/studies/new", studyBody({ team: teammate.id }), owner.cookie);
    expect(created.status).toBe(302);
    const location = created.headers.get("Location")!;
    studyId = /\/staff\/studies\/([0-9a-f-]{36})\?created=1$/.exec(location)![1]!;
    const study = await db.study.findUniqueOrThrow({ where: { id: studyId }, include: { team: true } });
    expect(study.minGroupSize).toBe(5);
    expect(study.ownerId).toBe(owner.id);
    expect(study.team.map((t) => t.userId)).toEqual([teammate.id]);
    expect(study.closesAt?.toISOString()).toBe("2030-06-30T13:00:00.000Z"); // 16:00 in Helsinki summer time
    expect(study.analysisAttributes.sort()).toEqual(["age-band", "language"]);

    const page = await (await get(`/staff/studies/${studyId}`, owner.cookie)).text();
    expect(page).toContain("Asiointikysely 2026");
    expect(page).toContain('value="2030-06-30T16:00"');
    // The teammate sees it too; the list shows it.
    expect((await get(`/staff/studies/${studyId}`, teammate.cookie)).status).toBe(200);
    expect(await (await get("/staff/studies?q=kundenk", owner.cookie)).text()).toContain(`/staff/studies/${studyId}`);
    expect(await (await get("/staff/studies?q=nothing-like-it", owner.cookie)).text()).toContain("Haulla ei löytynyt tutkimuksia.");

    // Saving settings with k below 3 is refused the same way.
    const lowK = await post(`/staff/studies/${studyId}`, { intent: "save", ...studyBody({ minGroupSize: "1" }) }, owner.cookie);
    expect(lowK.status).toBe(400);
    expect(await lowK.text()).toContain("Pienin ryhmä ei voi olla alle 3 vastaajaa");
    expect((await db.study.findUniqueOrThrow({ where: { id: studyId } })).minGroupSize).toBe(5);

    // The consent text shown at the start is kept per language.
    const consent = { consent_fi: "Vastauksia käyttää asiakaskokemusyksikkö.", consent_sv: "Svaren används av enheten för kundupplevelse.", consent_en: "" };
    const saved = await post(`/staff/studies/${studyId}`, { intent: "save", ...studyBody({ team: teammate.id, ...consent }) }, owner.cookie);
    expect(saved.status).toBe(302);
    expect((await db.study.findUniqueOrThrow({ where: { id: studyId } })).consentText).toEqual({ fi: consent.consent_fi, sv: consent.consent_sv, en: "" });
    expect(await (await get(`/staff/studies/${studyId}`, owner.cookie)).text()).toContain(consent.consent_sv);
  });

  it("builds a survey with every question type through the builder intents", async () => {
    const survey = `/staff/studies/${studyId}/survey`;
    const act = async (body: Body, expected = 302) => {
      const response = await post(survey, body, owner.cookie);
      if (response.status !== expected) throw new Error(`${JSON.stringify(body)} → ${response.status}\n${(await response.text()).slice(0, 3000)}`);
      return response;
    };

    const empty = await (await get(survey, owner.cookie)).text();
    expect(empty).toContain("Kyselyssä ei ole vielä osioita.");
    expect(empty).toContain("Muokkaat versiota 1");

    await act({ intent: "add-section", ...tri("title", "Asiointi", "Ärenden", "Your visit") });
    const second = await act({ intent: "add-section" });
    expect(second.headers.get("Location")).toContain("#s-s2");

    const types: QuestionType[] = ["single", "multiple", "likert5", "likert7", "nps", "csat", "shortText", "longText", "number", "date", "matrix"];
    const ids: Record<string, string> = {};
    for (const [index, type] of types.entries()) {
      const added = await act({ intent: "add-question", sectionId: index < 6 ? "s1" : "s2", type });
      const edit = /[?&]edit=(q\d+)#q-q\d+$/.exec(added.headers.get("Location")!);
      ids[type] = edit![1]!;
    }
    expect(Object.values(ids)).toEqual(["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11"]);
    const unknownType = await act({ intent: "add-question", sectionId: "s1", type: "slider" }, 400);
    expect(await unknownType.text()).toContain("Valitse kysymyksen tyyppi listasta.");

    // The newly added question's form opens; completeness is far from done.
    const withForm = await (await get(`${survey}?edit=q1`, owner.cookie)).text();
    expect(withForm).toContain('name="option_o1_fi"');
    expect(withForm).toContain('name="newoption_1_sv"');
    expect(completeness((await latest(studyId)).definition).sv.filled).toBe(1);

    // Texts in three languages for every question, with the type's own settings.
    for (const type of types) {
      const body: Body = { intent: "edit-question", questionId: ids[type]!, ...tri("text", `Kysymys ${type}`), required: "yes" };
      if (type === "single" || type === "multiple") {
        Object.assign(body, tri("option_o1", "Verkossa", "På webben", "Online"), tri("option_o2", "Puhelimessa", "Per telefon", "By phone"));
        Object.assign(body, tri("newoption_1", "Toimipisteessä", "På ett kontor", "At an office"));
      }
      if (type === "multiple") Object.assign(body, { min: "1", max: "2" }, tri("help", "Valitse 1–2.", "Välj 1–2.", "Choose 1–2."));
      if (type === "number") Object.assign(body, { min: "0", max: "99,5" });
      if (type === "matrix") Object.assign(body, tri("row_r1", "Selkeys", "Tydlighet", "Clarity"), tri("newrow_1", "Nopeus", "Snabbhet", "Speed"), { scale: "7" });
      await act(body);
    }
    let current = (await latest(studyId)).definition;
    const byId = new Map(current.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
    const multiple = byId.get("q2")!;
    expect(multiple.type === "multiple" && [multiple.min, multiple.max, multiple.options.map((o) => o.id)]).toEqual([1, 2, ["o1", "o2", "o3"]]);
    const matrix = byId.get("q11")!;
    expect(matrix.type === "matrix" && [matrix.scale, matrix.rows.map((r) => r.text.sv)]).toEqual([7, ["Tydlighet", "Snabbhet"]]);
    const numberQ = byId.get("q9")!;
    expect(numberQ.type === "number" && [numberQ.min, numberQ.max]).toEqual([0, 99.5]);

    // Bad settings come back next to their fields, with what was typed.
    const badLimits = await act({ intent: "edit-question", questionId: "q2", ...tri("text", "Muutettu"), min: "3", max: "2" }, 400);
    const badLimitsHtml = await badLimits.text();
    expect(badLimitsHtml).toContain('id="edit-q2-max-error"');
    expect(badLimitsHtml).toContain("Enimmäismäärä ei voi olla pienempi kuin vähimmäismäärä.");
    expect(badLimitsHtml).toContain(">Muutettu</textarea>");
    const oneOption = await act({ intent: "edit-question", questionId: "q1", option_o1_remove: "yes", option_o2_remove: "yes", option_o3_remove: "yes", newoption_1_fi: "Ainoa" }, 400);
    expect(await oneOption.text()).toContain("Anna vähintään kaksi vaihtoehtoa.");
    const notNumber = await act({ intent: "edit-question", questionId: "q9", min: "kymmenen" }, 400);
    expect(await notNumber.text()).toContain("Kirjoita luku, esimerkiksi 10 tai 2,5");

    // Show-if: the long-text question only when the first answer is "by phone".
    const laterTarget = await act({ intent: "edit-question", questionId: "q1", showIfQuestion: "q2", showIfOptions: "q2:o1" }, 400);
    expect(await laterTarget.text()).toContain("Valitse jokin tätä kysymystä aiempi valintakysymys.");
    const noOptions = await act({ intent: "edit-question", questionId: "q8", showIfQuestion: "q1" }, 400);
    expect(await noOptions.text()).toContain("Valitse vähintään yksi valitun kysymyksen vaihtoehto.");
    await act({ intent: "edit-question", questionId: "q8", showIfQuestion: "q1", showIfOptions: ["q1:o2", "q2:o1"] });
    current = (await latest(studyId)).definition;
    expect(current.sections[1]!.questions.find((q) => q.id === "q8")!.showIf).toEqual({ questionId: "q1", anyOf: ["o2"] });
    // The option the condition uses cannot be removed, nor its question deleted.
    const inUse = await act({ intent: "edit-question", questionId: "q1", option_o2_remove: "yes" }, 400);
    expect(await inUse.text()).toContain("Vaihtoehtoa ei voi poistaa");
    expect(await (await act({ intent: "delete-question", questionId: "q1", confirm: "yes" }, 400)).text()).toContain("Kysymystä ei voi poistaa");

    // Reorder: questions within a section, across sections, and sections.
    await act({ intent: "move-question", questionId: "q2", direction: "up" });
    expect(order((await latest(studyId)).definition)).toBe("s1:q2,q1,q3,q4,q5,q6 | s2:q7,q8,q9,q10,q11");
    await act({ intent: "move-question", questionId: "q6", direction: "down" });
    expect(order((await latest(studyId)).definition)).toBe("s1:q2,q1,q3,q4,q5 | s2:q6,q7,q8,q9,q10,q11");
    await act({ intent: "move-question", questionId: "q6", direction: "up" });
    await act({ intent: "move-question", questionId: "q1", direction: "up" });
    // Moving the section with the condition above the question it depends on is refused.
    const breaks = await act({ intent: "move-section", sectionId: "s2", direction: "up" }, 400);
    expect(await breaks.text()).toContain("Siirto ei onnistu");
    expect(order((await latest(studyId)).definition)).toBe("s1:q1,q2,q3,q4,q5,q6 | s2:q7,q8,q9,q10,q11");
    // A section without conditions moves freely.
    await act({ intent: "add-section", ...tri("title", "Lopuksi", "Till sist", "Finally") });
    await act({ intent: "move-section", sectionId: "s3", direction: "up" });
    expect(order((await latest(studyId)).definition)).toBe("s1:q1,q2,q3,q4,q5,q6 | s3: | s2:q7,q8,q9,q10,q11");

    // Delete with a confirmation step: without it nothing happens.
    await act({ intent: "add-question", sectionId: "s3", type: "shortText" });
    const ask = await act({ intent: "delete-question", questionId: "q12" });
    expect(ask.headers.get("Location")).toBe(`${survey}?delete=q12#q-q12`);
    expect((await latest(studyId)).definition.sections[1]!.questions).toHaveLength(1);
    const confirmPage = await (await get(`${survey}?delete=q12`, owner.cookie)).text();
    expect(confirmPage).toContain("Kyllä, poista");
    await act({ intent: "delete-question", questionId: "q12", confirm: "yes" });
    await act({ intent: "delete-section", sectionId: "s3", confirm: "yes" });
    expect(order((await latest(studyId)).definition)).toBe("s1:q1,q2,q3,q4,q5,q6 | s2:q7,q8,q9,q10,q11");

    // Not yet complete: the second section has no title, so the study cannot open.
    const early = await post(`/staff/studies/${studyId}`, { intent: "status", status: "RECRUITING" }, owner.cookie);
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("Kyselyä ei voi vielä avata");

    await act({ intent: "edit-section", sectionId: "s2", ...tri("title", "Kokemus", "Upplevelse", "Experience") });
    // Edit texts in three languages once more, and watch the completeness reach 100 %.
    await act({ intent: "edit-question", questionId: "q3", ...tri("text", "Palvelu oli selkeää.", "Tjänsten var tydlig.", "The service was clear."), required: "yes" });
    current = (await latest(studyId)).definition;
    for (const counts of Object.values(completeness(current))) expect(counts.filled).toBe(counts.total);
    const builderHtml = await (await get(survey, owner.cookie)).text();
    expect(builderHtml.match(/100 % – valmis/g)).toHaveLength(3);
    expect(builderHtml).toContain("Näytetään vain, jos kysymykseen ”Kysymys single” vastataan: Puhelimessa.");

    // The preview shows every section in the chosen language, the condition as a note.
    const preview = await get(`/staff/studies/${studyId}/preview?language=sv`, owner.cookie);
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain("Tjänsten var tydlig.");
    expect(previewHtml).toContain("Upplevelse");
    expect(previewHtml).toContain("Ärenden");
    expect(previewHtml).toContain('name="q_q11__r1"');
    expect(previewHtml).toContain('<th scope="row"');
    expect(previewHtml).toContain("Näytetään vain, jos kysymykseen ”Kysymys single på svenska” vastataan: Per telefon.");
    expect(previewHtml).not.toContain("Tekstiä ei ole vielä");
    expect((await get(`/staff/studies/${studyId}/preview?language=xx`, owner.cookie)).status).toBe(200);
  });

  it("gives every element of every builder page a unique id (labels and errors point at the right field)", async () => {
    const pages = [`/staff/studies/${studyId}/survey?edit=q2`, `/staff/studies/${studyId}/survey?edit=q11`, `/staff/studies/${studyId}/survey?edit=q8`, `/staff/studies/${studyId}`, `/staff/studies/${studyId}/preview?language=en`, "/staff/studies", "/staff/studies/new"];
    for (const path of pages) {
      const response = await get(path, owner.cookie);
      expect(response.status, path).toBe(200);
      const ids = [...(await response.text()).matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length, path).toBeGreaterThan(0);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), path).toEqual([]);
    }
  });

  it("opening the study freezes version 1; a later edit makes version 2", async () => {
    const study = `/staff/studies/${studyId}`;
    const opened = await post(study, { intent: "status", status: "RECRUITING" }, owner.cookie);
    expect(opened.status).toBe(302);
    expect((await db.study.findUniqueOrThrow({ where: { id: studyId } })).status).toBe("RECRUITING");
    const v1 = await latest(studyId);
    expect([v1.version, v1.frozen]).toEqual([1, true]);
    expect(await (await get(`${study}/survey`, owner.cookie)).text()).toContain("Ensimmäinen muutoksesi tekee uuden version 2");

    const edited = await post(`${study}/survey`, { intent: "edit-question", questionId: "q7", ...tri("text", "Mikä toimi hyvin?") }, owner.cookie);
    expect(edited.headers.get("Location")).toContain("saved=2");
    const v2 = await latest(studyId);
    expect([v2.version, v2.frozen]).toEqual([2, false]);
    const frozen = await db.surveyVersion.findUniqueOrThrow({ where: { studyId_version: { studyId, version: 1 } } });
    expect(JSON.stringify(frozen.definition)).not.toContain("Mikä toimi hyvin?");
    // The teammate edits the same draft: still version 2.
    await post(`${study}/survey`, { intent: "edit-question", questionId: "q7", ...tri("text", "Mikä toimi parhaiten?") }, teammate.cookie);
    expect((await latest(studyId)).version).toBe(2);

    // Closing asks first.
    const ask = await post(study, { intent: "status", status: "CLOSED" }, owner.cookie);
    expect(ask.headers.get("Location")).toBe(`${study}?confirm=CLOSED#status`);
    expect(await (await get(`${study}?confirm=CLOSED`, owner.cookie)).text()).toContain("Kyllä, sulje tutkimus");
    expect((await db.study.findUniqueOrThrow({ where: { id: studyId } })).status).toBe("RECRUITING");
    expect((await post(study, { intent: "status", status: "CLOSED", confirm: "yes" }, owner.cookie)).status).toBe(302);
    expect((await db.study.findUniqueOrThrow({ where: { id: studyId } })).status).toBe("CLOSED");
    const wrong = await post(study, { intent: "status", status: "DRAFT" }, owner.cookie);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Tutkimusta ei voi siirtää tähän tilaan");
  });

  it("answers 404 to a researcher outside the team and 403 to a facilitator or member, for every page and action", async () => {
    const study = `/staff/studies/${studyId}`;
    const pages = [study, `${study}/survey`, `${study}/preview`, `${study}/preview?language=en`];
    const actions: [string, Body][] = [
      [study, { intent: "save", ...studyBody() }],
      [study, { intent: "status", status: "ARCHIVED", confirm: "yes" }],
      [`${study}/survey`, { intent: "add-section" }],
      [`${study}/survey`, { intent: "edit-section", sectionId: "s1", ...tri("title", "Murrettu") }],
      [`${study}/survey`, { intent: "move-section", sectionId: "s1", direction: "down" }],
      [`${study}/survey`, { intent: "delete-section", sectionId: "s1", confirm: "yes" }],
      [`${study}/survey`, { intent: "add-question", sectionId: "s1", type: "nps" }],
      [`${study}/survey`, { intent: "edit-question", questionId: "q1", ...tri("text", "Murrettu") }],
      [`${study}/survey`, { intent: "move-question", questionId: "q1", direction: "down" }],
      [`${study}/survey`, { intent: "delete-question", questionId: "q3", confirm: "yes" }],
      [`${study}/survey`, {}],
    ];
    const before = JSON.stringify(await latest(studyId));
    for (const path of pages) {
      expect((await get(path, outsider)).status, path).toBe(404);
      expect((await get(path, facilitator)).status, path).toBe(403);
      expect((await get(path, member)).status, path).toBe(403);
    }
    for (const [path, body] of actions) {
      expect((await post(path, body, outsider)).status, `${path} ${body.intent}`).toBe(404);
      expect((await post(path, body, facilitator)).status, `${path} ${body.intent}`).toBe(403);
      expect((await post(path, body, member)).status, `${path} ${body.intent}`).toBe(403);
    }
    for (const path of ["/staff/studies", "/staff/studies/new"]) {
      expect((await get(path, facilitator)).status).toBe(403);
      expect((await get(path, member)).status).toBe(403);
    }
    expect((await post("/staff/studies/new", studyBody(), facilitator)).status).toBe(403);
    expect((await post("/staff/studies/new", studyBody(), member)).status).toBe(403);
    // Unchanged, and not in the outsider's list.
    expect(JSON.stringify(await latest(studyId))).toBe(before);
    expect((await db.study.findUniqueOrThrow({ where: { id: studyId } })).status).toBe("CLOSED");
    expect(await (await get("/staff/studies", outsider)).text()).not.toContain(studyId);
    // Only staff who may work on studies can be put on the team: a feedback
    // handler cannot (a facilitator can, to run the study's slots, docs/decisions/0016).
    const handler = await db.user.create({ data: { kind: "STAFF", roles: ["FEEDBACK_HANDLER"], email: `handler-${Date.now()}@studies.example` } });
    const badTeam = await post(study, { intent: "save", ...studyBody({ team: handler.id }) }, owner.cookie);
    expect(badTeam.status).toBe(400);
    expect(await badTeam.text()).toContain("Valitse tiimiin vain listalla olevia henkilöitä.");
  });

  it("never answers 5xx to malformed bodies on any action", async () => {
    const study = `/staff/studies/${studyId}`;
    const paths = ["/staff/studies/new", study, `${study}/survey`];
    const names = [
      "intent", "sectionId", "questionId", "type", "direction", "confirm", "status", "required", "scale", "min", "max",
      "showIfQuestion", "showIfOptions", "text_fi", "help_sv", "title_en", "option_o1_fi", "option_o1_remove", "newoption_1_fi",
      "row_r1_sv", "newrow_2_en", "minGroupSize", "closesAt", "responseQuota", "team", "attributes", "__proto__", "constructor",
    ];
    const intents = ["add-section", "edit-section", "move-section", "delete-section", "add-question", "edit-question", "move-question", "delete-question", "save", "status"];
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(...intents, "q1", "q2", "s1", "s2", "up", "down", "yes", "7", "-1", "1e309", "NaN", "q1:o1", "2026-13-40T25:61", "\u0000", "x".repeat(12_000)),
    );
    const body = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })), value), { maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), body, async (path, pairs) => {
        const response = await post(path, new URLSearchParams(pairs), owner.cookie);
        await response.arrayBuffer();
        return response.status < 500;
      }),
      { numRuns: 150 },
    );
    // Bodies that are not forms at all.
    for (const path of paths) {
      for (const [type, raw] of [
        ["application/json", '{"intent":"add-section"}'],
        ["multipart/form-data; boundary=x", "--x\r\nbroken"],
        ["application/x-www-form-urlencoded", "%%%&&&=%E0%A4%A"],
      ] as const) {
        const response = await fetch(`${url()}${path}`, { method: "POST", redirect: "manual", headers: { Origin: url(), "Content-Type": type, Cookie: owner.cookie }, body: raw });
        expect(response.status, `${path} ${type}`).toBeLessThan(500);
      }
    }
    // The survey is still one the answering pages can trust.
    expect(surveyDefinition.safeParse((await latest(studyId)).definition).success).toBe(true);
    expect(server.output()).not.toMatch(/TypeError|ReferenceError/);
  }, 20_000);
});
