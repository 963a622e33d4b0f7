// Survey versions as members answer them. A frozen version never changes
// (editing a frozen survey starts a new version, see saveDefinition), so it is
// read and checked once per process and then served from memory, keyed by
// study and version number. Versions not yet frozen are always read afresh.
import { panelPool } from "~/infra/db/panel.server";
import { surveyDefinition, type SurveyDefinition } from "~/modules/surveys/definition";

const MAX_CACHED = 1000;
const frozen = new Map<string, SurveyDefinition>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** One version of a study's survey (frozen ones from memory), or null. Treat the result as read-only. */
export async function surveyVersionDefinition(studyId: string, version: number): Promise<SurveyDefinition | null> {
  const key = `${studyId}:${version}`;
  const cached = frozen.get(key);
  if (cached) return cached;
  const { rows } = await panelPool().query<{ definition: unknown; frozen: boolean }>(
    `SELECT definition, "frozenAt" IS NOT NULL AS frozen FROM "SurveyVersion" WHERE "studyId" = $1::uuid AND version = $2::int`,
    [studyId, version],
  );
  const row = rows[0];
  if (!row) return null;
  const definition = surveyDefinition.parse(row.definition);
  if (!row.frozen) return definition;
  if (frozen.size >= MAX_CACHED) frozen.delete(frozen.keys().next().value!);
  frozen.set(key, deepFreeze(definition));
  return definition;
}
