import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/infra/auth/guard.server";
import { notFound } from "~/infra/http/responses.server";
import { payoutCsv } from "~/modules/incentives/incentives.server";

/** An open payout batch as the CSV finance pays from; downloading it marks the batch exported. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "incentives.admin");
  const file = await payoutCsv(user, params.id ?? "");
  if (!file) notFound();
  return new Response(file.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName.replace(/[^\w.-]/g, "")}"`,
      // Names and account numbers: never kept by a browser or a proxy.
      "Cache-Control": "no-store",
    },
  });
}
