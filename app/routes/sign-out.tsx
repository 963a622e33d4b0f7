import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, endAllSessions, endSession, getAuth } from "~/infra/auth/session.server";
import { readForm } from "~/infra/http/form.server";

// POST only: a link or a prefetch must never sign anyone out.
export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  const form = await readForm(request);
  const destination = auth?.user.kind === "STAFF" ? "/staff/sign-in" : "/";
  if (auth) {
    if (form.intent === "everywhere") await endAllSessions(auth.user.id);
    else await endSession(auth.sessionId);
  }
  return redirect(destination, { headers: { "Set-Cookie": clearSessionCookie() } });
}
