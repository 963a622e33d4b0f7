// The survey builder's edits as pure functions over a definition: each intent
// of the builder page takes the posted fields and gives either the changed
// definition or field errors (message keys). The server module around it
// loads, validates with `surveyDefinition` and saves. No server imports.
import { z } from "zod";
import { languages, type MessageKey } from "~/infra/i18n/i18n";
import {
  questionTypes,
  type LocalText,
  type Question,
  type QuestionType,
  type Section,
  type SurveyDefinition,
} from "~/modules/surveys/definition";

export const builderIntents = [
  "add-section",
  "edit-section",
  "move-section",
  "delete-section",
  "add-question",
  "edit-question",
  "move-question",
  "delete-question",
] as const;
export type BuilderIntent = (typeof builderIntents)[number];

/** Empty rows offered under the options (and matrix rows) of a question being edited. */
export const NEW_CHOICE_SLOTS = 3;
export const MAX_SECTIONS = 50;
export const MAX_QUESTIONS_PER_SECTION = 100;
export const MAX_OPTIONS = 50;
export const MAX_ROWS = 30;
const TEXT_MAX = 2000;

/** Posted fields: one string each, except the lists (showIfOptions) which are arrays. */
export type PostedValues = Record<string, string | string[] | undefined>;
export type BuilderErrors = Record<string, MessageKey>;

export type BuilderOutcome =
  /** saved: where the page should scroll to, and the item to keep open for editing */
  | { kind: "changed"; definition: SurveyDefinition; anchor: string; edit?: string }
  /** delete without the confirmation: show the confirmation for this item */
  | { kind: "confirm"; id: string; anchor: string }
  /** the form `target` comes back with these errors next to its fields */
  | { kind: "invalid"; target: string; errors: BuilderErrors };

/** Ids used in any version of the study, so a new item never takes an old item's id (answers refer to ids). */
export interface UsedIds {
  sections: Set<string>;
  questions: Set<string>;
  /** option and row ids, per question id */
  choices: Map<string, Set<string>>;
}

export const isChoice = (q: Question): q is Extract<Question, { type: "single" | "multiple" }> =>
  q.type === "single" || q.type === "multiple";

export const blankText = (): LocalText => ({ fi: "", sv: "", en: "" });

export function collectUsedIds(definitions: SurveyDefinition[]): UsedIds {
  const used: UsedIds = { sections: new Set(), questions: new Set(), choices: new Map() };
  for (const definition of definitions) {
    for (const section of definition.sections) {
      used.sections.add(section.id);
      for (const q of section.questions) {
        used.questions.add(q.id);
        const choices = used.choices.get(q.id) ?? new Set<string>();
        if (isChoice(q)) q.options.forEach((o) => choices.add(o.id));
        if (q.type === "matrix") q.rows.forEach((r) => choices.add(r.id));
        used.choices.set(q.id, choices);
      }
    }
  }
  return used;
}

/** The first `prefix<n>` nobody has used. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  for (let n = 1; ; n++) if (!set.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

const allQuestions = (definition: SurveyDefinition) => definition.sections.flatMap((s) => s.questions);

/** Every show-if points to a choice question earlier in the survey. */
export function showIfOrderOk(definition: SurveyDefinition): boolean {
  const seen = new Map<string, Question>();
  for (const q of allQuestions(definition)) {
    if (q.showIf) {
      const target = seen.get(q.showIf.questionId);
      if (!target || !isChoice(target)) return false;
    }
    seen.set(q.id, q);
  }
  return true;
}

/** The choice questions before this one: what its show-if may refer to. */
export function earlierChoiceQuestions(definition: SurveyDefinition, questionId: string) {
  const earlier: Extract<Question, { type: "single" | "multiple" }>[] = [];
  for (const q of allQuestions(definition)) {
    if (q.id === questionId) break;
    if (isChoice(q)) earlier.push(q);
  }
  return earlier;
}

