// Issue 4, done when: a researcher builds a survey with every question type in
// three languages and opens it; a member answers it with JavaScript off, saves
// halfway, resumes and submits; the researcher sees the demo study's results
// (charts, masked free text, suppressed small cells) and downloads the CSV.
// The tests run in order and share the study and the member.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { translator, type MessageKey } from "../../app/infra/i18n/i18n";
import { demoStudyTitle, demoSurvey } from "../../app/modules/demo/demo-study";
import { checkPage, expect, staffSignIn, test } from "./fixtures";
import { completenessRow, fillTexts, invitationLink, joinAsMember, type Texts } from "./study-helpers";

const t = translator("fi");
const stamp = Date.now();
const title: Texts = { fi: `Palvelukokemus ${stamp}`, sv: `Serviceupplevelse ${stamp}`, en: `Service experience ${stamp}` };
const description: Texts = {
  fi: "Kerro, miten asiointi sujui.",
  sv: "Berätta hur ärendet gick.",
  en: "Tell us how your visit went.",
};
const memberEmail = `e2e.study.${stamp}@members.example`;

const sections: Texts[] = [
  { fi: "Asiointi", sv: "Ärendet", en: "Your visit" },
  { fi: "Kokemus", sv: "Upplevelsen", en: "Experience" },
];

type Planned = {
  id: string;
  section: 0 | 1;
  type: string;
  text: Texts;
  options?: Texts[];
  rows?: Texts[];
  min?: string;
  max?: string;
  help?: Texts;
  required?: boolean;
  showIf?: { questionId: string; optionId: string };
};

// Ids follow the order of adding (q1…q11; options o1…, rows r1…).
const plan: Planned[] = [
  {
    id: "q1",
    section: 0,
    type: "single",
    text: { fi: "Miten hoidit asiasi?", sv: "Hur skötte du ärendet?", en: "How did you deal with us?" },
    options: [
      { fi: "Verkossa", sv: "På webben", en: "Online" },
      { fi: "Puhelimessa", sv: "Per telefon", en: "By phone" },
      { fi: "Toimipisteessä", sv: "På ett kontor", en: "At an office" },
    ],
    required: true,
  },
  {
    id: "q2",
    section: 0,
    type: "multiple",
    text: { fi: "Mitä asia koski?", sv: "Vad gällde ärendet?", en: "What was it about?" },
    options: [
      { fi: "Etuus", sv: "Förmån", en: "A benefit" },
      { fi: "Neuvonta", sv: "Rådgivning", en: "Advice" },
      { fi: "Muutos", sv: "Ändring", en: "A change" },
    ],
    min: "1",
    max: "2",
  },
  { id: "q3", section: 0, type: "likert5", text: { fi: "Ohjeet olivat selkeitä.", sv: "Anvisningarna var tydliga.", en: "The instructions were clear." } },
  {
    id: "q4",
    section: 0,
    type: "nps",
    text: { fi: "Kuinka todennäköisesti suosittelisit palvelua?", sv: "Hur sannolikt skulle du rekommendera tjänsten?", en: "How likely would you recommend the service?" },
    required: true,
  },
  { id: "q5", section: 0, type: "csat", text: { fi: "Kuinka tyytyväinen olit?", sv: "Hur nöjd var du?", en: "How satisfied were you?" } },
  { id: "q6", section: 1, type: "likert7", text: { fi: "Asiointi oli helppoa.", sv: "Det var lätt.", en: "It was easy." } },
  {
    id: "q7",
    section: 1,
    type: "matrix",
    text: { fi: "Arvioi palvelun osa-alueet", sv: "Bedöm tjänstens delar", en: "Rate parts of the service" },
    rows: [
      { fi: "Nopeus", sv: "Snabbhet", en: "Speed" },
      { fi: "Ystävällisyys", sv: "Vänlighet", en: "Friendliness" },
    ],
  },
  {
    id: "q8",
    section: 1,
    type: "number",
    text: { fi: "Montako kertaa asioit vuodessa?", sv: "Hur många gånger per år?", en: "How many times a year?" },
    min: "0",
    max: "100",
  },
  { id: "q9", section: 1, type: "date", text: { fi: "Milloin asioit viimeksi?", sv: "När var ditt senaste ärende?", en: "When was your last visit?" } },
  {
    id: "q10",
    section: 1,
    type: "shortText",
    text: { fi: "Mikä toimi parhaiten?", sv: "Vad fungerade bäst?", en: "What worked best?" },
    help: { fi: "Yksi lause riittää.", sv: "En mening räcker.", en: "One sentence is enough." },
  },
  {
    id: "q11",
    section: 1,
    type: "longText",
    text: { fi: "Mitä puhelinpalvelussa pitäisi parantaa?", sv: "Vad borde förbättras i telefonservicen?", en: "What should the phone service improve?" },
    showIf: { questionId: "q1", optionId: "o2" },
  },
];

