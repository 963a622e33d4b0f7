// Property: whatever the respondents, k and view, a reader of the reports
// never sees a group of 1..k-1 people, nor one they can work out by
// subtracting what two views show. For random atoms (attribute combinations
// with counts, and how many answered a question), every view is built (all,
// each breakdown, each filter): each shown count is 0 or at least k; the
// groups a reader can derive (shown cells, a breakdown's hidden cells
// together, a filter's complement, the total) are 0 or at least k; and where
// one such group lies inside another, their difference is 0 or at least k;
// and every class of respondents the published groups can tell apart (what
// any combination of any number of views can isolate) is 0 or at least k.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SurveyDefinition } from "~/modules/surveys/definition";
import { buildReport, protectAll, type RawAtom, type RawGroup, type Report, type ViewRequest } from "./report";
import { NOT_GIVEN } from "./small-groups";

const t = (fi: string) => ({ fi, sv: fi, en: fi });
const definition: SurveyDefinition = {
  sections: [{ id: "s", title: t("s"), questions: [{ id: "q", type: "single", text: t("q"), required: false, options: [{ id: "x", text: t("x") }, { id: "y", text: t("y") }] }] }],
};
const ATTRIBUTES = ["a", "b", "c"];

interface Scenario {
  k: number;
  attributes: string[];
  atoms: RawAtom[];
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    k: fc.integer({ min: 2, max: 7 }),
    attributeCount: fc.integer({ min: 1, max: 3 }),
    atoms: fc.array(
      fc.record({
        // value index per attribute; 3 = attribute not given
        values: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
        respondents: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 15 })),
        answeredShare: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { maxLength: 14 },
    ),
  })
  .map(({ k, attributeCount, atoms }) => {
    const attributes = ATTRIBUTES.slice(0, attributeCount);
    const merged = new Map<string, RawAtom>();
    for (const atom of atoms) {
      const values = Object.fromEntries(attributes.flatMap((a, i) => (atom.values[i] === 3 ? [] : [[a, `v${atom.values[i]}`]])));
      const key = JSON.stringify(attributes.map((a) => values[a] ?? null));
      const answered = Math.floor(atom.respondents * atom.answeredShare);
      const existing = merged.get(key);
      if (existing) {
        existing.respondents += atom.respondents;
        existing.answered.q = (existing.answered.q ?? 0) + answered;
      } else merged.set(key, { values, respondents: atom.respondents, answered: { q: answered } });
    }
    return { k, attributes, atoms: [...merged.values()] };
  });

/** A group of respondents a reader can work out, as the atoms it covers. */
interface Derived {
  label: string;
  /** cell: shown; hidden: a breakdown's hidden cells together; rest: a filter's complement */
  kind: "total" | "cell" | "hidden" | "rest";
  measure: "respondents" | "q";
  n: number;
  inside: (atom: RawAtom) => boolean;
}

const valueOf = (atom: RawAtom, attribute: string) => atom.values[attribute] ?? NOT_GIVEN;
const sizeOf = (atoms: readonly RawAtom[], measure: Derived["measure"], inside: (atom: RawAtom) => boolean) =>
  atoms.filter(inside).reduce((sum, atom) => sum + (measure === "respondents" ? atom.respondents : (atom.answered.q ?? 0)), 0);

function views(attributes: readonly string[], atoms: readonly RawAtom[]): ViewRequest[] {
  const out: ViewRequest[] = [{ kind: "all" }];
  for (const attribute of attributes) {
    out.push({ kind: "breakdown", attribute });
    for (const value of new Set(atoms.map((atom) => valueOf(atom, attribute)))) out.push({ kind: "filter", attribute, value });
  }
  return out;
}

function reportFor(s: Scenario, view: ViewRequest): Report {
  const protections = protectAll(s.atoms, s.attributes, ["q"], s.k);
  const attribute = view.kind === "all" ? null : view.attribute;
  const groups: Record<string, RawGroup> = {};
  for (const atom of s.atoms) {
    const key = attribute === null ? "" : valueOf(atom, attribute);
    const group = (groups[key] ??= { respondents: 0, questions: { q: { n: 0, counts: {} } } });
    group.respondents += atom.respondents;
    group.questions.q!.n += atom.answered.q ?? 0;
    group.questions.q!.counts.x = (group.questions.q!.counts.x ?? 0) + (atom.answered.q ?? 0);
  }
  return buildReport({ definition, k: s.k, attributes: s.attributes, protections, view, groups });
}

