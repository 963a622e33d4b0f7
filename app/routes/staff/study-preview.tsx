import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SurveyQuestion } from "~/components/survey-question";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { notFound } from "~/infra/http/responses.server";
import { languages, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { isChoice, missingLanguages } from "~/modules/studies/builder";
import { builderView } from "~/modules/studies/builder-actions.server";
import { localized } from "~/modules/studies/texts";

const querySchema = z.object({ language: z.enum(languages).optional().catch(undefined) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const view = await builderView(user, params.id ?? "");
  if (!view) notFound();
  const { language } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { ...view, language: language ?? user.language ?? "fi" };
}

export default function StudyPreview() {
  const t = useT();
  const uiLanguage = useLanguage();
  const { study, version, definition, language } = useLoaderData<typeof loader>();
  const base = `/staff/studies/${study.id}`;
  const lang = language as Language;
  const languageName = (l: Language) => t(`lang.${l}` as MessageKey);
  const questions = definition.sections.flatMap((s) => s.questions);
  return (
    <>
      <p>
        <Link to={base}>{t("studies.backToStudy")}</Link> · <Link to={`${base}/survey`}>{t("studies.editSurvey")}</Link>
      </p>
      <h1>{t("studies.previewTitle")}</h1>
      <p className="notice">{t("studies.preview.intro", { version: version.number, language: languageName(lang) })}</p>
      <nav aria-label={t("studies.preview.languages")}>
        <ul className="survey-buttons">
          {languages.map((l) => (
            <li key={l}>
              <Link to={`${base}/preview?language=${l}`} lang={l} aria-current={l === lang ? "page" : undefined}>
                {languageName(l)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <div className="narrow survey" lang={lang}>
        <p className="survey-title">{localized(study.title, lang)}</p>
        {definition.sections.length === 0 ? (
          <p className="empty-state" lang={uiLanguage}>
            {t("studies.builder.empty")}
          </p>
        ) : null}
        {definition.sections.map((section, index) => (
          <section key={section.id} aria-labelledby={`preview-${section.id}`}>
            <p className="hint" lang={uiLanguage}>
              {t("studies.preview.section", { current: index + 1, total: definition.sections.length })}
            </p>
            <h2 id={`preview-${section.id}`}>{localized(section.title, lang) || t("studies.builder.untitledSection", { n: index + 1 })}</h2>
            {section.questions.length === 0 ? (
              <p className="empty-state" lang={uiLanguage}>
                {t("studies.builder.noQuestions")}
              </p>
            ) : null}
            {section.questions.map((question) => {
              const target = question.showIf ? questions.find((q) => q.id === question.showIf!.questionId) : undefined;
              const missing = missingLanguages(question).includes(lang);
              return (
                <div key={question.id}>
                  {target && isChoice(target) ? (
                    <p className="notice" lang={uiLanguage}>
                      {t("studies.builder.showIfNote", {
                        question: localized(target.text, lang) || target.id,
                        options: target.options
                          .filter((o) => question.showIf!.anyOf.includes(o.id))
                          .map((o) => localized(o.text, lang) || o.id)
                          .join(", "),
                      })}
                    </p>
                  ) : null}
                  {missing ? (
                    <p className="field-error" lang={uiLanguage}>
                      {t("studies.preview.missing", { language: languageName(lang) })}
                    </p>
                  ) : null}
                  <SurveyQuestion question={question} language={lang} name={`q_${question.id}`} disabled />
                </div>
              );
            })}
          </section>
        ))}
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
