// One builder intent end to end: load the version being edited, apply the
// change, check the whole definition, save (a frozen version gets a new
// version), audit. The access check is studyFor's, inside every call.
import type { SessionUser } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import type { MessageKey } from "~/infra/i18n/i18n";
import { recordAudit } from "~/modules/audit/record.server";
import { completeness, surveyDefinition, type SurveyDefinition } from "~/modules/surveys/definition";
import { applyBuilderIntent, collectUsedIds, type BuilderOutcome, type PostedValues } from "./builder";
import { editableVersion, saveDefinition, studyFor } from "./studies.server";

/** The builder page's view of a study's survey: the newest version, whether it is frozen, its completeness. */
export async function builderView(user: SessionUser, studyId: string) {
  const study = await studyFor(user, studyId);
  if (!study) return null;
  const version = await editableVersion(user, studyId);
  if (!version) return null;
  const definition = surveyDefinition.parse(version.definition);
  return {
    study: { id: study.id, title: study.title, status: study.status, type: study.type },
    version: { number: version.version, frozen: version.frozenAt !== null },
    definition,
    completeness: completeness(definition),
  };
}

export type BuilderResult =
  | { kind: "saved"; anchor: string; edit?: string; version: number }
  | Exclude<BuilderOutcome, { kind: "changed" }>;

/** null when the study is not this user's to see (the route answers 404). */
export async function runBuilderIntent(user: SessionUser, studyId: string, values: PostedValues): Promise<BuilderResult | null> {
  const study = await studyFor(user, studyId);
  if (!study) return null;
  const versions = await db.surveyVersion.findMany({ where: { studyId }, orderBy: { version: "desc" }, select: { definition: true } });
  const parsed = versions.map((v) => surveyDefinition.safeParse(v.definition)).flatMap((r) => (r.success ? [r.data] : []));
  const current: SurveyDefinition = parsed[0] ?? { sections: [] };
  const outcome = applyBuilderIntent(current, values, collectUsedIds(parsed));
  if (outcome.kind !== "changed") return outcome;
  const checked = surveyDefinition.safeParse(outcome.definition);
  if (!checked.success) {
    // The builder's own checks should have caught it; never save a definition the answering pages cannot trust.
    return { kind: "invalid", target: "form", errors: { form: "studies.builder.invalid" satisfies MessageKey } };
  }
  const saved = await saveDefinition(user, studyId, checked.data);
  if (!saved) return null;
  await recordAudit({
    actorId: user.id,
    action: "study.survey.edit",
    subjectId: studyId,
    data: { intent: String(values.intent), version: saved.version },
  });
  return { kind: "saved", anchor: outcome.anchor, edit: outcome.edit, version: saved.version };
}
