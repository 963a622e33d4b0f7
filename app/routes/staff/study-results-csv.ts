import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/infra/auth/guard.server";

// Placeholder: the export is being built.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "studies.manage");
  throw new Response("Not found", { status: 404 });
}
