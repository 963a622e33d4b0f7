// Writing answers to the vault. Nothing here receives or returns anything
// that points to a person: callers pass a key derived from the link's token
// (sha256("vault:" + token)), the study, the version, the answers, the
// coarsened attributes and the day.
//
// A submission first lands in PendingResponse. Once a day is over, all of its
// pending submissions move to Response together, shuffled, in one
// transaction: every row of the day then has the same transaction id and a
// random place on disk, so the order in which people answered cannot be read
// back from the vault (see docs/decisions/0011-unlinkable-answers.md).
import { createHash } from "node:crypto";
import { Prisma } from "~/generated/vault/client";
import { coalesce } from "~/infra/db/coalesce.server";
import { vaultDb, vaultPool } from "./db.server";
import { addTallies, BULK_TRANSACTION, TALLY_SETTINGS } from "./tallies.server";

export const vaultKey = (token: string) => createHash("sha256").update(`vault:${token}`).digest("hex");
export const draftKey = (token: string) => createHash("sha256").update(`draft:${token}`).digest("hex");

export interface Submission {
  dedupeKey: string;
  studyId: string;
  surveyVersion: number;
  answers: Prisma.InputJsonValue;
  attributes: Prisma.InputJsonValue;
  /** the day, "YYYY-MM-DD" in Europe/Helsinki */
  day: string;
  /** the answering draft to delete in the same statement (stored or not) */
  draftKey?: string;
}

/**
 * Submissions in one statement and one commit: the answers of each, once per
 * dedupe key, and their drafts deleted. Concurrent submissions go together
 * (storeSubmission); this is the hot path of `npm run bench:submit`.
 */
const storeAll = coalesce(async (submissions: Submission[]): Promise<("stored" | "duplicate")[]> => {
  // A key given twice is stored by its first caller; in key order, so that two
  // runs take shared keys in the same order.
  const unique = new Map<string, Submission>();
  for (const submission of submissions) if (!unique.has(submission.dedupeKey)) unique.set(submission.dedupeKey, submission);
  const rows = [...unique.values()].sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : 1));
  const { rows: stored } = await vaultPool().query<{ key: string }>({
    name: "vault.storeSubmissions",
    text: `WITH given AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS g(key text, "studyId" uuid, "surveyVersion" int, answers jsonb, attributes jsonb, day date, draft text)
     ), stored AS (
       INSERT INTO "PendingResponse" ("dedupeKey", "studyId", "surveyVersion", answers, attributes, "submittedOn")
       SELECT key, "studyId", "surveyVersion", answers, attributes, day FROM given
       WHERE NOT EXISTS (SELECT 1 FROM "Response" r WHERE r."dedupeKey" = given.key)
       ON CONFLICT ("dedupeKey") DO NOTHING
       RETURNING "dedupeKey"
     ), dropped AS (
       DELETE FROM "Draft" WHERE key IN (SELECT draft FROM given WHERE draft IS NOT NULL)
     )
     SELECT "dedupeKey" AS key FROM stored`,
    values: [
      JSON.stringify(
        rows.map((submission) => ({
          key: submission.dedupeKey,
          studyId: submission.studyId,
          surveyVersion: submission.surveyVersion,
          answers: submission.answers,
          attributes: submission.attributes,
          day: submission.day,
          draft: submission.draftKey ?? null,
        })),
      ),
    ],
  });
  const fresh = new Set(stored.map((row) => row.key));
  return submissions.map((submission) => {
    if (!fresh.has(submission.dedupeKey)) return "duplicate";
    fresh.delete(submission.dedupeKey);
    return "stored";
  });
});

/**
 * Stores a submission once: a second one with the same key is "duplicate".
 * The draft, when given, is deleted in the same statement.
 */
export function storeSubmission(submission: Submission): Promise<"stored" | "duplicate"> {
  return storeAll(submission);
}

/** Whether a link has already been used to submit (pending or mixed). */
export async function isSubmitted(dedupeKey: string): Promise<boolean> {
  const vault = vaultDb();
  const rows = await vault.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "PendingResponse" WHERE "dedupeKey" = ${dedupeKey})
        OR EXISTS (SELECT 1 FROM "Response" WHERE "dedupeKey" = ${dedupeKey}) AS found`;
  return rows[0]?.found ?? false;
}

/**
 * Moves every pending submission of days before `today` into Response, in
 * random order, in one transaction. Returns how many moved.
 */
export async function mixPendingResponses(today: string): Promise<number> {
  const vault = vaultDb();
  return vault.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('vault-mix'))`;
    await tx.$executeRaw(TALLY_SETTINGS);
    // The rows actually moved (not duplicates) are added to the results' tallies in the same statement.
    const [result] = await tx.$queryRaw<{ moved: number }[]>`
      WITH moved AS (
        INSERT INTO "Response" ("studyId", "surveyVersion", answers, attributes, "submittedOn", "dedupeKey")
        SELECT "studyId", "surveyVersion", answers, attributes, "submittedOn", "dedupeKey"
        FROM "PendingResponse" WHERE "submittedOn" < ${today}::date
        ORDER BY random()
        ON CONFLICT ("dedupeKey") DO NOTHING
        RETURNING "studyId", "surveyVersion", answers, attributes
      ), tallied AS (${addTallies(Prisma.sql`moved`)})
      SELECT count(*)::int AS moved FROM moved`;
    await tx.$executeRaw`DELETE FROM "PendingResponse" WHERE "submittedOn" < ${today}::date`;
    return result?.moved ?? 0;
  }, BULK_TRANSACTION);
}

export interface Draft {
  surveyVersion: number;
  answers: Record<string, unknown>;
  section: number;
}

/** Drafts by key: concurrent reads go as one statement. */
const loadDrafts = coalesce(async (keys: string[]) => {
  const { rows } = await vaultPool().query<Draft & { key: string }>({
    name: "vault.loadDrafts",
    text: `SELECT key, "surveyVersion", answers, section FROM "Draft" WHERE key = ANY($1::text[])`,
    values: [keys],
  });
  const found = new Map(rows.map(({ key, ...draft }) => [key, draft]));
  return keys.map((key) => found.get(key) ?? null);
});

export function loadDraft(key: string): Promise<Draft | null> {
  return loadDrafts(key);
}

export async function saveDraft(key: string, studyId: string, draft: Draft, day: string) {
  await vaultPool().query(
    `INSERT INTO "Draft" (key, "studyId", "surveyVersion", answers, section, "savedOn")
     VALUES ($1, $2::uuid, $3::int, $4::jsonb, $5::int, $6::date)
     ON CONFLICT (key) DO UPDATE SET "surveyVersion" = excluded."surveyVersion", answers = excluded.answers,
       section = excluded.section, "savedOn" = excluded."savedOn"`,
    [key, studyId, draft.surveyVersion, JSON.stringify(draft.answers), draft.section, day],
  );
}

export async function deleteDraft(key: string) {
  await vaultPool().query(`DELETE FROM "Draft" WHERE key = $1`, [key]);
}

/** How many responses a study has (mixed or waiting), for quotas and the funnel. */
export async function responseCount(studyId: string): Promise<number> {
  const rows = await vaultDb().$queryRaw<{ n: bigint }[]>`
    SELECT (SELECT count(*) FROM "Response" WHERE "studyId" = ${studyId}::uuid)
         + (SELECT count(*) FROM "PendingResponse" WHERE "studyId" = ${studyId}::uuid) AS n`;
  return Number(rows[0]?.n ?? 0);
}
