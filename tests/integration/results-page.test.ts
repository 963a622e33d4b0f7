// The researcher's results page and CSV over real HTTP, on answers submitted
// through the answering pages and moved into the vault by the daily mix.
// 21 respondents in three regions (14, 5, 2) and two age bands (19, 2), k = 5:
// a breakdown by region hides the group of 2 and, to protect it, the group
// of 5 too; the age band 45-54 cannot be shown alone (the rest are 2). Free
// text carries an email, a phone number, a personal identity code and an
// IBAN that must appear nowhere. Access: an outsider researcher 404, a
// facilitator and a member 403; malformed query parameters never 5xx.
import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { helsinkiDay } from "~/modules/studies/days";
import { mixPendingResponses } from "~/modules/vault/responses.server";
import { createMember, getPage, postForm, serverWithSink } from "../support/members";
import { allowProfileUse, createResearcher, invite, openStudy } from "../support/studies";

const running = serverWithSink();
const url = () => running.server.url;

const secrets = {
  email: "maija.meikalainen@example.com",
  phone: "040 765 4321",
  id: "131052-308T",
  iban: "FI21 1234 5600 0007 85",
};
const textAnswers = [
  `Lähettäkää vastaus osoitteeseen ${secrets.email}`,
  `Soittakaa numeroon ${secrets.phone}`,
  `Henkilötunnukseni on ${secrets.id}`,
  `Tilinumeroni ${secrets.iban}`,
  "=HYPERLINK(\"http://evil.example\",\"klikkaa\")",
];

interface Respondent {
  region: string;
  birthYear: number;
  nps: number;
  channel: "web" | "phone";
  text: string;
}

async function answer(token: string, r: Respondent) {
  expect((await postForm(url(), `/s/${token}`, {})).status).toBe(302);
  const first = await postForm(url(), `/s/${token}/answer`, { intent: "next", q_q1: r.channel, q_q2: "a", q_q3: String(r.nps) });
  expect(first.headers.get("Location")).toBe(`/s/${token}/answer`);
  const second = new URLSearchParams([
    ["intent", "next"],
    ["q_q4", r.text],
    ["q_q5", "3"],
    ["q_q6", "1.2.2026"],
    ["q_q7__r1", "4"],
    ["q_q7__r2", "5"],
  ]);
  if (r.channel === "phone") second.append("q_q8", "Ei verkkoa");
  expect((await postForm(url(), `/s/${token}/answer`, second)).headers.get("Location")).toBe(`/s/${token}/thanks`);
}

async function staffCookie(email: string, roles: ("RESEARCHER" | "FACILITATOR" | "ADMIN")[], language: "fi" | "sv" | "en" = "fi") {
  const user = await db.user.create({ data: { kind: "STAFF", roles, email, name: email, language } });
  return (await createSession(user.id, new Request("http://localhost/"))).split(";")[0]!;
}

const tomorrow = () => helsinkiDay(new Date(Date.now() + 36 * 3600 * 1000));
const visible = (html: string) => html.replace(/<!-- -->/g, "");
const cellText = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;|\u00a0|\u202f/g, " ")
    .trim();

/** Every results table on the page: its caption and rows of cell texts. */
function resultTables(html: string) {
  return [...visible(html).matchAll(/<table class="results-table"[^>]*>([\s\S]*?)<\/table>/g)].map((match) => ({
    caption: cellText(/<caption[^>]*>([\s\S]*?)<\/caption>/.exec(match[1]!)?.[1] ?? ""),
    rows: [...match[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => cellText(c[1]!))),
  }));
}

