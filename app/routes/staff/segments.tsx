// Saved segments and the builder of a new one. The live count: without
// JavaScript the "Count" button reloads the page (GET) with the count and
// every choice kept; with JavaScript it is recounted as the filters change.
// Researchers see how many members match, never who.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { badRequest } from "~/infra/http/responses.server";
import { formatDateTime } from "~/infra/i18n/i18n";
import { countSegmentWithCap, listSegments, saveSegment, type SegmentCount } from "~/modules/recruitment/segments.server";
import { listStudies } from "~/modules/studies/studies.server";
import { localized } from "~/modules/studies/texts";
import {
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
import styles from "./recruitment.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const url = new URL(request.url);
  const [segments, studies] = await Promise.all([listSegments(user), listStudies(user)]);
  const values = queryValues(url.searchParams);
  let count: SegmentCount | null = null;
  let errors: FieldErrors = {};
  if (url.searchParams.get("intent") === "count") {
    const read = readSegmentFilters(values);
    if (read.ok) count = await countSegmentWithCap(read.filters, {});
    else errors = read.errors;
  } else {
    // A new builder starts from everyone eligible.
    count = await countSegmentWithCap({}, {});
  }
  return data(
    {
      segments: segments.map((segment) => ({ id: segment.id, name: segment.name, updatedAt: segment.updatedAt })),
      studies: studies.map((study) => ({ id: study.id, title: study.title })),
      values,
      errors,
      count,
    },
    { status: Object.keys(errors).length > 0 ? 400 : 200 },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const values = await readForm(request, segmentFormLists);
  if (values.intent !== "save") badRequest();
  const name = readSegmentName(values);
  const read = readSegmentFilters(values as FormValues);
  const errors: FieldErrors = { ...(name.ok ? {} : name.errors), ...(read.ok ? {} : read.errors) };
  if (!name.ok || !read.ok) return data({ errors, values: values as FormValues }, { status: 400 });
  const saved = await saveSegment(user, { name: name.name, filters: read.filters });
  if (!saved) badRequest();
  if (!saved.ok) return data({ errors: moduleErrors(saved.errors), values: values as FormValues }, { status: 400 });
  return redirect(`/staff/segments/${saved.segment.id}?saved=1`);
}

export default function Segments() {
  const t = useT();
  const language = useLanguage();
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const values = failed?.values ?? loaded.values;
  const errors: FieldErrors = failed?.errors ?? loaded.errors;
  const live = useLiveCount(loaded.count, "/staff/segments/count", values);
  const studies = loaded.studies.map((study) => ({ id: study.id, title: localized(study.title, language) || t("studies.untitled") }));
  const labels = useFieldLabels();

  return (
    <>
      <h1>{t("staffSegments.title")}</h1>
      <p>{t("staffSegments.intro")}</p>
      {params.get("deleted") ? (
        <p className="success" role="status">
          {t("staffSegments.deleted")}
        </p>
      ) : null}

      <section aria-labelledby="saved-title">
        <h2 id="saved-title">{t("staffSegments.saved.title")}</h2>
        {loaded.segments.length === 0 ? (
          <p className="empty-state">{t("staffSegments.saved.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("staffSegments.saved.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("staffSegments.field.name")}</th>
                  <th scope="col">{t("staffSegments.saved.updated")}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.segments.map((segment) => (
                  <tr key={segment.id}>
                    <td>
                      <Link to={`/staff/segments/${segment.id}`}>{segment.name}</Link>
                    </td>
                    <td>{formatDateTime(segment.updatedAt, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="builder-title">
        <h2 id="builder-title">{t("staffSegments.builder.title")}</h2>
        <p className="hint">{t("staffSegments.builder.hint")}</p>
        <Form key={formKey(values)} method="post" noValidate onChange={live.onChange}>
          <ErrorSummary state={{ errors }} labels={labels} />
          <SegmentNameField value={typeof values.name === "string" ? values.name : ""} error={errors.name} />
          <SegmentFilterFields values={values} errors={errors} studies={studies} />
          <LiveCount counted={live.counted} busy={live.busy} invalid={live.invalid} />
          <div className="form-buttons">
            <button type="submit" name="intent" value="count" formMethod="get" className="secondary">
              {t("staffSegments.count.button")}
            </button>
            <button type="submit" name="intent" value="save" className="primary">
              {t("staffSegments.save")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
