import { Link } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useRootData, useT } from "~/components/use-translate";

export default function Home() {
  const t = useT();
  const user = useRootData()?.user;
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <p className="promise">{t("home.promise")}</p>
      <p>{t("home.who")}</p>
      {!user ? (
        <p>
          <Link className="button" to="/sign-in">
            {t("home.signInCta")}
          </Link>
        </p>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
