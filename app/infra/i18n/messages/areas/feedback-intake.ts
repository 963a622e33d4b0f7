import { defineArea } from "./define";

// Feedback inbox: intake. Keys start with "feedbackIntake.".
export const feedbackIntake = defineArea({
  fi: {
    "feedbackIntake.title": "Palaute",
  },
  sv: {
    "feedbackIntake.title": "Respons",
  },
  en: {
    "feedbackIntake.title": "Feedback",
  },
});
