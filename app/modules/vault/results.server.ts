// A study's results, read from the tallies the daily mix keeps (ResultTally,
// docs/decisions/0012-results-tallies.md), protected by the small-group
// rules (results/small-groups.ts) and shaped by results/report.ts. Nothing
// returned here points to a response: figures are sums over groups, and free
// text comes without its day, id or attributes.
import { buildReport, protectAll, questionsOf, type RawAtom, type RawGroup, type RawQuestion, type Report, type ViewRequest } from "~/modules/results/report";
import { maskFreeText } from "~/modules/results/masking";
import { cellCount, filterAllowed, NOT_GIVEN } from "~/modules/results/small-groups";
import type { SurveyDefinition } from "~/modules/surveys/definition";
import { vaultDb } from "./db.server";

export interface ResultsStudy {
  id: string;
  minGroupSize: number;
  analysisAttributes: string[];
}

/** The studies module never stores a k below 3 (MIN_GROUP_FLOOR); the results never use one either. */
const K_FLOOR = 3;
const kOf = (study: ResultsStudy) => Math.max(K_FLOOR, Math.trunc(study.minGroupSize) || K_FLOOR);

const MAX_PER_PAGE = 1000;

/**
 * Every atom of the study (combination of attribute values) with its
 * respondents and how many of them answered each question: what the
 * small-group rules need. Survey versions are merged by question id.
 */
async function loadAtoms(studyId: string, questionIds: readonly string[]): Promise<RawAtom[]> {
  // One row per atom (a few hundred), its counts as one JSON object: "" = respondents.
  const rows = await vaultDb().$queryRaw<{ atom: Record<string, unknown>; answered: Record<string, number> }[]>`
    SELECT atom, jsonb_object_agg("questionId", n) AS answered
    FROM (
      SELECT atom, "questionId", sum(count)::int AS n
      FROM "ResultTally"
      WHERE "studyId" = ${studyId}::uuid AND key = '' AND "questionId" = ANY(${["", ...questionIds]}::text[])
      GROUP BY atom, "questionId"
    ) AS per_question
    GROUP BY atom`;
  return rows.map(({ atom, answered }) => {
    const { "": respondents = 0, ...questions } = answered;
    return { values: Object.fromEntries(Object.entries(atom).map(([a, v]) => [a, String(v)])), respondents, answered: questions };
  });
}

/**
 * The raw sums per group of the view's attribute (one group "" when the view
 * has none), summed in the database. Number questions get their sum.
 */
async function loadGroups(
  studyId: string,
  questionIds: readonly string[],
  numberIds: ReadonlySet<string>,
  attribute: string | null,
): Promise<Record<string, RawGroup>> {
  const rows = await vaultDb().$queryRaw<{ value: string; questionId: string; key: string; count: number; sum: number }[]>`
    SELECT CASE WHEN ${attribute}::text IS NULL THEN '' ELSE coalesce(atom ->> ${attribute}::text, ${NOT_GIVEN}) END AS value,
           "questionId", key, sum(count)::int AS count, sum(sum)::float8 AS sum
    FROM "ResultTally"
    WHERE "studyId" = ${studyId}::uuid AND "questionId" = ANY(${["", ...questionIds]}::text[])
    GROUP BY 1, 2, 3`;
  const groups: Record<string, RawGroup> = {};
  for (const row of rows) {
    const group = (groups[row.value] ??= { respondents: 0, questions: {} });
    if (row.questionId === "") {
      if (row.key === "") group.respondents = row.count;
      continue;
    }
    const question: RawQuestion = (group.questions[row.questionId] ??= { n: 0, counts: {} });
    if (row.key === "") {
      question.n = row.count;
      if (numberIds.has(row.questionId)) question.numeric = { n: row.count, sum: row.sum };
    } else {
      question.counts[row.key] = row.count;
    }
  }
  return groups;
}

/**
 * The results page of a study for one view: every question of `definition`,
 * from all survey versions' tallies merged by question id. A view the rules
 * do not allow comes back as view kind "refused", never as an error.
 */
