import { defineArea } from "./define";

export const staffMembers = defineArea({
  fi: {
    "staffMembers.title": "staffMembers.title",
    "staffMembers.memberTitle": "staffMembers.memberTitle",
    "staffConsents.title": "staffConsents.title",
    "staffConsents.newTitle": "staffConsents.newTitle",
  },
  sv: {
    "staffMembers.title": "staffMembers.title",
    "staffMembers.memberTitle": "staffMembers.memberTitle",
    "staffConsents.title": "staffConsents.title",
    "staffConsents.newTitle": "staffConsents.newTitle",
  },
  en: {
    "staffMembers.title": "staffMembers.title",
    "staffMembers.memberTitle": "staffMembers.memberTitle",
    "staffConsents.title": "staffConsents.title",
    "staffConsents.newTitle": "staffConsents.newTitle",
  },
});
