import { defineArea } from "./define";

export const studies = defineArea({
  fi: {
    "studies.title": "studies.title",
    "studies.newTitle": "studies.newTitle",
    "studies.builderTitle": "studies.builderTitle",
    "studies.previewTitle": "studies.previewTitle",
  },
  sv: {
    "studies.title": "studies.title",
    "studies.newTitle": "studies.newTitle",
    "studies.builderTitle": "studies.builderTitle",
    "studies.previewTitle": "studies.previewTitle",
  },
  en: {
    "studies.title": "studies.title",
    "studies.newTitle": "studies.newTitle",
    "studies.builderTitle": "studies.builderTitle",
    "studies.previewTitle": "studies.previewTitle",
  },
});
