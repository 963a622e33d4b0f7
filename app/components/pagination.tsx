import { Link, useLocation } from "@remix-run/react";
import { useT } from "./use-translate";

export function Pagination({ page, pages }: { page: number; pages: number }) {
  const t = useT();
  const location = useLocation();
  if (pages <= 1) return null;
  const href = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? <Link to={href(page - 1)}>{t("pagination.previous")}</Link> : null}
      <span aria-current="page">{t("pagination.page", { page, pages })}</span>
      {page < pages ? <Link to={href(page + 1)}>{t("pagination.next")}</Link> : null}
    </nav>
  );
}
