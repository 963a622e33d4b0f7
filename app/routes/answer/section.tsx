// One section at a time, without JavaScript: the server checks each section,
// keeps the answers in the vault's draft (keyed by the link), and submits
// once after the last section.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SurveyQuestion } from "~/components/survey-question";
import { useT } from "~/components/use-translate";
import { isShown, type Answers } from "~/modules/surveys/definition";
import { local, pageLanguage } from "~/modules/surveys/link-pages.server";
import { answeringSession, postSection } from "~/modules/surveys/section-post.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { link, draft, survey, index, section } = await answeringSession(params.token ?? "");
  const language = await pageLanguage(request);
  const answers = draft.answers as Answers;
  return {
    title: local(link.study.title, language),
    sectionTitle: local(section.title, language),
    questions: section.questions,
    answers,
    current: index + 1,
    total: survey.definition.sections.length,
    language,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("Bad request", { status: 400 });
  }
  const outcome = await postSection(params.token ?? "", form, () => pageLanguage(request));
  if ("redirect" in outcome) return redirect(outcome.redirect);
  return data(outcome, { status: 400 });
}

export default function SurveySection() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = (failed?.errors ?? {}) as Record<string, string>;
  const typed = (failed?.typed ?? {}) as Record<string, string | string[]>;
  const errorIds = Object.keys(errors);
  const last = page.current === page.total;
  return (
    <div className="narrow survey">
      <p className="survey-title">{page.title}</p>
      <p id="progress-label">{t("survey.progress", { current: page.current, total: page.total })}</p>
      <progress max={page.total} value={page.current} aria-labelledby="progress-label" />
      <h1>{page.sectionTitle}</h1>
      {params.get("saved") ? (
        <p className="success" role="status">
          {t("survey.saved")}
        </p>
      ) : null}
      {errorIds.length > 0 ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{t("survey.errorsTitle")}</h2>
          <ul>
            {errorIds.map((id) => {
              const question = page.questions.find((q) => q.id === id);
              return (
                <li key={id}>
                  <a href={`#q_${id}`}>
                    {question ? `${(question.text as Record<string, string>)[page.language] || question.text.fi}: ` : ""}
                    {errors[id]}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <Form method="post" noValidate>
        {page.questions
          .filter((q) => isShown(q, page.answers))
          .map((q) => {
            const matrixTyped =
              q.type === "matrix"
                ? Object.fromEntries(q.rows.map((r) => [r.id, typed[`${q.id}__${r.id}`]]).filter(([, v]) => v !== undefined))
                : undefined;
            const value = failed ? (q.type === "matrix" ? matrixTyped : typed[q.id]) : page.answers[q.id];
            return <SurveyQuestion key={q.id} question={q} language={page.language} value={value} error={errors[q.id]} name={`q_${q.id}`} />;
          })}
        <div className="survey-buttons">
          {page.current > 1 ? (
            <button type="submit" name="intent" value="back" className="secondary">
              {t("survey.back")}
            </button>
          ) : null}{" "}
          <button type="submit" name="intent" value="next" className="primary">
            {last ? t("survey.submit") : t("survey.next")}
          </button>{" "}
          <button type="submit" name="intent" value="save" className="secondary">
            {t("survey.saveLater")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
