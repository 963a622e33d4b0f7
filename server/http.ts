// The HTTP layer in front of Remix: security headers with a per-request CSP
// nonce, the Origin check on every non-GET request, static files, and
// Cache-Control for signed-in pages.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";

export interface HttpOptions {
  publicUrl: string;
  trustProxy: boolean;
  buildDir: string;
}

/** Paths that take cross-site POSTs by design (RFC 8058 one-click unsubscribe). */
export const originExemptPrefixes = ["/unsubscribe/"];

const sessionCookie = /(?:^|;\s*)(?:__Host-)?panel_session=/;

export function createHttpApp(build: ServerBuild, options: HttpOptions) {
  const app = express();
  const https = options.publicUrl.startsWith("https://");
  const publicOrigin = new URL(options.publicUrl).origin;
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
        ...(https ? ["upgrade-insecure-requests"] : []),
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (https) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    next();
  });

  const client = path.join(options.buildDir, "client");
  app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(client, { maxAge: "1h", index: false }));

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
    if (originExemptPrefixes.some((prefix) => req.path.startsWith(prefix))) return next();
    const origin = req.get("Origin") ?? refererOrigin(req.get("Referer"));
    const ownOrigin = `${req.protocol}://${req.get("Host")}`;
    if (origin && (origin === publicOrigin || origin === ownOrigin)) {
      // Remix checks Origin against the forwarded host once more; give it the
      // host we just accepted, whatever a proxy passed on (or a client added).
      req.headers["x-forwarded-host"] = new URL(origin).host;
      return next();
    }
    res.status(403).type("text/plain; charset=utf-8").send(
      "403 – Pyyntö hylättiin / Begäran avvisades / Request refused (cross-site request)",
    );
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    // Only the proxy-aware address reaches the app, under a header no client can set.
    req.headers["x-panel-client-ip"] = req.ip ?? "unknown";
    if (sessionCookie.test(req.get("Cookie") ?? "")) res.setHeader("Cache-Control", "no-store");
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  );
  return app;
}

function refererOrigin(referer: string | undefined) {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
