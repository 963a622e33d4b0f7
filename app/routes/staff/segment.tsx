// One saved segment: change its name and filters with the live count, or
// delete it (asked first). Campaigns keep their own copy of the filters, so
// neither changes a campaign already drawn.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { formatDateTime } from "~/infra/i18n/i18n";
import { countSegmentWithCap, deleteSegment, saveSegment, segmentFor } from "~/modules/recruitment/segments.server";
import { listStudies } from "~/modules/studies/studies.server";
import { localized } from "~/modules/studies/texts";
import styles from "./recruitment.css?url";
import {
  filtersToValues,
  formKey,
  LiveCount,
  moduleErrors,
  queryValues,
  readSegmentFilters,
  readSegmentName,
  SegmentFilterFields,
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
  const segment = await segmentFor(user, params.id ?? "");
  if (!segment) notFound();
  const url = new URL(request.url);
  const studies = await listStudies(user);
  // "Count" without JavaScript: the typed (unsaved) choices and their count.
  const counting = url.searchParams.get("intent") === "count";
  const values: FormValues = counting ? queryValues(url.searchParams) : { ...filtersToValues(segment.filters), name: segment.name };
  const read = readSegmentFilters(values);
  const count = read.ok ? await countSegmentWithCap(read.filters, {}) : null;
  const errors: FieldErrors = read.ok ? {} : read.errors;
  return data(
    {
      segment: { id: segment.id, name: segment.name, updatedAt: segment.updatedAt },
      studies: studies.map((study) => ({ id: study.id, title: study.title })),
      values,
      errors,
      count,
    },
    { status: read.ok ? 200 : 400 },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const segment = await segmentFor(user, params.id ?? "");
  if (!segment) notFound();
  const values = await readForm(request, segmentFormLists);
  const back = `/staff/segments/${segment.id}`;

  if (values.intent === "delete") {
    if (values.confirm !== "yes") return redirect(`${back}?confirm=delete#delete`);
    if (!(await deleteSegment(user, segment.id))) notFound();
    return redirect("/staff/segments?deleted=1");
  }

  if (values.intent === "save") {
    const name = readSegmentName(values);
    const read = readSegmentFilters(values as FormValues);
    const errors: FieldErrors = { ...(name.ok ? {} : name.errors), ...(read.ok ? {} : read.errors) };
    if (!name.ok || !read.ok) return data({ errors, values: values as FormValues }, { status: 400 });
    const saved = await saveSegment(user, { id: segment.id, name: name.name, filters: read.filters });
    if (!saved) notFound();
    if (!saved.ok) return data({ errors: moduleErrors(saved.errors), values: values as FormValues }, { status: 400 });
    return redirect(`${back}?saved=1`);
  }

  badRequest();
}

export default function Segment() {
  const t = useT();
  const language = useLanguage();
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const values = failed?.values ?? loaded.values;
  const errors: FieldErrors = failed?.errors ?? loaded.errors;
  const live = useLiveCount(loaded.count, "/staff/segments/count", values);
  const labels = useFieldLabels();
  const studies = loaded.studies.map((study) => ({ id: study.id, title: localized(study.title, language) || t("studies.untitled") }));
  const base = `/staff/segments/${loaded.segment.id}`;
  const confirming = params.get("confirm") === "delete";

  return (
    <>
      <p>
        <Link to="/staff/segments">{t("staffSegments.backToList")}</Link>
      </p>
      <h1>{t("staffSegments.segmentTitle", { name: loaded.segment.name })}</h1>
      <p className="hint">{t("staffSegments.updatedAt", { when: formatDateTime(loaded.segment.updatedAt, language) })}</p>
      {params.get("saved") ? (
        <p className="success" role="status">
          {t("staffSegments.savedNotice")}
        </p>
      ) : null}

      <Form key={formKey(values)} method="post" action={base} noValidate onChange={live.onChange}>
        <ErrorSummary state={{ errors }} labels={labels} />
        <SegmentNameField value={typeof values.name === "string" ? values.name : ""} error={errors.name} />
        <SegmentFilterFields values={values} errors={errors} studies={studies} />
        <LiveCount counted={live.counted} busy={live.busy} invalid={live.invalid} />
        <div className="form-buttons">
          <button type="submit" name="intent" value="count" formMethod="get" formAction={base} className="secondary">
            {t("staffSegments.count.button")}
          </button>
          <button type="submit" name="intent" value="save" className="primary">
            {t("staffSegments.saveChanges")}
          </button>
        </div>
      </Form>

      <section aria-labelledby="delete-title" id="delete" className="narrow">
        <h2 id="delete-title">{t("staffSegments.delete.title")}</h2>
        {confirming ? (
          <div className="notice" role="alertdialog" aria-labelledby="delete-confirm-title" aria-describedby="delete-confirm-body">
            <h3 id="delete-confirm-title">{t("staffSegments.delete.confirmTitle", { name: loaded.segment.name })}</h3>
            <p id="delete-confirm-body">{t("staffSegments.delete.confirmBody")}</p>
            <Form method="post" action={base}>
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit" className="primary danger">
                {t("staffSegments.delete.confirm")}
              </button>{" "}
              <Link to={base}>{t("staffSegments.delete.keep")}</Link>
            </Form>
          </div>
        ) : (
          <Form method="post" action={base}>
            <p className="hint">{t("staffSegments.delete.hint")}</p>
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="secondary">
              {t("staffSegments.delete.button")}
            </button>
          </Form>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