/** Every count the report shows, and the groups a reader can derive from it. */
function readOff(s: Scenario, report: Report): { shown: number[]; derived: Derived[] } {
  const shown: number[] = [];
  const derived: Derived[] = [];
  const everyone = () => true;
  const view = report.view;
  if (!view || view.kind === "refused") return { shown, derived };
  const question = report.questions[0]!;

  if (view.kind === "all") {
    shown.push(view.respondents);
    derived.push({ label: "all", kind: "total", measure: "respondents", n: view.respondents, inside: everyone });
    for (const column of question.columns) {
      if (column.n !== null) {
        shown.push(column.n);
        derived.push({ label: "q all", kind: "total", measure: "q", n: column.n, inside: everyone });
      }
    }
  }
  if (view.kind === "filter") {
    const inGroup = (atom: RawAtom) => valueOf(atom, view.attribute) === view.value;
    shown.push(view.respondents);
    derived.push({ label: `${view.attribute}=${view.value}`, kind: "cell", measure: "respondents", n: view.respondents, inside: inGroup });
    // The whole is public (the "all" view), so the rest of it is derivable.
    const total = sizeOf(s.atoms, "respondents", everyone);
    derived.push({ label: `${view.attribute}≠${view.value}`, kind: "rest", measure: "respondents", n: total - view.respondents, inside: (atom) => !inGroup(atom) });
    for (const column of question.columns) {
      if (column.n === null) continue;
      shown.push(column.n);
      derived.push({ label: `q ${view.attribute}=${view.value}`, kind: "cell", measure: "q", n: column.n, inside: inGroup });
      const answered = sizeOf(s.atoms, "q", everyone);
      derived.push({ label: `q ${view.attribute}≠${view.value}`, kind: "rest", measure: "q", n: answered - column.n, inside: (atom) => !inGroup(atom) });
    }
  }
  if (view.kind === "breakdown") {
    const { attribute } = view;
    shown.push(view.respondents);
    const hidden = new Set<string>();
    let shownSum = 0;
    for (const group of view.groups) {
      if (group.respondents === null) hidden.add(group.value);
      else {
        shown.push(group.respondents);
        shownSum += group.respondents;
        derived.push({ label: `${attribute}=${group.value}`, kind: "cell", measure: "respondents", n: group.respondents, inside: (atom) => valueOf(atom, attribute) === group.value });
      }
    }
    if (hidden.size > 0) {
      derived.push({ label: `${attribute} hidden`, kind: "hidden", measure: "respondents", n: view.respondents - shownSum, inside: (atom) => hidden.has(valueOf(atom, attribute)) });
    }
    const whole = question.columns.find((c) => c.group === null);
    if (whole && whole.n !== null) {
      shown.push(whole.n);
      const hiddenQ = new Set<string>();
      let shownQ = 0;
      for (const column of question.columns) {
        if (column.group === null) continue;
        const value = column.group;
        if (column.n === null) hiddenQ.add(value);
        else {
          shown.push(column.n);
          shownQ += column.n;
          derived.push({ label: `q ${attribute}=${value}`, kind: "cell", measure: "q", n: column.n, inside: (atom) => valueOf(atom, attribute) === value });
        }
      }
      if (hiddenQ.size > 0) derived.push({ label: `q ${attribute} hidden`, kind: "hidden", measure: "q", n: whole.n - shownQ, inside: (atom) => hiddenQ.has(valueOf(atom, attribute)) });
    }
  }
  return { shown, derived };
}

const small = (n: number, k: number) => n > 0 && n < k;

/** All reports of a scenario, read off: every shown count and every derivable group. */
function everything(s: Scenario) {
  const shown: number[] = [];
  const derived: Derived[] = [];
  for (const view of views(s.attributes, s.atoms)) {
    const found = readOff(s, reportFor(s, view));
    shown.push(...found.shown);
    derived.push(...found.derived);
  }
  return { shown, derived };
}

