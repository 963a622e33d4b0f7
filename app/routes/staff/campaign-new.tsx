// A new invitation campaign for a study: its name, who may be invited (filters
// typed here or a saved segment), the sample (simple or stratified, completes
// wanted, over-sampling, seed), then the draw. The email and the schedule
// follow on the campaign's own page. Counts only, never who.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { languages, translator } from "~/infra/i18n/i18n";
import { campaignInputSchema, createCampaign, drawForCampaign, type CampaignInput } from "~/modules/campaigns/campaigns.server";
import { countSegmentWithCap, listSegments, segmentFor } from "~/modules/recruitment/segments.server";
import { listStudies, studyFor } from "~/modules/studies/studies.server";
import { localized } from "~/modules/studies/texts";
import { issuesToErrors } from "./campaign-form";
import styles from "./recruitment.css?url";
import { chosenAttributes, readSample, SampleFields, strataKeys, stratumLabel } from "./sample-form";
import {
  filtersToValues,
  formKey,
  LiveCount,
  queryValues,
  readSegmentFilters,
  readSegmentName,
  SegmentFilterFields,
  segmentFieldNames,
  segmentFormLists,
  SegmentNameField,
  useFieldLabels,
  useLiveCount,
  type FieldErrors,
  type FormValues,
} from "./segment-form";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const study = await studyFor(user, params.id ?? "");
  if (!study) notFound();
  const url = new URL(request.url);
  const [segments, studies] = await Promise.all([listSegments(user), listStudies(user)]);
  let values = queryValues(url.searchParams);
  const errors: FieldErrors = {};
  const intent = url.searchParams.get("intent");
  if (intent === "useSegment") {
    // The saved segment's filters replace the typed ones; the rest is kept.
    const segment = values.segment ? await segmentFor(user, String(values.segment)) : null;
    if (!segment) errors.segment = "staffCampaigns.error.segment";
    else {
      const kept = Object.fromEntries(Object.entries(values).filter(([name]) => !segmentFieldNames.includes(name)));
      values = { ...kept, ...filtersToValues(segment.filters) };
    }
  }
  const read = readSegmentFilters(values);
  if (!read.ok) Object.assign(errors, read.errors);
  const count = read.ok ? await countSegmentWithCap(read.filters, { studyId: study.id, studyType: study.type, fatigue: true }) : null;
  return data(
    {
      study: { id: study.id, title: study.title, status: study.status },
      segments: segments.map((segment) => ({ id: segment.id, name: segment.name })),
      studies: studies.filter((other) => other.id !== study.id).map((other) => ({ id: other.id, title: other.title })),
      values,
      errors,
      count,
    },
    { status: Object.keys(errors).length > 0 ? 400 : 200 },
  );
}

const campaignLists = [...segmentFormLists];

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const study = await studyFor(user, params.id ?? "");
  if (!study) notFound();
  const values = (await readForm(request, campaignLists)) as FormValues;
  if (values.intent !== "draw") badRequest();
  const name = readSegmentName(values);
  const filters = readSegmentFilters(values);
  const sample = readSample(values);
  const errors: FieldErrors = {
    ...(name.ok ? {} : name.errors),
    ...(filters.ok ? {} : filters.errors),
    ...(sample.ok ? {} : sample.errors),
  };
  if (!name.ok || !filters.ok || !sample.ok) return data({ errors, values }, { status: 400 });
  const input: CampaignInput = {
    name: name.name,
    filters: filters.filters,
    spec: sample.spec,
    seed: sample.seed,
    email: defaultEmail(),
    sendAt: null,
    ratePerMinute: 600,
    reminderAfterDays: null,
    maxReminders: 0,
    closesAt: null,
  };
  // The module's schema has the last word; what it refuses is shown, never a 500.
  const checked = campaignInputSchema.safeParse(input);
  if (!checked.success) return data({ errors: issuesToErrors(checked.error.issues), values }, { status: 400 });
  const campaign = await createCampaign(user, study.id, input);
  if (!campaign) notFound();
  await drawForCampaign(user, campaign.id);
  return redirect(`/staff/studies/${study.id}/campaigns/${campaign.id}?created=1#sample`);
}

