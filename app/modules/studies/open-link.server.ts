import type { SessionUser } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { randomToken } from "~/infra/security/hash.server";
import { recordAudit } from "~/modules/audit/record.server";
import { freezeLatest, studyFor } from "./studies.server";

/** Gives a study a fresh open link (freezing the survey version) or removes it. */
export async function setOpenLink(user: SessionUser, studyId: string, enabled: boolean) {
  const study = await studyFor(user, studyId);
  if (!study) return false;
  await db.$transaction(async (tx) => {
    if (enabled) await freezeLatest(tx, studyId);
    await tx.study.update({ where: { id: studyId }, data: { openLinkToken: enabled ? randomToken(18) : null } });
    await recordAudit({ actorId: user.id, action: enabled ? "study.open-link.on" : "study.open-link.off", subjectId: studyId }, tx);
  });
  return true;
}
