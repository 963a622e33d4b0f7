// Calls every route as every role over HTTP and checks the answer against the
// table below. A route added to app/routes.ts without a row here fails.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import routes from "~/routes";
import { createSession } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { currentVersion, recordConsent } from "~/modules/consent/consent.server";
import { MEMBERSHIP_TERMS } from "~/modules/consent/purposes";
import { startAppServer, type AppServer } from "../support/app-server";

type Who = "anonymous" | "MEMBER" | "RESEARCHER" | "FACILITATOR" | "FEEDBACK_HANDLER" | "ADMIN";
type Outcome = "ok" | "sign-in" | "staff-sign-in" | "forbidden" | "not-found" | `redirect:${string}`;

const everyone = (outcome: Outcome): Record<Who, Outcome> => ({
  anonymous: outcome,
  MEMBER: outcome,
  RESEARCHER: outcome,
  FACILITATOR: outcome,
  FEEDBACK_HANDLER: outcome,
  ADMIN: outcome,
});
const memberPage = () => staffOnly("forbidden", { anonymous: "sign-in", MEMBER: "ok" });
const adminOnly = (admin: Outcome = "ok"): Record<Who, Outcome> => ({
  anonymous: "staff-sign-in",
  MEMBER: "forbidden",
  RESEARCHER: "forbidden",
  FACILITATOR: "forbidden",
  FEEDBACK_HANDLER: "forbidden",
  ADMIN: admin,
});
const researchers = (outcome: Outcome = "ok"): Record<Who, Outcome> => ({
  anonymous: "staff-sign-in",
  MEMBER: "forbidden",
  RESEARCHER: outcome,
  FACILITATOR: "forbidden",
  FEEDBACK_HANDLER: "forbidden",
  ADMIN: outcome,
});
const handlers = (outcome: Outcome = "ok"): Record<Who, Outcome> => ({
  anonymous: "staff-sign-in",
  MEMBER: "forbidden",
  RESEARCHER: "forbidden",
  FACILITATOR: "forbidden",
  FEEDBACK_HANDLER: outcome,
  ADMIN: outcome,
});
const facilitators = (outcome: Outcome = "ok"): Record<Who, Outcome> => ({ ...researchers(outcome), FACILITATOR: outcome });
const unknownId = "00000000-0000-4000-8000-000000000000";
const staffOnly = (staff: Outcome, others: { anonymous: Outcome; MEMBER: Outcome }) => ({
  ...others,
  RESEARCHER: staff,
  FACILITATOR: staff,
  FEEDBACK_HANDLER: staff,
  ADMIN: staff,
});

