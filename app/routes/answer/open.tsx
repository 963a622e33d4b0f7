// An open-link survey (e.g. on a website): no invitation and no identity. Each
// visitor who presses Start gets a link of their own (/s/o.<open>.<visitor>)
// that resumes and can be submitted once. Starts are throttled per address.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SurveyStatePage } from "~/components/survey-state";
import { useT } from "~/components/use-translate";
import { db } from "~/infra/db/panel.server";
import { clientIp } from "~/infra/http/form.server";
import { randomToken } from "~/infra/security/hash.server";
import { hit } from "~/infra/security/rate-limit.server";
import { currentSurvey, resolveLink } from "~/modules/surveys/answering.server";
import { beginAnswering, local, pageLanguage } from "~/modules/surveys/link-pages.server";

async function studyOf(openToken: string | undefined) {
  if (!openToken || !/^[A-Za-z0-9_-]{16,64}$/.test(openToken)) throw new Response("Not found", { status: 404 });
  const study = await db.study.findUnique({
    where: { openLinkToken: openToken },
    select: { id: true, title: true, description: true, status: true, closesAt: true, minGroupSize: true },
  });
  if (!study) throw new Response("Not found", { status: 404 });
  return study;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const study = await studyOf(params.openToken);
  const language = await pageLanguage(request);
  const survey = await currentSurvey(study.id);
  const closed = study.status !== "RECRUITING" || (study.closesAt !== null && study.closesAt.getTime() <= Date.now());
  const state = closed ? "closed" : !survey || survey.definition.sections.length === 0 ? "not-ready" : "open";
  return { state, title: local(study.title, language), description: local(study.description, language), k: study.minGroupSize } as const;
}

export async function action({ request, params }: ActionFunctionArgs) {
  await studyOf(params.openToken);
  const limit = await hit([{ key: `open-start:${params.openToken}:${clientIp(request)}`, max: 20, windowSeconds: 3600 }]);
  if (!limit.allowed) return data({ throttled: true }, { status: 429 });
  const link = await resolveLink(`o.${params.openToken}.${randomToken(24)}`);
  if (!link) throw new Response("Not found", { status: 404 });
  if (link.state !== "open") throw redirect(`/o/${params.openToken}`);
  return beginAnswering(link);
}

export default function OpenSurveyStart() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  if (page.state !== "open") return <SurveyStatePage state={page.state} />;
  return (
    <div className="narrow">
      <h1>{page.title}</h1>
      {page.description ? <p className="lead">{page.description}</p> : null}
      {failed?.throttled ? (
        <p className="notice" role="alert">
          {t("survey.throttled")}
        </p>
      ) : null}
      <p>{t("survey.startIntro")}</p>
      <p className="promise">{t("survey.anonymous")}</p>
      <section aria-labelledby="consent-title">
        <h2 id="consent-title">{t("survey.consentTitle")}</h2>
        <p>{t("survey.consentBody", { k: page.k })}</p>
      </section>
      <Form method="post">
        <button type="submit" className="primary">
          {t("survey.start")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
