import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { staffRoles } from "~/infra/auth/roles";
import { formatDateTime, type MessageKey } from "~/infra/i18n/i18n";
import { listStaff } from "~/modules/staff/accounts.server";

const querySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  role: z.enum(staffRoles).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff.manage");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = querySchema.parse(params);
  const result = await listStaff({ query: filter.q || undefined, role: filter.role, page: filter.page });
  return { ...result, filter };
}

export default function StaffAccounts() {
  const t = useT();
  const language = useLanguage();
  const { rows, total, pages, filter } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const created = params.get("created");
  return (
    <>
      <div className="toolbar">
        <h1>{t("staffAccounts.title")}</h1>
        <Link className="button" to="/staff/accounts/new">
          {t("staffAccounts.new")}
        </Link>
      </div>
      {created ? (
        <p className="notice" role="status">
          {t("staffAccounts.created", { email: created })}
        </p>
      ) : null}
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="q">{t("staffAccounts.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q} />
        </div>
        <div className="field">
          <label htmlFor="role">{t("staffAccounts.role")}</label>
          <select id="role" name="role" defaultValue={filter.role ?? ""}>
            <option value="">{t("staffAccounts.anyRole")}</option>
            {staffRoles.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t("staffAccounts.filter")}
        </button>
      </Form>
      <p aria-live="polite">{t("staffAccounts.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p className="empty-state">{t("staffAccounts.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("staffAccounts.name")}</th>
                <th scope="col">{t("staffAccounts.email")}</th>
                <th scope="col">{t("staffAccounts.roles")}</th>
                <th scope="col">{t("staffAccounts.status")}</th>
                <th scope="col">{t("staffAccounts.lastSignIn")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.name}</td>
                  <td>{row.email}</td>
                  <td>{row.roles.map((role) => t(`role.${role}` as MessageKey)).join(", ")}</td>
                  <td>{t(`status.${row.status}` as MessageKey)}</td>
                  <td>{row.lastSignInAt ? formatDateTime(row.lastSignInAt, language) : t("staffAccounts.never")}</td>
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
