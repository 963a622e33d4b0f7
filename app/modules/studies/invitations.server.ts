// Invitations to a study. The token goes only into the email; the panel keeps
// sha256("panel:" + token), and marks completion with the day only. (The full
// recruitment with segments, quotas and fatigue rules builds on this.)
import { createHash } from "node:crypto";
import { coalesce } from "~/infra/db/coalesce.server";
import { db, panelPool } from "~/infra/db/panel.server";
import { env } from "~/infra/env.server";
import type { SessionUser } from "~/infra/auth/session.server";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import { randomToken } from "~/infra/security/hash.server";
import { recordAudit } from "~/modules/audit/record.server";
import { PROFILE_USE } from "~/modules/consent/purposes";
import { baseRules, contactsJoin, fatigueRules, notBlocked } from "~/modules/recruitment/fatigue.server";
import { freezeLatest, studyFor, type StudyTypeName } from "./studies.server";
import { helsinkiDay } from "./days";

export const panelTokenHash = (token: string) => createHash("sha256").update(`panel:${token}`).digest("hex");

export function invitationUrl(token: string) {
  return `${env().PUBLIC_URL}/s/${token}`;
}

/**
 * Members who may be invited to this study now: every rule a campaign's draw
 * applies (active, current terms, mail working, not unsubscribed, the
 * study's kind wanted, not yet invited to it) and the contact-fatigue rules
 * (pause, cool-down after taking part, the member's own and the global caps).
 */
async function eligibleMembers(studyId: string, studyType: StudyTypeName, limit: number) {
  const context = { studyId, studyType };
  return db.$queryRaw<{ id: string; email: string; language: "fi" | "sv" | "en" }[]>`
    SELECT u.id, u.email, u.language::text AS language
    FROM "User" u
    JOIN "MemberPreferences" p ON p."userId" = u.id
    ${contactsJoin(context)}
    WHERE u.kind = 'MEMBER' ${notBlocked([...baseRules(context), ...fatigueRules(context)])}
    ORDER BY random()
    LIMIT ${limit}`;
}

/** Invites a simple random sample of eligible members; returns how many. */
export async function inviteSample(user: SessionUser, studyId: string, count: number): Promise<number | null> {
  const study = await studyFor(user, studyId);
  if (!study) return null;
  if (study.status !== "RECRUITING") return 0;
  const members = await eligibleMembers(studyId, study.type, count);
  await db.$transaction(
    async (tx) => {
      await freezeLatest(tx, studyId);
      for (const member of members) {
        await createInvitation(tx, { studyId, userId: member.id, email: member.email, language: member.language, title: study.title });
      }
      await recordAudit({ actorId: user.id, action: "study.invite", subjectId: studyId, data: { count: members.length } }, tx);
    },
    { timeout: 120_000 },
  );
  return members.length;
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** One invitation row and its email, in the caller's transaction. Returns the token (for tests and tools only). */
export async function createInvitation(
  tx: Tx,
  input: { studyId: string; userId: string; email: string; language: "fi" | "sv" | "en"; title: unknown; sendEmail?: boolean },
): Promise<string> {
  const token = randomToken(24);
  await tx.invitation.create({
    data: { studyId: input.studyId, userId: input.userId, tokenHash: panelTokenHash(token), invitedOn: new Date(`${helsinkiDay()}T00:00:00Z`) },
  });
  if (input.sendEmail !== false) {
    const title = (input.title as Record<string, string>)[input.language] || (input.title as Record<string, string>).fi || "";
    await enqueueEmail(tx, {
      template: "invitation",
      to: input.email,
      language: input.language,
      data: { title, url: invitationUrl(token) },
      memberId: input.userId,
    });
  }
  return token;
}

export async function invitationByToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  return db.invitation.findUnique({
    where: { tokenHash: panelTokenHash(token) },
    select: { id: true, studyId: true, userId: true, completedOn: true },
  });
}

/** Background fields for a study's declared analysis attributes (answering.server's attributesFor). */
export interface LinkBackground {
  birthYear: number | null;
  region: string | null;
  lifeSituation: string | null;
  gender: string | null;
  digitalUse: string | null;
}

/** What an answering link needs about its invitation and study, in one statement (the answering hot path). */
export interface InvitationLink {
  invitationId: string;
  userId: string | null;
  completed: boolean;
  /** a campaign invitation whose stratum has its quota of completes */
  stratumFull: boolean;
  study: {
    id: string;
    title: unknown;
    description: unknown;
    type: string;
    status: string;
    closesAt: Date | null;
    responseQuota: number | null;
    analysisAttributes: string[];
  };
  /** only when asked for: the member's background, null without their profile-use consent or profile */
  background?: LinkBackground | null;
}

const linkColumns = `i.id AS "invitationId", i."userId", i."campaignId", i.stratum, i."completedOn" IS NOT NULL AS completed,
  s.id, s.title, s.description, s.type::text AS type, s.status::text AS status,
  s."closesAt", s."responseQuota", s."analysisAttributes"`;

type LinkRow = InvitationLink["study"] & {
  invitationId: string;
  userId: string | null;
  completed: boolean;
  campaignId: string | null;
  stratum: string | null;
  consented?: boolean;
} & Partial<LinkBackground>;

/** The background columns and their join: only when the member's latest profile-use consent event is a give. */
const backgroundColumns = `, b.consented, b."birthYear", b.region, b."lifeSituation", b.gender, b."digitalUse"`;
const backgroundJoin = `LEFT JOIN LATERAL (
    SELECT true AS consented, p."birthYear", p.region, p."lifeSituation", p.gender, p."digitalUse"
    FROM "MemberProfile" p
    WHERE p."userId" = i."userId"
      AND (SELECT e.action::text FROM "ConsentEvent" e
           WHERE e."userId" = i."userId" AND e.purpose = $2
           ORDER BY e.at DESC, e.id DESC LIMIT 1) = 'GIVEN'
  ) b ON true`;

