// What the answering routes share: the page language, texts in it, the
// friendly state pages, and the start of an answering session.
import { redirect } from "@remix-run/node";
import { getAuth } from "~/infra/auth/session.server";
import type { Language } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import { helsinkiDay } from "~/modules/studies/days";
import { loadDraft, saveDraft } from "~/modules/vault/responses.server";
import { currentSurvey, type ResolvedLink } from "./answering.server";

export async function pageLanguage(request: Request): Promise<Language> {
  const auth = await getAuth(request);
  return resolveLanguage(request, auth?.user.language);
}

export function local(text: unknown, language: Language): string {
  const texts = (text ?? {}) as Partial<Record<Language, string>>;
  return texts[language]?.trim() || texts.fi || texts.sv || texts.en || "";
}

/** Opens (or reopens) the answering session of a link and sends the person to their section. */
export async function beginAnswering(link: ResolvedLink) {
  if (link.state !== "open") throw redirect(`/s/${link.token}`);
  const existing = await loadDraft(link.draftKey);
  if (!existing) {
    const survey = await currentSurvey(link.study.id);
    if (!survey || survey.definition.sections.length === 0) throw redirect(`/s/${link.token}`);
    await saveDraft(link.draftKey, link.study.id, { surveyVersion: survey.version, answers: {}, section: 0 }, helsinkiDay());
  }
  throw redirect(`/s/${link.token}/answer`);
}
