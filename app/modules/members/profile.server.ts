// The member's background profile and invitation preferences: one row each,
// written only by the member. Recruitment reads them (preferences always; the
// profile only with the member's "profile-use" consent).
import { db } from "~/infra/db/panel.server";
import {
  DEFAULT_INVITATIONS_PER_MONTH,
  studyTypes,
  type ProfileInput,
  type StudyType,
} from "./profile-schema";

export const profileSelect = {
  birthYear: true,
  gender: true,
  municipality: true,
  region: true,
  motherTongue: true,
  lifeSituation: true,
  actsForEmployer: true,
  employerSize: true,
  employerIndustry: true,
  digitalUse: true,
  accessibilityNeeds: true,
  updatedAt: true,
} as const;

export async function getProfile(userId: string) {
  return db.memberProfile.findUnique({ where: { userId }, select: profileSelect });
}

/** Saves every answer at once: a missing answer (null, empty list) clears it. */
export async function saveProfile(userId: string, input: ProfileInput) {
  await db.memberProfile.upsert({
    where: { userId },
    create: { userId, ...input },
    update: input,
  });
}

export interface Preferences {
  studyTypes: StudyType[];
  maxInvitationsPerMonth: number;
  /** YYYY-MM-DD: no invitations before this day */
  pausedUntil: string | null;
}

const defaults: Preferences = { studyTypes: [...studyTypes], maxInvitationsPerMonth: DEFAULT_INVITATIONS_PER_MONTH, pausedUntil: null };

const toDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** The member's preferences, or the defaults a new member has. */
export async function getPreferences(userId: string): Promise<Preferences & { updatedAt: Date | null; unsubscribedAt: Date | null }> {
  const row = await db.memberPreferences.findUnique({
    where: { userId },
    select: { studyTypes: true, maxInvitationsPerMonth: true, pausedUntil: true, updatedAt: true, unsubscribedAt: true },
  });
  if (!row) return { ...defaults, updatedAt: null, unsubscribedAt: null };
  return {
    studyTypes: studyTypes.filter((type) => row.studyTypes.includes(type)),
    maxInvitationsPerMonth: row.maxInvitationsPerMonth,
    pausedUntil: row.pausedUntil ? row.pausedUntil.toISOString().slice(0, 10) : null,
    updatedAt: row.updatedAt,
    unsubscribedAt: row.unsubscribedAt,
  };
}

export async function savePreferences(userId: string, input: Preferences) {
  const data = {
    studyTypes: input.studyTypes,
    maxInvitationsPerMonth: input.maxInvitationsPerMonth,
    pausedUntil: input.pausedUntil ? toDate(input.pausedUntil) : null,
  };
  await db.memberPreferences.upsert({ where: { userId }, create: { userId, ...data }, update: data });
}

/** Invitations on again after an unsubscribe (from an email's one-click link or here). */
export async function resubscribe(userId: string) {
  await db.memberPreferences.updateMany({ where: { userId }, data: { unsubscribedAt: null } });
}

export async function removePause(userId: string) {
  await db.memberPreferences.updateMany({ where: { userId }, data: { pausedUntil: null } });
}
