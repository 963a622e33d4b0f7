import { defineArea } from "./define";

export const profile = defineArea({
  fi: {
    "profile.title": "profile.title",
    "preferences.title": "preferences.title",
    "emailChange.title": "emailChange.title",
    "sessions.title": "sessions.title",
  },
  sv: {
    "profile.title": "profile.title",
    "preferences.title": "preferences.title",
    "emailChange.title": "emailChange.title",
    "sessions.title": "sessions.title",
  },
  en: {
    "profile.title": "profile.title",
    "preferences.title": "preferences.title",
    "emailChange.title": "emailChange.title",
    "sessions.title": "sessions.title",
  },
});
