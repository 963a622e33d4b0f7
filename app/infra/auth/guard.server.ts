// The one access check every loader and action calls.
import { redirect } from "@remix-run/node";
import { can, type Permission } from "./roles";
import { getAuth, type Auth } from "./session.server";

function signInPath(permission: Permission, request: Request) {
  const url = new URL(request.url);
  const back = encodeURIComponent(url.pathname + url.search);
  return permission === "member.self" ? `/sign-in?redirectTo=${back}` : `/staff/sign-in?redirectTo=${back}`;
}

/** Signed out: redirect to the right sign-in page. Signed in without the permission: 403. */
export async function requirePermission(request: Request, permission: Permission): Promise<Auth> {
  const auth = await getAuth(request);
  if (!auth) throw redirect(signInPath(permission, request));
  if (!can(auth.user.roles, permission)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return auth;
}

/** Only a same-site path may be a post-sign-in destination. */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback: string) {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.includes("\\")) {
    return fallback;
  }
  // Only visible ASCII: anything else cannot go into a Location header as is.
  if (target.length > 500 || !/^[\x21-\x7e]*$/.test(target)) return fallback;
  return target;
}
