import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/form";
import { useLanguage, useT } from "~/components/use-translate";
import { requirePermission } from "~/infra/auth/guard.server";
import { clearSessionCookie } from "~/infra/auth/session.server";
import { invalid, parseForm } from "~/infra/http/form.server";
import { notFound } from "~/infra/http/responses.server";
import { formatDateTime, type Translate } from "~/infra/i18n/i18n";
import { strict } from "~/modules/members/profile-schema";
import { endOtherSessions, listSessions, revokeSession, type Device } from "~/modules/members/sessions.server";

const schema = z.discriminatedUnion(
  "intent",
  [
    z.strictObject({ intent: z.literal("revoke"), handle: z.string().regex(/^[0-9a-f]{64}$/, "profile.badRequest") }, strict),
    z.strictObject({ intent: z.literal("revoke-others") }, strict),
  ],
  { error: "profile.badRequest" },
);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requirePermission(request, "member.self");
  const sessions = await listSessions(user.id, sessionId);
  return {
    sessions: sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString() })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requirePermission(request, "member.self");
  const form = await parseForm(request, schema);
  if (!form.ok) return invalid(form);
  if (form.data.intent === "revoke-others") {
    await endOtherSessions(user.id, sessionId);
    return redirect("/account/sessions?done=others");
  }
  const result = await revokeSession(user.id, form.data.handle, sessionId);
  // Not one of this member's sessions (or already gone): nothing to do here.
  if (result === "not-found") notFound();
  if (result === "current") return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
  return redirect("/account/sessions?done=one");
}

function deviceName(t: Translate, device: Device) {
  if (device.browser && device.os) return t("sessions.deviceName", { browser: device.browser, os: device.os });
  return device.browser ?? device.os ?? t("sessions.unknownDevice");
}

export default function AccountSessions() {
  const t = useT();
  const language = useLanguage();
  const { sessions } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const others = sessions.filter((s) => !s.current);

  return (
    <>
      <p>
        <Link to="/account">{t("profile.backToAccount")}</Link>
      </p>
      <h1>{t("sessions.title")}</h1>
      {done && !state ? (
        <p className="notice" role="status">
          {done === "others" ? t("sessions.othersRevoked") : t("sessions.revoked")}
        </p>
      ) : null}
      <ErrorSummary state={state} labels={{}} />
      <p>{t("sessions.intro")}</p>
      <div className="table-wrap" id="form">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("sessions.device")}</th>
              <th scope="col">{t("sessions.started")}</th>
              <th scope="col">{t("sessions.expires")}</th>
              <th scope="col">{t("sessions.action")}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => {
              const device = deviceName(t, session.device);
              const started = formatDateTime(session.createdAt, language);
              return (
                <tr key={session.handle}>
                  <th scope="row">
                    {device}
                    {session.current ? (
                      <>
                        {" "}
                        <strong>({t("sessions.thisDevice")})</strong>
                      </>
                    ) : null}
                  </th>
                  <td>{started}</td>
                  <td>{formatDateTime(session.expiresAt, language)}</td>
                  <td>
                    {session.current ? (
                      <Form method="post" action="/sign-out">
                        <button type="submit" className="secondary">
                          {t("sessions.signOutHere")}
                        </button>
                      </Form>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="handle" value={session.handle} />
                        <button
                          type="submit"
                          name="intent"
                          value="revoke"
                          className="secondary"
                          aria-label={t("sessions.revokeLabel", { device, started })}
                        >
                          {t("sessions.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {others.length > 0 ? (
        <Form method="post">
          <p>
            <button type="submit" name="intent" value="revoke-others" className="secondary">
              {t("sessions.revokeOthers")}
            </button>
          </p>
        </Form>
      ) : (
        <p>{t("sessions.onlyThis")}</p>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
