// Leaving the community: identity erased in one transaction. What stays is a
// keyed hash of the address on the suppression list (so no more mail goes
// there) and, in the vault, the member's anonymous answers.
import { eraseRewardsOf } from "~/modules/incentives/incentives.server";
import { releasePlacesOf } from "~/modules/workshops/workshops.server";
import { db } from "~/infra/db/panel.server";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import { ERASED_ADDRESS } from "~/infra/mail/worker.server";
import { keyedHash, normaliseEmail } from "~/infra/security/hash.server";
import { recordAudit } from "~/modules/audit/record.server";
import { suppressionHash } from "./join.server";


export async function leaveCommunity(userId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, kind: "MEMBER" }, select: { id: true, email: true, language: true } });
    if (!user) return false;
    const email = normaliseEmail(user.email);
    // Mail not yet sent is cancelled; what was sent keeps no address or body.
    await tx.outboxEmail.updateMany({
      where: { OR: [{ userId }, { toAddress: { equals: email, mode: "insensitive" } }], status: "PENDING" },
      data: { status: "CANCELLED", html: null, text: null },
    });
    await tx.outboxEmail.updateMany({
      where: { OR: [{ userId }, { toAddress: { equals: email, mode: "insensitive" } }] },
      data: { toAddress: ERASED_ADDRESS, userId: null, subject: "", html: null, text: null },
    });
    // Campaign mail: nothing more goes out and no row keeps the member's id
    // (their recipient rows go with the user row); funnels count them no more.
    await tx.campaignMessage.deleteMany({ where: { userId } });
    // Places they held in slots go to the waitlists; their bookings go with the user row.
    await releasePlacesOf(tx, userId);
    // Rewards not yet paid go; paid ones stay for finance, without the member.
    await eraseRewardsOf(tx, userId);
    await tx.signInCode.deleteMany({ where: { emailHash: keyedHash("sign-in-email", email) } });
    // The audit trail stays (who did what), but no longer points at the person.
    await tx.auditEvent.updateMany({ where: { subjectId: user.id }, data: { subjectId: null } });
    await tx.auditEvent.updateMany({ where: { actorId: user.id }, data: { actorId: null } });
    // Profile, preferences, sessions, consent events and a pending email change go with the user row.
    await tx.user.delete({ where: { id: user.id } });
    await tx.suppression.upsert({
      where: { addressHash: suppressionHash(email) },
      update: { reason: "LEFT" },
      create: { addressHash: suppressionHash(email), reason: "LEFT" },
    });
    // The goodbye is the one message still going to the address; its row is
    // erased like every other once sent.
    await enqueueEmail(tx, { template: "left", to: email, language: user.language, data: {} });
    await recordAudit({ actorId: null, action: "member.left" }, tx);
    return true;
  });
}
