// Reads one section's answers from a submitted form and checks them on the
// server. Field names: q_<id> (repeated for multiple choice), q_<id>__<rowId>
// for matrix rows. Questions hidden by show-if lose any earlier answer.
import type { MessageKey } from "~/infra/i18n/i18n";
import { isShown, scalePoints, type Answer, type Answers, type Section } from "./definition";

export interface SectionError {
  key: MessageKey;
  values?: Record<string, number>;
}

export interface SectionResult {
  answers: Answers;
  errors: Record<string, SectionError>;
  /** what was typed, to show again next to the errors */
  typed: Record<string, string | string[]>;
}

/** A submitted form: FormData, or URLSearchParams of a urlencoded body. */
export interface FormFields {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
}

const MAX_SHORT = 500;
const MAX_LONG = 5000;

function parseDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : fi ? [fi[3], fi[2], fi[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return date.toISOString().slice(0, 10);
}

export function readSection(section: Section, form: FormFields, prior: Answers): SectionResult {
  const answers: Answers = {};
  const errors: Record<string, SectionError> = {};
  const typed: Record<string, string | string[]> = {};
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  for (const q of section.questions) {
    const name = `q_${q.id}`;
    if (!isShown(q, { ...prior, ...answers })) continue;
    let answer: Answer | undefined;
    let error: SectionError | undefined;
    switch (q.type) {
      case "single": {
        const value = text(name);
        typed[q.id] = value;
        if (value && !q.options.some((o) => o.id === value)) error = { key: "survey.invalidChoice" };
        else if (value) answer = value;
        break;
      }
      case "multiple": {
        const values = form.getAll(name).filter((v): v is string => typeof v === "string");
        typed[q.id] = values;
        const unique = [...new Set(values)];
        if (!unique.every((v) => q.options.some((o) => o.id === v))) error = { key: "survey.invalidChoice" };
        else if (unique.length > 0 || q.required) {
          if (q.min !== undefined && unique.length < q.min) error = { key: "survey.chooseAtLeast", values: { min: q.min } };
          else if (q.max !== undefined && unique.length > q.max) error = { key: "survey.chooseAtMost", values: { max: q.max } };
          else if (unique.length > 0) answer = unique;
        }
        break;
      }
      case "likert5":
      case "likert7":
      case "nps":
      case "csat": {
        const value = text(name);
        typed[q.id] = value;
        if (value) {
          const n = Number(value);
          if (!scalePoints(q).includes(n)) error = { key: "survey.invalidChoice" };
          else answer = n;
        }
        break;
      }
      case "shortText":
      case "longText": {
        const raw = form.get(name);
        // NUL cannot be stored in PostgreSQL text or jsonb; no keyboard types it.
        const value = typeof raw === "string" ? raw.replace(/\u0000/g, "").trim() : "";
        typed[q.id] = value.slice(0, MAX_LONG + 100);
        const max = q.type === "shortText" ? MAX_SHORT : MAX_LONG;
        if (value.length > max) error = { key: "survey.tooLong", values: { max } };
        else if (value) answer = value;
        break;
      }
      case "number": {
        const value = text(name);
        typed[q.id] = value;
        if (value) {
          const n = Number(value.replace(",", ".").replace(/\s/g, ""));
          if (!Number.isFinite(n) || value.length > 30) error = { key: "survey.notNumber" };
          else if (q.min !== undefined && n < q.min) error = { key: "survey.belowMin", values: { min: q.min } };
          else if (q.max !== undefined && n > q.max) error = { key: "survey.aboveMax", values: { max: q.max } };
          else answer = n;
        }
        break;
      }
      case "date": {
        const value = text(name);
        typed[q.id] = value;
        if (value) {
          const date = parseDate(value);
          if (!date) error = { key: "survey.invalidDate" };
          else answer = date;
        }
        break;
      }
      case "matrix": {
        const points = scalePoints(q);
        const rows: Record<string, number> = {};
        let invalid = false;
        for (const row of q.rows) {
          const value = text(`${name}__${row.id}`);
          typed[`${q.id}__${row.id}`] = value;
          if (!value) continue;
          const n = Number(value);
          if (!points.includes(n)) invalid = true;
          else rows[row.id] = n;
        }
        const answered = Object.keys(rows).length;
        if (invalid) error = { key: "survey.invalidChoice" };
        else if (q.required && answered < q.rows.length) error = { key: "survey.rowsMissing" };
        else if (answered > 0) answer = rows;
        break;
      }
    }
    if (!error && answer === undefined && q.required) error = { key: "survey.required" };
    if (error) errors[q.id] = error;
    else if (answer !== undefined) answers[q.id] = answer;
  }
  return { answers, errors, typed };
}

/** Answers of earlier sections that a later change hid are dropped before submitting. */
export function visibleAnswers(sections: Section[], answers: Answers): Answers {
  const kept: Answers = {};
  for (const s of sections) {
    for (const q of s.questions) {
      if (answers[q.id] !== undefined && isShown(q, kept)) kept[q.id] = answers[q.id]!;
    }
  }
  return kept;
}
