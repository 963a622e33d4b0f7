import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { notFound } from "~/infra/http/responses.server";
import type { QuestionResult } from "~/modules/results/report";
import { Funnel } from "~/modules/results/components/funnel";
import { attributeLabel, valueLabel, viewLabel } from "~/modules/results/labels";
import { QuestionResultView } from "~/modules/results/components/question-result";
import resultsStyles from "~/modules/results/components/results.css?url";
import type { TextPage } from "~/modules/results/components/text-answers";
import { useFormats } from "~/modules/results/components/use-formats";
import { ViewForm } from "~/modules/results/components/view-form";
import { parsePage, parseView, viewParam } from "~/modules/results/view-query";
import { funnel } from "~/modules/studies/invitations.server";
import { answeringVersion, studyFor } from "~/modules/studies/studies.server";
import { localized } from "~/modules/studies/texts";
import { emptyDefinition, type Question } from "~/modules/surveys/definition";
import { pendingCount, studyResults, textAnswers } from "~/modules/vault/results.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: resultsStyles }];

const PER_PAGE = 20;
const isText = (question: Question) => question.type === "shortText" || question.type === "longText";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const study = await studyFor(user, params.id ?? "");
  if (!study) notFound();
  const search = new URL(request.url).searchParams;
  const { view, unknown } = parseView(search.get("view"), study.analysisAttributes);
  const survey = await answeringVersion(study.id);
  const definition = survey?.definition ?? emptyDefinition;
  const target = { id: study.id, minGroupSize: study.minGroupSize, analysisAttributes: study.analysisAttributes };
  const [counts, pending, report] = await Promise.all([funnel(study.id), pendingCount(study.id), studyResults(target, definition, view)]);

  // Free text: page 1 of every text question, except the one asked for (?q=…&page=…).
  const texts: Record<string, TextPage> = {};
  if (report.state === "ok" && report.view && report.view.kind !== "refused") {
    const asked = search.get("q");
    const askedPage = parsePage(search.get("page"));
    const textQuestions = report.questions.filter((result) => isText(result.question));
    for (const { question } of textQuestions) {
      const wanted = question.id === asked ? askedPage : 1;
      let found = await textAnswers(target, definition, question.id, view, { page: wanted, perPage: PER_PAGE });
      const pages = Math.max(1, Math.ceil(found.total / PER_PAGE));
      const page = Math.min(wanted, pages);
      if (page !== wanted) found = await textAnswers(target, definition, question.id, view, { page, perPage: PER_PAGE });
      texts[question.id] = { state: found.state, total: found.total, items: found.items, page, pages, perPage: PER_PAGE };
    }
  }

  return {
    study: { id: study.id, title: study.title, k: study.minGroupSize, attributes: study.analysisAttributes },
    funnel: { ...counts, pending },
    view: viewParam(view),
    unknownView: unknown,
    report,
    sections: definition.sections.map((section) => ({ id: section.id, title: section.title, questionIds: section.questions.map((q) => q.id) })),
    texts,
  };
}

export default function StudyResults() {
  const t = useT();
  const language = useLanguage();
  const formats = useFormats();
  const { study, funnel: counts, view, unknownView, report, sections, texts } = useLoaderData<typeof loader>();
  const base = `/staff/studies/${study.id}`;
  const title = localized(study.title, language) || t("studies.untitled");
  const k = report.k;
  const shownView = report.view && report.view.kind !== "refused" ? report.view : null;
  const byId = new Map(report.questions.map((result) => [result.question.id, result as QuestionResult]));
  const pageHref = (questionId: string, page: number) =>
    `${base}/results?${new URLSearchParams({ view, q: questionId, page: String(page) })}#q-${questionId}`;

  return (
    <>
      <p>
        <Link to={base}>{t("studies.backToStudy")}</Link>
      </p>
      <h1>{t("results.heading", { title })}</h1>

      <section className="results-section" aria-labelledby="funnel-title">
        <h2 id="funnel-title">{t("results.funnel.title")}</h2>
        <Funnel invited={counts.invited} completed={counts.completed} pending={counts.pending} />
      </section>

      {report.state !== "ok" ? (
        <section className="results-section" aria-labelledby="empty-title">
          <h2 id="empty-title">{t("results.empty.title")}</h2>
          <p className="notice">{t("results.empty.body", { k })}</p>
        </section>
      ) : (
        <>
          <section className="results-section" aria-labelledby="view-title">
            <h2 id="view-title">{t("results.view.title")}</h2>
            {unknownView ? (
              <p className="notice" role="status">
                {t("results.view.unknown")}
              </p>
            ) : null}
            {study.attributes.length === 0 ? <p className="hint">{t("results.view.noAttributes")}</p> : null}
            <ViewForm action={`${base}/results`} current={view} attributes={report.attributes} filters={report.filters} />
            <p className="hint">{t("results.view.hint", { k })}</p>
            {report.view?.kind === "refused" ? (
              <p className="notice" role="alert">
                {t("results.view.refused", {
                  attribute: attributeLabel(report.view.attribute, t),
                  value: valueLabel(report.view.attribute, report.view.value, language, t),
                  k,
                })}
              </p>
            ) : null}
            {shownView ? <p>{t("results.view.showing", { view: viewLabel(shownView, language, t), count: formats.count(shownView.respondents) })}</p> : null}
            <p>
              <a href={`${base}/results.csv?${new URLSearchParams({ view })}`} download>
                {t("results.csv")}
              </a>{" "}
              <span className="hint">{t("results.csvHint")}</span>
            </p>
          </section>

          {shownView?.kind === "breakdown" ? (
            <section className="results-section" aria-labelledby="groups-title">
              <h2 id="groups-title">{t("results.groups.title")}</h2>
              <div className="table-wrap">
                <table className="results-table" aria-describedby={shownView.groups.some((g) => g.respondents === null) ? "groups-hidden-note" : undefined}>
                  <caption>{t("results.groups.caption", { attribute: attributeLabel(shownView.attribute, t) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("results.groups.group")}</th>
                      <th scope="col">{t("results.answered")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shownView.groups.map((group) => (
                      <tr key={group.value}>
                        <th scope="row">{valueLabel(shownView.attribute, group.value, language, t)}</th>
                        {group.respondents === null ? (
                          <td className="hidden-cell">{t("results.hidden")}</td>
                        ) : (
                          <td>{formats.count(group.respondents)}</td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {shownView.groups.some((g) => g.respondents === null) ? (
                <p className="hint" id="groups-hidden-note">
                  {t("results.hiddenNote", { k })}
                </p>
              ) : null}
            </section>
          ) : null}

          {shownView
            ? sections.map((section, index) => {
                const results = section.questionIds.map((id) => byId.get(id)).filter((r): r is QuestionResult => r !== undefined);
                if (results.length === 0) return null;
                return (
                  <section className="results-section" key={section.id} aria-labelledby={`section-${section.id}`}>
                    <h2 id={`section-${section.id}`}>{localized(section.title, language) || t("studies.builder.untitledSection", { n: index + 1 })}</h2>
                    {results.map((result) => (
                      <QuestionResultView
                        key={result.question.id}
                        result={result}
                        view={shownView}
                        k={k}
                        texts={texts[result.question.id]}
                        pageHref={pageHref}
                      />
                    ))}
                  </section>
                );
              })
            : null}
        </>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
