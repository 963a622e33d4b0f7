import { defineArea } from "./define";

// Feedback inbox: groups. Keys start with "feedbackGroups.".
export const feedbackGroups = defineArea({
  fi: {
    "feedbackGroups.title": "Palaute",
  },
  sv: {
    "feedbackGroups.title": "Respons",
  },
  en: {
    "feedbackGroups.title": "Feedback",
  },
});