const shared: { studyPath?: string; inviteSentAt?: number } = {};

test.describe.configure({ mode: "serial" });

/** Adds one planned question to its section and fills its form in three languages. */
async function addQuestion(page: Page, surveyPath: string, sectionId: string, q: Planned) {
  const section = page.locator(`#s-${sectionId}`);
  await section.getByLabel(t("studies.builder.questionType")).selectOption(q.type);
  await section.getByRole("button", { name: new RegExp(`^${t("studies.builder.addQuestion")}`) }).click();
  await expect(page).toHaveURL(`${surveyPath}?saved=1&edit=${q.id}#q-${q.id}`);
  const prefix = `edit-${q.id}`;
  await expect(page.getByRole("heading", { name: new RegExp(`${q.id} \\(`) })).toBeVisible();
  await checkPage(page);
  if (q.id === "q1") {
    // A question just added has no texts yet: no language is complete.
    for (const name of ["Suomi", "Svenska", "English"]) await expect(completenessRow(page, name)).not.toContainText(t("studies.completeness.done"));
  }

  await fillTexts(page, prefix, "text", q.text);
  if (q.help) await fillTexts(page, prefix, "help", q.help);
  if (q.required) await page.locator(`#${prefix}-required`).check();
  for (const [index, option] of (q.options ?? []).entries()) {
    // A new question has two empty options (o1, o2); more go into the empty rows below them.
    await fillTexts(page, prefix, index < 2 ? `option_o${index + 1}` : `newoption_${index - 1}`, option);
  }
  for (const [index, row] of (q.rows ?? []).entries()) {
    await fillTexts(page, prefix, index < 1 ? `row_r${index + 1}` : `newrow_${index}`, row);
  }
  if (q.min !== undefined) await page.locator(`#${prefix}-min`).fill(q.min);
  if (q.max !== undefined) await page.locator(`#${prefix}-max`).fill(q.max);
  if (q.showIf) {
    await page.locator(`#${prefix}-showIfQuestion`).selectOption(q.showIf.questionId);
    await page.locator(`#${prefix}-showIf-${q.showIf.questionId}-${q.showIf.optionId}`).check();
  }
  await page.locator(`#q-${q.id}`).getByRole("button", { name: t("studies.builder.saveQuestion") }).click();
  await expect(page).toHaveURL(`${surveyPath}?saved=1#q-${q.id}`);
  await expect(page.locator(`#q-${q.id}`).getByText(t("studies.builder.allLanguages"))).toBeVisible();
}

