// What a reader sees for the codes in a report: attribute names, attribute
// values (region codes, age bands, profile choices), answer options and
// scale points, in the reader's language. Pure: shared by page and CSV.
import { isMessageKey, type Language, type MessageKey, type Translate } from "~/infra/i18n/i18n";
import { findRegion, regionName } from "~/modules/members/regions";
import { localized } from "~/modules/studies/texts";
import type { Question } from "~/modules/surveys/definition";
import { NOT_GIVEN } from "./small-groups";
import type { ViewRequest } from "./report";
import type { NumberFormats } from "./format";

const key = (candidate: string, fallback: string, t: Translate) => (isMessageKey(candidate) ? t(candidate as MessageKey) : fallback);

export function attributeLabel(attribute: string, t: Translate): string {
  return key(`studies.attribute.${attribute}`, attribute, t);
}

const profileKeys: Record<string, string> = { gender: "gender", "life-situation": "lifeSituation", "digital-use": "digitalUse" };

export function valueLabel(attribute: string, value: string, language: Language, t: Translate): string {
  if (value === NOT_GIVEN) return t("results.value.unknown");
  if (attribute === "region") {
    const region = findRegion(value);
    return region ? regionName(region, language) : value;
  }
  if (attribute === "language") return key(`lang.${value}`, value, t);
  const area = profileKeys[attribute];
  return area ? key(`profile.${area}.${value}`, value, t) : value;
}

/** A column of a report: everyone in the view, or one attribute value. */
export function groupLabel(attribute: string | null, value: string | null, language: Language, t: Translate): string {
  if (attribute === null || value === null) return t("results.group.all");
  return t("results.group.value", { attribute: attributeLabel(attribute, t), value: valueLabel(attribute, value, language, t) });
}

export function viewLabel(view: ViewRequest, language: Language, t: Translate): string {
  switch (view.kind) {
    case "all":
      return t("results.view.all");
    case "breakdown":
      return t("results.view.breakdown", { attribute: attributeLabel(view.attribute, t) });
    case "filter":
      return t("results.view.filter", { attribute: attributeLabel(view.attribute, t), value: valueLabel(view.attribute, view.value, language, t) });
  }
}

export function questionText(question: Question, language: Language): string {
  return localized(question.text, language) || question.id;
}

/** The label of one answer option, scale point or month of a question. */
export function itemLabel(question: Question, item: string, language: Language, t: Translate, formats: NumberFormats): string {
  switch (question.type) {
    case "single":
    case "multiple": {
      const option = question.options.find((o) => o.id === item);
      return option ? localized(option.text, language) || option.id : item;
    }
    case "date":
      return formats.month(item);
    case "nps":
      if (item === "0") return `0 – ${t("surveyQuestion.npsLow")}`;
      if (item === "10") return `10 – ${t("surveyQuestion.npsHigh")}`;
      return item;
    case "csat":
      return isMessageKey(`surveyQuestion.csat${item}`) ? `${item} – ${t(`surveyQuestion.csat${item}` as MessageKey)}` : item;
    case "likert5":
      return isMessageKey(`surveyQuestion.likert5_${item}`) ? `${item} – ${t(`surveyQuestion.likert5_${item}` as MessageKey)}` : item;
    case "likert7": {
      const ends: Record<string, MessageKey> = { "1": "surveyQuestion.likert5_1", "4": "surveyQuestion.likert5_3", "7": "surveyQuestion.likert5_5" };
      return ends[item] ? `${item} – ${t(ends[item])}` : item;
    }
    default:
      return item;
  }
}

/** The label of a matrix row. */
export function rowLabel(question: Question, row: string, language: Language): string {
  if (question.type !== "matrix") return row;
  const found = question.rows.find((r) => r.id === row);
  return found ? localized(found.text, language) || found.id : row;
}
