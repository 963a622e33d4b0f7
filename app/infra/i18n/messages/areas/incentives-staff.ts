import { defineArea } from "./define";

// What researchers and admins read about rewards: a study's reward rules,
// approvals and prize draws (/staff/studies/:id/rewards), and the admin's
// gift-card stock, payout batches and yearly cap (/staff/incentives).
export const incentivesStaff = defineArea({
  fi: {},
  sv: {},
  en: {},
});
