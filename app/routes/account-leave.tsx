import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkbox, ErrorSummary } from "~/components/form";
import { useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { clearSessionCookie } from "~/infra/auth/session.server";
import { invalid, parseForm } from "~/infra/http/form.server";
import { leaveCommunity } from "~/modules/members/leave.server";

const schema = z.object({ confirm: z.literal("yes", { error: "leave.mustConfirm" }) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "member.self");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const form = await parseForm(request, schema);
  if (!form.ok) return invalid(form);
  if (!(await leaveCommunity(user.id))) return data({ errors: {}, values: {} }, { status: 404 });
  return redirect("/?left=1", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export default function AccountLeave() {
  const t = useT();
  const state = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>{t("leave.title")}</h1>
      <ErrorSummary state={state} labels={{ confirm: t("leave.confirm") }} />
      <p>{t("leave.intro")}</p>
      <ul>
        <li>{t("leave.point1")}</li>
        <li>{t("leave.point2")}</li>
        <li>{t("leave.point3")}</li>
        <li>{t("leave.point4")}</li>
      </ul>
      <Form method="post" noValidate>
        <Checkbox name="confirm" label={t("leave.confirm")} state={state} />
        <button type="submit" className="primary danger">
          {t("leave.submit")}
        </button>{" "}
        <Link to="/account">{t("leave.cancel")}</Link>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
