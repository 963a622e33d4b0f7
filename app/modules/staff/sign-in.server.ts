import { db } from "~/infra/db/panel.server";
import { keyedHash, normaliseEmail } from "~/infra/security/hash.server";
import { hit } from "~/infra/security/rate-limit.server";
import { hashPassword, verifyPassword } from "./password.server";

// Verified against when the address is unknown, so both answers take as long.
let decoyHash: Promise<string> | undefined;

export type StaffSignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export async function signInStaff(input: { email: string; password: string; ip: string }): Promise<StaffSignInResult> {
  const email = normaliseEmail(input.email);
  const limit = await hit([
    { key: `staff-sign-in:email:${keyedHash("staff-email", email)}`, max: 10, windowSeconds: 15 * 60 },
    { key: `staff-sign-in:ip:${input.ip}`, max: 50, windowSeconds: 15 * 60 },
  ]);
  if (!limit.allowed) return { ok: false, reason: "throttled", retryAfterMinutes: limit.retryAfterMinutes };

  const user = await db.user.findFirst({
    where: { email, kind: "STAFF", status: "ACTIVE" },
    select: { id: true, passwordHash: true },
  });
  decoyHash ??= hashPassword("decoy password that matches nothing");
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);
  return user && user.passwordHash && valid ? { ok: true, userId: user.id } : { ok: false, reason: "invalid" };
}