/** Whether every text of a survey is filled in every language, and there is something to answer. */
export function readyToPublish(definition: SurveyDefinition, filled: Record<string, { filled: number; total: number }>) {
  return allQuestions(definition).length > 0 && Object.values(filled).every((c) => c.filled === c.total);
}

const idField = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);
const direction = z.enum(["up", "down"]);

const str = (values: PostedValues, key: string): string | undefined => {
  const value = values[key];
  return typeof value === "string" ? value : Array.isArray(value) ? value[0] : undefined;
};
const list = (values: PostedValues, key: string): string[] => {
  const value = values[key];
  return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
};

/** `<prefix>_fi|sv|en`; a field not posted keeps the current text. */
function readText(values: PostedValues, prefix: string, current: LocalText, errors: BuilderErrors): LocalText {
  const text = { ...current };
  for (const language of languages) {
    const key = `${prefix}_${language}`;
    const posted = str(values, key);
    if (posted === undefined) continue;
    // PostgreSQL's jsonb cannot hold NUL; nobody types one.
    const trimmed = posted.replace(/\u0000/g, "").trim();
    if (trimmed.length > TEXT_MAX) errors[key] = "form.tooLong";
    else text[language] = trimmed;
  }
  return text;
}

const isBlank = (text: LocalText) => languages.every((language) => !text[language].trim());

function locate(definition: SurveyDefinition, questionId: string) {
  for (const [sectionIndex, section] of definition.sections.entries()) {
    const index = section.questions.findIndex((q) => q.id === questionId);
    if (index >= 0) return { sectionIndex, index, section, question: section.questions[index]! };
  }
  return null;
}

const stale: BuilderOutcome = { kind: "invalid", target: "form", errors: { form: "studies.builder.notFound" } };

export function applyBuilderIntent(definition: SurveyDefinition, values: PostedValues, used: UsedIds): BuilderOutcome {
  const intent = z.enum(builderIntents).safeParse(str(values, "intent"));
  if (!intent.success) return { kind: "invalid", target: "form", errors: { form: "studies.builder.unknownIntent" } };
  // Work on a copy: the caller's definition stays as loaded.
  const draft = structuredClone(definition);
  switch (intent.data) {
    case "add-section":
      return addSection(draft, values, used);
    case "edit-section":
      return editSection(draft, values);
    case "move-section":
      return moveSection(draft, values);
    case "delete-section":
      return deleteSection(draft, values);
    case "add-question":
      return addQuestion(draft, values, used);
    case "edit-question":
      return editQuestion(draft, values, used);
    case "move-question":
      return moveQuestion(draft, values);
    case "delete-question":
      return deleteQuestion(draft, values);
  }
}

function addSection(draft: SurveyDefinition, values: PostedValues, used: UsedIds): BuilderOutcome {
  const errors: BuilderErrors = {};
  if (draft.sections.length >= MAX_SECTIONS) return { kind: "invalid", target: "add-section", errors: { form: "studies.builder.tooManySections" } };
  const title = readText(values, "title", blankText(), errors);
  if (Object.keys(errors).length > 0) return { kind: "invalid", target: "add-section", errors };
  const id = nextId("s", [...used.sections, ...draft.sections.map((s) => s.id)]);
  draft.sections.push({ id, title, questions: [] });
  return { kind: "changed", definition: draft, anchor: `s-${id}` };
}

function sectionOf(draft: SurveyDefinition, values: PostedValues) {
  const id = idField.safeParse(str(values, "sectionId"));
  if (!id.success) return null;
  const index = draft.sections.findIndex((s) => s.id === id.data);
  return index < 0 ? null : { index, section: draft.sections[index]! };
}

function editSection(draft: SurveyDefinition, values: PostedValues): BuilderOutcome {
  const found = sectionOf(draft, values);
  if (!found) return stale;
  const errors: BuilderErrors = {};
  const title = readText(values, "title", found.section.title, errors);
  if (Object.keys(errors).length > 0) return { kind: "invalid", target: `section:${found.section.id}`, errors };
  found.section.title = title;
  return { kind: "changed", definition: draft, anchor: `s-${found.section.id}` };
}

