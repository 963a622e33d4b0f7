import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { invalid, parseForm } from "~/infra/http/form.server";
import { StudySettingsForm } from "~/modules/studies/components/study-settings-form";
import { createStudy } from "~/modules/studies/studies.server";
import { DEFAULT_K, studySettingsLists, studySettingsSchema, toStudyInput } from "~/modules/studies/study-form";
import { teamCandidates, teamIsValid } from "~/modules/studies/team.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const candidates = await teamCandidates(user.id);
  return { candidates, initial: { type: "SURVEY", minGroupSize: String(DEFAULT_K), attributes: ["language", "age-band"], bookingCutoffHours: "24", reminderHours: "24, 1" } };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const parsed = await parseForm(request, studySettingsSchema, studySettingsLists);
  if (!parsed.ok) return invalid(parsed);
  if (!(await teamIsValid(parsed.data.team))) {
    return data({ errors: { team: "studies.form.teamUnknown" as const }, values: parsed.values }, { status: 400 });
  }
  const study = await createStudy(user, toStudyInput(parsed.data));
  return redirect(`/staff/studies/${study.id}?created=1`);
}

export default function StudyNew() {
  const t = useT();
  const { candidates, initial } = useLoaderData<typeof loader>();
  const server = useActionData<typeof action>();
  return (
    <div className="narrow">
      <p>
        <Link to="/staff/studies">{t("studies.backToList")}</Link>
      </p>
      <h1>{t("studies.newTitle")}</h1>
      <p>{t("studies.newIntro")}</p>
      <StudySettingsForm server={server} initial={initial} candidates={candidates} submitLabel={t("studies.create")} />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
