// The demo study: a customer experience survey with every question type, in
// three languages, open for answers, with a couple of hundred answers already
// in the vault so its results page shows charts, masked text and small groups.
import type { SurveyDefinition } from "~/modules/surveys/definition";

const t = (fi: string, sv: string, en: string) => ({ fi, sv, en });
const o = (id: string, fi: string, sv: string, en: string) => ({ id, text: t(fi, sv, en) });

export const demoStudyTitle = t("Asiointikokemus 2026", "Kundupplevelse 2026", "Customer experience 2026");

export const demoSurvey: SurveyDefinition = {
  sections: [
    {
      id: "s1",
      title: t("Asiointi", "Ärenden", "Your visit"),
      questions: [
        {
          id: "channel",
          type: "single",
          text: t("Miten asioit viimeksi?", "Hur skötte du ditt ärende senast?", "How did you last deal with us?"),
          required: true,
          options: [
            o("web", "Verkossa", "På webben", "Online"),
            o("phone", "Puhelimessa", "Per telefon", "By phone"),
            o("office", "Toimipisteessä", "På ett kontor", "At an office"),
          ],
        },
        {
          id: "topics",
          type: "multiple",
          text: t("Mitä asia koski?", "Vad gällde ärendet?", "What was it about?"),
          help: t("Valitse 1–2.", "Välj 1–2.", "Choose 1–2."),
          required: false,
          min: 1,
          max: 2,
          options: [
            o("benefit", "Etuus", "Förmån", "A benefit"),
            o("advice", "Neuvonta", "Rådgivning", "Advice"),
            o("change", "Muutoksen ilmoittaminen", "Anmälan om ändring", "Reporting a change"),
          ],
        },
        { id: "nps", type: "nps", text: t("Kuinka todennäköisesti suosittelisit meitä?", "Hur sannolikt är det att du skulle rekommendera oss?", "How likely are you to recommend us?"), required: true },
        { id: "csat", type: "csat", text: t("Kuinka tyytyväinen olit asiointiin?", "Hur nöjd var du med ärendet?", "How satisfied were you with your visit?"), required: true },
      ],
    },
    {
      id: "s2",
      title: t("Kokemus", "Upplevelse", "Experience"),
      questions: [
        { id: "clear", type: "likert5", text: t("Ohjeet olivat selkeitä.", "Anvisningarna var tydliga.", "The instructions were clear."), required: false },
        { id: "easy", type: "likert7", text: t("Asiointi oli helppoa.", "Det var lätt att sköta ärendet.", "It was easy to get things done."), required: false },
        {
          id: "aspects",
          type: "matrix",
          text: t("Arvioi asioinnin osa-alueet", "Bedöm delarna av ärendet", "Rate parts of the visit"),
          required: false,
          scale: 5,
          rows: [o("speed", "Nopeus", "Snabbhet", "Speed"), o("staff", "Henkilökunta", "Personalen", "Staff")],
        },
        { id: "visits", type: "number", text: t("Montako kertaa asioit vuoden aikana?", "Hur många gånger skötte du ärenden under året?", "How many times did you visit in the past year?"), required: false, min: 0, max: 365 },
        { id: "when", type: "date", text: t("Minä päivänä asioit viimeksi?", "Vilken dag skötte du senast ett ärende?", "On which day did you last visit?"), required: false },
        { id: "best", type: "shortText", text: t("Mikä toimi parhaiten?", "Vad fungerade bäst?", "What worked best?"), required: false },
        {
          id: "improve",
          type: "longText",
          text: t("Mitä meidän pitäisi parantaa?", "Vad borde vi förbättra?", "What should we improve?"),
          required: false,
          showIf: { questionId: "channel", anyOf: ["phone", "office"] },
        },
      ],
    },
  ],
};

const bestTexts = [
  "Nopea vastaus",
  "Ystävällinen palvelu",
  "Selkeät ohjeet",
  "Snabbt svar",
  "Friendly staff",
  "Soittakaa minulle numeroon 040 123 4567",
  "Vastaus tuli sähköpostiin maija.meikalainen@example.fi",
];
const improveTexts = [
  "Jonotus kesti liian kauan",
  "Puhelinpalvelun aukioloajat",
  "Väntetiden i telefon",
  "Lomakkeet ovat vaikeita",
  "Tilinumeroni FI21 1234 5600 0007 85 kysyttiin kahdesti",
];

/** One deterministic demo answer set from the seeded random source. */
export function demoAnswers(random: () => number) {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const channel = pick(["web", "web", "web", "phone", "office"]);
  const answers: Record<string, unknown> = {
    channel,
    topics: [pick(["benefit", "advice", "change"])],
    nps: Math.min(10, Math.floor(random() * 6) + (channel === "web" ? 5 : 3)),
    csat: Math.min(5, Math.floor(random() * 3) + (channel === "web" ? 3 : 2)),
    clear: Math.floor(random() * 5) + 1,
    easy: Math.floor(random() * 7) + 1,
    aspects: { speed: Math.floor(random() * 5) + 1, staff: Math.floor(random() * 5) + 1 },
    visits: Math.floor(random() * 12),
  };
  if (random() < 0.5) answers.best = pick(bestTexts);
  if (channel !== "web" && random() < 0.7) answers.improve = pick(improveTexts);
  // A day in the first half of 2026, answered by about four in five.
  if (random() < 0.8) answers.when = new Date(Date.UTC(2026, 0, 1 + Math.floor(random() * 180))).toISOString().slice(0, 10);
  return answers;
}
