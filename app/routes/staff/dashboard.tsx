import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import type { MessageKey } from "~/infra/i18n/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "staff.area");
  return { name: user.name ?? user.email, roles: user.roles };
}

export default function StaffDashboard() {
  const t = useT();
  const { name, roles } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("staff.title")}</h1>
      <p>{t("staff.welcome", { name })}</p>
      <h2>{t("staff.yourRoles")}</h2>
      <dl>
        {roles.map((role) => (
          <div key={role}>
            <dt>{t(`role.${role}` as MessageKey)}</dt>
            <dd>{t(`staff.roleIntro.${role}` as MessageKey)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
