// One answering step: the section page's state behind a link, and what a POST
// of a section does (check it, keep the draft, or submit after the last
// section). The Remix route and the server's form-post path (server/http.ts)
// both answer with postSection, so a step means the same on either.
import { redirect } from "@remix-run/node";
import type { Language } from "~/infra/i18n/i18n";
import { translator } from "~/infra/i18n/i18n";
import { helsinkiDay } from "~/modules/studies/days";
import { loadDraft, saveDraft } from "~/modules/vault/responses.server";
import { currentSurvey, resolveLink, submit } from "./answering.server";
import type { Answers } from "./definition";
import { pageLanguage } from "./link-pages.server";
import { readSection, visibleAnswers, type FormFields } from "./section-form";

/** The link, its draft and the section it is at; throws a 404 or a redirect to the start page. */
export async function answeringSession(token: string, options: { background?: boolean } = {}) {
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

export type SectionOutcome =
  | { redirect: string }
  | { errors: Record<string, string>; typed: Record<string, string | string[]> };

/**
 * A POST of the current section. `language` is asked only when needed (for
 * error messages and the submitted language attribute). Throws a Response
 * for an unknown link, a link no longer open, or a malformed form.
 */
export async function postSection(token: string, form: FormFields, language: () => Promise<Language>): Promise<SectionOutcome> {
  // A POST may be the submission: the member's consented background for the
  // declared attributes comes in the link's statement (no extra round trip).
  const { link, draft, survey, index, section } = await answeringSession(token, { background: true });
  const intent = form.get("intent");
  if (intent !== "next" && intent !== "back" && intent !== "save") throw new Response("Bad request", { status: 400 });
  const prior = draft.answers as Answers;
  const read = readSection(section, form, prior);
  const merged: Answers = { ...prior };
  for (const q of section.questions) delete merged[q.id];
  Object.assign(merged, read.answers);
  const day = helsinkiDay();

  if (intent === "next" && Object.keys(read.errors).length > 0) {
    const t = translator(await language());
    const errors = Object.fromEntries(Object.entries(read.errors).map(([id, e]) => [id, t(e.key, e.values)]));
    return { errors, typed: read.typed };
  }
  if (intent === "save") {
    await saveDraft(link.draftKey, link.study.id, { ...draft, answers: merged, section: index }, day);
    return { redirect: `/s/${token}/answer?saved=1` };
  }
  if (intent === "back") {
    await saveDraft(link.draftKey, link.study.id, { ...draft, answers: merged, section: Math.max(0, index - 1) }, day);
    return { redirect: `/s/${token}/answer` };
  }
  if (index + 1 < survey.definition.sections.length) {
    await saveDraft(link.draftKey, link.study.id, { ...draft, answers: merged, section: index + 1 }, day);
    return { redirect: `/s/${token}/answer` };
  }
  // Stores the answers and drops the draft in one vault statement, then marks the invitation.
  await submit(link, draft.surveyVersion, visibleAnswers(survey.definition.sections, merged), await language());
  return { redirect: `/s/${token}/thanks` };
}

/**
 * The server's form-post path: a section POST of a page without JavaScript,
 * answered without rendering. Returns where to redirect, or null when the
 * answer is a page (errors to show, a 404, a failure): then the caller hands
 * the same request to Remix, which runs postSection again and renders it.
 * Nothing that returns null has written anything, except a failure, and a
 * repeat of a submission is harmless (one response, one mark).
 */
export async function postSectionForm(token: string, body: string, headers: { cookie?: string; acceptLanguage?: string }) {
  const language = () => {
    const request = new Request("http://panel.invalid/", {
      headers: [
        ...(headers.cookie ? [["Cookie", headers.cookie] as [string, string]] : []),
        ...(headers.acceptLanguage ? [["Accept-Language", headers.acceptLanguage] as [string, string]] : []),
      ],
    });
    return pageLanguage(request);
  };
  try {
    const outcome = await postSection(token, new URLSearchParams(body), language);
    return "redirect" in outcome ? outcome.redirect : null;
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status >= 300 && thrown.status < 400) return thrown.headers.get("Location");
    return null;
  }
}
