// One section at a time, without JavaScript: the server checks each section,
// keeps the answers in the vault's draft (keyed by the link), and submits
// once after the last section.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SurveyQuestion } from "~/components/survey-question";
import { useT } from "~/components/use-translate";
import { translator } from "~/infra/i18n/i18n";
import { helsinkiDay } from "~/modules/studies/days";
import { currentSurvey, resolveLink, submit } from "~/modules/surveys/answering.server";
import { isShown, type Answers } from "~/modules/surveys/definition";
import { local, pageLanguage } from "~/modules/surveys/link-pages.server";
import { readSection, visibleAnswers } from "~/modules/surveys/section-form";
import { loadDraft, saveDraft } from "~/modules/vault/responses.server";

async function session(token: string, options: { background?: boolean } = {}) {
  const link = await resolveLink(token, options);
  if (!link) throw new Response("Not found", { status: 404 });
  if (link.state !== "open") throw redirect(`/s/${token}`);
  const draft = await loadDraft(link.draftKey);
  if (!draft) throw redirect(`/s/${token}`);
  const survey = await currentSurvey(link.study.id, draft.surveyVersion);
  if (!survey || survey.definition.sections.length === 0) throw redirect(`/s/${token}`);
  const index = Math.min(Math.max(0, draft.section), survey.definition.sections.length - 1);
  return { link, draft, survey, index, section: survey.definition.sections[index]! };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { link, draft, survey, index, section } = await session(params.token ?? "");
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
  const token = params.token ?? "";
  // A POST may be the submission: the member's consented background for the
  // declared attributes comes in the link's statement (no extra round trip).
  const { link, draft, survey, index, section } = await session(token, { background: true });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("Bad request", { status: 400 });
  }
  const intent = form.get("intent");
  if (intent !== "next" && intent !== "back" && intent !== "save") throw new Response("Bad request", { status: 400 });
  const prior = draft.answers as Answers;
  const read = readSection(section, form, prior);
  const merged: Answers = { ...prior };
  for (const q of section.questions) delete merged[q.id];
  Object.assign(merged, read.answers);
  const day = helsinkiDay();

  if (intent === "next" && Object.keys(read.errors).length > 0) {
    const language = await pageLanguage(request);
    const t = translator(language);
    const errors = Object.fromEntries(Object.entries(read.errors).map(([id, e]) => [id, t(e.key, e.values)]));
    return data({ errors, typed: read.typed }, { status: 400 });
  }
  if (intent === "save") {
    await saveDraft(link.draftKey, link.study.id, { ...draft, answers: merged, section: index }, day);
    return redirect(`/s/${token}/answer?saved=1`);
  }
  if (intent === "back") {
    await saveDraft(link.draftKey, link.study.id, { ...draft, answers: merged, section: Math.max(0, index - 1) }, day);
    return redirect(`/s/${token}/answer`);
  }
  if (index + 1 < survey.definition.sections.length) {
    await saveDraft(link.draftKey, link.study.id, { ...draft, answers: merged, section: index + 1 }, day);
    return redirect(`/s/${token}/answer`);
  }
  const language = await pageLanguage(request);
  // Stores the answers and drops the draft in one vault statement, then marks the invitation.
  await submit(link, draft.surveyVersion, visibleAnswers(survey.definition.sections, merged), language);
  return redirect(`/s/${token}/thanks`);
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
