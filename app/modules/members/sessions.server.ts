// "My sessions": a member's sign-in sessions, listed and revoked by a public
// handle (a keyed hash of the session id), so the page never shows the id
// itself. Every query names the member, so another member's handle finds nothing.
import { db, type PanelTransaction } from "~/infra/db/panel.server";
import { keyedHash, safeEqualHex } from "~/infra/security/hash.server";

export const sessionHandle = (sessionId: string) => keyedHash("session-handle", sessionId);

export interface Device {
  browser: string | null;
  os: string | null;
}

/** Browser and system in plain words from a user agent; null when not recognised. */
export function describeDevice(userAgent: string | null): Device {
  const ua = userAgent ?? "";
  const browser =
    /\bEdg(e|A|iOS)?\//.test(ua) ? "Edge"
    : /\b(OPR|Opera)\//.test(ua) ? "Opera"
    : /\bSamsungBrowser\//.test(ua) ? "Samsung Internet"
    : /\b(Firefox|FxiOS)\//.test(ua) ? "Firefox"
    : /\b(Chrome|CriOS|Chromium)\//.test(ua) ? "Chrome"
    : /\bVersion\/[\d.]+.*Safari\//.test(ua) ? "Safari"
    : null;
  const os =
    /\b(iPhone)\b/.test(ua) ? "iPhone"
    : /\biPad\b/.test(ua) ? "iPad"
    : /\bAndroid\b/.test(ua) ? "Android"
    : /\bCrOS\b/.test(ua) ? "ChromeOS"
    : /\bWindows\b/.test(ua) ? "Windows"
    : /\bMac OS X\b|\bMacintosh\b/.test(ua) ? "macOS"
    : /\bLinux\b/.test(ua) ? "Linux"
    : null;
  return { browser, os };
}

export interface MemberSession {
  handle: string;
  device: Device;
  createdAt: Date;
  expiresAt: Date;
  current: boolean;
}

/** The member's live sessions, newest first, the current one marked. */
export async function listSessions(userId: string, currentSessionId: string): Promise<MemberSession[]> {
  const now = new Date();
  const rows = await db.session.findMany({
    where: { userId, expiresAt: { gt: now }, absoluteExpiresAt: { gt: now } },
    select: { id: true, userAgent: true, createdAt: true, expiresAt: true, absoluteExpiresAt: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => ({
    handle: sessionHandle(row.id),
    device: describeDevice(row.userAgent),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt < row.absoluteExpiresAt ? row.expiresAt : row.absoluteExpiresAt,
    current: row.id === currentSessionId,
  }));
}

export type RevokeResult = "revoked" | "current" | "not-found";

/** Ends one of the member's sessions by its handle; "current" means the caller signed themselves out. */
export async function revokeSession(userId: string, handle: string, currentSessionId: string): Promise<RevokeResult> {
  const rows = await db.session.findMany({ where: { userId }, select: { id: true } });
  const match = rows.find((row) => safeEqualHex(sessionHandle(row.id), handle));
  if (!match) return "not-found";
  const deleted = await db.session.deleteMany({ where: { id: match.id, userId } });
  if (deleted.count === 0) return "not-found";
  return match.id === currentSessionId ? "current" : "revoked";
}

/** Signs the member out everywhere except the session given. */
export async function endOtherSessions(userId: string, keepSessionId: string, client: PanelTransaction | typeof db = db) {
  const deleted = await client.session.deleteMany({ where: { userId, id: { not: keepSessionId } } });
  return deleted.count;
}
