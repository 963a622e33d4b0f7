import { defineArea } from "./define";

export const results = defineArea({
  fi: {
    "results.title": "results.title",
  },
  sv: {
    "results.title": "results.title",
  },
  en: {
    "results.title": "results.title",
  },
});