/** Route file → the path to request and the GET outcome for each kind of visitor. */
const table: Record<string, { path: string; get: Record<Who, Outcome> }> = {
  "routes/home.tsx": { path: "/", get: everyone("ok") },
  "routes/sign-in.tsx": { path: "/sign-in", get: { ...everyone("ok"), MEMBER: "redirect:/account" } },
  "routes/sign-in-code.tsx": { path: "/sign-in/code", get: everyone("sign-in") },
  "routes/sign-out.tsx": { path: "/sign-out", get: everyone("redirect:/") },
  "routes/language.tsx": { path: "/language", get: everyone("redirect:/") },
  "routes/healthz.ts": { path: "/healthz", get: everyone("ok") },
  "routes/account.tsx": { path: "/account", get: staffOnly("forbidden", { anonymous: "sign-in", MEMBER: "ok" }) },
  "routes/staff/sign-in.tsx": { path: "/staff/sign-in", get: staffOnly("redirect:/staff", { anonymous: "ok", MEMBER: "ok" }) },
  "routes/staff/dashboard.tsx": { path: "/staff", get: staffOnly("ok", { anonymous: "staff-sign-in", MEMBER: "forbidden" }) },
  "routes/staff/accounts.tsx": {
    path: "/staff/accounts",
    get: { anonymous: "staff-sign-in", MEMBER: "forbidden", RESEARCHER: "forbidden", FACILITATOR: "forbidden", FEEDBACK_HANDLER: "forbidden", ADMIN: "ok" },
  },
  "routes/staff/account-new.tsx": {
    path: "/staff/accounts/new",
    get: { anonymous: "staff-sign-in", MEMBER: "forbidden", RESEARCHER: "forbidden", FACILITATOR: "forbidden", FEEDBACK_HANDLER: "forbidden", ADMIN: "ok" },
  },
  "routes/join.tsx": { path: "/join", get: { ...everyone("ok"), MEMBER: "redirect:/account" } },
  "routes/join-code.tsx": { path: "/join/code", get: everyone("redirect:/join") },
  "routes/join-confirm.tsx": { path: "/join/confirm/not-a-real-token", get: everyone("not-found") },
  "routes/account-terms.tsx": { path: "/account/terms", get: memberPage() },
  "routes/account-consents.tsx": { path: "/account/consents", get: memberPage() },
  "routes/consents-link.tsx": { path: `/consents/${unknownId}.0000`, get: everyone("not-found") },
  "routes/account-data.tsx": { path: "/account/data", get: memberPage() },
  "routes/account-data-download.ts": { path: "/account/data/download", get: memberPage() },
  "routes/account-leave.tsx": { path: "/account/leave", get: memberPage() },
  "routes/account-profile.tsx": { path: "/account/profile", get: memberPage() },
  "routes/account-preferences.tsx": { path: "/account/preferences", get: memberPage() },
  "routes/account-email.tsx": { path: "/account/email", get: memberPage() },
  "routes/account-sessions.tsx": { path: "/account/sessions", get: memberPage() },
  "routes/staff/members.tsx": { path: "/staff/members", get: adminOnly() },
  "routes/staff/member.tsx": { path: `/staff/members/${unknownId}`, get: adminOnly("not-found") },
  "routes/staff/member-export.ts": { path: `/staff/members/${unknownId}/export`, get: adminOnly("not-found") },
  "routes/staff/consents.tsx": { path: "/staff/consents", get: adminOnly() },
  "routes/staff/consent-new.tsx": { path: "/staff/consents/membership-terms/new", get: adminOnly() },
  "routes/staff/studies.tsx": { path: "/staff/studies", get: researchers() },
  "routes/staff/study-new.tsx": { path: "/staff/studies/new", get: researchers() },
  "routes/staff/study.tsx": { path: `/staff/studies/${unknownId}`, get: researchers("not-found") },
  "routes/staff/study-survey.tsx": { path: `/staff/studies/${unknownId}/survey`, get: researchers("not-found") },
  "routes/staff/study-preview.tsx": { path: `/staff/studies/${unknownId}/preview`, get: researchers("not-found") },
  "routes/staff/study-results.tsx": { path: `/staff/studies/${unknownId}/results`, get: researchers("not-found") },
  "routes/staff/study-results-csv.ts": { path: `/staff/studies/${unknownId}/results.csv`, get: researchers("not-found") },
  "routes/answer/start.tsx": { path: "/s/not-a-real-invitation-token-000", get: everyone("not-found") },
  "routes/answer/section.tsx": { path: "/s/not-a-real-invitation-token-000/answer", get: everyone("not-found") },
  "routes/answer/thanks.tsx": { path: "/s/not-a-real-invitation-token-000/thanks", get: everyone("not-found") },
  "routes/answer/open.tsx": { path: "/o/not-a-real-open-link-token", get: everyone("not-found") },
  "routes/unsubscribe.$token.tsx": { path: "/unsubscribe/not-a-real-unsubscribe-token", get: everyone("not-found") },
  "routes/staff/study-invite.ts": { path: `/staff/studies/${unknownId}/invite`, get: everyone("not-found") },
  "routes/staff/study-open-link.ts": { path: `/staff/studies/${unknownId}/open-link`, get: everyone("not-found") },
  "routes/staff/study-campaigns.tsx": { path: `/staff/studies/${unknownId}/campaigns`, get: researchers("not-found") },
  "routes/staff/campaign-new.tsx": { path: `/staff/studies/${unknownId}/campaigns/new`, get: researchers("not-found") },
  "routes/staff/campaign.tsx": { path: `/staff/studies/${unknownId}/campaigns/${unknownId}`, get: researchers("not-found") },
  "routes/staff/segments.tsx": { path: "/staff/segments", get: researchers() },
  "routes/staff/segment-count.ts": { path: "/staff/segments/count", get: researchers() },
  "routes/staff/segment.tsx": { path: `/staff/segments/${unknownId}`, get: researchers("not-found") },
  "routes/staff/panel-health.tsx": { path: "/staff/panel-health", get: researchers() },
  "routes/staff/recruitment-settings.tsx": { path: "/staff/recruitment-settings", get: adminOnly() },
  "routes/staff/workshops.tsx": { path: "/staff/workshops", get: facilitators() },
  "routes/staff/workshops-slots.tsx": { path: `/staff/studies/${unknownId}/slots`, get: facilitators("not-found") },
  "routes/staff/slot.tsx": { path: `/staff/studies/${unknownId}/slots/${unknownId}`, get: facilitators("not-found") },
  "routes/staff/council.tsx": { path: `/staff/studies/${unknownId}/council`, get: facilitators("not-found") },
  "routes/staff/study-rewards.tsx": { path: `/staff/studies/${unknownId}/rewards`, get: researchers("not-found") },
  "routes/staff/incentives.tsx": { path: "/staff/incentives", get: adminOnly() },
  "routes/staff/payout-csv.ts": { path: `/staff/incentives/payouts/${unknownId}.csv`, get: adminOnly("not-found") },
  "routes/feedback/form.tsx": { path: "/feedback", get: everyone("ok") },
  "routes/feedback/sent.tsx": { path: "/feedback/sent", get: everyone("ok") },
  "routes/feedback/changes.tsx": { path: "/you-said-we-did", get: everyone("ok") },
  "routes/staff/feedback/inbox.tsx": { path: "/staff/feedback", get: handlers() },
  "routes/staff/feedback/quick-log.tsx": { path: "/staff/feedback/new", get: handlers() },
  "routes/staff/feedback/export-csv.ts": { path: "/staff/feedback/export.csv", get: handlers() },
  "routes/staff/feedback/churn.tsx": { path: "/staff/feedback/churn-risk", get: handlers() },
  "routes/staff/feedback/groups.tsx": { path: "/staff/feedback/groups", get: handlers() },
  "routes/staff/feedback/group.tsx": { path: `/staff/feedback/groups/${unknownId}`, get: handlers("not-found") },
  "routes/staff/feedback/reports.tsx": { path: "/staff/feedback/reports", get: handlers() },
  "routes/staff/feedback/reports-csv.ts": { path: "/staff/feedback/reports.csv", get: handlers() },
  "routes/staff/feedback/year.tsx": { path: "/staff/feedback/year", get: handlers() },
  "routes/staff/feedback/settings.tsx": { path: "/staff/feedback/settings", get: adminOnly() },
  "routes/staff/feedback/item.tsx": { path: `/staff/feedback/${unknownId}`, get: handlers("not-found") },
  "routes/draw.tsx": { path: `/draws/${unknownId}`, get: everyone("not-found") },
  "routes/booking/book.tsx": { path: "/b/not-a-real-invitation-token-at-all", get: everyone("not-found") },
  "routes/account-bookings.tsx": { path: "/account/bookings", get: memberPage() },
  "routes/account-rewards.tsx": { path: "/account/rewards", get: memberPage() },
  "routes/not-found.tsx": { path: "/no-such-page", get: everyone("not-found") },
};

