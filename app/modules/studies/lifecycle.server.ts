// Moving a study along its lifecycle, with the one check the study module
// leaves to its callers: a survey goes out only when every text is there.
import type { SessionUser } from "~/infra/auth/session.server";
import { completeness, surveyDefinition } from "~/modules/surveys/definition";
import { readyToPublish } from "./builder";
import { changeStatus, editableVersion, nextStatuses, studyFor, type StudyStatusName } from "./studies.server";

export type StatusChange = { ok: true } | { ok: false; reason: "not-allowed" | "survey-incomplete" };

/** null when the study is not this user's to see. */
export async function moveStudy(user: SessionUser, studyId: string, status: StudyStatusName): Promise<StatusChange | null> {
  const study = await studyFor(user, studyId);
  if (!study) return null;
  if (!nextStatuses[study.status].includes(status)) return { ok: false, reason: "not-allowed" };
  if (status === "RECRUITING" && study.type === "SURVEY") {
    const version = await editableVersion(user, studyId);
    const definition = surveyDefinition.parse(version?.definition ?? { sections: [] });
    if (!readyToPublish(definition, completeness(definition))) return { ok: false, reason: "survey-incomplete" };
  }
  const changed = await changeStatus(user, studyId, status);
  if (!changed) return null;
  return changed.ok ? { ok: true } : { ok: false, reason: "not-allowed" };
}
