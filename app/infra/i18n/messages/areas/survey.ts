import { defineArea } from "./define";

// Answering a survey: start page, sections, thanks, closed and full.
export const survey = defineArea({
  fi: {
    "survey.placeholder": "Kysely",
  },
  sv: {
    "survey.placeholder": "Enkät",
  },
  en: {
    "survey.placeholder": "Survey",
  },
});