/**
 * Invitation links by token hash, the hot path of answering: concurrent
 * lookups go as one statement (docs/decisions/0014), one index probe each.
 */
const linksByHash = (background: boolean) =>
  coalesce(async (hashes: string[]) => {
    const { rows } = await panelPool().query<LinkRow & { key: string }>({
      name: background ? "studies.invitationLinksWithBackground" : "studies.invitationLinks",
      text: `SELECT i."tokenHash" AS key, ${linkColumns}${background ? backgroundColumns : ""}
             FROM "Invitation" i JOIN "Study" s ON s.id = i."studyId" ${background ? backgroundJoin : ""}
             WHERE i."tokenHash" = ANY($1::text[])`,
      values: background ? [hashes, PROFILE_USE] : [hashes],
    });
    const found = new Map(rows.map((row) => [row.key, row]));
    return hashes.map((hash) => found.get(hash));
  });
const linkByHash = linksByHash(false);
const linkByHashWithBackground = linksByHash(true);

/**
 * The invitation behind a token and its study, as one named (prepared)
 * statement. With `background`, the same statement also reads the member's
 * background for the analysis attributes, only when their latest profile-use
 * consent event is a give (the rule of profileUseAllowed in the consent
 * module), so a submission needs no second round trip for it.
 */
export async function invitationLinkByToken(token: string, options: { background?: boolean } = {}): Promise<InvitationLink | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const hash = panelTokenHash(token);
  // The invitation's own link first (the hot path: one index probe); a
  // reminder's link (docs/decisions/0015) only when that finds nothing.
  let row: LinkRow | undefined = await (options.background ? linkByHashWithBackground : linkByHash)(hash);
  if (!row) {
    const { rows } = await panelPool().query<LinkRow>({
      name: options.background ? "studies.reminderLinkWithBackground" : "studies.reminderLink",
      text: `SELECT ${linkColumns}${options.background ? backgroundColumns : ""}
             FROM "ReminderLink" r JOIN "Invitation" i ON i.id = r."invitationId" JOIN "Study" s ON s.id = i."studyId"
             ${options.background ? backgroundJoin : ""}
             WHERE r."tokenHash" = $1`,
      values: options.background ? [hash, PROFILE_USE] : [hash],
    });
    row = rows[0];
  }
  if (!row) return null;
  const link: InvitationLink = {
    invitationId: row.invitationId,
    userId: row.userId,
    completed: row.completed,
    stratumFull: !row.completed && row.campaignId !== null && (await stratumFull(row.campaignId, row.stratum ?? "")),
    study: {
      id: row.id,
      title: row.title,
      description: row.description,
      type: row.type,
      status: row.status,
      closesAt: row.closesAt,
      responseQuota: row.responseQuota,
      analysisAttributes: row.analysisAttributes,
    },
  };
  if (options.background) {
    link.background = row.consented
      ? { birthYear: row.birthYear ?? null, region: row.region ?? null, lifeSituation: row.lifeSituation ?? null, gender: row.gender ?? null, digitalUse: row.digitalUse ?? null }
      : null;
  }
  return link;
}

// A campaign's quotas (completes wanted per stratum) are set at its draw and
// then stay; they are cached briefly so a link's check costs a count only for
// a stratum that has a quota.
const quotaCache = new Map<string, { quotas: Record<string, number>; until: number }>();
const QUOTA_CACHE_MS = 30_000;

/** Whether the campaign's stratum has its quota of completes (false without a quota). */
async function stratumFull(campaignId: string, stratum: string): Promise<boolean> {
  let cached = quotaCache.get(campaignId);
  if (!cached || cached.until < Date.now()) {
    const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { quotas: true } });
    cached = { quotas: (campaign?.quotas ?? {}) as Record<string, number>, until: Date.now() + QUOTA_CACHE_MS };
    quotaCache.set(campaignId, cached);
  }
  const quota = cached.quotas[stratum];
  if (typeof quota !== "number") return false;
  const { rows } = await panelPool().query<{ completed: number }>({
    name: "studies.stratumCompleted",
    text: `SELECT count(*)::int AS completed FROM "Invitation" WHERE "campaignId" = $1::uuid AND stratum = $2 AND "completedOn" IS NOT NULL`,
    values: [campaignId, stratum],
  });
  return rows[0]!.completed >= quota;
}

/**
 * Completion marks: concurrent ones go as one statement and one commit
 * (docs/decisions/0014). An invitation given twice is marked once.
 */
const markAll = coalesce(async (marks: { invitationId: string; day: string }[]) => {
  // In id order, so that two runs lock shared rows in the same order.
  const unique = new Map([...marks].sort((a, b) => (a.invitationId < b.invitationId ? -1 : 1)).map((mark) => [mark.invitationId, mark.day]));
  await panelPool().query({
    name: "studies.markCompleted",
    text: `UPDATE "Invitation" i SET "completedOn" = m.day
           FROM unnest($1::uuid[], $2::date[]) AS m(id, day)
           WHERE i.id = m.id AND i."completedOn" IS NULL`,
    values: [[...unique.keys()], [...unique.values()]],
  });
  return marks.map(() => undefined);
});

/** Marks the invitation completed on `day`, once (whichever of its links was used). */
export async function markCompleted(invitationId: string, day: string) {
  await markAll({ invitationId, day });
}

export async function funnel(studyId: string) {
  const [invited, completed] = await Promise.all([
    db.invitation.count({ where: { studyId } }),
    db.invitation.count({ where: { studyId, completedOn: { not: null } } }),
  ]);
  return { invited, completed };
}
