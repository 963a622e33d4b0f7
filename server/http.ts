// The HTTP layer in front of Remix: security headers with a per-request CSP
// nonce, the Origin check on every non-GET request, static files, and
// Cache-Control for signed-in pages.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
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

/** What the built app offers the form-post path (app/entry.server.tsx). */
interface FormPosts {
  postSectionForm(token: string, body: string, headers: { cookie?: string; acceptLanguage?: string }): Promise<string | null>;
}

/** The largest urlencoded section POST the form-post path reads (long texts are 5,000 characters). */
const FORM_LIMIT = 1024 * 1024;

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

  const remix = createRequestHandler({
    build,
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
  });
  /** Remix for a request whose body was read already: the same request, its body replayed. */
  const replay = (req: Request, res: Response, next: NextFunction, body: Buffer) => {
    const again = Object.assign(Readable.from([body]), {
      get: req.get.bind(req),
      hostname: req.hostname,
      protocol: req.protocol,
      originalUrl: req.originalUrl,
      method: req.method,
      headers: req.headers,
    });
    return remix(again as unknown as Request, res, next);
  };

  // The form-post path: a survey section POSTed by a page without JavaScript
  // is answered with its redirect without going through the framework (it
  // costs most of a submission's CPU). Same module code as the route's action;
  // anything that is a page (errors, 404) goes to Remix with the same body.
  // Remix's own fetches (.data) and anything with a query string never come here.
  const formPosts = build.entry.module as unknown as Partial<FormPosts>;
  if (formPosts.postSectionForm) {
    const post = formPosts.postSectionForm;
    app.post(/^\/s\/([^/]+)\/answer$/, (req: Request, res: Response, next: NextFunction) => {
      if (req.originalUrl !== req.path || !req.is("application/x-www-form-urlencoded")) return next();
      readBody(req, FORM_LIMIT)
        .then(async (body) => {
          if (!body) {
            res.status(413).type("text/plain; charset=utf-8").send("413 – Liian suuri / För stor / Too large");
            return;
          }
          // Express has decoded the parameter, as Remix does for the route's.
          const location = await post(req.params[0] ?? "", body.toString("utf8"), {
            cookie: req.get("Cookie"),
            acceptLanguage: req.get("Accept-Language"),
          });
          if (location) res.status(302).setHeader("Location", location).end();
          else await replay(req, res, next, body);
        })
        .catch(next);
    });
  }

  app.all("*", remix);
  return app;
}

/** The whole body, or null once it passes `limit` bytes. */
function readBody(req: Request, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function refererOrigin(referer: string | undefined) {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
