// The start page behind an invitation link (or an open-link visitor's own
// link). GET shows and changes nothing; the Start button's POST begins.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SurveyStatePage, type SurveyState } from "~/components/survey-state";
import { useT } from "~/components/use-translate";
import { currentSurvey, resolveLink } from "~/modules/surveys/answering.server";
import { beginAnswering, local, pageLanguage } from "~/modules/surveys/link-pages.server";
import { loadDraft } from "~/modules/vault/responses.server";
import { db } from "~/infra/db/panel.server";

/** Interviews, workshops, usability tests and councils are booked, not answered: their links lead to the booking page. */
function bookingInstead(link: { kind: string; study: { type: string } }, token: string) {
  if (link.kind === "invitation" && link.study.type !== "SURVEY") throw redirect(`/b/${encodeURIComponent(token)}`, 303);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const link = await resolveLink(params.token ?? "");
  if (!link) throw new Response("Not found", { status: 404 });
  bookingInstead(link, params.token ?? "");
  const language = await pageLanguage(request);
  const survey = await currentSurvey(link.study.id);
  const state: SurveyState | "open" =
    link.state === "open" && (!survey || survey.definition.sections.length === 0) ? "not-ready" : link.state;
  const { minGroupSize: k, consentText } = await db.study.findUniqueOrThrow({
    where: { id: link.study.id },
    select: { minGroupSize: true, consentText: true },
  });
  return {
    state,
    title: local(link.study.title, language),
    description: local(link.study.description, language),
    consent: local(consentText, language),
    resuming: state === "open" && (await loadDraft(link.draftKey)) !== null,
    k,
  };
}

export async function action({ params }: ActionFunctionArgs) {
  const link = await resolveLink(params.token ?? "");
  if (!link) throw new Response("Not found", { status: 404 });
  bookingInstead(link, params.token ?? "");
  return beginAnswering(link);
}

export default function SurveyStart() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  if (page.state !== "open") return <SurveyStatePage state={page.state} />;
  return (
    <div className="narrow">
      <h1>{page.title}</h1>
      {page.description ? <p className="lead">{page.description}</p> : null}
      <p>{t("survey.startIntro")}</p>
      <p className="promise">{t("survey.anonymous")}</p>
      <section aria-labelledby="consent-title">
        <h2 id="consent-title">{t("survey.consentTitle")}</h2>
        {page.consent ? (
          page.consent.split(/\n\s*\n/).map((paragraph, index) => <p key={index}>{paragraph}</p>)
        ) : null}
        <p>{t("survey.consentBody", { k: page.k })}</p>
      </section>
      <Form method="post">
        <button type="submit" className="primary">
          {page.resuming ? t("survey.continue") : t("survey.start")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
