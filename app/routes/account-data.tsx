import type { LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "member.self");
  return null;
}

export default function AccountData() {
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("data.title")}</h1>
      <p>{t("data.intro")}</p>
      <p className="promise">{t("data.anonymous")}</p>
      <p>
        {/* A plain link: the download is a file, not a page. */}
        <a className="button" href="/account/data/download" download>
          {t("data.download")}
        </a>
      </p>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
