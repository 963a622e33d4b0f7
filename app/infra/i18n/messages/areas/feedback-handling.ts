import { defineArea } from "./define";

// Feedback inbox: handling. Keys start with "feedbackHandling.".
export const feedbackHandling = defineArea({
  fi: {
    "feedbackHandling.title": "Palaute",
  },
  sv: {
    "feedbackHandling.title": "Respons",
  },
  en: {
    "feedbackHandling.title": "Feedback",
  },
});
