import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/infra/auth/guard.server";
import { exportMemberData } from "~/modules/members/export.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "member.self");
  const data = await exportMemberData(user.id);
  if (!data) throw new Response("Not found", { status: 404 });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="panel-my-data-${day}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
