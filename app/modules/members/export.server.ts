// "My data": everything the panel store holds about one member, as JSON.
// tests/integration/members-data.test.ts checks this against every column
// marked `/// @personal` in prisma/panel/schema.prisma, so a new personal
// column or table cannot be left out silently.
import { db } from "~/infra/db/panel.server";
import { rewardsForExport } from "~/modules/incentives/incentives.server";

export async function exportMemberData(userId: string) {
  const user = await db.user.findFirst({
    where: { id: userId, kind: "MEMBER" },
    include: {
      profile: true,
      preferences: true,
      emailChange: { select: { newEmail: true, expiresAt: true, createdAt: true } },
      consentEvents: {
        orderBy: { at: "asc" },
        select: { purpose: true, version: true, textHash: true, language: true, channel: true, action: true, at: true },
      },
      sessions: { orderBy: { createdAt: "asc" }, select: { createdAt: true, expiresAt: true, absoluteExpiresAt: true, userAgent: true } },
    },
  });
  if (!user) return null;
  const emails = await db.outboxEmail.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { template: true, toAddress: true, subject: true, language: true, status: true, createdAt: true, sentAt: true },
  });
  const invitations = await db.invitation.findMany({
    where: { userId },
    orderBy: { invitedOn: "asc" },
    select: { invitedOn: true, completedOn: true, study: { select: { title: true, type: true } } },
  });
  // Slots booked (interviews, workshops, tests, council meetings) and council terms.
  const bookings = await db.booking.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      state: true,
      observationConsent: true,
      recordingConsent: true,
      accessibilityNeeds: true,
      device: true,
      assistiveTech: true,
      createdAt: true,
      slot: { select: { startsAt: true, durationMinutes: true, mode: true, address: true, study: { select: { title: true, type: true } } } },
    },
  });
  const councilTerms = await db.councilTerm.findMany({
    where: { userId },
    orderBy: { startsOn: "asc" },
    select: { startsOn: true, endsOn: true, study: { select: { title: true } } },
  });
  const accessLog = await db.auditEvent.findMany({
    where: { subjectId: userId },
    orderBy: { createdAt: "asc" },
    select: { action: true, reason: true, createdAt: true },
  });
  // Rewards earned and the bank account a bank transfer is paid to (incentives module).
  const { rewards, bankAccount } = await rewardsForExport(db, userId);
  const { passwordHash: _passwordHash, profile, preferences, emailChange, consentEvents, sessions, ...account } = user;
  const { userId: _profileUser, ...profileData } = profile ?? { userId: null };
  const { userId: _preferencesUser, ...preferencesData } = preferences ?? { userId: null };
  return {
    exportedAt: new Date().toISOString(),
    note: "Survey answers are stored anonymously in a separate store and cannot be connected to you, so they are not part of this export.",
    User: account,
    MemberProfile: profile ? profileData : null,
    MemberPreferences: preferences ? preferencesData : null,
    EmailChange: emailChange,
    ConsentEvent: consentEvents,
    Session: sessions,
    OutboxEmail: emails,
    Invitation: invitations,
    Booking: bookings,
    CouncilTerm: councilTerms,
    AuditEvent: accessLog,
    Reward: rewards,
    BankAccount: bankAccount,
  };
}