test("a researcher builds a survey with every question type in three languages, previews it, opens it and invites members", async ({
  page,
  browser,
  inbox,
}) => {
  test.setTimeout(150_000);
  // The member to invite exists first: joined, terms accepted, every study type wanted.
  await joinAsMember(browser, inbox, memberEmail);

  await staffSignIn(page, "researcher@panel.example");
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await page.getByRole("navigation", { name: t("nav.main") }).getByRole("link", { name: t("nav.studies") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("studies.title"));
  await checkPage(page);
  await page.getByRole("link", { name: t("studies.new") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("studies.newTitle"));
  await checkPage(page);

  // Settings: title and description in each language.
  for (const [language, name] of [["fi", "Suomi"], ["sv", "Svenska"], ["en", "English"]] as const) {
    await page.getByLabel(t("studies.field.titleIn", { language: name })).fill(title[language]);
    await page.getByLabel(t("studies.field.descriptionIn", { language: name })).fill(description[language]);
  }
  await page.getByRole("button", { name: t("studies.create") }).click();
  await expect(page).toHaveURL(/\/staff\/studies\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title.fi);
  await expect(page.getByText(t("studies.created"))).toBeVisible();
  await expect(page.getByRole("row", { name: t("studies.status") })).toContainText(t("studies.status.DRAFT"));
  await checkPage(page);
  const studyPath = new URL(page.url()).pathname;
  const surveyPath = `${studyPath}/survey`;
  shared.studyPath = studyPath;

  // Builder: two sections, then every question type.
  await page.getByRole("link", { name: t("studies.editSurvey") }).click();
  await expect(page.getByText(t("studies.builder.empty"))).toBeVisible();
  await checkPage(page);
  for (const [index, texts] of sections.entries()) {
    await fillTexts(page, "add-section", "title", texts);
    await page.getByRole("button", { name: t("studies.builder.addSection"), exact: true }).click();
    await expect(page).toHaveURL(`${surveyPath}?saved=1#s-s${index + 1}`);
    await expect(page.getByRole("heading", { name: t("studies.builder.sectionHeading", { n: index + 1, title: texts.fi }) })).toBeVisible();
    if (index === 0) await checkPage(page);
    for (const q of plan.filter((p) => p.section === index)) await addQuestion(page, surveyPath, `s${index + 1}`, q);
  }
  await checkPage(page);

  // The summaries say what was set: limits, help, show-if.
  await expect(page.locator("#q-q2")).toContainText(t("studies.builder.limits", { min: 1, max: 2 }));
  await expect(page.locator("#q-q8")).toContainText(t("studies.builder.limits", { min: 0, max: 100 }));
  await expect(page.locator("#q-q1")).toContainText(t("studies.builder.isRequired"));
  await expect(page.locator("#q-q11")).toContainText(
    t("studies.builder.showIfNote", { question: plan[0]!.text.fi, options: plan[0]!.options![1]!.fi }),
  );

  // Reorder: satisfaction before the recommendation question.
  const firstSection = page.locator("#s-s1 .builder-questions > li");
  await expect(firstSection.nth(3)).toHaveAttribute("id", "q-q4");
  await page.locator("#q-q5").getByRole("button", { name: new RegExp(`^${t("studies.builder.moveUp")}\\s*: ${t("studies.builder.questionN", { n: 5 })}$`) }).click();
  await expect(firstSection.nth(3)).toHaveAttribute("id", "q-q5");
  await expect(firstSection.nth(4)).toHaveAttribute("id", "q-q4");

  // Every text in every language: complete.
  for (const name of ["Suomi", "Svenska", "English"]) {
    await expect(completenessRow(page, name)).toContainText(`100 % – ${t("studies.completeness.done")}`);
  }
  await checkPage(page);

  // Preview in Swedish and in English.
  await page.locator("p", { hasText: t("studies.builder.previewIn") }).getByRole("link", { name: "Svenska" }).click();
  await expect(page).toHaveURL(`${studyPath}/preview?language=sv`);
  await expect(page.getByText(title.sv)).toBeVisible();
  await expect(page.getByRole("heading", { name: sections[1]!.sv })).toBeVisible();
  await expect(page.getByRole("group", { name: plan[1]!.text.sv })).toBeVisible();
  await expect(page.getByText(plan[9]!.help!.sv)).toBeVisible();
  await expect(page.getByRole("radio", { name: plan[0]!.options![2]!.sv })).toBeDisabled();
  await checkPage(page);
  await page.getByRole("navigation", { name: t("studies.preview.languages") }).getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(`${studyPath}/preview?language=en`);
  await expect(page.getByText(title.en)).toBeVisible();
  await expect(page.getByLabel(plan[7]!.text.en)).toBeVisible();
  await expect(page.getByRole("group", { name: plan[6]!.text.en }).getByRole("rowheader", { name: plan[6]!.rows![1]!.en })).toBeVisible();
  await checkPage(page);

  // Open the study for answers.
  await page.getByRole("link", { name: t("studies.backToStudy") }).click();
  await expect(page.getByText(t("studies.questionCount", { count: plan.length }))).toBeVisible();
  await checkPage(page);
  await page.getByRole("button", { name: t("studies.lifecycle.to.RECRUITING") }).click();
  await expect(page.getByText(t("studies.lifecycle.changed", { status: t("studies.status.RECRUITING") }))).toBeVisible();
  await expect(page.getByRole("row", { name: t("studies.status") })).toContainText(t("studies.status.RECRUITING"));
  await checkPage(page);

  // The open link can be turned on and off again.
  await page.getByRole("button", { name: t("studies.openLink.enable") }).click();
  await expect(page.locator("#open-link").getByRole("link", { name: /\/o\/[A-Za-z0-9_-]{16,}$/ })).toBeVisible();
  await checkPage(page);
  await page.getByRole("button", { name: t("studies.openLink.disable") }).click();
  await expect(page.getByText(t("studies.openLink.off"))).toBeVisible();

  // Invite: the sample is random among eligible members, so ask for everyone eligible to be sure the new member is in it.
  await page.getByLabel(t("studies.invite.count")).fill("5000");
  shared.inviteSentAt = Date.now();
  await page.getByRole("button", { name: t("studies.invite.submit") }).click();
  await expect(page).toHaveURL(/\?invited=\d+$/);
  const invited = Number(new URL(page.url()).searchParams.get("invited"));
  expect(invited).toBeGreaterThan(0);
  await expect(page.getByText(t("studies.invite.sent", { count: invited }))).toBeVisible();
  await expect(page.getByText(t("studies.invite.funnel", { invited, completed: 0 }))).toBeVisible();
  await checkPage(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the invited member answers, saves halfway, resumes, is stopped by a server-side check, submits once", async ({ page, inbox }) => {
    test.setTimeout(90_000);
    expect(shared.inviteSentAt, "the researcher's test invited members").toBeDefined();
    const email = await inbox.latest(memberEmail, shared.inviteSentAt!, t("email.invitation.subject", { title: title.fi }));
    const link = invitationLink(email.text);

    // The start page.
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title.fi);
    await expect(page.getByText(description.fi)).toBeVisible();
    await checkPage(page);
    await page.getByRole("button", { name: t("survey.start"), exact: true }).click();

    // Section 1, in the order the researcher left it (satisfaction moved up).
    await expect(page.getByText(t("survey.progress", { current: 1, total: 2 }))).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(sections[0]!.fi);
    await expect(page.locator("fieldset.question > legend")).toHaveText([
      `${plan[0]!.text.fi} (${t("surveyQuestion.required")})`,
      plan[1]!.text.fi,
      plan[2]!.text.fi,
      plan[4]!.text.fi,
      `${plan[3]!.text.fi} (${t("surveyQuestion.required")})`,
    ]);
    await checkPage(page);
    await page.getByRole("group", { name: plan[0]!.text.fi }).getByLabel(plan[0]!.options![1]!.fi).check();
    await page.getByRole("group", { name: plan[1]!.text.fi }).getByLabel(plan[1]!.options![0]!.fi).check();
    await page.getByRole("group", { name: plan[1]!.text.fi }).getByLabel(plan[1]!.options![1]!.fi).check();
    await page.getByRole("group", { name: plan[2]!.text.fi }).getByLabel(/^4 – /).check();
    await page.getByRole("group", { name: plan[4]!.text.fi }).getByLabel(/^5 – /).check();
    await page.getByRole("group", { name: plan[3]!.text.fi }).getByLabel("9", { exact: true }).check();
    await page.getByRole("button", { name: t("survey.next") }).click();

    // Section 2: a little, then save and leave.
    await expect(page.getByText(t("survey.progress", { current: 2, total: 2 }))).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(sections[1]!.fi);
    await expect(page.getByText(plan[9]!.help!.fi)).toBeVisible();
    await checkPage(page);
    await page.getByRole("group", { name: plan[5]!.text.fi }).getByLabel("6", { exact: true }).check();
    await page.getByLabel(plan[9]!.text.fi).fill("Selkeät ohjeet");
    await page.getByRole("button", { name: t("survey.saveLater") }).click();
    await expect(page.getByText(t("survey.saved"))).toBeVisible();
    await checkPage(page);

    // Later, from the same link: resume at section 2 with the answers kept.
    await page.goto(link);
    await checkPage(page);
    await page.getByRole("button", { name: t("survey.continue") }).click();
    await expect(page.getByText(t("survey.progress", { current: 2, total: 2 }))).toBeVisible();
    await expect(page.getByRole("group", { name: plan[5]!.text.fi }).getByLabel("6", { exact: true })).toBeChecked();
    await expect(page.getByLabel(plan[9]!.text.fi)).toHaveValue("Selkeät ohjeet");
    // The phone answer in section 1 shows the conditional question.
    await expect(page.getByLabel(plan[10]!.text.fi)).toBeVisible();
    await checkPage(page);
    // Section 1's answers are kept too.
    await page.getByRole("button", { name: t("survey.back") }).click();
    await expect(page.getByText(t("survey.progress", { current: 1, total: 2 }))).toBeVisible();
    await expect(page.getByRole("group", { name: plan[0]!.text.fi }).getByLabel(plan[0]!.options![1]!.fi)).toBeChecked();
    await expect(page.getByRole("group", { name: plan[1]!.text.fi }).getByLabel(plan[1]!.options![1]!.fi)).toBeChecked();
    await expect(page.getByRole("group", { name: plan[3]!.text.fi }).getByLabel("9", { exact: true })).toBeChecked();
    await checkPage(page);
    await page.getByRole("button", { name: t("survey.next") }).click();
    await expect(page.getByText(t("survey.progress", { current: 2, total: 2 }))).toBeVisible();

    // The rest, with a number above the allowed range: the server says so next to the field.
    const matrix = page.getByRole("group", { name: plan[6]!.text.fi });
    await matrix.getByLabel(`${plan[6]!.rows![0]!.fi}: 4`).check();
    await matrix.getByLabel(`${plan[6]!.rows![1]!.fi}: 5`).check();
    await page.getByLabel(plan[7]!.text.fi).fill("500");
    await page.getByLabel(plan[8]!.text.fi).fill("15.3.2026");
    await page.getByLabel(plan[10]!.text.fi).fill("Jonotus puhelimessa kesti liian kauan.");
    await page.getByRole("button", { name: t("survey.submit") }).click();
    const number = page.getByLabel(plan[7]!.text.fi);
    const aboveMax = t("survey.aboveMax", { max: 100 });
    await expect(page.locator("#q_q8-error")).toHaveText(aboveMax);
    await expect(number).toHaveAttribute("aria-invalid", "true");
    await expect(number).toHaveAttribute("aria-describedby", /q_q8-error/);
    await expect(page.getByRole("alert")).toContainText(aboveMax);
    await expect(number).toHaveValue("500");
    await expect(page.getByLabel(plan[10]!.text.fi)).toHaveValue("Jonotus puhelimessa kesti liian kauan.");
    await checkPage(page);
    await number.fill("12");
    await page.getByRole("button", { name: t("survey.submit") }).click();
    await expect(page).toHaveURL(/\/s\/[A-Za-z0-9_-]+\/thanks$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("survey.thanksTitle"));
    await checkPage(page);

    // The link now says it has been used.
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("survey.doneTitle"));
    await expect(page.getByRole("button", { name: t("survey.start") })).toHaveCount(0);
    await checkPage(page);
  });
});

