// Members sign in with an 8-digit code sent by email: single use, only hashes
// stored, valid 10 minutes, throttled per address and per IP, and the answer is
// the same whether or not the address belongs to a member.
import { db } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import { keyedHash, normaliseEmail, randomDigits, safeEqualHex } from "~/infra/security/hash.server";
import { hit } from "~/infra/security/rate-limit.server";

export const CODE_TTL_MS = 10 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;
const WINDOW = 15 * 60;

const emailKey = (email: string) => keyedHash("sign-in-email", normaliseEmail(email));
const codeHash = (emailHash: string, code: string) => keyedHash("sign-in-code", `${emailHash}:${code}`);

export type RequestCodeResult = { ok: true } | { ok: false; retryAfterMinutes: number };

export async function requestSignInCode(input: { email: string; ip: string; language: Language }): Promise<RequestCodeResult> {
  const emailHash = emailKey(input.email);
  const limit = await hit([
    { key: `sign-in-request:email:${emailHash}`, max: 5, windowSeconds: WINDOW },
    { key: `sign-in-request:ip:${input.ip}`, max: 30, windowSeconds: WINDOW },
  ]);
  if (!limit.allowed) return { ok: false, retryAfterMinutes: limit.retryAfterMinutes };

  const member = await db.user.findFirst({
    where: { email: normaliseEmail(input.email), kind: "MEMBER", status: "ACTIVE" },
    select: { id: true, email: true, language: true },
  });
  if (!member) return { ok: true };

  const code = randomDigits(8);
  await db.$transaction(async (tx) => {
    // A new code replaces any earlier one.
    await tx.signInCode.updateMany({ where: { emailHash, usedAt: null }, data: { usedAt: new Date() } });
    await tx.signInCode.create({
      data: { emailHash, codeHash: codeHash(emailHash, code), expiresAt: new Date(Date.now() + CODE_TTL_MS) },
    });
    await enqueueEmail(tx, { template: "sign-in-code", to: member.email, language: member.language, data: { code }, memberId: member.id });
  });
  return { ok: true };
}

export type VerifyCodeResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export async function verifySignInCode(input: { email: string; code: string; ip: string }): Promise<VerifyCodeResult> {
  const emailHash = emailKey(input.email);
  const limit = await hit([
    { key: `sign-in-verify:email:${emailHash}`, max: 10, windowSeconds: WINDOW },
    { key: `sign-in-verify:ip:${input.ip}`, max: 50, windowSeconds: WINDOW },
  ]);
  if (!limit.allowed) return { ok: false, reason: "throttled", retryAfterMinutes: limit.retryAfterMinutes };

  const candidate = await db.signInCode.findFirst({
    where: { emailHash, usedAt: null, expiresAt: { gt: new Date() }, attempts: { lt: MAX_CODE_ATTEMPTS } },
    orderBy: { createdAt: "desc" },
    select: { id: true, codeHash: true },
  });
  if (!candidate) return { ok: false, reason: "invalid" };

  if (!safeEqualHex(candidate.codeHash, codeHash(emailHash, input.code))) {
    await db.signInCode.update({ where: { id: candidate.id }, data: { attempts: { increment: 1 } } });
    return { ok: false, reason: "invalid" };
  }
  // Consume exactly once, even if two requests race with the same code.
  const consumed = await db.signInCode.updateMany({
    where: { id: candidate.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  if (consumed.count !== 1) return { ok: false, reason: "invalid" };

  const member = await db.user.findFirst({
    where: { email: normaliseEmail(input.email), kind: "MEMBER", status: "ACTIVE" },
    select: { id: true },
  });
  return member ? { ok: true, userId: member.id } : { ok: false, reason: "invalid" };
}
