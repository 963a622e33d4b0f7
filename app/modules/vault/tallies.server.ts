// Result tallies: per study, survey version, combination of coarsened
// attributes (the "atom") and question, how many mixed responses gave each
// answer key, and the sum of numeric answers. The daily mix adds the rows it
// moves in the same transaction, so results read a few thousand tally rows
// instead of every response (docs/decisions/0012-results-tallies.md). Which
// keys an answer adds is decided in the database by result_tally_keys()
// (prisma/vault/migrations/0004_result_tallies), from the answer's JSON shape.
import { Prisma } from "~/generated/vault/client";
import { vaultDb } from "./db.server";

/** Long enough for a very large day or a rebuild; the default 5 s is for requests. */
export const BULK_TRANSACTION = { timeout: 30 * 60_000, maxWait: 60_000 } as const;

/**
 * For the transaction that adds tallies: the planner cannot tell how many
 * keys the answers expand into (it guesses 100 per answer) and would sort
 * millions of entries on disk; summing them in a hash is several times faster.
 */
export const TALLY_SETTINGS = Prisma.sql`SELECT set_config('work_mem', '128MB', true), set_config('enable_sort', 'off', true)`;

/**
 * The statement that adds the tallies of `source` (a relation with "studyId",
 * "surveyVersion", answers and attributes) to ResultTally. Usable as a
 * data-modifying CTE after the rows were moved, or on its own.
 */
export function addTallies(source: Prisma.Sql): Prisma.Sql {
  // Each response also counts once under question "" (its respondent): no question id is empty.
  return Prisma.sql`
    INSERT INTO "ResultTally" ("studyId", "surveyVersion", atom, "questionId", key, count, sum)
    SELECT r."studyId", r."surveyVersion", r.attributes, a.key, k.key, count(*)::int,
           coalesce(sum(CASE WHEN k.key = '' AND jsonb_typeof(a.value) = 'number' THEN a.value::numeric END), 0)
    FROM ${source} r
    CROSS JOIN LATERAL jsonb_each(r.answers || '{"": true}') a
    CROSS JOIN LATERAL unnest(result_tally_keys(a.value)) AS k(key)
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT ("studyId", "surveyVersion", atom, "questionId", key)
    DO UPDATE SET count = "ResultTally".count + excluded.count, sum = "ResultTally".sum + excluded.sum`;
}

/**
 * Recounts the tallies of one study (or of every study) from Response. For
 * rows written straight into Response (demo data) and for repairs. Takes the
 * mix's lock, so it never runs beside a mix.
 */
export async function rebuildTallies(studyId?: string): Promise<void> {
  await vaultDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('vault-mix'))`;
    await tx.$executeRaw(TALLY_SETTINGS);
    if (studyId === undefined) {
      await tx.$executeRaw`DELETE FROM "ResultTally"`;
      await tx.$executeRaw(addTallies(Prisma.sql`"Response"`));
    } else {
      await tx.$executeRaw`DELETE FROM "ResultTally" WHERE "studyId" = ${studyId}::uuid`;
      await tx.$executeRaw(addTallies(Prisma.sql`(SELECT * FROM "Response" WHERE "studyId" = ${studyId}::uuid)`));
    }
  }, BULK_TRANSACTION);
}
