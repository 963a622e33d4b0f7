// Recruitment's own access check for functions that take a staff user: the
// route guard answers 403 for the wrong role, and so does the module, so a
// route that forgets its guard still cannot reach segments or settings.
import { can, type Permission } from "~/infra/auth/roles";
import type { SessionUser } from "~/infra/auth/session.server";

export function requireCan(user: SessionUser, permission: Permission): void {
  if (user.kind !== "STAFF" || !can(user.roles, permission)) {
    throw new Response("Forbidden", { status: 403 });
  }
}

export const isAdmin = (user: SessionUser) => user.kind === "STAFF" && user.roles.includes("ADMIN");
