// The consent ledger. Consent texts are published as numbered versions per
// purpose, in all three languages at once, and never edited. Every give and
// withdraw is appended with the version, the hash of the exact text shown, the
// language, the channel and the time; the current state is the latest event.
import { createHash } from "node:crypto";
import { db, type PanelTransaction } from "~/infra/db/panel.server";
import { languages, type Language } from "~/infra/i18n/i18n";
import { recordAudit } from "~/modules/audit/record.server";
import { defaultConsentTexts } from "./default-texts";
import { basePurposes, MEMBERSHIP_TERMS, PROFILE_USE } from "./purposes";

type Channel = "JOIN" | "WEB" | "EMAIL_LINK" | "SIGN_IN";
type Client = PanelTransaction | typeof db;

export interface ConsentTextInput {
  title: string;
  body: string;
}

export function textHash(text: ConsentTextInput): string {
  return createHash("sha256").update(`${text.title}\n\n${text.body}`).digest("hex");
}

/** Publishes the next version of a purpose's text in all three languages. */
export async function publishConsentVersion(
  input: { purpose: string; texts: Record<Language, ConsentTextInput>; actorId: string | null },
  client?: PanelTransaction,
) {
  const run = async (tx: PanelTransaction) => {
    // Serialise publishing per purpose so two admins cannot take the same number.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`consent:${input.purpose}`}))`;
    const latest = await tx.consentVersion.findFirst({ where: { purpose: input.purpose }, orderBy: { version: "desc" } });
    const created = await tx.consentVersion.create({
      data: {
        purpose: input.purpose,
        version: (latest?.version ?? 0) + 1,
        publishedById: input.actorId,
        texts: {
          create: languages.map((language) => ({
            language,
            title: input.texts[language].title.trim(),
            body: input.texts[language].body.trim(),
            textHash: textHash({ title: input.texts[language].title.trim(), body: input.texts[language].body.trim() }),
          })),
        },
      },
    });
    await recordAudit(
      { actorId: input.actorId, action: "consent.publish", subjectId: created.id, data: { purpose: input.purpose, version: created.version } },
      tx,
    );
    return created;
  };
  return client ? run(client) : db.$transaction(run);
}

/** Writes version 1 of each base consent on a new installation. */
export async function ensureBaseConsents() {
  for (const purpose of basePurposes) {
    if (await db.consentVersion.findFirst({ where: { purpose }, select: { id: true } })) continue;
    await publishConsentVersion({ purpose, texts: defaultConsentTexts[purpose], actorId: null });
  }
}

export async function currentVersion(purpose: string, client: Client = db) {
  const version = await client.consentVersion.findFirst({
    where: { purpose },
    orderBy: { version: "desc" },
    include: { texts: true },
  });
  if (!version) throw new Error(`No published consent text for ${purpose}`);
  return version;
}

export function textIn<T extends { language: Language }>(texts: T[], language: Language): T {
  return texts.find((text) => text.language === language) ?? texts.find((text) => text.language === "fi") ?? texts[0]!;
}

/** Appends one give or withdraw to the ledger. */
export async function recordConsent(
  tx: PanelTransaction,
  input: { userId: string; versionId: string; language: Language; channel: Channel; action: "GIVEN" | "WITHDRAWN" },
) {
  const version = await tx.consentVersion.findUniqueOrThrow({ where: { id: input.versionId }, include: { texts: true } });
  const text = textIn(version.texts, input.language);
  return tx.consentEvent.create({
    data: {
      userId: input.userId,
      purpose: version.purpose,
      versionId: version.id,
      version: version.version,
      textHash: text.textHash,
      language: text.language,
      channel: input.channel,
      action: input.action,
    },
  });
}

export interface ConsentStatus {
  purpose: string;
  current: { id: string; version: number; title: string; body: string; publishedAt: Date };
  /** the member's latest event for this purpose, if any */
  latest: { action: "GIVEN" | "WITHDRAWN"; version: number; at: Date } | null;
  /** given, and for the current version */
  givenCurrent: boolean;
}