test("the researcher sees the new answer arrive, then the demo study's charts, NPS, masked free text, a suppressed small group and the CSV", async ({
  page,
}) => {
  test.setTimeout(90_000);
  expect(shared.studyPath, "the researcher's test created a study").toBeDefined();
  await staffSignIn(page, "researcher@panel.example");
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);

  // The new study: the member's answer counts as answered, and waits for the daily mix below k.
  await page.goto(shared.studyPath!);
  const funnelPattern = escapeRegExp(t("studies.invite.funnel", { invited: "§", completed: 1 })).replace("§", "[\\d\\s\u00a0]+");
  await expect(page.getByText(new RegExp(funnelPattern))).toBeVisible();
  await checkPage(page);
  await page.getByRole("link", { name: t("studies.results"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("results.heading", { title: title.fi }));
  await expect(page.getByRole("row", { name: t("results.funnel.completed") })).toContainText("1");
  await expect(page.getByText(t("results.funnel.pending", { count: 1 }))).toBeVisible();
  await expect(page.getByRole("heading", { name: t("results.empty.title") })).toBeVisible();
  await checkPage(page);

  // The demo study, from the list.
  await page.getByRole("navigation", { name: t("nav.main") }).getByRole("link", { name: t("nav.studies") }).click();
  await checkPage(page);
  await page.getByRole("link", { name: demoStudyTitle.fi }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(demoStudyTitle.fi);
  await checkPage(page);
  await page.getByRole("link", { name: t("studies.results"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("results.heading", { title: demoStudyTitle.fi }));
  await checkPage(page);

  // Charts are images with a spoken summary, each followed by its numbers as a table.
  const question = (id: string) => demoSurvey.sections.flatMap((s) => s.questions).find((q) => q.id === id)!.text.fi;
  const all = t("results.group.all");
  await expect(page.getByRole("img", { name: `Pylväskaavio: ${question("channel")}, ${all}` })).toBeVisible();
  await expect(page.getByRole("table", { name: t("results.table.caption", { question: question("channel") }) }).getByRole("row", { name: /^Verkossa/ })).toBeVisible();
  await expect(page.locator("#q-channel").getByRole("img")).toHaveCount(1);
  // NPS: the score, signed, next to the distribution.
  const npsTable = page.getByRole("table", { name: t("results.table.caption", { question: question("nps") }) });
  await expect(npsTable.getByRole("row", { name: new RegExp(`^${t("results.nps")}`) })).toHaveText(new RegExp(`^${t("results.nps")}\\s*(0|[+\u2212-]\\d{1,3})$`));
  await expect(page.locator("#q-nps").getByRole("img")).toHaveCount(1);

  // Free text: emails, phone numbers and account numbers masked; never shown raw.
  const best = page.locator("#q-best");
  await expect(best.getByText(t("results.text.masked"))).toBeVisible();
  const masked = best.getByRole("listitem").filter({ hasText: /\u2022\u2022\u2022 \[(email|phone)\]/ });
  // Answers come newest first; the masked ones may be on a later page.
  for (let pageNo = 2; pageNo <= 6 && (await masked.count()) === 0; pageNo++) {
    await best.getByRole("link", { name: t("results.text.next") }).click();
    await expect(page).toHaveURL(new RegExp(`q=best&page=${pageNo}#q-best$`));
    await checkPage(page);
  }
  await expect(masked.first()).toBeVisible();
  for (const raw of ["040 123 4567", "maija.meikalainen@example.fi", "FI21 1234"]) await expect(page.getByText(raw)).toHaveCount(0);

  // A breakdown by region: small regions are hidden, in the group table and in the charts' tables.
  await page.getByLabel(t("results.view.label")).selectOption({ label: t("results.view.breakdown", { attribute: t("studies.attribute.region") }) });
  await page.getByRole("button", { name: t("results.view.submit"), exact: true }).click();
  await expect(page).toHaveURL(/view=by(%3A|:)region/);
  const groups = page.getByRole("table", { name: t("results.groups.caption", { attribute: t("studies.attribute.region") }) });
  await expect(groups.getByRole("cell", { name: t("results.hidden"), exact: true }).first()).toBeVisible();
  await expect(groups.getByRole("row", { name: /^Uusimaa/ })).toHaveText(/^Uusimaa\s*\d+$/);
  await expect(page.getByText(t("results.hiddenNote", { k: 5 })).first()).toBeVisible();
  await checkPage(page);

  // The CSV of this view: UTF-8 with a byte order mark, the documented header, hidden cells noted, text masked.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: t("results.csv") }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const lines = csv.slice(1).split("\r\n");
  const header = ["questionId", "question", "group", "item", "count", "percent", "value", "note"].map((key) => t(`results.csv.${key}` as MessageKey));
  expect(lines[0]).toBe(header.join(","));
  // Groups by region code (MK01 is Uusimaa).
  expect(lines.some((line) => line.startsWith("nps,") && line.includes(",region=MK01,"))).toBe(true);
  expect(lines.some((line) => /,region=[^,]+,/.test(line) && line.endsWith(",hidden"))).toBe(true);
  expect(csv).toMatch(/\u2022\u2022\u2022 \[(email|phone|IBAN)\]/);
  for (const raw of ["040 123 4567", "maija.meikalainen@example.fi", "FI21 1234"]) expect(csv).not.toContain(raw);
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
