// Campaigns ready to send, for the sender's tests: members written in bulk
// (active, current membership terms given, default preferences), a campaign
// made with the campaigns module, its recipients chosen by the test (instead
// of a random draw, so a test knows who gets what), then scheduled with the
// module's own bulk enqueue.
import { randomUUID } from "node:crypto";
import type { SessionUser } from "~/infra/auth/session.server";
import { db, panelPool } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { createCampaign, scheduleCampaign, type CampaignInput } from "~/modules/campaigns/campaigns.server";
import { currentVersion, ensureBaseConsents } from "~/modules/consent/consent.server";
import { MEMBERSHIP_TERMS } from "~/modules/consent/purposes";

export interface BulkMember {
  id: string;
  email: string;
  language: Language;
}

/** `count` members named `<prefix>-<i>@campaign.example`, languages fi, sv, en in turn unless one is given. */
export async function bulkMembers(prefix: string, count: number, options: { language?: Language } = {}): Promise<BulkMember[]> {
  await ensureBaseConsents();
  const terms = await currentVersion(MEMBERSHIP_TERMS);
  const members: BulkMember[] = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    email: `${prefix}-${i}@campaign.example`,
    language: options.language ?? (["fi", "sv", "en"] as const)[i % 3]!,
  }));
  const ids = members.map((m) => m.id);
  await panelPool().query(
    `INSERT INTO "User" (id, kind, roles, status, email, language, "createdAt", "updatedAt")
     SELECT x.id, 'MEMBER', ARRAY['MEMBER']::"Role"[], 'ACTIVE', x.email, x.language::"Language", now() - interval '90 days', now()
     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, email, language)`,
    [ids, members.map((m) => m.email), members.map((m) => m.language)],
  );
  await panelPool().query(`INSERT INTO "MemberPreferences" ("userId", "updatedAt") SELECT unnest($1::uuid[]), now()`, [ids]);
  await panelPool().query(`INSERT INTO "MemberProfile" ("userId", "updatedAt") SELECT unnest($1::uuid[]), now()`, [ids]);
  await panelPool().query(
    `INSERT INTO "ConsentEvent" (id, "userId", purpose, "versionId", version, "textHash", language, channel, action, at)
     SELECT gen_random_uuid(), u.id, v.purpose, v.id, v.version, t."textHash", 'fi', 'JOIN', 'GIVEN', now() - interval '90 days'
     FROM unnest($1::uuid[]) AS u(id), "ConsentVersion" v JOIN "ConsentText" t ON t."versionId" = v.id AND t.language = 'fi'
     WHERE v.id = $2::uuid`,
    [ids, terms.id],
  );
  return members;
}

export const campaignTexts = {
  fi: { subject: "Kutsu: {title}", body: "Hei! Vastaa kyselyyn {closes} mennessä.\n{link}\nKiitos!" },
  sv: { subject: "Inbjudan: {title}", body: "Hej! Svara på enkäten senast {closes}.\n{link}\nTack!" },
  en: { subject: "Invitation: {title}", body: "Hello! Please answer by {closes}.\n{link}\nThank you!" },
};

/**
 * A scheduled campaign of `studyId` to exactly these members (stratum "" unless
 * given); returns its id. `input` overrides the campaign's settings.
 */
export async function queuedCampaign(
  researcher: SessionUser,
  studyId: string,
  members: { id: string; stratum?: string }[],
  input: Partial<CampaignInput> & { quotas?: Record<string, number> } = {},
): Promise<string> {
  const { quotas, ...settings } = input;
  const campaign = await createCampaign(researcher, studyId, {
    name: `Campaign ${randomUUID().slice(0, 8)}`,
    filters: {},
    spec: { mode: "simple", wanted: Math.max(1, members.length), oversample: 1 },
    email: campaignTexts,
    ratePerMinute: 100_000,
    maxReminders: 0,
    ...settings,
  });
  if (!campaign) throw new Error("no access to the study");
  // What drawForCampaign would store: the recipients, the seed and the quotas.
  await panelPool().query(
    `INSERT INTO "CampaignRecipient" ("campaignId", "userId", stratum, state)
     SELECT $1::uuid, x.id, x.stratum, 'SELECTED' FROM unnest($2::uuid[], $3::text[]) AS x(id, stratum)`,
    [campaign.id, members.map((m) => m.id), members.map((m) => m.stratum ?? "")],
  );
  await db.campaign.update({ where: { id: campaign.id }, data: { seed: "chosen-by-test", quotas: quotas ?? {} } });
  const scheduled = await scheduleCampaign(researcher, campaign.id);
  if (!scheduled || !scheduled.ok) throw new Error(`not scheduled: ${JSON.stringify(scheduled)}`);
  return campaign.id;
}
