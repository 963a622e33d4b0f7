import type { LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field, type FormState } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { formatDateTime, type MessageKey } from "~/infra/i18n/i18n";
import {
  AuditUnavailableError,
  directoryQuerySchema,
  memberStatuses,
  readViewReason,
  reasonQuery,
  searchMembers,
  viewReasons,
  type ViewReason,
} from "~/modules/members/directory.server";

/** Only a member's page or export may follow the reason form. */
function safeNext(value: string | null) {
  return value && /^\/staff\/members\/[0-9a-f-]{36}(\/export)?$/i.test(value) ? value : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "members.directory");
  const url = new URL(request.url);
  const filter = directoryQuerySchema.parse(Object.fromEntries(url.searchParams));
  const next = safeNext(url.searchParams.get("next"));
  const options = { reasons: viewReasons, statuses: memberStatuses, filter, next };
  const check = readViewReason(url.searchParams);
  if (check.state === "missing") {
    return data({ ...options, view: "reason" as const, form: {} as FormState });
  }
  if (check.state === "invalid") {
    const error: MessageKey =
      check.field === "reason" ? "staffMembers.reasonRequired" : check.error === "form.tooLong" ? "staffMembers.whyTooLong" : "staffMembers.whyRequired";
    const form: FormState = { errors: { [check.field]: error }, values: check.values };
    return data({ ...options, view: "reason" as const, form }, { status: 400 });
  }
  if (next) throw redirect(`${next}?${reasonQuery(check.reason)}`);
  try {
    const result = await searchMembers(filter, { actorId: user.id, reason: check.reason });
    return data({ ...options, view: "list" as const, reason: check.reason, reasonQuery: reasonQuery(check.reason), ...result });
  } catch (error) {
    if (error instanceof AuditUnavailableError) return data({ ...options, view: "audit-failed" as const }, { status: 503 });
    throw error;
  }
}

export default function Members() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("staffMembers.title")}</h1>
      {loaded.view === "reason" ? (
        <ReasonForm reasons={loaded.reasons} state={loaded.form} next={loaded.next} />
      ) : loaded.view === "audit-failed" ? (
        <AuditFailed />
      ) : (
        <Directory {...loaded} />
      )}
    </>
  );
}

function ReasonForm({ reasons, state, next }: { reasons: readonly string[]; state: FormState; next: string | null }) {
  const t = useT();
  const labels = { reason: t("staffMembers.reason"), why: t("staffMembers.why") };
  const reasonError = state.errors?.reason;
  return (
    <div className="narrow">
      <h2>{t("staffMembers.reasonTitle")}</h2>
      <p>{t("staffMembers.reasonIntro")}</p>
      <Form method="get" noValidate>
        <ErrorSummary state={state} labels={labels} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <div className={reasonError ? "field field-invalid" : "field"}>
          <label htmlFor="reason">{labels.reason}</label>
          {reasonError ? (
            <p className="field-error" id="reason-error">
              {t(reasonError)}
            </p>
          ) : null}
          <select
            id="reason"
            name="reason"
            required
            defaultValue={state.values?.reason ?? ""}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? "reason-error" : undefined}
          >
            <option value="">{t("staffMembers.reasonChoose")}</option>
            {reasons.map((reason) => (
              <option key={reason} value={reason}>
                {t(`staffMembers.reason.${reason}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <Field name="why" label={labels.why} hint={t("staffMembers.whyHint")} state={state} maxLength={500} autoComplete="off" />
        <button type="submit" className="primary">
          {t("staffMembers.continue")}
        </button>
      </Form>
    </div>
  );
}

function AuditFailed() {
  const t = useT();
  return (
    <section className="error-page" aria-labelledby="audit-failed-title">
      <h2 id="audit-failed-title">{t("staffMembers.auditFailedTitle")}</h2>
      <p role="alert">{t("staffMembers.auditFailedBody")}</p>
    </section>
  );
}

type ListData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { view: "list" }>;

function reasonLabel(t: ReturnType<typeof useT>, reason: ViewReason) {
  const label = t(`staffMembers.reason.${reason.code}` as MessageKey);
  return reason.text ? `${label} – ${reason.text}` : label;
}

function Directory({ rows, total, pages, filter, statuses, reason, reasonQuery: carried }: ListData) {
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <p className="notice">
        {t("staffMembers.reasonShown", { reason: reasonLabel(t, reason) })} <Link to="/staff/members">{t("staffMembers.changeReason")}</Link>
      </p>
      <Form method="get" className="filters" role="search">
        <input type="hidden" name="reason" value={reason.code} />
        {reason.text ? <input type="hidden" name="why" value={reason.text} /> : null}
        <div className="field">
          <label htmlFor="q">{t("staffMembers.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="status">{t("staffMembers.status")}</label>
          <select id="status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("staffMembers.anyStatus")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="joinedAfter">{t("staffMembers.joinedAfter")}</label>
          <input id="joinedAfter" name="joinedAfter" type="date" defaultValue={filter.joinedAfter ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="joinedBefore">{t("staffMembers.joinedBefore")}</label>
          <input id="joinedBefore" name="joinedBefore" type="date" defaultValue={filter.joinedBefore ?? ""} />
        </div>
        <button type="submit" className="primary">
          {t("staffMembers.filter")}
        </button>
      </Form>
      <p aria-live="polite">{t("staffMembers.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p className="empty-state">{t("staffMembers.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("staffMembers.email")}</th>
                <th scope="col">{t("staffMembers.status")}</th>
                <th scope="col">{t("staffMembers.language")}</th>
                <th scope="col">{t("staffMembers.joined")}</th>
                <th scope="col">{t("staffMembers.lastSignIn")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/staff/members/${row.id}?${carried}`}>{row.email}</Link>
                  </td>
                  <td>{t(`status.${row.status}` as MessageKey)}</td>
                  <td>{t(`lang.${row.language}` as MessageKey)}</td>
                  <td>{formatDateTime(row.createdAt, language)}</td>
                  <td>{row.lastSignInAt ? formatDateTime(row.lastSignInAt, language) : t("staffMembers.never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={filter.page} pages={pages} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
