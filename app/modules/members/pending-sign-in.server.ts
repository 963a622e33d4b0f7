import { createCookie } from "@remix-run/node";
import { env, isHttps } from "~/infra/env.server";

/** Remembers, signed and for a limited time, which address a code was sent to. */
function pendingAddressCookie(name: string, maxAgeSeconds: number) {
  return {
    get cookie() {
      return createCookie(isHttps() ? `__Host-${name}` : name, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: isHttps(),
        maxAge: maxAgeSeconds,
        secrets: [env().APP_SECRET],
      });
    },
    serialize(email: string) {
      return this.cookie.serialize(email);
    },
    async parse(request: Request): Promise<string | null> {
      const value: unknown = await this.cookie.parse(request.headers.get("Cookie"));
      return typeof value === "string" ? value : null;
    },
    clear() {
      return this.cookie.serialize("", { maxAge: 0 });
    },
  };
}

/** The address a sign-in code was asked for (10 minutes). */
export const pendingSignInCookie = pendingAddressCookie("panel_pending", 10 * 60);
/** The address a join confirmation was sent to (a day). */
export const pendingJoinCookie = pendingAddressCookie("panel_join", 24 * 60 * 60);