function moveSection(draft: SurveyDefinition, values: PostedValues): BuilderOutcome {
  const found = sectionOf(draft, values);
  const way = direction.safeParse(str(values, "direction"));
  if (!found || !way.success) return stale;
  const to = way.data === "up" ? found.index - 1 : found.index + 1;
  if (to >= 0 && to < draft.sections.length) {
    const [moved] = draft.sections.splice(found.index, 1);
    draft.sections.splice(to, 0, moved!);
  }
  if (!showIfOrderOk(draft)) return { kind: "invalid", target: `section:${found.section.id}`, errors: { form: "studies.builder.moveBreaksShowIf" } };
  return { kind: "changed", definition: draft, anchor: `s-${found.section.id}` };
}

function deleteSection(draft: SurveyDefinition, values: PostedValues): BuilderOutcome {
  const found = sectionOf(draft, values);
  if (!found) return stale;
  if (str(values, "confirm") !== "yes") return { kind: "confirm", id: found.section.id, anchor: `s-${found.section.id}` };
  const inside = new Set(found.section.questions.map((q) => q.id));
  draft.sections.splice(found.index, 1);
  if (allQuestions(draft).some((q) => q.showIf && inside.has(q.showIf.questionId))) {
    return { kind: "invalid", target: `section:${found.section.id}`, errors: { form: "studies.builder.sectionInUse" } };
  }
  return { kind: "changed", definition: draft, anchor: "sections" };
}

function addQuestion(draft: SurveyDefinition, values: PostedValues, used: UsedIds): BuilderOutcome {
  const found = sectionOf(draft, values);
  if (!found) return stale;
  const target = `add-question:${found.section.id}`;
  const type = z.enum(questionTypes as [QuestionType, ...QuestionType[]]).safeParse(str(values, "type"));
  if (!type.success) return { kind: "invalid", target, errors: { type: "studies.builder.chooseType" } };
  if (found.section.questions.length >= MAX_QUESTIONS_PER_SECTION) {
    return { kind: "invalid", target, errors: { type: "studies.builder.tooManyQuestions" } };
  }
  const id = nextId("q", [...used.questions, ...allQuestions(draft).map((q) => q.id)]);
  found.section.questions.push(newQuestion(id, type.data));
  return { kind: "changed", definition: draft, anchor: `q-${id}`, edit: id };
}

/** A question of that type with empty texts, ready to be filled in. */
export function newQuestion(id: string, type: QuestionType): Question {
  const common = { id, text: blankText(), required: false };
  switch (type) {
    case "single":
    case "multiple":
      return { ...common, type, options: [1, 2].map((n) => ({ id: `o${n}`, text: blankText() })) };
    case "matrix":
      return { ...common, type, scale: 5, rows: [{ id: "r1", text: blankText() }] };
    default:
      return { ...common, type };
  }
}

function moveQuestion(draft: SurveyDefinition, values: PostedValues): BuilderOutcome {
  const id = idField.safeParse(str(values, "questionId"));
  const way = direction.safeParse(str(values, "direction"));
  const found = id.success ? locate(draft, id.data) : null;
  if (!found || !way.success) return stale;
  const { sectionIndex, index, section, question } = found;
  section.questions.splice(index, 1);
  if (way.data === "up") {
    // At the top of a section the question moves to the end of the one before.
    if (index > 0) section.questions.splice(index - 1, 0, question);
    else if (sectionIndex > 0) draft.sections[sectionIndex - 1]!.questions.push(question);
    else section.questions.unshift(question);
  } else if (index < section.questions.length) section.questions.splice(index + 1, 0, question);
  else if (sectionIndex < draft.sections.length - 1) draft.sections[sectionIndex + 1]!.questions.unshift(question);
  else section.questions.push(question);
  if (draft.sections.some((s) => s.questions.length > MAX_QUESTIONS_PER_SECTION)) {
    return { kind: "invalid", target: `question:${question.id}`, errors: { form: "studies.builder.tooManyQuestions" } };
  }
  if (!showIfOrderOk(draft)) return { kind: "invalid", target: `question:${question.id}`, errors: { form: "studies.builder.moveBreaksShowIf" } };
  return { kind: "changed", definition: draft, anchor: `q-${question.id}` };
}

