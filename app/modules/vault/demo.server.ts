// Demo answers for a new installation's demo study: written straight into
// Response (already mixed), so the demo results page has something to show.
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/vault/client";
import { vaultDb } from "./db.server";
import { rebuildTallies } from "./tallies.server";

export async function insertDemoResponses(
  rows: { studyId: string; surveyVersion: number; answers: Record<string, unknown>; attributes: Record<string, string>; day: string }[],
) {
  await vaultDb().response.createMany({
    data: rows.map((row) => ({
      studyId: row.studyId,
      surveyVersion: row.surveyVersion,
      answers: row.answers as Prisma.InputJsonValue,
      attributes: row.attributes,
      submittedOn: new Date(`${row.day}T00:00:00Z`),
      dedupeKey: `demo:${randomUUID()}`,
    })),
  });
  // Written past the mix, so the results' tallies are recounted here.
  for (const studyId of new Set(rows.map((row) => row.studyId))) await rebuildTallies(studyId);
}
