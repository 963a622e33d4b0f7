import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "./use-translate";

const known = [400, 403, 404] as const;

/** The error page every route exports: friendly, translated, no details leaked. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = (known as readonly number[]).includes(status) ? (status as (typeof known)[number]) : 500;
  if (kind === 500 && typeof console !== "undefined") console.error(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(`error.${kind}.title`)}</h1>
      <p>{t(`error.${kind}.body`)}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