async function readCsv(response: Response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

let owner: { cookie: string };
let studyId: string;
let smallStudyId: string;
const pages = (path: string, cookie = owner.cookie) => getPage(url(), path, cookie);

beforeAll(async () => {
  const researcher = await createResearcher("owner@results.example");
  owner = researcher;
  const study = await openStudy(researcher.user, { analysisAttributes: ["language", "age-band", "region"], minGroupSize: 5 });
  studyId = study.id;
  const population: Respondent[] = [];
  for (let i = 0; i < 14; i++) population.push({ region: "MK01", birthYear: 1978, nps: i < 10 ? 10 : 8, channel: "web", text: textAnswers[i % 5]! });
  for (let i = 0; i < 5; i++) population.push({ region: "MK02", birthYear: 1978, nps: 7, channel: "web", text: `Hyvä palvelu ${i}` });
  for (let i = 0; i < 2; i++) population.push({ region: "MK06", birthYear: 2000, nps: 2, channel: "phone", text: `Pieni ryhmä ${i}` });
  const members = [];
  for (let i = 0; i < population.length; i++) {
    const member = await createMember(`respondent${i}@results.example`);
    await allowProfileUse(member.id, { birthYear: population[i]!.birthYear, region: population[i]!.region });
    members.push(member);
  }
  const tokens = await invite(study.id, members);
  for (let i = 0; i < tokens.length; i++) await answer(tokens[i]!, population[i]!);

  // A second study with fewer than k responses.
  const small = await openStudy(researcher.user, { minGroupSize: 5 });
  smallStudyId = small.id;
  const few = [];
  for (let i = 0; i < 3; i++) few.push(await createMember(`few${i}@results.example`));
  const fewTokens = await invite(small.id, few);
  for (const token of fewTokens) await answer(token, { region: "MK01", birthYear: 1978, nps: 9, channel: "web", text: "Vähän vastauksia" });
}, 240_000);

describe("results page", () => {
  it("says answers of today join the results tomorrow, then shows charts, tables and the NPS score", async () => {
    const before = visible(await (await pages(`/staff/studies/${studyId}/results`)).text());
    expect(before).toContain("lisätään tuloksiin huomenna: 21");
    expect(before).toContain("Tulokset tulevat näkyviin, kun vastauksia on vähintään 5");

    await mixPendingResponses(tomorrow());
    const response = await pages(`/staff/studies/${studyId}/results`);
    expect(response.status).toBe(200);
    const html = visible(await response.text());
    expect(html).not.toContain("lisätään tuloksiin huomenna");
    expect(html).toContain("<h1>Tulokset: Asiointikysely</h1>");
    // Funnel: 21 of 21 invited.
    expect(html).toMatch(/Kutsuttuja<\/th><td>21<\/td>/);
    expect(html).toMatch(/Vastausosuus<\/th><td>100\s%<\/td>/);
    // Charts with a spoken summary, each followed by its table.
    expect(html).toContain('role="img" aria-label="Pylväskaavio: Mitä kanavaa käytit?, Kaikki vastaajat, 21 vastannutta.');
    const tables = resultTables(html);
    const channel = tables.find((t) => t.caption.endsWith("Mitä kanavaa käytit?"))!;
    expect(channel.rows[0]).toEqual(["Vaihtoehto", "Kaikki vastaajat"]);
    expect(channel.rows).toContainEqual(["Verkko", "19 (90,5 %)"]);
    expect(channel.rows).toContainEqual(["Puhelin", "2 (9,5 %)"]);
    expect(html).toMatch(/<th scope="col">/);
    // NPS: 10 promoters, 2 detractors of 21 = +38.
    const nps = tables.find((t) => t.caption.endsWith("Suosittelisitko?"))!;
    expect(nps.rows).toContainEqual(["NPS-luku", "+38"]);
    expect(html).toContain("NPS-luku: <strong>+38</strong>");
    // Number: mean; matrix rows: distributions.
    expect(tables.find((t) => t.caption.endsWith("Montako kertaa?"))!.rows).toContainEqual(["Keskiarvo", "3,0"]);
    expect(tables.find((t) => t.caption.endsWith("Arvioi – Selkeys"))!.rows).toContainEqual(["4", "21 (100 %)"]);
    expect(tables.find((t) => t.caption.endsWith("Milloin?"))!.rows).toContainEqual(["helmikuu 2026", "21 (100 %)"]);
    // Headings in order: one h1, then h2 and h3 without skipping.
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    // The view form works without JavaScript: a GET form with a select.
    expect(html).toMatch(/<form method="get" action="\/staff\/studies\/[\w-]+\/results"/);
    expect(html).toContain('value="by:region"');
    expect(html).toContain(`href="/staff/studies/${studyId}/results.csv?view=all"`);
  });

  it("shows nothing but the empty state below k", async () => {
    await mixPendingResponses(tomorrow());
    const html = visible(await (await pages(`/staff/studies/${smallStudyId}/results`)).text());
    expect(html).toContain("Tulokset tulevat näkyviin, kun vastauksia on vähintään 5");
    expect(html).not.toContain('role="img"');
    expect(html).not.toContain("results-table");
    expect(html).not.toContain("Vähän vastauksia");
    const csv = (await readCsv(await pages(`/staff/studies/${smallStudyId}/results.csv`))).text;
    expect(csv).not.toContain("Vähän vastauksia");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(2);
  });

  it("hides a small group in a breakdown and the group that would give it away, alike, in HTML and CSV", async () => {
    await mixPendingResponses(tomorrow());
    const html = visible(await (await pages(`/staff/studies/${studyId}/results?view=by:region`)).text());
    const tables = resultTables(html);
    const groups = tables.find((t) => t.caption === "Vastaajat ryhmittäin: Maakunta")!;
    expect(groups.rows).toContainEqual(["Uusimaa", "14"]);
    expect(groups.rows).toContainEqual(["Varsinais-Suomi", "piilotettu"]);
    expect(groups.rows).toContainEqual(["Pirkanmaa", "piilotettu"]);
    let checked = 0;
    for (const table of tables.filter((t) => t !== groups)) {
      const header = table.rows[0]!;
      expect(header).toContain("Maakunta: Uusimaa");
      for (const name of ["Maakunta: Varsinais-Suomi", "Maakunta: Pirkanmaa"]) {
        const column = header.indexOf(name);
        expect(column, `${table.caption}: ${name}`).toBeGreaterThan(0);
        for (const row of table.rows.slice(1)) {
          expect(row[column], `${table.caption}: ${name}`).toBe("piilotettu");
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    // No chart speaks for a hidden group.
    expect(html).not.toMatch(/aria-label="[^"]*Maakunta: (Pirkanmaa|Varsinais-Suomi)/);
    expect(html).toContain("Piilotettu: ryhmässä on alle 5 vastaajaa");

    const csv = (await readCsv(await pages(`/staff/studies/${studyId}/results.csv?view=by:region`))).text;
    const rows = csv.split("\r\n").filter(Boolean);
    const hiddenRows = rows.filter((row) => row.includes(",region=MK06,") || row.includes(",region=MK02,"));
    expect(hiddenRows.length).toBeGreaterThan(20);
    for (const row of hiddenRows) expect(row).toMatch(/,,,,hidden$/);
    expect(rows.some((row) => row.includes(",region=MK01,") && /,14,/.test(row))).toBe(true);
  });

  it("refuses a filter whose complement is smaller than k, and shows an allowed one", async () => {
    await mixPendingResponses(tomorrow());
    const refused = await pages(`/staff/studies/${studyId}/results?view=${encodeURIComponent("only:age-band:45-54")}`);
    expect(refused.status).toBe(200);
    const html = visible(await refused.text());
    expect(html).toContain("Ryhmää Ikäryhmä: 45-54 ei voi näyttää erikseen");
    expect(html).not.toContain("results-table");
    const csv = (await readCsv(await pages(`/staff/studies/${studyId}/results.csv?view=${encodeURIComponent("only:age-band:45-54")}`))).text;
    expect(csv).toContain("age-band=45-54,,,,,refused");
    expect(csv).not.toContain("Hyvä palvelu");

    const allowed = visible(await (await pages(`/staff/studies/${studyId}/results?view=${encodeURIComponent("only:region:MK01")}`)).text());
    expect(allowed).toContain("Näytetään: Vain Maakunta: Uusimaa. Vastaajia: 14.");
    expect(resultTables(allowed).find((t) => t.caption.endsWith("Mitä kanavaa käytit?"))!.rows[0]).toEqual(["Vaihtoehto", "Maakunta: Uusimaa"]);
  });

  it("masks personal details in free text; the raw values are nowhere in the HTML or the CSV; 20 answers a page", async () => {
    await mixPendingResponses(tomorrow());
    const first = visible(await (await pages(`/staff/studies/${studyId}/results`)).text());
    const second = visible(await (await pages(`/staff/studies/${studyId}/results?view=all&q=q4&page=2`)).text());
    const csvResponse = await pages(`/staff/studies/${studyId}/results.csv?view=all`);
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csvResponse.headers.get("Content-Disposition")).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.csv"$/);
    expect(csvResponse.headers.get("Cache-Control")).toMatch(/^no-store(, no-store)?$/);
    const { bytes, text: csv } = await readCsv(csvResponse);

    expect(first).toContain("Avoimia vastauksia: 21.");
    expect(first).toContain("••• [email]");
    expect(first).toContain("••• [personal id]");
    expect(first).toContain("Seuraavat vastaukset");
    expect(first.match(/<ol class="text-answer-list"[^>]*>([\s\S]*?)<\/ol>/)![1]!.match(/<li>/g)).toHaveLength(20);
    expect(second).toContain('<ol class="text-answer-list" start="21">');
    expect(second).toContain("Sivu 2 / 2");
    for (const body of [first, second, csv]) {
      for (const [kind, raw] of Object.entries(secrets)) {
        expect(body, kind).not.toContain(raw);
        expect(body, kind).not.toContain(raw.replace(/\s/g, ""));
      }
      expect(body).not.toContain("maija.meikalainen");
      expect(body).not.toContain("131052");
    }
    for (const label of ["••• [email]", "••• [phone]", "••• [personal id]", "••• [IBAN]"]) expect(csv).toContain(label);

    // The CSV: BOM, CRLF, a formula written as text.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.startsWith("\uFEFFkysymyksen tunnus,kysymys,ryhmä,vaihtoehto,lukumäärä,prosenttia,arvo,huomautus\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""klikkaa"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv).toContain("q3,Suosittelisitko?,all,NPS-luku,,,38.1,");
  });

  it("lets only the study's team in: outsider researcher 404, facilitator and member 403, for page and CSV", async () => {
    const outsider = await createResearcher("outsider@results.example");
    const facilitator = await staffCookie("facilitator@results.example", ["FACILITATOR"]);
    const member = await createMember("member@results.example");
    const admin = await staffCookie("admin@results.example", ["ADMIN"], "sv");
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const path of [`/staff/studies/${studyId}/results`, `/staff/studies/${studyId}/results.csv`]) {
      expect((await pages(path, outsider.cookie)).status, path).toBe(404);
      expect((await pages(path, facilitator)).status, path).toBe(403);
      expect((await pages(path, member.cookie)).status, path).toBe(403);
      expect((await pages(path, admin)).status, path).toBe(200);
      expect((await getPage(url(), path)).status, path).toBe(302);
    }
    // An admin reading in Swedish gets Swedish words and numbers.
    const swedish = visible(await (await pages(`/staff/studies/${studyId}/results`, admin)).text());
    expect(swedish).toContain("<h1>Resultat: Asiointikysely (sv)</h1>");
    expect(resultTables(swedish).find((t) => t.caption.endsWith("Mitä kanavaa käytit? (sv)"))!.rows).toContainEqual(["Verkko (sv)", "19 (90,5 %)"]);
    const swedishCsv = (await readCsv(await pages(`/staff/studies/${studyId}/results.csv`, admin))).text;
    expect(swedishCsv.startsWith("\uFEFFfrågans id,fråga,grupp,")).toBe(true);
    // The outsider's own study does not open the owner's; unknown ids are 404 for the owner too.
    const own = await openStudy(outsider.user);
    expect((await pages(`/staff/studies/${own.id}/results`, owner.cookie)).status).toBe(404);
    expect((await pages(`/staff/studies/${unknown}/results.csv`, owner.cookie)).status).toBe(404);
    expect((await pages(`/staff/studies/${own.id}/results`, outsider.cookie)).status).toBe(200);
  });

  it("never answers 5xx to malformed query parameters", async () => {
    const queries = [
      "view=by:shoe-size",
      "view=only:region:ZZ99",
      "view=only:shoe-size:42",
      "view=only:region",
      "view=by:",
      "view=%00",
      "view=" + "x".repeat(5000),
      "view=only:region:MK01&view=all",
      "page=-1&q=q4",
      "page=abc&q=q4",
      "page=99999999999999&q=q4",
      "q=q1&page=2",
      "q=nope&page=3",
      "q=" + encodeURIComponent("../../etc") + "&page=1.5",
      "view[]=all",
    ];
    for (const query of queries) {
      for (const path of [`/staff/studies/${studyId}/results`, `/staff/studies/${studyId}/results.csv`]) {
        const response = await pages(`${path}?${query}`);
        expect(response.status, `${path}?${query}`).toBeLessThan(500);
      }
    }
    const unknownView = visible(await (await pages(`/staff/studies/${studyId}/results?view=by:shoe-size`)).text());
    expect(unknownView).toContain("Pyydettyä näkymää ei ole tälle tutkimukselle");
    expect((await pages(`/staff/studies/not-a-uuid/results`)).status).toBe(404);
  });
});