/** The member's standing for each base purpose, with the current texts in their language. */
export async function consentStatuses(userId: string, language: Language): Promise<ConsentStatus[]> {
  return Promise.all(
    basePurposes.map(async (purpose) => {
      const current = await currentVersion(purpose);
      const latest = await db.consentEvent.findFirst({
        where: { userId, purpose },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        select: { action: true, version: true, at: true },
      });
      const text = textIn(current.texts, language);
      return {
        purpose,
        current: { id: current.id, version: current.version, title: text.title, body: text.body, publishedAt: current.publishedAt },
        latest,
        givenCurrent: latest?.action === "GIVEN" && latest.version === current.version,
      };
    }),
  );
}

/** True when the member has not accepted the current membership terms. */
export async function needsTermsAcceptance(userId: string): Promise<boolean> {
  const current = await currentVersion(MEMBERSHIP_TERMS);
  const latest = await db.consentEvent.findFirst({
    where: { userId, purpose: MEMBERSHIP_TERMS },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { action: true, versionId: true },
  });
  return !(latest?.action === "GIVEN" && latest.versionId === current.id);
}

export type InvitationBlock = "terms-not-accepted" | "terms-withdrawn";

/**
 * Why a member may not be invited right now, as far as consent goes (null:
 * nothing blocks). Recruitment calls this when it draws and again when it sends.
 */
export async function consentBlock(userId: string): Promise<InvitationBlock | null> {
  const current = await currentVersion(MEMBERSHIP_TERMS);
  const latest = await db.consentEvent.findFirst({
    where: { userId, purpose: MEMBERSHIP_TERMS },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { action: true, versionId: true },
  });
  if (latest?.action === "WITHDRAWN") return "terms-withdrawn";
  if (latest?.versionId !== current.id) return "terms-not-accepted";
  return null;
}

/** Whether the member allows their background profile to be used for targeting. */
export async function profileUseAllowed(userId: string): Promise<boolean> {
  const latest = await db.consentEvent.findFirst({
    where: { userId, purpose: PROFILE_USE },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { action: true },
  });
  return latest?.action === "GIVEN";
}

/** Per published version: how many members' latest event is a give of that version. */
export async function acceptanceCounts(purpose: string) {
  const versions = await db.consentVersion.findMany({
    where: { purpose },
    orderBy: { version: "desc" },
    include: { texts: { select: { language: true, title: true, textHash: true } } },
  });
  const rows = await db.$queryRaw<{ versionId: string; given: bigint; withdrawn: bigint }[]>`
    SELECT "versionId", count(*) FILTER (WHERE action = 'GIVEN') AS given, count(*) FILTER (WHERE action = 'WITHDRAWN') AS withdrawn
    FROM (
      SELECT DISTINCT ON ("userId") "userId", "versionId", action
      FROM "ConsentEvent" WHERE purpose = ${purpose}
      ORDER BY "userId", at DESC, id DESC
    ) latest
    GROUP BY "versionId"`;
  const byVersion = new Map(rows.map((row) => [row.versionId, row]));
  return versions.map((version) => ({
    id: version.id,
    version: version.version,
    publishedAt: version.publishedAt,
    texts: version.texts,
    accepted: Number(byVersion.get(version.id)?.given ?? 0),
    withdrawn: Number(byVersion.get(version.id)?.withdrawn ?? 0),
  }));
}

/**
 * A member gives (the current version) or withdraws (the version they gave)
 * one consent. Repeating the same choice appends nothing.
 */
export async function changeConsent(input: {
  userId: string;
  purpose: string;
  action: "GIVEN" | "WITHDRAWN";
  language: Language;
  channel: Channel;
}) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`consent-member:${input.userId}`}))`;
    const current = await currentVersion(input.purpose, tx);
    const latest = await tx.consentEvent.findFirst({
      where: { userId: input.userId, purpose: input.purpose },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      select: { action: true, versionId: true },
    });
    if (input.action === "GIVEN" && latest?.action === "GIVEN" && latest.versionId === current.id) return false;
    if (input.action === "WITHDRAWN" && latest?.action !== "GIVEN") return false;
    const versionId = input.action === "GIVEN" ? current.id : latest!.versionId;
    await recordConsent(tx, { userId: input.userId, versionId, language: input.language, channel: input.channel, action: input.action });
    return true;
  });
}
