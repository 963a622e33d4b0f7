// One-click unsubscribe (RFC 8058). Every campaign message carries an opaque
// token of its own in its List-Unsubscribe URL; the panel keeps only
// sha256("unsubscribe:" + token) on the campaign recipient, and the token in
// clear only on the message row until SMTP has it (docs/decisions/0015).
// A GET of the link changes nothing (mail scanners open links); a POST
// unsubscribes at once, with no cookie or Origin needed.
import { db } from "~/infra/db/panel.server";
import { env } from "~/infra/env.server";
import type { Language } from "~/infra/i18n/i18n";
import { keyedHash, randomToken, sha256Hex } from "~/infra/security/hash.server";
import { recordAudit } from "~/modules/audit/record.server";

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

export const unsubscribeTokenHash = (token: string) => sha256Hex(`unsubscribe:${token}`);

/**
 * The one-click unsubscribe token of a campaign recipient, the same in the
 * invitation and every reminder: the recipient row keeps a single hash, so
 * the token is derived (keyed with APP_SECRET, not guessable) rather than
 * drawn, and a reminder does not void the invitation's link. It unlocks only
 * unsubscribing, never answers.
 */
export function recipientUnsubscribeToken(campaignId: string, userId: string): string {
  return Buffer.from(keyedHash("campaign-unsubscribe", `${campaignId}:${userId}`), "hex").toString("base64url");
}

/** A fresh token for a message and the hash its recipient row keeps. */
export function newUnsubscribeToken(): { token: string; hash: string } {
  const token = randomToken(24);
  return { token, hash: unsubscribeTokenHash(token) };
}

export function unsubscribeUrl(token: string): string {
  return `${env().PUBLIC_URL}/unsubscribe/${token}`;
}

export type UnsubscribeChannel = "one-click" | "page";

async function recipientOf(token: string) {
  if (!TOKEN.test(token)) return null;
  return db.campaignRecipient.findUnique({
    where: { unsubscribeHash: unsubscribeTokenHash(token) },
    select: {
      campaignId: true,
      userId: true,
      user: { select: { kind: true, language: true, preferences: { select: { unsubscribedAt: true } } } },
    },
  });
}

/** What the page needs to know about a link; null for a link we do not know. */
export async function unsubscribeLink(token: string): Promise<{ language: Language; alreadyUnsubscribed: boolean } | null> {
  const recipient = await recipientOf(token);
  if (!recipient || recipient.user.kind !== "MEMBER") return null;
  return { language: recipient.user.language, alreadyUnsubscribed: Boolean(recipient.user.preferences?.unsubscribedAt) };
}

/**
 * Unsubscribes the member behind the link from all invitations: their
 * preference and this campaign's recipient row are stamped, every message of
 * theirs still waiting is cancelled (its tokens erased, a never-sent
 * invitation deleted), and the change is recorded like a consent decision.
 * Repeating it changes nothing more. False for a link we do not know.
 */
export async function unsubscribeByToken(token: string, channel: UnsubscribeChannel): Promise<boolean> {
  const recipient = await recipientOf(token);
  if (!recipient || recipient.user.kind !== "MEMBER") return false;
  const { userId, campaignId } = recipient;
  await db.$transaction(async (tx) => {
    const now = new Date();
    await tx.memberPreferences.upsert({ where: { userId }, create: { userId, unsubscribedAt: now }, update: {} });
    const changed = await tx.memberPreferences.updateMany({ where: { userId, unsubscribedAt: null }, data: { unsubscribedAt: now } });
    await tx.campaignRecipient.updateMany({ where: { campaignId, userId, unsubscribedAt: null }, data: { unsubscribedAt: now } });
    // Waiting messages of every campaign go; an invitation whose email never
    // left is deleted, so it counts nowhere. Rows a worker holds right now are
    // stopped by its own check at sending (the member is unsubscribed).
    await tx.$executeRaw`
      WITH cancelled AS (
        UPDATE "CampaignMessage" SET status = 'CANCELLED', token = NULL, "unsubscribeToken" = NULL,
               "blockReason" = 'unsubscribed', "lockedUntil" = NULL
        WHERE "userId" = ${userId}::uuid AND status = 'PENDING'
        RETURNING "campaignId", kind
      ), unsent AS (
        SELECT DISTINCT "campaignId" FROM cancelled WHERE kind = 'invitation'
      ), deleted AS (
        DELETE FROM "Invitation" i USING unsent u
        WHERE i."campaignId" = u."campaignId" AND i."userId" = ${userId}::uuid AND i."completedOn" IS NULL
        RETURNING i.id
      )
      UPDATE "CampaignRecipient" r SET state = 'BLOCKED', "blockReason" = 'unsubscribed'
      WHERE r."userId" = ${userId}::uuid
        AND (r.state = 'SELECTED' OR r."campaignId" IN (SELECT "campaignId" FROM unsent))`;
    if (changed.count > 0) {
      await recordAudit({ actorId: userId, action: "member.unsubscribe", subjectId: userId, data: { campaignId, channel } }, tx);
    }
  });
  return true;
}
