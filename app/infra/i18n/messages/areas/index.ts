// Every area's messages, merged into the three catalogs by ../fi.ts, ../sv.ts
// and ../en.ts. Add an area here when you add a file.
import { campaigns } from "./campaigns";
import { campaignsUi } from "./campaigns-ui";
import { members } from "./members";
import { profile } from "./profile";
import { recruitment } from "./recruitment";
import { results } from "./results";
import { staffMembers } from "./staff-members";
import { studies } from "./studies";
import { survey } from "./survey";
import { workshops } from "./workshops-email";
import { workshopsStaff } from "./workshops-staff";
import { workshopsMember } from "./workshops-member";
import { incentivesStaff } from "./incentives-staff";
import { incentivesMember } from "./incentives-member";
import { feedbackCommon } from "./feedback-common";
import { feedbackIntake } from "./feedback-intake";
import { feedbackHandling } from "./feedback-handling";
import { feedbackGroups } from "./feedback-groups";
import { feedbackReports } from "./feedback-reports";

const all = [members, profile, staffMembers, studies, results, survey, campaigns, campaignsUi, recruitment, workshops, workshopsStaff, workshopsMember, incentivesStaff, incentivesMember, feedbackCommon, feedbackIntake, feedbackHandling, feedbackGroups, feedbackReports] as const;

type Merge<T extends readonly { fi: object }[]> = T extends readonly [infer H extends { fi: object }, ...infer R extends { fi: object }[]]
  ? H["fi"] & Merge<R>
  : unknown;

type AreaKeys = Merge<typeof all>;

export const areas = {
  fi: Object.assign({}, ...all.map((a) => a.fi)) as AreaKeys,
  sv: Object.assign({}, ...all.map((a) => a.sv)) as Record<keyof AreaKeys, string>,
  en: Object.assign({}, ...all.map((a) => a.en)) as Record<keyof AreaKeys, string>,
};
