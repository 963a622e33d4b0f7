-- Results tallies (docs/decisions/0012-results-tallies.md): counts per study,
-- survey version, attribute combination, question and answer key, added by
-- the daily mix in the same transaction that moves the rows. No day, no
-- response id, no free text but a word shaped like an option id.

-- CreateTable
CREATE TABLE "ResultTally" (
    "studyId" UUID NOT NULL,
    "surveyVersion" INTEGER NOT NULL,
    "atom" JSONB NOT NULL,
    "questionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DECIMAL NOT NULL DEFAULT 0,

    CONSTRAINT "ResultTally_pkey" PRIMARY KEY ("studyId","surveyVersion","atom","questionId","key")
);

-- CreateIndex
CREATE INDEX "Response_studyId_submittedOn_id_idx" ON "Response"("studyId", "submittedOn", "id");

-- The keys one stored answer adds to, known from its JSON shape alone (the
-- vault does not hold the survey's definition): "" = answered, always; a
-- whole number 0..10 = a scale point; a string: a date's month "YYYY-MM", or
-- an option id (the id pattern with at most four digits, so a phone number,
-- identity code or account number typed into a text field never becomes a
-- key; other text adds nothing); an array: its option ids; an object
-- (matrix): each row answered, and "row:point".
CREATE FUNCTION result_tally_keys(answer jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE jsonb_typeof(answer)
    WHEN 'number' THEN
      CASE WHEN answer::text ~ '^([0-9]|10)$' THEN ARRAY['', answer::text] ELSE ARRAY[''] END
    WHEN 'string' THEN
      CASE
        WHEN answer #>> '{}' ~ '^\d{4}-\d{2}-\d{2}$' THEN ARRAY['', left(answer #>> '{}', 7)]
        WHEN answer #>> '{}' ~ '^[a-z0-9][a-z0-9-]{0,39}$' AND answer #>> '{}' !~ '(\d.*){5}' THEN ARRAY['', answer #>> '{}']
        ELSE ARRAY['']
      END
    WHEN 'array' THEN
      '{""}'::text[] || ARRAY(SELECT o FROM jsonb_array_elements_text(answer) o WHERE o ~ '^[a-z0-9][a-z0-9-]{0,39}$')
    WHEN 'object' THEN
      '{""}'::text[] || ARRAY(
        SELECT k FROM jsonb_each(answer) r,
          unnest(ARRAY[r.key, CASE WHEN r.value::text ~ '^([0-9]|10)$' THEN r.key || ':' || r.value::text END]) k
        WHERE r.key ~ '^[a-z0-9][a-z0-9-]{0,39}$' AND k IS NOT NULL)
    ELSE ARRAY['']
  END
$$;

-- Backfill: the tallies of every response mixed before this migration (the
-- statement of addTallies in app/modules/vault/tallies.server.ts). Each
-- response also counts once under question "" (its respondent).
SET LOCAL work_mem = '128MB';
SET LOCAL enable_sort = off;
INSERT INTO "ResultTally" ("studyId", "surveyVersion", atom, "questionId", key, count, sum)
SELECT r."studyId", r."surveyVersion", r.attributes, a.key, k.key, count(*)::int,
       coalesce(sum(CASE WHEN k.key = '' AND jsonb_typeof(a.value) = 'number' THEN a.value::numeric END), 0)
FROM "Response" r
CROSS JOIN LATERAL jsonb_each(r.answers || '{"": true}') a
CROSS JOIN LATERAL unnest(result_tally_keys(a.value)) AS k(key)
GROUP BY 1, 2, 3, 4, 5;
