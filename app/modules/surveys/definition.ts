// What a survey is: sections of questions, every text in fi/sv/en. Stored as
// JSON in SurveyVersion.definition and checked with `surveyDefinition` on
// every save, so the answering pages and the results can trust its shape.
// Shared by server and browser (no server imports here).
import { z } from "zod";
import { languages, type Language } from "~/infra/i18n/i18n";

export const localText = z.object({ fi: z.string().max(2000), sv: z.string().max(2000), en: z.string().max(2000) });
export type LocalText = z.infer<typeof localText>;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);
const option = z.object({ id, text: localText });

/** Show a question only when an earlier single/multiple choice question has one of these options. */
export const showIf = z.object({ questionId: id, anyOf: z.array(id).min(1).max(50) });

const base = {
  id,
  text: localText,
  help: localText.optional(),
  required: z.boolean(),
  showIf: showIf.optional(),
};

export const question = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("single"), options: z.array(option).min(2).max(50) }),
  z.object({
    ...base,
    type: z.literal("multiple"),
    options: z.array(option).min(2).max(50),
    min: z.number().int().min(0).max(50).optional(),
    max: z.number().int().min(1).max(50).optional(),
  }),
  z.object({ ...base, type: z.literal("likert5") }),
  z.object({ ...base, type: z.literal("likert7") }),
  z.object({ ...base, type: z.literal("nps") }),
  z.object({ ...base, type: z.literal("csat") }),
  z.object({ ...base, type: z.literal("shortText") }),
  z.object({ ...base, type: z.literal("longText") }),
  z.object({ ...base, type: z.literal("number"), min: z.number().optional(), max: z.number().optional() }),
  z.object({ ...base, type: z.literal("date") }),
  z.object({ ...base, type: z.literal("matrix"), rows: z.array(option).min(1).max(30), scale: z.union([z.literal(5), z.literal(7)]) }),
]);
export type Question = z.infer<typeof question>;
export type QuestionType = Question["type"];
export const questionTypes: QuestionType[] = [
  "single",
  "multiple",
  "likert5",
  "likert7",
  "nps",
  "csat",
  "shortText",
  "longText",
  "number",
  "date",
  "matrix",
];

export const section = z.object({ id, title: localText, questions: z.array(question).max(100) });
export type Section = z.infer<typeof section>;

export const surveyDefinition = z
  .object({ sections: z.array(section).max(50) })
  .superRefine((definition, ctx) => {
    const seen = new Map<string, Question>();
    for (const s of definition.sections) {
      for (const q of s.questions) {
        if (seen.has(q.id)) ctx.addIssue({ code: "custom", message: `duplicate question id ${q.id}` });
        if (q.showIf) {
          const target = seen.get(q.showIf.questionId);
          if (!target || (target.type !== "single" && target.type !== "multiple")) {
            ctx.addIssue({ code: "custom", message: `${q.id}: show-if must refer to an earlier choice question` });
          } else if (!q.showIf.anyOf.every((o) => target.options.some((t) => t.id === o))) {
            ctx.addIssue({ code: "custom", message: `${q.id}: show-if refers to an unknown option` });
          }
        }
        if (q.type === "multiple" && q.min !== undefined && q.max !== undefined && q.min > q.max) {
          ctx.addIssue({ code: "custom", message: `${q.id}: min is above max` });
        }
        if (q.type === "number" && q.min !== undefined && q.max !== undefined && q.min > q.max) {
          ctx.addIssue({ code: "custom", message: `${q.id}: min is above max` });
        }
        seen.set(q.id, q);
      }
    }
  });
export type SurveyDefinition = z.infer<typeof surveyDefinition>;

export const emptyDefinition: SurveyDefinition = { sections: [] };

/** One answer as stored in the vault. */
export type Answer = string | string[] | number | Record<string, number>;
export type Answers = Record<string, Answer>;

/** The number of points on a question's scale (choice-free scales only). */
export function scalePoints(q: Question): number[] {
  switch (q.type) {
    case "likert5":
    case "csat":
      return [1, 2, 3, 4, 5];
    case "likert7":
      return [1, 2, 3, 4, 5, 6, 7];
    case "nps":
      return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    case "matrix":
      return q.scale === 5 ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 7];
    default:
      return [];
  }
}

/** Whether a question is shown, given the answers so far. */
export function isShown(q: Question, answers: Answers): boolean {
  if (!q.showIf) return true;
  const answer = answers[q.showIf.questionId];
  const chosen = Array.isArray(answer) ? answer : typeof answer === "string" ? [answer] : [];
  return chosen.some((o) => q.showIf!.anyOf.includes(o));
}

/** Languages in which every text of the survey is filled in. */
export function completeness(definition: SurveyDefinition): Record<Language, { filled: number; total: number }> {
  const result = Object.fromEntries(languages.map((l) => [l, { filled: 0, total: 0 }])) as Record<
    Language,
    { filled: number; total: number }
  >;
  const count = (text: LocalText | undefined) => {
    if (!text) return;
    for (const l of languages) {
      result[l].total++;
      if (text[l].trim()) result[l].filled++;
    }
  };
  for (const s of definition.sections) {
    count(s.title);
    for (const q of s.questions) {
      count(q.text);
      count(q.help);
      if (q.type === "single" || q.type === "multiple") q.options.forEach((o) => count(o.text));
      if (q.type === "matrix") q.rows.forEach((r) => count(r.text));
    }
  }
  return result;
}