export async function studyResults(study: ResultsStudy, definition: SurveyDefinition, view: ViewRequest): Promise<Report> {
  const k = kOf(study);
  const attributes = [...study.analysisAttributes];
  const questions = questionsOf(definition);
  const questionIds = questions.map((q) => q.id);
  const numberIds = new Set(questions.filter((q) => q.type === "number").map((q) => q.id));
  const attribute = view.kind === "all" ? null : view.attribute;
  const declared = attribute !== null && attributes.includes(attribute);
  const [atoms, groups] = await Promise.all([
    loadAtoms(study.id, questionIds),
    loadGroups(study.id, questionIds, numberIds, declared ? attribute : null),
  ]);
  const protections = protectAll(atoms, attributes, questionIds, k);
  const report = buildReport({ definition, k, attributes, protections, view, groups });
  // A breakdown by an attribute the study does not declare is refused like a filter would be.
  if (view.kind === "breakdown" && !declared && report.state === "ok") {
    return { ...report, view: { kind: "refused", attribute: view.attribute, value: "" }, questions: [] };
  }
  return report;
}

export interface TextAnswers {
  state: "ok" | "hidden";
  total: number;
  items: string[];
}

const hidden: TextAnswers = { state: "hidden", total: 0, items: [] };

/**
 * One page of a free-text question's answers in the view's group, newest day
 * first (in a fixed random order within a day), personal details masked.
 * Shown only when the same protection shows that group's count of answerers
 * in the report; a breakdown lists the answers of everyone (its whole column).
 * Only the texts are returned: never their day, id or attributes.
 */
export async function textAnswers(
  study: ResultsStudy,
  definition: SurveyDefinition,
  questionId: string,
  view: ViewRequest,
  page: { page: number; perPage: number },
): Promise<TextAnswers> {
  const question = questionsOf(definition).find((q) => q.id === questionId);
  if (!question || (question.type !== "shortText" && question.type !== "longText")) return hidden;
  const k = kOf(study);
  const attributes = [...study.analysisAttributes];
  if (view.kind !== "all" && !attributes.includes(view.attribute)) return hidden;

  const protections = protectAll(await loadAtoms(study.id, [questionId]), attributes, [questionId], k);
  const people = protections.respondents;
  const answerers = protections.questions[questionId]!;
  if (people.total === 0 || answerers.total === 0) return { state: "ok", total: 0, items: [] };
  if (people.total < k || answerers.total < k) return hidden;

  let total = answerers.total;
  let filter: { attribute: string; value: string } | null = null;
  if (view.kind === "filter") {
    if (!filterAllowed(people, view.attribute, view.value)) return hidden;
    const n = cellCount(answerers, view.attribute, view.value);
    if (n === null) return hidden;
    if (n === 0) return { state: "ok", total: 0, items: [] };
    if (!filterAllowed(answerers, view.attribute, view.value)) return hidden;
    total = n;
    filter = { attribute: view.attribute, value: view.value };
  }

  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.trunc(page.perPage) || 1));
  const offset = (Math.max(1, Math.trunc(page.page) || 1) - 1) * perPage;
  if (offset >= total) return { state: "ok", total, items: [] };
  const rows = filter
    ? await vaultDb().$queryRaw<{ text: string }[]>`
        SELECT coalesce(answers ->> ${questionId}, '') AS text FROM "Response"
        WHERE "studyId" = ${study.id}::uuid AND answers -> ${questionId} IS NOT NULL
          AND coalesce(attributes ->> ${filter.attribute}, ${NOT_GIVEN}) = ${filter.value}
        ORDER BY "submittedOn" DESC, id DESC
        LIMIT ${perPage} OFFSET ${offset}`
    : await vaultDb().$queryRaw<{ text: string }[]>`
        SELECT coalesce(answers ->> ${questionId}, '') AS text FROM "Response"
        WHERE "studyId" = ${study.id}::uuid AND answers -> ${questionId} IS NOT NULL
        ORDER BY "submittedOn" DESC, id DESC
        LIMIT ${perPage} OFFSET ${offset}`;
  return { state: "ok", total, items: rows.map((row) => maskFreeText(row.text)) };
}

/** Submissions waiting for the daily mix: the results include them from the next day. */
export async function pendingCount(studyId: string): Promise<number> {
  const rows = await vaultDb().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "PendingResponse" WHERE "studyId" = ${studyId}::uuid`;
  return rows[0]?.n ?? 0;
}
