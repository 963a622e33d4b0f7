// Change of a member's email address, confirmed by an 8-digit code sent to the
// new address: only a keyed hash of the code is stored, valid 10 minutes, 5
// wrong tries, throttled per member and per IP. When it is confirmed the old
// address gets a notice and every other session of the member ends.
//
// An address another member already uses answers exactly like a free one (so
// the page cannot be used to find out who is a member): a pending change is
// written all the same, but with the hash of a code nobody is sent, and the
// owner of the address gets a short "someone tried to use this address" notice.
import { db, type PanelTransaction } from "~/infra/db/panel.server";
import { env } from "~/infra/env.server";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import { keyedHash, normaliseEmail, randomDigits, safeEqualHex } from "~/infra/security/hash.server";
import { hit } from "~/infra/security/rate-limit.server";
import { recordAudit } from "~/modules/audit/record.server";
import { clearSuppression } from "./join.server";
import { endOtherSessions } from "./sessions.server";

export const EMAIL_CHANGE_TTL_MS = 10 * 60 * 1000;
export const MAX_EMAIL_CHANGE_ATTEMPTS = 5;
const WINDOW = 15 * 60;
const HOUR_MS = 60 * 60 * 1000;

const codeHash = (userId: string, email: string, code: string) => keyedHash("email-change-code", `${userId}:${email}:${code}`);

/** "nora@example.fi" → "n***@example.fi": enough for the owner to recognise, not to copy. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email[0]}***${email.slice(at)}`;
}

async function memberWithEmail(client: PanelTransaction | typeof db, email: string) {
  return client.user.findFirst({ where: { email, kind: "MEMBER" }, select: { id: true, language: true } });
}

export type RequestEmailChangeResult =
  | { ok: true }
  | { ok: false; reason: "same" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export async function requestEmailChange(input: { userId: string; newEmail: string; ip: string }): Promise<RequestEmailChangeResult> {
  const email = normaliseEmail(input.newEmail);
  const member = await db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true, language: true } });
  if (email === normaliseEmail(member.email)) return { ok: false, reason: "same" };

  const limit = await hit([
    { key: `email-change-request:user:${input.userId}`, max: 5, windowSeconds: WINDOW },
    { key: `email-change-request:ip:${input.ip}`, max: 30, windowSeconds: WINDOW },
  ]);
  if (!limit.allowed) return { ok: false, reason: "throttled", retryAfterMinutes: limit.retryAfterMinutes };

  const code = randomDigits(8);
  await db.$transaction(async (tx) => {
    const owner = await memberWithEmail(tx, email);
    const pending = {
      newEmail: email,
      // The hash of a code nobody is sent: the change can never be confirmed.
      codeHash: codeHash(input.userId, email, owner ? randomDigits(8) + randomDigits(8) : code),
      attempts: 0,
      expiresAt: new Date(Date.now() + EMAIL_CHANGE_TTL_MS),
      createdAt: new Date(),
    };
    // A new request replaces any earlier one.
    await tx.emailChange.upsert({ where: { userId: input.userId }, create: { userId: input.userId, ...pending }, update: pending });
    if (owner) {
      await enqueueEmail(tx, {
        template: "email-in-use",
        to: email,
        language: owner.language,
        data: { signInUrl: `${env().PUBLIC_URL}/sign-in` },
        memberId: owner.id,
        // at most one such notice an hour per address
        dedupeKey: `email-in-use:${keyedHash("email-in-use", email)}:${Math.floor(Date.now() / HOUR_MS)}`,
      });
    } else {
      await enqueueEmail(tx, { template: "email-change-code", to: email, language: member.language, data: { code }, memberId: input.userId });
    }
  });
  return { ok: true };
}

/** The change waiting for its code, if one is still valid. */
export async function pendingEmailChange(userId: string) {
  const pending = await db.emailChange.findUnique({ where: { userId }, select: { newEmail: true, expiresAt: true, attempts: true } });
  if (!pending || pending.expiresAt <= new Date() || pending.attempts >= MAX_EMAIL_CHANGE_ATTEMPTS) return null;
  return { newEmail: pending.newEmail, expiresAt: pending.expiresAt };
}