function deleteQuestion(draft: SurveyDefinition, values: PostedValues): BuilderOutcome {
  const id = idField.safeParse(str(values, "questionId"));
  const found = id.success ? locate(draft, id.data) : null;
  if (!found) return stale;
  if (str(values, "confirm") !== "yes") return { kind: "confirm", id: found.question.id, anchor: `q-${found.question.id}` };
  if (allQuestions(draft).some((q) => q.showIf?.questionId === found.question.id)) {
    return { kind: "invalid", target: `question:${found.question.id}`, errors: { form: "studies.builder.questionInUse" } };
  }
  found.section.questions.splice(found.index, 1);
  return { kind: "changed", definition: draft, anchor: `s-${found.section.id}` };
}

type Choice = { id: string; text: LocalText };

/** Options (or matrix rows) as posted: `<kind>_<id>_<lang>`, `<kind>_<id>_remove`, then `new<kind>_<n>_<lang>`. */
function readChoices(
  values: PostedValues,
  kind: "option" | "row",
  existing: Choice[],
  taken: Iterable<string>,
  errors: BuilderErrors,
): { choices: Choice[]; removed: string[] } {
  const choices: Choice[] = [];
  const removed: string[] = [];
  for (const choice of existing) {
    if (str(values, `${kind}_${choice.id}_remove`) === "yes") removed.push(choice.id);
    else choices.push({ id: choice.id, text: readText(values, `${kind}_${choice.id}`, choice.text, errors) });
  }
  const ids = new Set([...taken, ...existing.map((c) => c.id)]);
  for (let n = 1; n <= NEW_CHOICE_SLOTS; n++) {
    const text = readText(values, `new${kind}_${n}`, blankText(), errors);
    if (isBlank(text)) continue;
    const id = nextId(kind === "option" ? "o" : "r", ids);
    ids.add(id);
    choices.push({ id, text });
  }
  return { choices, removed };
}

function readWhole(values: PostedValues, key: string, errors: BuilderErrors): number | undefined {
  const posted = str(values, key)?.trim();
  if (!posted) return undefined;
  if (!/^\d{1,3}$/.test(posted)) {
    errors[key] = "studies.builder.wholeNumber";
    return undefined;
  }
  return Number(posted);
}

function readDecimal(values: PostedValues, key: string, errors: BuilderErrors): number | undefined {
  const posted = str(values, key)?.trim().replace(/\s/g, "");
  if (!posted) return undefined;
  if (!/^-?\d{1,12}(?:[.,]\d{1,6})?$/.test(posted)) {
    errors[key] = "studies.builder.notNumber";
    return undefined;
  }
  return Number(posted.replace(",", "."));
}

