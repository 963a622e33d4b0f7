import { defineArea } from "./define";

// Feedback inbox: reports. Keys start with "feedbackReports.".
export const feedbackReports = defineArea({
  fi: {
    "feedbackReports.title": "Palaute",
  },
  sv: {
    "feedbackReports.title": "Respons",
  },
  en: {
    "feedbackReports.title": "Feedback",
  },
});