/** Sends a fresh code for the change asked for last, even if the earlier code expired. */
export async function resendEmailChangeCode(input: { userId: string; ip: string }): Promise<RequestEmailChangeResult | { ok: false; reason: "none" }> {
  const pending = await db.emailChange.findUnique({ where: { userId: input.userId }, select: { newEmail: true } });
  if (!pending) return { ok: false, reason: "none" };
  return requestEmailChange({ userId: input.userId, newEmail: pending.newEmail, ip: input.ip });
}

export async function cancelEmailChange(userId: string) {
  await db.emailChange.deleteMany({ where: { userId } });
}

export type ConfirmEmailChangeResult =
  | { ok: true; email: string }
  | { ok: false; reason: "invalid" | "expired" | "too-many-attempts" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export async function confirmEmailChange(input: {
  userId: string;
  code: string;
  ip: string;
  currentSessionId: string;
}): Promise<ConfirmEmailChangeResult> {
  const limit = await hit([
    { key: `email-change-verify:user:${input.userId}`, max: 10, windowSeconds: WINDOW },
    { key: `email-change-verify:ip:${input.ip}`, max: 50, windowSeconds: WINDOW },
  ]);
  if (!limit.allowed) return { ok: false, reason: "throttled", retryAfterMinutes: limit.retryAfterMinutes };

  const pending = await db.emailChange.findUnique({
    where: { userId: input.userId },
    select: { newEmail: true, codeHash: true, attempts: true, expiresAt: true },
  });
  if (!pending) return { ok: false, reason: "expired" };
  if (pending.expiresAt <= new Date() || pending.attempts >= MAX_EMAIL_CHANGE_ATTEMPTS) {
    await cancelEmailChange(input.userId);
    return { ok: false, reason: pending.attempts >= MAX_EMAIL_CHANGE_ATTEMPTS ? "too-many-attempts" : "expired" };
  }

  if (!safeEqualHex(pending.codeHash, codeHash(input.userId, pending.newEmail, input.code))) {
    const updated = await db.emailChange.updateMany({
      where: { userId: input.userId, codeHash: pending.codeHash },
      data: { attempts: { increment: 1 } },
    });
    if (updated.count === 1 && pending.attempts + 1 >= MAX_EMAIL_CHANGE_ATTEMPTS) {
      await cancelEmailChange(input.userId);
      return { ok: false, reason: "too-many-attempts" };
    }
    return { ok: false, reason: "invalid" };
  }

  const result = await db.$transaction(async (tx) => {
    // Consume exactly once, even if two requests race with the same code.
    const consumed = await tx.emailChange.deleteMany({ where: { userId: input.userId, codeHash: pending.codeHash } });
    if (consumed.count !== 1) return null;
    // Taken since the code was sent: nothing changes (the unique index is the last word).
    if (await memberWithEmail(tx, pending.newEmail)) return null;
    const member = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true, language: true } });
    await tx.user.update({ where: { id: input.userId }, data: { email: pending.newEmail, emailFailing: false } });
    // As when joining: the address just received the code, so it is off the suppression list.
    await clearSuppression(tx, pending.newEmail);
    await enqueueEmail(tx, {
      template: "email-changed",
      to: member.email,
      language: member.language,
      data: { newEmail: maskEmail(pending.newEmail) },
      memberId: input.userId,
    });
    const signedOut = await endOtherSessions(input.userId, input.currentSessionId, tx);
    await recordAudit({ actorId: input.userId, action: "member.email-change", subjectId: input.userId, data: { signedOut } }, tx);
    return pending.newEmail;
  }).catch((error: unknown) => {
    if (isUniqueViolation(error)) return null;
    throw error;
  });
  return result ? { ok: true, email: result } : { ok: false, reason: "invalid" };
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