function editQuestion(draft: SurveyDefinition, values: PostedValues, used: UsedIds): BuilderOutcome {
  const id = idField.safeParse(str(values, "questionId"));
  const found = id.success ? locate(draft, id.data) : null;
  if (!found) return stale;
  const q = found.question;
  const errors: BuilderErrors = {};
  const text = readText(values, "text", q.text, errors);
  const help = readText(values, "help", q.help ?? blankText(), errors);
  const required = str(values, "required") === "yes";
  const showIf = readShowIf(draft, q, values, errors);
  const common = { id: q.id, text, required, ...(isBlank(help) ? {} : { help }), ...(showIf ? { showIf } : {}) };
  const taken = used.choices.get(q.id) ?? new Set<string>();
  let next: Question;

  if (isChoice(q)) {
    const { choices, removed } = readChoices(values, "option", q.options, taken, errors);
    if (choices.length < 2) errors.options = "studies.builder.twoOptions";
    if (choices.length > MAX_OPTIONS) errors.options = "studies.builder.tooManyOptions";
    for (const other of allQuestions(draft)) {
      if (other.showIf?.questionId !== q.id) continue;
      for (const optionId of removed) if (other.showIf.anyOf.includes(optionId)) errors[`option_${optionId}_remove`] = "studies.builder.optionInUse";
    }
    if (q.type === "multiple") {
      const min = readWhole(values, "min", errors);
      const max = readWhole(values, "max", errors);
      if (min !== undefined && min > choices.length) errors.min = "studies.builder.aboveOptionCount";
      if (max !== undefined && (max < 1 || max > choices.length)) errors.max = max < 1 ? "studies.builder.maxAtLeastOne" : "studies.builder.aboveOptionCount";
      if (min !== undefined && max !== undefined && min > max && !errors.max) errors.max = "studies.builder.minAboveMax";
      next = { ...common, type: "multiple", options: choices, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    } else next = { ...common, type: "single", options: choices };
  } else if (q.type === "matrix") {
    const { choices } = readChoices(values, "row", q.rows, taken, errors);
    if (choices.length < 1) errors.rows = "studies.builder.oneRow";
    if (choices.length > MAX_ROWS) errors.rows = "studies.builder.tooManyRows";
    const posted = str(values, "scale");
    const scale = posted === "7" ? 7 : posted === "5" ? 5 : posted === undefined ? q.scale : undefined;
    if (scale === undefined) errors.scale = "studies.builder.chooseScale";
    next = { ...common, type: "matrix", rows: choices, scale: scale ?? q.scale };
  } else if (q.type === "number") {
    const min = readDecimal(values, "min", errors);
    const max = readDecimal(values, "max", errors);
    if (min !== undefined && max !== undefined && min > max) errors.max = "studies.builder.minAboveMax";
    next = { ...common, type: "number", ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  } else {
    next = { ...common, type: q.type } as Question;
  }

  if (Object.keys(errors).length > 0) return { kind: "invalid", target: `question:${q.id}`, errors };
  found.section.questions[found.index] = next;
  return { kind: "changed", definition: draft, anchor: `q-${q.id}` };
}

/** showIfQuestion picks an earlier choice question; showIfOptions holds "<questionId>:<optionId>" (only the picked question's count). */
function readShowIf(draft: SurveyDefinition, q: Question, values: PostedValues, errors: BuilderErrors): Question["showIf"] {
  const picked = str(values, "showIfQuestion");
  if (picked === undefined) return q.showIf;
  if (!picked) return undefined;
  const target = earlierChoiceQuestions(draft, q.id).find((candidate) => candidate.id === picked);
  if (!target) {
    errors.showIfQuestion = "studies.builder.showIfEarlier";
    return undefined;
  }
  const prefix = `${picked}:`;
  const chosen = [...new Set(list(values, "showIfOptions").filter((v) => v.startsWith(prefix)).map((v) => v.slice(prefix.length)))];
  if (chosen.length === 0 || !chosen.every((o) => target.options.some((option) => option.id === o))) {
    errors.showIfOptions = "studies.builder.showIfNoOptions";
    return undefined;
  }
  return { questionId: picked, anyOf: chosen };
}

/** Which languages a question still lacks text in (its own text, help, options, rows). */
export function missingLanguages(item: Question | Section): string[] {
  const texts: LocalText[] = [];
  if ("questions" in item) texts.push(item.title);
  else {
    texts.push(item.text);
    if (item.help) texts.push(item.help);
    if (isChoice(item)) item.options.forEach((o) => texts.push(o.text));
    if (item.type === "matrix") item.rows.forEach((r) => texts.push(r.text));
  }
  return languages.filter((language) => texts.some((text) => !text[language].trim()));
}
