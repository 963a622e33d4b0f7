import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { safeRedirect } from "~/infra/auth/guard.server";
import { getAuth } from "~/infra/auth/session.server";
import { isHttps } from "~/infra/env.server";
import { readForm } from "~/infra/http/form.server";
import { isLanguage } from "~/infra/i18n/i18n";
import { languageCookie } from "~/infra/i18n/language.server";
import { saveLanguage } from "~/modules/members/language.server";

export async function loader() {
  throw redirect("/");
}

/** The language switcher: remembered in a cookie, and saved for a signed-in user. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const back = safeRedirect(form.redirectTo, "/");
  if (!isLanguage(form.language)) return redirect(back);
  const auth = await getAuth(request);
  if (auth) await saveLanguage(auth.user.id, form.language);
  return redirect(back, { headers: { "Set-Cookie": languageCookie(form.language, isHttps()) } });
}
