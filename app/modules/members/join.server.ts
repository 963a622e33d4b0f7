// Joining the community: double opt-in. The form creates a join request and
// emails a code and a link; only a POST (the code form, or the button behind
// the link) activates, so mail scanners that open links change nothing. An
// address that already belongs to a member gets the same answer on screen and
// a "you are already a member" email instead.
import { db, type PanelTransaction } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import { keyedHash, normaliseEmail, randomDigits, randomToken, safeEqualHex, sha256Hex } from "~/infra/security/hash.server";
import { hit } from "~/infra/security/rate-limit.server";
import { recordAudit } from "~/modules/audit/record.server";
import { currentVersion, recordConsent } from "~/modules/consent/consent.server";
import { MEMBERSHIP_TERMS, PROFILE_USE } from "~/modules/consent/purposes";
import { env } from "~/infra/env.server";

export const JOIN_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_JOIN_CODE_ATTEMPTS = 5;

const HOUR = 60 * 60;

const emailKey = (email: string) => keyedHash("join-email", normaliseEmail(email));
const codeHash = (requestId: string, code: string) => keyedHash("join-code", `${requestId}:${code}`);
export const suppressionHash = (email: string) => keyedHash("suppression", normaliseEmail(email));



export type RequestJoinResult =
  | { ok: true }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number }
  | { ok: false; reason: "terms-changed" };

export async function requestJoin(input: {
  email: string;
  language: Language;
  birthYear: number;
  termsVersionId: string;
  profileUse: boolean;
  ip: string;
}): Promise<RequestJoinResult> {
  const email = normaliseEmail(input.email);
  const emailHash = emailKey(email);
  const limit = await hit([
    { key: `join:email:${emailHash}`, max: 5, windowSeconds: HOUR },
    { key: `join:ip:${input.ip}`, max: 30, windowSeconds: HOUR },
  ]);
  if (!limit.allowed) return { ok: false, reason: "throttled", retryAfterMinutes: limit.retryAfterMinutes };

  const terms = await currentVersion(MEMBERSHIP_TERMS);
  if (terms.id !== input.termsVersionId) return { ok: false, reason: "terms-changed" };

  const member = await db.user.findFirst({ where: { email, kind: "MEMBER" }, select: { id: true, language: true, status: true } });
  await db.$transaction(async (tx) => {
    if (member) {
      await enqueueEmail(tx, {
        template: "already-member",
        to: email,
        language: member.language,
        data: { signInUrl: `${env().PUBLIC_URL}/sign-in` },
        memberId: member.id,
        // at most one such email an hour per address
        dedupeKey: `already-member:${emailHash}:${Math.floor(Date.now() / (HOUR * 1000))}`,
      });
      return;
    }
    await tx.joinRequest.deleteMany({ where: { emailHash } });
    const code = randomDigits(8);
    const token = randomToken(32);
    const request = await tx.joinRequest.create({
      data: {
        email,
        emailHash,
        language: input.language,
        birthYear: input.birthYear,
        termsVersionId: terms.id,
        codeHash: "pending",
        tokenHash: sha256Hex(token),
        expiresAt: new Date(Date.now() + JOIN_TTL_MS),
        profileUse: input.profileUse,
      },
    });
    await tx.joinRequest.update({ where: { id: request.id }, data: { codeHash: codeHash(request.id, code) } });
    await enqueueEmail(tx, {
      template: "join-confirm",
      to: email,
      language: input.language,
      data: { code, confirmUrl: `${env().PUBLIC_URL}/join/confirm/${token}` },
    });
  });
  return { ok: true };
}

/** The pending join request behind a link token, if it is still valid. */
export async function joinRequestByToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return db.joinRequest.findFirst({
    where: { tokenHash: sha256Hex(token), expiresAt: { gt: new Date() } },
    select: { id: true, email: true, language: true },
  });
}

export type ConfirmResult =
  | { ok: true; userId: string; language: Language }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

