import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/components/use-translate";
import { resolveLink } from "~/modules/surveys/answering.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await resolveLink(params.token ?? "");
  if (!link) throw new Response("Not found", { status: 404 });
  return null;
}

export default function SurveyThanks() {
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("survey.thanksTitle")}</h1>
      <p>{t("survey.thanksBody")}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
