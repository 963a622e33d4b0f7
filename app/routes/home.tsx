import { Link, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useRootData, useT } from "~/components/use-translate";

export default function Home() {
  const t = useT();
  const user = useRootData()?.user;
  const [params] = useSearchParams();
  return (
    <>
      {params.get("left") ? (
        <p className="success" role="status">
          {t("leave.done")}
        </p>
      ) : null}
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <p className="promise">{t("home.promise")}</p>
      {!user ? (
        <p>
          <Link className="button" to="/join">
            {t("landing.joinCta")}
          </Link>{" "}
          <Link to="/sign-in">{t("home.signInCta")}</Link>
        </p>
      ) : null}
      <section aria-labelledby="what">
        <h2 id="what">{t("landing.whatTitle")}</h2>
        <ul>
          <li>{t("landing.what1")}</li>
          <li>{t("landing.what2")}</li>
          <li>{t("landing.what3")}</li>
        </ul>
        <p>{t("home.who")}</p>
      </section>
      <section aria-labelledby="how-often">
        <h2 id="how-often">{t("landing.howOftenTitle")}</h2>
        <p>{t("landing.howOften")}</p>
      </section>
      <section aria-labelledby="privacy">
        <h2 id="privacy">{t("landing.privacyTitle")}</h2>
        <p>{t("landing.privacy")}</p>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
