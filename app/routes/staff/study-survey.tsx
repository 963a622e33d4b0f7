import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { readForm } from "~/infra/http/form.server";
import { notFound } from "~/infra/http/responses.server";
import { languages, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { isChoice, missingLanguages } from "~/modules/studies/builder";
import { builderView, runBuilderIntent } from "~/modules/studies/builder-actions.server";
import {
  AddQuestionForm,
  AddSectionForm,
  DeleteConfirmation,
  MoveButtons,
  QuestionForm,
  SectionTitleForm,
  type Failure,
} from "~/modules/studies/components/builder-forms";
import { CompletenessTable } from "~/modules/studies/components/completeness";
import { studyFor } from "~/modules/studies/studies.server";
import { localized } from "~/modules/studies/texts";
import type { Question, SurveyDefinition } from "~/modules/surveys/definition";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const view = await builderView(user, params.id ?? "");
  if (!view) notFound();
  return view;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const study = await studyFor(user, params.id ?? "");
  if (!study) notFound();
  const values = await readForm(request, ["showIfOptions"]);
  const result = await runBuilderIntent(user, study.id, values);
  if (!result) notFound();
  const page = `/staff/studies/${study.id}/survey`;
  switch (result.kind) {
    case "saved":
      return redirect(`${page}?saved=${result.version}${result.edit ? `&edit=${result.edit}` : ""}#${result.anchor}`);
    case "confirm":
      return redirect(`${page}?delete=${result.id}#${result.anchor}`);
    case "invalid":
      return data({ target: result.target, errors: result.errors, values }, { status: 400 });
  }
}

export default function StudySurvey() {
  const t = useT();
  const language = useLanguage();
  const { study, version, definition, completeness } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const base = `/staff/studies/${study.id}`;
  const page = `${base}/survey`;
  const failureFor = (target: string): Failure | undefined =>
    failed && failed.target === target ? { values: failed.values, errors: failed.errors as Record<string, MessageKey> } : undefined;
  // A refused edit keeps its form open; otherwise ?edit= opens one.
  const refused = failed?.target.match(/^(?:question|section):(.+)$/)?.[1];
  const editing = refused && Object.keys(failed?.errors ?? {}).some((k) => k !== "form") ? refused : params.get("edit");
  const deleting = params.get("delete");
  const saved = params.get("saved");
  const allQuestions = definition.sections.flatMap((s) => s.questions);
  const number = new Map(allQuestions.map((q, index) => [q.id, index + 1]));
  const generalError = failed?.target === "form" ? failed.errors.form : undefined;
  const languageName = (l: Language) => t(`lang.${l}` as MessageKey);

  return (
    <>
      <p>
        <Link to={base}>{t("studies.backToStudy")}</Link>
      </p>
      <h1>
        {t("studies.builderTitle")}: {localized(study.title, language) || t("studies.untitled")}
      </h1>
      <p className="notice">
        {version.frozen
          ? t("studies.builder.frozen", { version: version.number, next: version.number + 1 })
          : t("studies.builder.editing", { version: version.number })}
      </p>
      {saved ? (
        <p className="success" role="status">
          {t("studies.builder.saved", { version: saved })}
        </p>
      ) : null}
      {generalError ? (
        <p className="field-error" role="alert">
          {t(generalError as MessageKey)}
        </p>
      ) : null}
      <CompletenessTable completeness={completeness} caption={t("studies.completeness.caption")} />
      <p>
        {t("studies.builder.previewIn")}{" "}
        {languages.map((l, index) => (
          <span key={l}>
            {index > 0 ? " · " : null}
            <Link to={`${base}/preview?language=${l}`} lang={l}>
              {languageName(l)}
            </Link>
          </span>
        ))}
      </p>

      <div id="sections">
        {definition.sections.length === 0 ? <p className="empty-state">{t("studies.builder.empty")}</p> : null}
        {definition.sections.map((section, sectionIndex) => {
          const sectionName = localized(section.title, language) || t("studies.builder.untitledSection", { n: sectionIndex + 1 });
          const sectionFailure = failureFor(`section:${section.id}`);
          const missing = missingLanguages(section);
          return (
            <section key={section.id} id={`s-${section.id}`} aria-labelledby={`s-${section.id}-title`} className="builder-section">
              <h2 id={`s-${section.id}-title`}>{t("studies.builder.sectionHeading", { n: sectionIndex + 1, title: sectionName })}</h2>
              {missing.length > 0 ? (
                <p className="hint">{t("studies.builder.missing", { languages: missing.map((l) => languageName(l as Language)).join(", ") })}</p>
              ) : null}
              {sectionFailure?.errors.form ? (
                <p className="field-error" role="alert">
                  {t(sectionFailure.errors.form)}
                </p>
              ) : null}
              <p className="survey-buttons">
                <Link to={`${page}?edit=${section.id}#s-${section.id}`}>
                  {t("studies.builder.editSection")}
                  <span className="visually-hidden">: {sectionName}</span>
                </Link>{" "}
                <Link to={`${page}?delete=${section.id}#s-${section.id}`}>
                  {t("studies.builder.deleteSection")}
                  <span className="visually-hidden">: {sectionName}</span>
                </Link>
              </p>
              <MoveButtons
                action={page}
                intent="move-section"
                field="sectionId"
                id={section.id}
                name={sectionName}
                canUp={sectionIndex > 0}
                canDown={sectionIndex < definition.sections.length - 1}
              />
              {editing === section.id ? (
                <SectionTitleForm
                  key={JSON.stringify(section.title)}
                  action={page}
                  section={section}
                  failure={sectionFailure}
                  cancelTo={`${page}#s-${section.id}`}
                />
              ) : null}
              {deleting === section.id ? (
                <DeleteConfirmation
                  action={page}
                  intent="delete-section"
                  field="sectionId"
                  id={section.id}
                  message={t("studies.builder.deleteSectionQuestion", { title: sectionName, count: section.questions.length })}
                  cancelTo={`${page}#s-${section.id}`}
                />
              ) : null}

              {section.questions.length === 0 ? <p className="empty-state">{t("studies.builder.noQuestions")}</p> : null}
              <ol className="builder-questions">
                {section.questions.map((question) => {
                  const n = number.get(question.id)!;
                  const name = t("studies.builder.questionN", { n });
                  const questionFailure = failureFor(`question:${question.id}`);
                  return (
                    <li key={question.id} id={`q-${question.id}`} value={n}>
                      <QuestionSummary question={question} definition={definition} />
                      {questionFailure?.errors.form ? (
                        <p className="field-error" role="alert">
                          {t(questionFailure.errors.form)}
                        </p>
                      ) : null}
                      <p className="survey-buttons">
                        <Link to={`${page}?edit=${question.id}#q-${question.id}`}>
                          {t("studies.builder.editQuestion")}
                          <span className="visually-hidden">: {name}</span>
                        </Link>{" "}
                        <Link to={`${page}?delete=${question.id}#q-${question.id}`}>
                          {t("studies.builder.deleteQuestion")}
                          <span className="visually-hidden">: {name}</span>
                        </Link>
                      </p>
                      <MoveButtons
                        action={page}
                        intent="move-question"
                        field="questionId"
                        id={question.id}
                        name={name}
                        canUp={n > 1}
                        canDown={n < allQuestions.length}
                      />
                      {editing === question.id ? (
                        <QuestionForm
                          key={JSON.stringify(question)}
                          action={page}
                          question={question}
                          definition={definition}
                          failure={questionFailure}
                          cancelTo={`${page}#q-${question.id}`}
                        />
                      ) : null}
                      {deleting === question.id ? (
                        <DeleteConfirmation
                          action={page}
                          intent="delete-question"
                          field="questionId"
                          id={question.id}
                          message={t("studies.builder.deleteQuestionQuestion", { name })}
                          cancelTo={`${page}#q-${question.id}`}
                        />
                      ) : null}
                    </li>
                  );
                })}
              </ol>
              <AddQuestionForm action={page} section={section} sectionName={sectionName} failure={failureFor(`add-question:${section.id}`)} />
            </section>
          );
        })}
      </div>
      <AddSectionForm action={page} failure={failureFor("add-section")} />
    </>
  );
}

