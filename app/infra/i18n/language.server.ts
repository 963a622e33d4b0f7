import { defaultLanguage, isLanguage, languages, type Language } from "./i18n";

export const languageCookieName = "panel_lang";

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("Cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** Best of the Accept-Language header's languages that Panel speaks. */
export function fromAcceptLanguage(header: string | null): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag, q } of ranked) {
    if (q <= 0) continue;
    const primary = tag.split("-")[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}

/** The user's saved choice, then the cookie, then Accept-Language, then Finnish. */
export function resolveLanguage(request: Request, saved?: string | null): Language {
  if (isLanguage(saved)) return saved;
  const cookie = readCookie(request, languageCookieName);
  if (isLanguage(cookie)) return cookie;
  return fromAcceptLanguage(request.headers.get("Accept-Language")) ?? defaultLanguage;
}

export function languageCookie(language: Language, secure: boolean): string {
  return `${languageCookieName}=${language}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export { readCookie, languages };
