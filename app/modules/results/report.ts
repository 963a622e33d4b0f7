// Turns raw aggregates from the vault into what a researcher may see: one
// column per group of the view, every group checked by small-groups.ts, the
// statistics of each question type. Pure: the vault module feeds it, tests
// feed it the same shapes.
import { scalePoints, type Question, type SurveyDefinition } from "~/modules/surveys/definition";
import { cellCount, filterAllowed, NOT_GIVEN, protect, shownValues, sortValues, type Protection } from "./small-groups";

/** One question's sums in one group. Matrix keys: "row" (answered the row) and "row:point". */
export interface RawQuestion {
  n: number;
  counts: Record<string, number>;
  numeric?: { n: number; sum: number };
}

export interface RawGroup {
  respondents: number;
  questions: Record<string, RawQuestion>;
}

/** Respondents with one combination of attribute values, and how many of them answered each question. */
export interface RawAtom {
  values: Record<string, string>;
  respondents: number;
  answered: Record<string, number>;
}

export type ViewRequest =
  | { kind: "all" }
  | { kind: "breakdown"; attribute: string }
  | { kind: "filter"; attribute: string; value: string };

export interface Protections {
  respondents: Protection;
  questions: Record<string, Protection>;
}

export interface Item {
  key: string;
  count: number;
  percent: number;
}

export type Stats =
  | { kind: "choice"; items: Item[]; mean: number | null; nps: number | null; csat: number | null }
  | { kind: "matrix"; rows: { key: string; n: number; items: Item[]; mean: number | null }[] }
  | { kind: "number"; count: number; mean: number | null }
  | { kind: "date"; items: Item[] }
  | { kind: "text" };

/** One group's figures for a question. n: null = hidden, 0 = nobody answered. */
export interface Column {
  /** null: everyone in the view */
  group: string | null;
  n: number | null;
  stats: Stats | null;
}

export interface QuestionResult {
  question: Question;
  /** ok: shown; too-few: 1..k-1 answered; none: nobody answered */
  state: "ok" | "too-few" | "none";
  columns: Column[];
}

export type ReportView =
  | { kind: "all"; respondents: number }
  | { kind: "breakdown"; attribute: string; respondents: number; groups: { value: string; respondents: number | null }[] }
  | { kind: "filter"; attribute: string; value: string; respondents: number }
  | { kind: "refused"; attribute: string; value: string };

export interface Report {
  k: number;
  /** empty: no responses; too-few: 1..k-1 responses (nothing shown); ok */
  state: "empty" | "too-few" | "ok";
  view: ReportView | null;
  attributes: string[];
  /** attribute values that may be used as filters */
  filters: { attribute: string; values: string[] }[];
  questions: QuestionResult[];
}

export function questionsOf(definition: SurveyDefinition): Question[] {
  return definition.sections.flatMap((section) => section.questions);
}

/** The protection of every measure: all respondents, and each question's answerers. */
export function protectAll(atoms: readonly RawAtom[], attributes: readonly string[], questionIds: readonly string[], k: number): Protections {
  const project = (atom: RawAtom) => Object.fromEntries(attributes.map((a) => [a, atom.values[a] ?? NOT_GIVEN]));
  const projected = atoms.map((atom) => ({ values: project(atom), atom }));
  return {
    respondents: protect(
      projected.map(({ values, atom }) => ({ values, n: atom.respondents })),
      attributes,
      k,
    ),
    questions: Object.fromEntries(
      questionIds.map((id) => [id, protect(projected.map(({ values, atom }) => ({ values, n: atom.answered[id] ?? 0 })), attributes, k)]),
    ),
  };
}

/** Sums raw groups (all the groups of a breakdown make the whole). */
export function addGroups(groups: readonly RawGroup[]): RawGroup {
  const out: RawGroup = { respondents: 0, questions: {} };
  for (const group of groups) {
    out.respondents += group.respondents;
    for (const [id, q] of Object.entries(group.questions)) {
      const target = (out.questions[id] ??= { n: 0, counts: {} });
      target.n += q.n;
      for (const [key, count] of Object.entries(q.counts)) target.counts[key] = (target.counts[key] ?? 0) + count;
      if (q.numeric) {
        target.numeric ??= { n: 0, sum: 0 };
        target.numeric.n += q.numeric.n;
        target.numeric.sum += q.numeric.sum;
      }
    }
  }
  return out;
}

const percent = (count: number, n: number) => (n > 0 ? (count / n) * 100 : 0);

function scaleStats(question: Question, raw: RawQuestion, n: number): Stats {
  const points = scalePoints(question);
  const items = points.map((p) => ({ key: String(p), count: raw.counts[String(p)] ?? 0, percent: percent(raw.counts[String(p)] ?? 0, n) }));
  const valid = items.reduce((sum, item) => sum + item.count, 0);
  const weighted = items.reduce((sum, item) => sum + Number(item.key) * item.count, 0);
  const mean = valid > 0 ? weighted / valid : null;
  const within = (from: number, to: number) => items.filter((i) => Number(i.key) >= from && Number(i.key) <= to).reduce((s, i) => s + i.count, 0);
  return {
    kind: "choice",
    items,
    mean,
    // NPS: promoters (9-10) minus detractors (0-6), as % of those who answered.
    nps: question.type === "nps" && valid > 0 ? ((within(9, 10) - within(0, 6)) / valid) * 100 : null,
    // CSAT: satisfied (4-5) as % of those who answered.
    csat: question.type === "csat" && valid > 0 ? (within(4, 5) / valid) * 100 : null,
  };
}