/** One question as the list shows it: text, type, required, missing languages, show-if, options. */
function QuestionSummary({ question, definition }: { question: Question; definition: SurveyDefinition }) {
  const t = useT();
  const language = useLanguage();
  const missing = missingLanguages(question);
  const target = question.showIf ? definition.sections.flatMap((s) => s.questions).find((q) => q.id === question.showIf!.questionId) : undefined;
  const choices = isChoice(question) ? question.options : question.type === "matrix" ? question.rows : [];
  return (
    <>
      <h3>{localized(question.text, language) || t("studies.builder.noText")}</h3>
      <p className="hint">
        {[
          t(`studies.questionType.${question.type}` as MessageKey),
          question.required ? t("studies.builder.isRequired") : t("studies.builder.isOptional"),
          question.type === "matrix" ? t("studies.builder.scaleOf", { points: question.scale }) : null,
          question.type === "multiple" && (question.min !== undefined || question.max !== undefined)
            ? t("studies.builder.limits", { min: question.min ?? "–", max: question.max ?? "–" })
            : null,
          question.type === "number" && (question.min !== undefined || question.max !== undefined)
            ? t("studies.builder.limits", { min: question.min ?? "–", max: question.max ?? "–" })
            : null,
          `id ${question.id}`,
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      <p className={missing.length > 0 ? "field-error" : "hint"}>
        {missing.length > 0
          ? t("studies.builder.missing", { languages: missing.map((l) => t(`lang.${l}` as MessageKey)).join(", ") })
          : t("studies.builder.allLanguages")}
      </p>
      {question.showIf && target && isChoice(target) ? (
        <p className="hint">
          {t("studies.builder.showIfNote", {
            question: localized(target.text, language) || target.id,
            options: target.options
              .filter((o) => question.showIf!.anyOf.includes(o.id))
              .map((o) => localized(o.text, language) || o.id)
              .join(", "),
          })}
        </p>
      ) : null}
      {choices.length > 0 ? (
        <ul>
          {choices.map((choice) => (
            <li key={choice.id}>{localized(choice.text, language) || t("studies.builder.noText")}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