/** Pairs of derivable groups (same measure) where the first lies inside the second. */
function nestedPairs(s: Scenario, groups: readonly Derived[]): [Derived, Derived][] {
  const live = (measure: Derived["measure"]) => s.atoms.filter((atom) => (measure === "respondents" ? atom.respondents : (atom.answered.q ?? 0)) > 0);
  const pairs: [Derived, Derived][] = [];
  for (const x of groups) {
    for (const y of groups) {
      if (x === y || x.measure !== y.measure || x.n > y.n) continue;
      if (live(x.measure).every((atom) => !x.inside(atom) || y.inside(atom))) pairs.push([x, y]);
    }
  }
  return pairs;
}

describe("small-group protection over every view (property)", () => {
  it("no shown count or derivable group is 1..k-1; shown cells and hidden cells together never differ by 1..k-1 when nested", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { shown, derived } = everything(s);
        for (const n of shown) expect(small(n, s.k), `shown count ${n} with k ${s.k}`).toBe(false);
        for (const group of derived) {
          // The derived size is what the data holds (the reader's arithmetic is right).
          expect(group.n).toBe(sizeOf(s.atoms, group.measure, group.inside));
          expect(small(group.n, s.k), `derived ${group.label} = ${group.n} with k ${s.k}`).toBe(false);
        }
        for (const [x, y] of nestedPairs(s, derived.filter((g) => g.kind !== "rest"))) {
          expect(small(y.n - x.n, s.k), `${y.label} (${y.n}) minus ${x.label} (${x.n}) with k ${s.k}`).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("a filter's complement never contains another shown group with a difference of 1..k-1", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const [x, y] of nestedPairs(s, everything(s).derived)) {
          expect(small(y.n - x.n, s.k), `${y.label} (${y.n}) minus ${x.label} (${x.n}) with k ${s.k}`).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  // The strongest form: any sum or difference of published groups, over any
  // number of views, is constant on the classes of respondents that belong
  // to the same published groups. Each such class must be 0 or at least k.
  it("every class of respondents that the published groups can tell apart is 0 or at least k", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const derived = everything(s).derived;
        for (const measure of ["respondents", "q"] as const) {
          const groups = derived.filter((g) => g.measure === measure);
          const classes = new Map<string, number>();
          for (const atom of s.atoms) {
            const n = measure === "respondents" ? atom.respondents : (atom.answered.q ?? 0);
            if (n === 0) continue;
            const signature = groups.map((g) => (g.inside(atom) ? "1" : "0")).join("");
            classes.set(signature, (classes.get(signature) ?? 0) + n);
          }
          // People in no published group at all (nothing is shown) cannot be told apart.
          classes.delete("0".repeat(groups.length));
          for (const [signature, n] of classes) expect(small(n, s.k), `${measure} class ${signature} = ${n} with k ${s.k}`).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("the case that once leaked through three views is closed", () => {
    // k = 3: a0b1 holds one respondent. Before rule 4, "all" (13) minus
    // "only a = v1" (6) minus "only b = v0" (6) left that one person.
    const atoms: RawAtom[] = [
      { values: { a: "v0", b: "v0" }, respondents: 3, answered: { q: 3 } },
      { values: { a: "v0", b: "v1" }, respondents: 1, answered: { q: 1 } },
      { values: { a: "v1", b: "v1" }, respondents: 3, answered: { q: 3 } },
      { values: { a: "v1", b: "v2" }, respondents: 3, answered: { q: 3 } },
      { values: { a: "v2", b: "v0" }, respondents: 3, answered: { q: 3 } },
    ];
    const s: Scenario = { k: 3, attributes: ["a", "b"], atoms };
    const respondents = (view: ViewRequest) => {
      const report = reportFor(s, view);
      return report.view && report.view.kind !== "refused" && report.view.kind !== "breakdown" ? report.view.respondents : null;
    };
    expect(respondents({ kind: "all" })).toBe(13);
    const a1 = respondents({ kind: "filter", attribute: "a", value: "v1" });
    const b0 = respondents({ kind: "filter", attribute: "b", value: "v0" });
    expect(a1 === null || b0 === null).toBe(true);
  });

  it("nothing at all is shown while the respondents are 1..k-1", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const total = s.atoms.reduce((sum, atom) => sum + atom.respondents, 0);
        fc.pre(total > 0 && total < s.k);
        for (const view of views(s.attributes, s.atoms)) {
          const report = reportFor(s, view);
          expect(report).toMatchObject({ state: "too-few", view: null, questions: [], filters: [] });
        }
      }),
      { numRuns: 100 },
    );
  });
});