const visitors: Who[] = ["anonymous", "MEMBER", "RESEARCHER", "FACILITATOR", "FEEDBACK_HANDLER", "ADMIN"];
const cookies = new Map<Who, string>();
let server: AppServer;

beforeAll(async () => {
  server = await startAppServer();
  for (const who of visitors) {
    if (who === "anonymous") continue;
    const user = await db.user.create({
      data: { kind: who === "MEMBER" ? "MEMBER" : "STAFF", roles: [who], email: `${who.toLowerCase()}@route-access.example`, name: who },
    });
    if (who === "MEMBER") {
      const terms = await currentVersion(MEMBERSHIP_TERMS);
      await db.$transaction((tx) => recordConsent(tx, { userId: user.id, versionId: terms.id, language: "fi", channel: "JOIN", action: "GIVEN" }));
    }
    const setCookie = await createSession(user.id, new Request("http://localhost/"));
    cookies.set(who, setCookie.split(";")[0]!);
  }
});

afterAll(async () => {
  await server?.stop();
});

function outcomeOf(response: Response): Outcome {
  if (response.status === 200) return "ok";
  if (response.status === 403) return "forbidden";
  if (response.status === 404) return "not-found";
  if (response.status >= 300 && response.status < 400) {
    const location = new URL(response.headers.get("Location") ?? "", server.url);
    if (location.pathname === "/sign-in") return "sign-in";
    if (location.pathname === "/staff/sign-in") return "staff-sign-in";
    return `redirect:${location.pathname}`;
  }
  return `redirect:status ${response.status}` as Outcome;
}

describe("route access", () => {
  // Every action checks access as its page does: whoever may not GET a page
  // may not POST to it either (same 403 or the same sign-in redirect).
  for (const [file, row] of Object.entries(table)) {
    const source = readFileSync(`app/${file}`, "utf8");
    if (!/export (async )?function action/.test(source)) continue;
    const refused = visitors.filter((who) => ["forbidden", "sign-in", "staff-sign-in"].includes(row.get[who]));
    if (refused.length === 0) continue;
    it(`POST ${row.path} (${file}) is refused to whoever may not see the page`, async () => {
      const expected: Partial<Record<Who, Outcome>> = {};
      const seen: Partial<Record<Who, Outcome>> = {};
      for (const who of refused) {
        expected[who] = row.get[who];
        const cookie = cookies.get(who);
        const response = await fetch(`${server.url}${row.path}`, {
          method: "POST",
          redirect: "manual",
          headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
          body: "intent=give&purpose=membership-terms&confirm=yes",
        });
        seen[who] = outcomeOf(response);
      }
      expect(seen).toEqual(expected);
    });
  }

  it("lists every route of the app", () => {
    const files = (routes as { file: string }[]).map((route) => route.file).sort();
    expect(files).toEqual(Object.keys(table).sort());
  });

  for (const [file, row] of Object.entries(table)) {
    it(`GET ${row.path} (${file}) answers each visitor as the table says`, async () => {
      const seen: Partial<Record<Who, Outcome>> = {};
      for (const who of visitors) {
        const cookie = cookies.get(who);
        const response = await fetch(`${server.url}${row.path}`, {
          redirect: "manual",
          headers: cookie ? { Cookie: cookie } : {},
        });
        seen[who] = outcomeOf(response);
      }
      expect(seen).toEqual(row.get);
    });
  }
});
