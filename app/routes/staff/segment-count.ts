// GET /staff/segments/count?<filters>[&study=<id>]: how many members a
// segment matches, for the builder's live count (a fetcher calls it as the
// filters change). With a study, only members who may be invited to it now
// (not invited yet, the kind of study wanted, no contact-fatigue rule against).
// Counts only, never who: also how many of them have reached this year's
// reward cap, unless a filter already decides on that.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requirePermission } from "~/infra/auth/guard.server";
import { notFound } from "~/infra/http/responses.server";
import { countSegmentWithCap } from "~/modules/recruitment/segments.server";
import { studyFor } from "~/modules/studies/studies.server";
import { queryValues, readSegmentFilters } from "./segment-form";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const params = new URL(request.url).searchParams;
  const studyId = params.get("study");
  const study = studyId ? await studyFor(user, studyId) : null;
  if (studyId && !study) notFound();
  const read = readSegmentFilters(queryValues(params));
  if (!read.ok) return data({ errors: read.errors }, { status: 400 });
  const counted = await countSegmentWithCap(read.filters, study ? { studyId: study.id, studyType: study.type, fatigue: true } : {});
  return data(counted, { headers: { "Cache-Control": "no-store" } });
}
