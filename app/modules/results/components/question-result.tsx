import { useMemo } from "react";
import { useLanguage, useT } from "~/components/use-translate";
import type { QuestionResult, ReportView } from "../report";
import { ChartCards } from "./bar-chart";
import { questionText } from "../labels";
import { measuresOf } from "../measures";
import { ResultsTable } from "./results-table";
import { TextAnswers, type TextPage } from "./text-answers";
import { useFormats } from "./use-formats";

/** One question: charts and their table, or free-text answers, or why nothing is shown. */
export function QuestionResultView({
  result,
  view,
  k,
  texts,
  pageHref,
}: {
  result: QuestionResult;
  view: ReportView | null;
  k: number;
  texts: TextPage | undefined;
  pageHref: (questionId: string, page: number) => string;
}) {
  const t = useT();
  const language = useLanguage();
  const formats = useFormats();
  const { question } = result;
  const title = questionText(question, language);
  const measures = useMemo(() => measuresOf(result, view, language, t, formats), [result, view, language, t, formats]);
  const headingId = `q-${question.id}-title`;
  const isText = question.type === "shortText" || question.type === "longText";
  return (
    <section className="result-question" id={`q-${question.id}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {result.state === "none" && !isText ? <p className="empty-state">{t("results.question.none")}</p> : null}
      {result.state === "too-few" && !isText ? <p className="notice">{t("results.question.tooFew", { k })}</p> : null}
      {isText ? <TextAnswers questionId={question.id} title={title} answers={texts} k={k} pageHref={pageHref} /> : null}
      {question.type === "multiple" && measures.length > 0 ? <p className="hint">{t("results.multipleHint")}</p> : null}
      {question.type === "nps" && measures.length > 0 ? <p className="hint">{t("results.npsHint")}</p> : null}
      {measures.map((measure) => {
        const body = (
          <div className={measure.columns.length === 1 ? "measure measure-single" : "measure"}>
            <ChartCards measure={measure} />
            <ResultsTable measure={measure} k={k} />
          </div>
        );
        return question.type === "matrix" ? (
          <section key={measure.id} aria-labelledby={`m-${measure.id}`}>
            <h4 id={`m-${measure.id}`}>{measure.row}</h4>
            {body}
          </section>
        ) : (
          <div key={measure.id}>{body}</div>
        );
      })}
    </section>
  );
}
