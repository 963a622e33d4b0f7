import { defineArea } from "./define";

export const members = defineArea({
  fi: {
    "join.title": "Liity asiakasraatiin",
  },
  sv: {
    "join.title": "Gå med i kundpanelen",
  },
  en: {
    "join.title": "Join the customer panel",
  },
});
