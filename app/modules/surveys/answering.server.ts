// Answering a survey from a link: an invitation link (/s/<token>) or a
// visitor's open link (/s/o.<openToken>.<visitorToken>). The token is the
// only credential. From it come three unrelated keys: the panel's invitation
// hash, the vault's dedupe key and the draft key; only the token joins them,
// and it is never stored or logged.
import { db, panelPool } from "~/infra/db/panel.server";
import { PROFILE_USE } from "~/modules/consent/purposes";
import { surveyVersionDefinition } from "~/modules/studies/frozen-surveys.server";
import { answeringVersion } from "~/modules/studies/studies.server";
import { helsinkiDay } from "~/modules/studies/days";
import { invitationLinkByToken, markCompleted, type LinkBackground } from "~/modules/studies/invitations.server";
import { draftKey, isSubmitted, responseCount, storeSubmission, vaultKey } from "~/modules/vault/responses.server";
import type { Answers, SurveyDefinition } from "./definition";

export type LinkState = "open" | "closed" | "full" | "done";

export interface ResolvedLink {
  token: string;
  kind: "invitation" | "open";
  study: { id: string; title: unknown; description: unknown; type: string; analysisAttributes: string[] };
  memberId: string | null;
  /** the invitation behind an invitation or reminder link (memory only, like the token) */
  invitationId: string | null;
  vaultKey: string;
  draftKey: string;
  state: LinkState;
  /**
   * The member's background for the declared attributes when resolved with
   * `{ background: true }` (null: no profile-use consent or no profile).
   * Never shown or stored as such; submit() coarsens it into the attributes.
   */
  background?: LinkBackground | null;
}

const openPattern = /^o\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{16,64})$/;

export function isOpenToken(token: string) {
  return openPattern.test(token);
}

/**
 * The study and state behind a link, or null for an unknown link (404). With
 * `background`, an invitation link also carries the member's consented
 * background, read in the same statement (for a submission).
 */
export async function resolveLink(token: string, options: { background?: boolean } = {}): Promise<ResolvedLink | null> {
  let memberId: string | null = null;
  let invitationId: string | null = null;
  let completed = false;
  let stratumFull = false;
  let kind: ResolvedLink["kind"];
  let background: LinkBackground | null | undefined;
  let study: ResolvedLink["study"] & { status: string; closesAt: Date | null; responseQuota: number | null };
  const open = openPattern.exec(token);
  if (open) {
    const found = await db.study.findUnique({
      where: { openLinkToken: open[1] },
      select: { id: true, title: true, description: true, type: true, status: true, closesAt: true, responseQuota: true, analysisAttributes: true },
    });
    if (!found) return null;
    study = found;
    kind = "open";
  } else {
    // The invitation and its study in one statement.
    const invitation = await invitationLinkByToken(token, options);
    if (!invitation) return null;
    study = invitation.study;
    background = invitation.background;
    memberId = invitation.userId;
    invitationId = invitation.invitationId;
    completed = invitation.completed;
    stratumFull = invitation.stratumFull;
    kind = "invitation";
  }
  const key = vaultKey(token);
  let state: LinkState = "open";
  if (completed || (kind === "open" && (await isSubmitted(key)))) state = "done";
  else if (study.status !== "RECRUITING" || (study.closesAt && study.closesAt.getTime() <= Date.now())) state = "closed";
  else if (stratumFull || (study.responseQuota !== null && (await responseCount(study.id)) >= study.responseQuota)) state = "full";
  const link: ResolvedLink = { token, kind, study, memberId, invitationId, vaultKey: key, draftKey: draftKey(token), state };
  if (background !== undefined) link.background = background;
  return link;
}

export async function currentSurvey(studyId: string, version?: number): Promise<{ version: number; definition: SurveyDefinition } | null> {
  if (version !== undefined) {
    const definition = await surveyVersionDefinition(studyId, version);
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
  const needsProfile = link.study.analysisAttributes.some((attribute) => attribute !== "language");
  const profile =
    link.memberId && needsProfile ? (link.background !== undefined ? link.background : await consentedProfile(link.memberId)) : null;
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
 * The background fields the analysis attributes come from, only when the
 * member's latest profile-use consent event is a give (the rule of
 * profileUseAllowed in the consent module, in the same statement as the
 * profile read), for a link resolved without its background.
 */
async function consentedProfile(memberId: string): Promise<LinkBackground | null> {
  const { rows } = await panelPool().query<LinkBackground>({
    name: "surveys.consentedProfile",
    text: `SELECT p."birthYear", p.region, p."lifeSituation", p.gender, p."digitalUse"
     FROM "MemberProfile" p
     WHERE p."userId" = $1::uuid
       AND (SELECT e.action::text FROM "ConsentEvent" e
            WHERE e."userId" = $1::uuid AND e.purpose = $2
            ORDER BY e.at DESC, e.id DESC LIMIT 1) = 'GIVEN'`,
    values: [memberId, PROFILE_USE],
  });
  return rows[0] ?? null;
}

/**
 * Submits once: the vault first (a completion mark never exists without its
 * answer), then the panel's completion day. A repeat of either is harmless.
 * The link's answering draft is dropped in the vault's statement.
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
    draftKey: link.draftKey,
  });
  if (link.invitationId) await markCompleted(link.invitationId, day);
  return outcome;
}
