import { defineArea } from "./define";

// Feedback inbox: handling. Keys start with "feedbackHandling.".
export const feedbackHandling = defineArea({
  fi: {
    "feedbackHandling.title": "Palaute",
    "feedbackHandling.waiting.minutes": "{minutes} min",
    "feedbackHandling.waiting.hours": "{hours} t {minutes} min",
    "feedbackHandling.waiting.days": "{days} pv {hours} t",
  },
  sv: {
    "feedbackHandling.title": "Respons",
    "feedbackHandling.waiting.minutes": "{minutes} min",
    "feedbackHandling.waiting.hours": "{hours} h {minutes} min",
    "feedbackHandling.waiting.days": "{days} d {hours} h",
  },
  en: {
    "feedbackHandling.title": "Feedback",
    "feedbackHandling.waiting.minutes": "{minutes} min",
    "feedbackHandling.waiting.hours": "{hours} h {minutes} min",
    "feedbackHandling.waiting.days": "{days} d {hours} h",
  },
});
