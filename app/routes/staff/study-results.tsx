import type { LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";

// Placeholder: the page is being built.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "studies.manage");
  return null;
}

export default function StudyResults() {
  const t = useT();
  return <h1>{t("results.title")}</h1>;
}

export const ErrorBoundary = GeneralErrorBoundary;
