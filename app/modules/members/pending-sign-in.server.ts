import { createCookie } from "@remix-run/node";
import { env, isHttps } from "~/infra/env.server";

/** Remembers, signed and for 10 minutes, which address a code was asked for. */
export const pendingSignInCookie = {
  get cookie() {
    return createCookie(isHttps() ? "__Host-panel_pending" : "panel_pending", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: isHttps(),
      maxAge: 10 * 60,
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
