import { Link } from "@remix-run/react";
import { useT } from "~/components/use-translate";
import { useFormats } from "./use-formats";

export interface TextPage {
  state: "ok" | "hidden";
  total: number;
  /** already masked by the vault module */
  items: string[];
  page: number;
  pages: number;
  perPage: number;
}

/** Masked free-text answers, a page at a time; links keep the view. */
export function TextAnswers({
  questionId,
  title,
  answers,
  k,
  pageHref,
}: {
  questionId: string;
  title: string;
  answers: TextPage | undefined;
  k: number;
  pageHref: (questionId: string, page: number) => string;
}) {
  const t = useT();
  const formats = useFormats();
  if (!answers || answers.state === "hidden") return <p className="notice">{t("results.text.hidden", { k })}</p>;
  if (answers.total === 0) return <p className="empty-state">{t("results.text.none")}</p>;
  return (
    <>
      <p>
        {t("results.text.count", { count: formats.count(answers.total) })} {t("results.text.masked")}
      </p>
      <ol className="text-answer-list" start={(answers.page - 1) * answers.perPage + 1}>
        {answers.items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ol>
      {answers.pages > 1 ? (
        <nav className="pagination" aria-label={t("results.text.pages", { question: title })}>
          {answers.page > 1 ? <Link to={pageHref(questionId, answers.page - 1)}>{t("results.text.previous")}</Link> : null}
          <span aria-current="page">{t("results.text.page", { page: formats.count(answers.page), pages: formats.count(answers.pages) })}</span>
          {answers.page < answers.pages ? <Link to={pageHref(questionId, answers.page + 1)}>{t("results.text.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
