// A study with a small two-section survey, open for answers, and invitations
// whose tokens the test holds (the panel itself never keeps them).
import type { SessionUser } from "~/infra/auth/session.server";
import { createSession } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { changeConsent } from "~/modules/consent/consent.server";
import { createInvitation } from "~/modules/studies/invitations.server";
import { changeStatus, createStudy, saveDefinition, type StudyInput } from "~/modules/studies/studies.server";
import type { SurveyDefinition } from "~/modules/surveys/definition";

const text = (fi: string, sv = `${fi} (sv)`, en = `${fi} (en)`) => ({ fi, sv, en });

export const sampleSurvey: SurveyDefinition = {
  sections: [
    {
      id: "s1",
      title: text("Palvelun käyttö"),
      questions: [
        {
          id: "q1",
          type: "single",
          text: text("Mitä kanavaa käytit?"),
          required: true,
          options: [
            { id: "web", text: text("Verkko") },
            { id: "phone", text: text("Puhelin") },
          ],
        },
        {
          id: "q2",
          type: "multiple",
          text: text("Mitä asioit?"),
          required: false,
          min: 1,
          max: 2,
          options: [
            { id: "a", text: text("Etuus") },
            { id: "b", text: text("Neuvonta") },
            { id: "c", text: text("Muu") },
          ],
        },
        { id: "q3", type: "nps", text: text("Suosittelisitko?"), required: true },
      ],
    },
    {
      id: "s2",
      title: text("Kokemus"),
      questions: [
        { id: "q4", type: "shortText", text: text("Mikä toimi?"), required: false },
        { id: "q5", type: "number", text: text("Montako kertaa?"), required: false, min: 0, max: 100 },
        { id: "q6", type: "date", text: text("Milloin?"), required: false },
        {
          id: "q7",
          type: "matrix",
          text: text("Arvioi"),
          required: true,
          scale: 5,
          rows: [
            { id: "r1", text: text("Selkeys") },
            { id: "r2", text: text("Nopeus") },
          ],
        },
        { id: "q8", type: "longText", text: text("Miksi puhelin?"), required: false, showIf: { questionId: "q1", anyOf: ["phone"] } },
      ],
    },
  ],
};

export async function createResearcher(email: string) {
  const user = await db.user.create({ data: { kind: "STAFF", roles: ["RESEARCHER"], email, name: email } });
  const sessionUser: SessionUser = { id: user.id, kind: "STAFF", roles: user.roles, email, name: email, language: "fi" };
  const cookie = (await createSession(user.id, new Request("http://localhost/"))).split(";")[0]!;
  return { user: sessionUser, cookie };
}

export async function openStudy(owner: SessionUser, overrides: Partial<StudyInput> = {}, definition = sampleSurvey) {
  const study = await createStudy(owner, {
    type: "SURVEY",
    title: text("Asiointikysely"),
    description: text("Kerro kokemuksestasi."),
    analysisAttributes: ["language", "age-band", "region"],
    minGroupSize: 5,
    closesAt: null,
    responseQuota: null,
    teamIds: [],
    ...overrides,
  });
  await saveDefinition(owner, study.id, definition);
  await changeStatus(owner, study.id, "RECRUITING");
  return study;
}

/** Invites members without email; returns their tokens in order. */
export async function invite(studyId: string, members: { id: string; email: string }[]) {
  const tokens: string[] = [];
  await db.$transaction(async (tx) => {
    for (const member of members) {
      tokens.push(await createInvitation(tx, { studyId, userId: member.id, email: member.email, language: "fi", title: {}, sendEmail: false }));
    }
  });
  return tokens;
}

export async function allowProfileUse(userId: string, profile: { birthYear: number; region: string }) {
  await db.memberProfile.upsert({ where: { userId }, update: profile, create: { userId, ...profile } });
  await changeConsent({ userId, purpose: "profile-use", action: "GIVEN", language: "fi", channel: "WEB" });
}
