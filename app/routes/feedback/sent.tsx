// After the public form: the customer's reference, read from a signed token in
// the address (a made-up number is not shown), so the page survives a reload.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/components/use-translate";
import { referenceFromSentToken } from "~/modules/feedback/intake.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return { reference: referenceFromSentToken(new URL(request.url).searchParams.get("ref")) };
}

export default function FeedbackSent() {
  const t = useT();
  const { reference } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("feedbackIntake.sent.title")}</h1>
      {reference ? (
        <>
          <p className="success" role="status">
            {t("feedbackIntake.sent.reference", { reference })}
          </p>
          <p>{t("feedbackIntake.sent.referenceHint")}</p>
        </>
      ) : (
        <p role="status">{t("feedbackIntake.sent.noReference")}</p>
      )}
      <p>
        <Link to="/feedback">{t("feedbackIntake.sent.again")}</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
