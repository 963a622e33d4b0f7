// One recurring matter: its items (reference, channel, unit, status, a masked
// excerpt, date), its name (a handler may rename it), and per item: take it out
// of the matter (after a confirmation; it is never regrouped automatically) or
// move it into another matter, named by one of that matter's items' references
// or the matter's id. POST-redirect-GET; works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmBox, ErrorSummary, Field } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { badRequest, notFound } from "~/infra/http/responses.server";
import { formatDate, type MessageKey } from "~/infra/i18n/i18n";
import { groupDetail, moveToGroup, renameGroup, takeOutOfGroup } from "~/modules/feedback/grouping.server";
import { feedbackReference } from "~/modules/feedback/kinds";
import { GROUP_TITLE_MAX } from "~/modules/feedback/similarity";
import { maskFreeText } from "~/modules/results/masking";

const EXCERPT_MAX = 200;
const isUuid = (value: unknown): value is string => typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

function excerpt(text: string) {
  const masked = maskFreeText(text).replace(/\s+/g, " ").trim();
  return masked.length > EXCERPT_MAX ? `${masked.slice(0, EXCERPT_MAX - 1).trimEnd()}…` : masked;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "feedback.handle");
  if (!isUuid(params.groupId)) notFound();
  const group = await groupDetail(params.groupId.toLowerCase());
  if (!group) notFound();
  return data(
    {
      id: group.id,
      title: group.title,
      terms: group.terms,
      customers: group.customers,
      items: group.items.map((item) => ({ ...item, text: excerpt(item.text) })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

interface Failure {
  form: "rename" | "takeOut" | "move";
  itemId?: string;
  errors: Record<string, MessageKey>;
  values: Record<string, string>;
}

const refuse = (failure: Failure, status = 400) => data(failure, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "feedback.handle");
  if (!isUuid(params.groupId)) notFound();
  const groupId = params.groupId.toLowerCase();
  const values = await readForm(request);
  const here = `/staff/feedback/groups/${groupId}`;
  switch (values.intent) {
    case "rename": {
      const title = values.title ?? "";
      if (title.trim().length > GROUP_TITLE_MAX) return refuse({ form: "rename", errors: { title: "feedbackGroups.rename.error.tooLong" }, values: { title } });
      if (!(await renameGroup(groupId, title))) notFound();
      return redirect(`${here}?done=renamed`);
    }
    case "takeOut": {
      if (!isUuid(values.itemId)) badRequest();
      const itemId = values.itemId.toLowerCase();
      const field = `understood-${itemId}`;
      if (values.understood !== "on") return refuse({ form: "takeOut", itemId, errors: { [field]: "feedbackGroups.takeOut.error.understood" }, values: {} });
      const taken = await takeOutOfGroup(groupId, itemId, { userId: user.id });
      if (!taken) return refuse({ form: "takeOut", itemId, errors: { [field]: "feedbackGroups.itemGone" }, values: {} }, 409);
      return redirect(`${here}?done=takenOut`);
    }
    case "move": {
      if (!isUuid(values.itemId)) badRequest();
      const itemId = values.itemId.toLowerCase();
      const field = `target-${itemId}`;
      const target = (values[field] ?? "").slice(0, 100);
      const moved = await moveToGroup(groupId, itemId, target, { userId: user.id });
      if (!moved.ok) {
        const error: MessageKey = moved.reason === "notFound" ? "feedbackGroups.itemGone" : `feedbackGroups.move.error.${moved.reason}`;
        return refuse({ form: "move", itemId, errors: { [field]: error }, values: { [field]: target } }, moved.reason === "notFound" ? 409 : 400);
      }
      return redirect(`${here}?done=moved`);
    }
  }
  badRequest();
}

const doneMessages: Record<string, MessageKey> = {
  renamed: "feedbackGroups.rename.saved",
  takenOut: "feedbackGroups.takeOut.done",
  moved: "feedbackGroups.move.done",
};

export default function FeedbackGroup() {
  const t = useT();
  const language = useLanguage();
  const group = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = doneMessages[searchParams.get("done") ?? ""];
  const heading = group.title ?? (group.terms.length > 0 ? group.terms.join(", ") : t("feedbackGroups.untitled"));
  const renameState = failed?.form === "rename" ? failed : undefined;
  return (
    <>
      <p>
        <Link to="/staff/feedback/groups">{t("feedbackGroups.back")}</Link>
      </p>
      <h1>{heading}</h1>
      {done ? (
        <p className="notice" role="status">
          {t(done)}
        </p>
      ) : null}
      <p>{t("feedbackGroups.detail.summary", { size: group.items.length, customers: group.customers })}</p>
      {group.terms.length > 0 ? (
        <p>
          {t("feedbackGroups.detail.terms")}: {group.terms.join(", ")}
        </p>
      ) : null}

      <section aria-labelledby="rename-title">
        <h2 id="rename-title">{t("feedbackGroups.rename.title")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="rename" />
          <ErrorSummary state={renameState} labels={{ title: t("feedbackGroups.rename.label") }} />
          <Field name="title" label={t("feedbackGroups.rename.label")} hint={t("feedbackGroups.rename.hint")} state={renameState} defaultValue={group.title ?? ""} maxLength={GROUP_TITLE_MAX} />
          <button type="submit">{t("feedbackGroups.rename.submit")}</button>
        </Form>
      </section>

      {failed && failed.form !== "rename" ? (
        <ErrorSummary
          state={failed}
          labels={Object.fromEntries(Object.keys(failed.errors).map((field) => [field, field.startsWith("target-") ? t("feedbackGroups.move.label") : t("feedbackGroups.takeOut.submit")]))}
        />
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("feedbackGroups.col.reference")}</th>
              <th scope="col">{t("feedbackGroups.col.channel")}</th>
              <th scope="col">{t("feedbackGroups.col.unit")}</th>
              <th scope="col">{t("feedbackGroups.col.status")}</th>
              <th scope="col">{t("feedbackGroups.col.excerpt")}</th>
              <th scope="col">{t("feedbackGroups.col.date")}</th>
              <th scope="col">{t("feedbackGroups.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {group.items.map((item) => {
              const state = failed && failed.form !== "rename" && failed.itemId === item.id ? failed : undefined;
              const confirmError = state?.errors[`understood-${item.id}`];
              return (
                <tr key={item.id}>
                  <td>
                    <Link to={`/staff/feedback/${item.id}`}>{feedbackReference(item.number)}</Link>
                    {item.groupLocked ? <> ({t("feedbackGroups.locked")})</> : null}
                  </td>
                  <td>{t(`feedback.channel.${item.channel}` as MessageKey)}</td>
                  <td>{item.unitName ?? t("feedback.noUnit")}</td>
                  <td>{t(`feedback.status.${item.status}` as MessageKey)}</td>
                  <td>{item.text}</td>
                  <td>{formatDate(item.receivedAt, language)}</td>
                  <td>
                    {group.items.length > 1 ? (
                      <Form method="post" noValidate>
                        <input type="hidden" name="intent" value="takeOut" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <ConfirmBox id={`understood-${item.id}`} label={t("feedbackGroups.takeOut.confirm")} error={confirmError ? t(confirmError) : undefined} />
                        <button type="submit">
                          {t("feedbackGroups.takeOut.submit")} {feedbackReference(item.number)}
                        </button>
                      </Form>
                    ) : null}
                    <Form method="post" noValidate>
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="itemId" value={item.id} />
                      <Field name={`target-${item.id}`} label={t("feedbackGroups.move.label")} state={state} autoComplete="off" />
                      <button type="submit">
                        {t("feedbackGroups.move.submit")} {feedbackReference(item.number)}
                      </button>
                    </Form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