/** A starting text in every language, so the draft can be previewed at once; the researcher edits it. */
function defaultEmail() {
  return Object.fromEntries(
    languages.map((language) => {
      const t = translator(language);
      return [language, { subject: t("staffCampaigns.defaultEmail.subject"), body: t("staffCampaigns.defaultEmail.body") }];
    }),
  );
}

export default function CampaignNew() {
  const t = useT();
  const language = useLanguage();
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const values = failed?.values ?? loaded.values;
  const errors: FieldErrors = failed?.errors ?? loaded.errors;
  const base = `/staff/studies/${loaded.study.id}/campaigns`;
  const live = useLiveCount(loaded.count, `/staff/segments/count?study=${loaded.study.id}`, values);
  const by = chosenAttributes(values);
  const labels: Record<string, string> = {
    ...useFieldLabels(),
    name: t("staffCampaigns.field.name"),
    segment: t("staffCampaigns.field.segment"),
    sampleMode: t("staffCampaigns.sample.mode"),
    wanted: t("staffCampaigns.sample.wanted"),
    oversample: t("staffCampaigns.sample.oversample"),
    by1: t("staffCampaigns.sample.by1"),
    allocation: t("staffCampaigns.sample.allocation"),
    strata: t("staffCampaigns.sample.strataLegend"),
    seed: t("staffCampaigns.sample.seed"),
    ...Object.fromEntries(strataKeys(by).map((key, index) => [`stratum-${index}`, stratumLabel(key, by, t, language)])),
  };
  const studies = loaded.studies.map((study) => ({ id: study.id, title: localized(study.title, language) || t("studies.untitled") }));
  const title = localized(loaded.study.title, language) || t("studies.untitled");
  const chosenSegment = typeof values.segment === "string" ? values.segment : "";

  return (
    <>
      <p>
        <Link to={base}>{t("staffCampaigns.backToCampaigns")}</Link>
      </p>
      <h1>{t("staffCampaigns.newTitle")}</h1>
      <p>{t("staffCampaigns.newIntro", { title })}</p>
      <Form key={formKey(values)} method="post" action={`${base}/new`} noValidate onChange={live.onChange}>
        <ErrorSummary state={{ errors }} labels={labels} />
        <SegmentNameField label={labels.name} value={typeof values.name === "string" ? values.name : ""} error={errors.name} />

        <fieldset className="segment-group">
          <legend>{t("staffCampaigns.who.legend")}</legend>
          <p className="hint">{t("staffCampaigns.who.hint")}</p>
          {loaded.segments.length > 0 ? (
            <div className={errors.segment ? "field field-invalid" : "field"}>
              <label htmlFor="segment">{labels.segment}</label>
              {errors.segment ? (
                <p className="field-error" id="segment-error">
                  {t(errors.segment)}
                </p>
              ) : null}
              <select
                id="segment"
                name="segment"
                defaultValue={chosenSegment}
                aria-invalid={errors.segment ? true : undefined}
                aria-describedby={errors.segment ? "segment-error" : undefined}
              >
                <option value="">{t("staffCampaigns.field.segmentNone")}</option>
                {loaded.segments.map((segment) => (
                  <option key={segment.id} value={segment.id}>
                    {segment.name}
                  </option>
                ))}
              </select>{" "}
              <button type="submit" name="intent" value="useSegment" formMethod="get" formAction={`${base}/new`} className="secondary">
                {t("staffCampaigns.field.useSegment")}
              </button>
            </div>
          ) : (
            <p className="hint">
              {t("staffCampaigns.field.noSegments")} <Link to="/staff/segments">{t("staffCampaigns.field.segmentsLink")}</Link>
            </p>
          )}
          <SegmentFilterFields values={values} errors={errors} studies={studies} />
          <LiveCount counted={live.counted} busy={live.busy} invalid={live.invalid} />
          <p className="hint">{t("staffCampaigns.who.countHint")}</p>
          <button type="submit" name="intent" value="count" formMethod="get" formAction={`${base}/new`} className="secondary">
            {t("staffSegments.count.button")}
          </button>
        </fieldset>

        <SampleFields values={values} errors={errors} />

        <div className="form-buttons">
          <button type="submit" name="intent" value="draw" className="primary">
            {t("staffCampaigns.draw")}
          </button>
          <Link to={base}>{t("staffCampaigns.cancelNew")}</Link>
        </div>
      </Form>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