/** Confirms with the code from the email (the address comes from the signed cookie). */
export async function confirmJoinByCode(input: { email: string; code: string; ip: string }): Promise<ConfirmResult> {
  const emailHash = emailKey(input.email);
  const limit = await hit([
    { key: `join-verify:email:${emailHash}`, max: 10, windowSeconds: HOUR },
    { key: `join-verify:ip:${input.ip}`, max: 50, windowSeconds: HOUR },
  ]);
  if (!limit.allowed) return { ok: false, reason: "throttled", retryAfterMinutes: limit.retryAfterMinutes };
  const request = await db.joinRequest.findFirst({
    where: { emailHash, expiresAt: { gt: new Date() }, attempts: { lt: MAX_JOIN_CODE_ATTEMPTS } },
    orderBy: { createdAt: "desc" },
    select: { id: true, codeHash: true },
  });
  if (!request) return { ok: false, reason: "invalid" };
  if (!safeEqualHex(request.codeHash, codeHash(request.id, input.code))) {
    await db.joinRequest.update({ where: { id: request.id }, data: { attempts: { increment: 1 } } });
    return { ok: false, reason: "invalid" };
  }
  return activate(request.id);
}

/** Confirms with the button behind the emailed link (POST only). */
export async function confirmJoinByToken(token: string): Promise<ConfirmResult> {
  const request = await joinRequestByToken(token);
  if (!request) return { ok: false, reason: "invalid" };
  return activate(request.id);
}

async function activate(requestId: string): Promise<ConfirmResult> {
  return db.$transaction(async (tx) => {
    // Deleting the request consumes it: of two racing confirmations one wins.
    const [request] = await tx.$queryRaw<
      { email: string; language: Language; birthYear: number; termsVersionId: string; profileUse: boolean }[]
    >`DELETE FROM "JoinRequest" WHERE id = ${requestId}::uuid AND "expiresAt" > now()
      RETURNING email, language::text AS language, "birthYear", "termsVersionId"::text AS "termsVersionId", "profileUse"`;
    if (!request) return { ok: false as const, reason: "invalid" as const };
    const userId = await createMember(tx, request);
    return { ok: true as const, userId, language: request.language };
  });
}

async function createMember(
  tx: PanelTransaction,
  request: { email: string; language: Language; birthYear: number; termsVersionId: string; profileUse: boolean },
): Promise<string> {
  // The address may have joined meanwhile (two requests, two tabs): then that member it is.
  const existing = await tx.user.findFirst({ where: { email: request.email, kind: "MEMBER" }, select: { id: true } });
  if (existing) return existing.id;
  const user = await tx.user.create({
    data: {
      kind: "MEMBER",
      roles: ["MEMBER"],
      email: request.email,
      language: request.language,
      status: "ACTIVE",
      profile: { create: { birthYear: request.birthYear } },
      preferences: { create: {} },
    },
    select: { id: true },
  });
  await recordConsent(tx, { userId: user.id, versionId: request.termsVersionId, language: request.language, channel: "JOIN", action: "GIVEN" });
  if (request.profileUse) {
    const profileUse = await currentVersion(PROFILE_USE, tx);
    await recordConsent(tx, { userId: user.id, versionId: profileUse.id, language: request.language, channel: "JOIN", action: "GIVEN" });
  }
  await clearSuppression(tx, request.email);
  await enqueueEmail(tx, {
    template: "welcome",
    to: request.email,
    language: request.language,
    data: { accountUrl: `${env().PUBLIC_URL}/account` },
    memberId: user.id,
    dedupeKey: `welcome:${user.id}`,
  });
  await recordAudit({ actorId: user.id, action: "member.joined", subjectId: user.id }, tx);
  return user.id;
}

/**
 * An address just confirmed with the code or link sent to it: it receives
 * mail, and whoever left and comes back is welcome. It is no longer on the
 * suppression list as left or bounced (the member row's emailFailing is
 * false for it too).
 */
export async function clearSuppression(tx: PanelTransaction, email: string) {
  await tx.suppression.deleteMany({ where: { addressHash: suppressionHash(email), reason: { in: ["LEFT", "BOUNCED"] } } });
}

/** Join requests nobody confirmed are deleted a day after they expire. */
export async function purgeExpiredJoinRequests() {
  await db.joinRequest.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - JOIN_TTL_MS) } } });
}
