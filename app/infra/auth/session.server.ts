// Sign-in sessions: database rows (revocable), lucia v3 for validation and
// sliding (idle) expiry. The cookie carries a random token; the row's id is the
// token's SHA-256, so the table alone cannot be used to sign in.
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { db } from "~/infra/db/panel.server";
import { isHttps } from "~/infra/env.server";
import { readCookie } from "~/infra/i18n/language.server";
import { randomToken, sha256Hex } from "~/infra/security/hash.server";

/** Signed out after this long without a request. */
export const IDLE_TIMEOUT = new TimeSpan(8, "h");
/** Signed out this long after signing in, however active. */
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;

interface SessionAttributes {
  absoluteExpiresAt: Date;
  userAgent: string | null;
}

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseSessionAttributes: SessionAttributes;
    DatabaseUserAttributes: Record<string, never>;
  }
}

const adapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const row = await db.session.findUnique({ where: { id: sessionId }, select: { id: true, userId: true, expiresAt: true, absoluteExpiresAt: true, userAgent: true } });
    if (!row) return [null, null];
    const session: DatabaseSession = {
      id: row.id,
      userId: row.userId,
      expiresAt: row.expiresAt,
      attributes: { absoluteExpiresAt: row.absoluteExpiresAt, userAgent: row.userAgent },
    };
    const user: DatabaseUser = { id: row.userId, attributes: {} };
    return [session, user];
  },
  async getUserSessions(userId) {
    const rows = await db.session.findMany({ where: { userId } });
    return rows.map((row) => ({
      id: row.id,
      userId: row.userId,
      expiresAt: row.expiresAt,
      attributes: { absoluteExpiresAt: row.absoluteExpiresAt, userAgent: row.userAgent },
    }));
  },
  async setSession(session) {
    const attributes = session.attributes as unknown as SessionAttributes;
    await db.session.create({
      data: {
        id: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt,
        absoluteExpiresAt: attributes.absoluteExpiresAt,
        userAgent: attributes.userAgent,
      },
    });
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    // Sliding expiry never passes the absolute limit.
    await db.$executeRaw`UPDATE "Session" SET "expiresAt" = LEAST(${expiresAt}, "absoluteExpiresAt") WHERE id = ${sessionId}`;
  },
  async deleteSession(sessionId) {
    await db.session.deleteMany({ where: { id: sessionId } });
  },
  async deleteUserSessions(userId) {
    await db.session.deleteMany({ where: { userId } });
  },
  async deleteExpiredSessions() {
    await db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  },
};

export const lucia = new Lucia(adapter, {
  sessionExpiresIn: IDLE_TIMEOUT,
  sessionCookie: { name: "unused", expires: false },
  getSessionAttributes: (attributes) => attributes,
});

export function sessionCookieName() {
  return isHttps() ? "__Host-panel_session" : "panel_session";
}

function cookie(value: string, maxAgeSeconds: number) {
  const secure = isHttps() ? "; Secure" : "";
  return `${sessionCookieName()}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export const clearSessionCookie = () => cookie("", 0);

/** Starts a session; returns the Set-Cookie header value. */
export async function createSession(userId: string, request: Request): Promise<string> {
  const token = randomToken(32);
  const absoluteExpiresAt = new Date(Date.now() + ABSOLUTE_TIMEOUT_MS);
  await lucia.createSession(
    userId,
    { absoluteExpiresAt, userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null },
    { sessionId: sha256Hex(token) },
  );
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
  return cookie(token, Math.floor(ABSOLUTE_TIMEOUT_MS / 1000));
}

export interface SessionUser {
  id: string;
  kind: "MEMBER" | "STAFF";
  roles: string[];
  email: string;
  name: string | null;
  language: "fi" | "sv" | "en";
}

export interface Auth {
  sessionId: string;
  user: SessionUser;
}

const memo = new WeakMap<Request, Promise<Auth | null>>();

/** The signed-in user of this request, validated once per request. */
export function getAuth(request: Request): Promise<Auth | null> {
  let pending = memo.get(request);
  if (!pending) {
    pending = validate(request);
    memo.set(request, pending);
  }
  return pending;
}

async function validate(request: Request): Promise<Auth | null> {
  const token = readCookie(request, sessionCookieName());
  if (!token || token.length > 100) return null;
  const { session } = await lucia.validateSession(sha256Hex(token));
  if (!session) return null;
  if (session.absoluteExpiresAt.getTime() <= Date.now()) {
    await lucia.invalidateSession(session.id);
    return null;
  }
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { id: true, kind: true, roles: true, email: true, name: true, language: true, status: true },
  });
  if (!user || user.status !== "ACTIVE") return null;
  const { status: _status, ...rest } = user;
  return { sessionId: session.id, user: rest };
}

export async function endSession(sessionId: string) {
  await lucia.invalidateSession(sessionId);
}

export async function endAllSessions(userId: string) {
  await lucia.invalidateUserSessions(userId);
}
