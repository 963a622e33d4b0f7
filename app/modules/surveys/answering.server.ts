// Answering a survey from a link: an invitation link (/s/<token>) or a
// visitor's open link (/s/o.<openToken>.<visitorToken>). The token is the
// only credential. From it come three unrelated keys: the panel's invitation
// hash, the vault's dedupe key and the draft key; only the token joins them,
// and it is never stored or logged.
import { db } from "~/infra/db/panel.server";
import { profileUseAllowed } from "~/modules/consent/consent.server";
import { answeringVersion, surveyVersion } from "~/modules/studies/studies.server";
import { helsinkiDay } from "~/modules/studies/days";
import { invitationByToken, markCompleted } from "~/modules/studies/invitations.server";
import { draftKey, isSubmitted, responseCount, storeSubmission, vaultKey } from "~/modules/vault/responses.server";
import type { Answers, SurveyDefinition } from "./definition";

export type LinkState = "open" | "closed" | "full" | "done";

export interface ResolvedLink {
  token: string;
  kind: "invitation" | "open";
  study: { id: string; title: unknown; description: unknown; type: string; analysisAttributes: string[] };
  memberId: string | null;
  vaultKey: string;
  draftKey: string;
  state: LinkState;
}

const openPattern = /^o\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{16,64})$/;

export function isOpenToken(token: string) {
  return openPattern.test(token);
}

/** The study and state behind a link, or null for an unknown link (404). */
export async function resolveLink(token: string): Promise<ResolvedLink | null> {
  let studyId: string;
  let memberId: string | null = null;
  let completed = false;
  let kind: ResolvedLink["kind"];
  const open = openPattern.exec(token);
  if (open) {
    const study = await db.study.findUnique({ where: { openLinkToken: open[1] }, select: { id: true } });
    if (!study) return null;
    studyId = study.id;
    kind = "open";
  } else {
    const invitation = await invitationByToken(token);
    if (!invitation) return null;
    studyId = invitation.studyId;
    memberId = invitation.userId;
    completed = invitation.completedOn !== null;
    kind = "invitation";
  }
  const study = await db.study.findUniqueOrThrow({
    where: { id: studyId },
    select: { id: true, title: true, description: true, type: true, status: true, closesAt: true, responseQuota: true, analysisAttributes: true },
  });
  const key = vaultKey(token);
  let state: LinkState = "open";
  if (completed || (kind === "open" && (await isSubmitted(key)))) state = "done";
  else if (study.status !== "RECRUITING" || (study.closesAt && study.closesAt.getTime() <= Date.now())) state = "closed";
  else if (study.responseQuota !== null && (await responseCount(study.id)) >= study.responseQuota) state = "full";
  return { token, kind, study, memberId, vaultKey: key, draftKey: draftKey(token), state };
}

export async function currentSurvey(studyId: string, version?: number): Promise<{ version: number; definition: SurveyDefinition } | null> {
  if (version !== undefined) {
    const definition = await surveyVersion(studyId, version);
    return definition ? { version, definition } : null;
  }
  return answeringVersion(studyId);
}

function ageBand(birthYear: number | null | undefined, year: number) {
  if (!birthYear) return "unknown";
  const age = year - birthYear;
  if (age < 25) return "16-24";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  if (age < 55) return "45-54";
  if (age < 65) return "55-64";
  if (age < 75) return "65-74";
  return "75+";
}

/**
 * The study's declared analysis attributes, coarsened, for this answer.
 * Background comes from the member's profile only with their profile-use
 * consent; the language is the one they answered in.
 */
export async function attributesFor(link: ResolvedLink, language: string): Promise<Record<string, string>> {
  const attributes: Record<string, string> = {};
  const profile =
    link.memberId && (await profileUseAllowed(link.memberId))
      ? await db.memberProfile.findUnique({ where: { userId: link.memberId } })
      : null;
  const year = Number(helsinkiDay().slice(0, 4));
  for (const attribute of link.study.analysisAttributes) {
    switch (attribute) {
      case "language":
        attributes.language = language;
        break;
      case "age-band":
        attributes["age-band"] = ageBand(profile?.birthYear, year);
        break;
      case "region":
        attributes.region = profile?.region ?? "unknown";
        break;
      case "life-situation":
        attributes["life-situation"] = profile?.lifeSituation ?? "unknown";
        break;
      case "gender":
        attributes.gender = profile?.gender ?? "unknown";
        break;
      case "digital-use":
        attributes["digital-use"] = profile?.digitalUse ?? "unknown";
        break;
    }
  }
  return attributes;
}

/**
 * Submits once: the vault first (a completion mark never exists without its
 * answer), then the panel's completion day. A repeat of either is harmless.
 */
export async function submit(link: ResolvedLink, version: number, answers: Answers, language: string) {
  const day = helsinkiDay();
  const attributes = await attributesFor(link, language);
  const outcome = await storeSubmission({
    dedupeKey: link.vaultKey,
    studyId: link.study.id,
    surveyVersion: version,
    answers,
    attributes,
    day,
  });
  if (link.kind === "invitation") await markCompleted(link.token, day);
  return outcome;
}