/** The statistics of one question in one (shown) group. */
export function questionStats(question: Question, raw: RawQuestion | undefined, n: number): Stats {
  const r: RawQuestion = raw ?? { n: 0, counts: {} };
  switch (question.type) {
    case "single":
    case "multiple":
      return {
        kind: "choice",
        items: question.options.map((o) => ({ key: o.id, count: r.counts[o.id] ?? 0, percent: percent(r.counts[o.id] ?? 0, n) })),
        mean: null,
        nps: null,
        csat: null,
      };
    case "likert5":
    case "likert7":
    case "nps":
    case "csat":
      return scaleStats(question, r, n);
    case "matrix": {
      const points = scalePoints(question);
      return {
        kind: "matrix",
        rows: question.rows.map((row) => {
          const rowN = r.counts[row.id] ?? 0;
          const items = points.map((p) => {
            const count = r.counts[`${row.id}:${p}`] ?? 0;
            return { key: String(p), count, percent: percent(count, rowN) };
          });
          const valid = items.reduce((sum, item) => sum + item.count, 0);
          const mean = valid > 0 ? items.reduce((sum, item) => sum + Number(item.key) * item.count, 0) / valid : null;
          return { key: row.id, n: rowN, items, mean };
        }),
      };
    }
    case "number":
      return { kind: "number", count: r.numeric?.n ?? 0, mean: r.numeric && r.numeric.n > 0 ? r.numeric.sum / r.numeric.n : null };
    case "date":
      return {
        kind: "date",
        items: Object.keys(r.counts)
          .filter((key) => /^\d{4}-\d{2}$/.test(key))
          .sort()
          .map((key) => ({ key, count: r.counts[key]!, percent: percent(r.counts[key]!, n) })),
      };
    case "shortText":
    case "longText":
      return { kind: "text" };
  }
}

function column(question: Question, protection: Protection, group: string | null, attribute: string | null, raw: RawGroup | undefined): Column {
  const n = group === null || attribute === null ? (protection.totalShown ? protection.total : null) : cellCount(protection, attribute, group);
  if (n === null || n === 0) return { group, n, stats: null };
  return { group, n, stats: questionStats(question, raw?.questions[question.id], n) };
}

/**
 * The report for one view. `groups` holds the raw sums per group of the
 * view's attribute (key "" when the view has no attribute).
 */
export function buildReport(input: {
  definition: SurveyDefinition;
  k: number;
  attributes: readonly string[];
  protections: Protections;
  view: ViewRequest;
  groups: Record<string, RawGroup>;
}): Report {
  const { definition, k, protections, view } = input;
  const attributes = [...input.attributes];
  const people = protections.respondents;
  const questions = questionsOf(definition);
  const state = people.total === 0 ? "empty" : people.total < k ? "too-few" : "ok";
  const filters = state === "ok" ? attributes.map((attribute) => ({ attribute, values: shownValues(people, attribute) })) : [];
  const base = { k, state, attributes, filters } as const;
  if (state !== "ok") return { ...base, view: null, questions: [] };

  const stateOf = (p: Protection): QuestionResult["state"] => (p.total === 0 ? "none" : p.total < k ? "too-few" : "ok");
  const whole = addGroups(Object.values(input.groups));

  if (view.kind === "filter") {
    if (!attributes.includes(view.attribute) || !filterAllowed(people, view.attribute, view.value)) {
      return { ...base, view: { kind: "refused", attribute: view.attribute, value: view.value }, questions: [] };
    }
    const raw = input.groups[view.value];
    return {
      ...base,
      view: { kind: "filter", attribute: view.attribute, value: view.value, respondents: cellCount(people, view.attribute, view.value) ?? 0 },
      questions: questions.map((question) => {
        const p = protections.questions[question.id]!;
        const col = column(question, p, view.value, view.attribute, raw);
        return { question, state: stateOf(p) === "ok" ? (col.n === 0 ? "none" : "ok") : stateOf(p), columns: stateOf(p) === "ok" ? [col] : [] };
      }),
    };
  }

  if (view.kind === "breakdown" && attributes.includes(view.attribute)) {
    const values = sortValues([...(people.tables[view.attribute]?.cells.keys() ?? [])]);
    return {
      ...base,
      view: {
        kind: "breakdown",
        attribute: view.attribute,
        respondents: people.total,
        groups: values.map((value) => ({ value, respondents: cellCount(people, view.attribute, value) })),
      },
      questions: questions.map((question) => {
        const p = protections.questions[question.id]!;
        if (stateOf(p) !== "ok") return { question, state: stateOf(p), columns: [] };
        return {
          question,
          state: "ok",
          columns: [
            column(question, p, null, null, whole),
            ...values.map((value) => column(question, p, value, view.attribute, input.groups[value])),
          ],
        };
      }),
    };
  }

  return {
    ...base,
    view: { kind: "all", respondents: people.total },
    questions: questions.map((question) => {
      const p = protections.questions[question.id]!;
      if (stateOf(p) !== "ok") return { question, state: stateOf(p), columns: [] };
      return { question, state: "ok", columns: [column(question, p, null, null, whole)] };
    }),
  };
}
