import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requirePermission } from "~/infra/auth/guard.server";
import { notFound } from "~/infra/http/responses.server";
import { translator } from "~/infra/i18n/i18n";
import { resolveLanguage } from "~/infra/i18n/language.server";
import { AuditUnavailableError, isMember, memberExport, readViewReason } from "~/modules/members/directory.server";

/** The member's full data as a JSON download, the same as their own "My data"; audited before it is read. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "members.directory");
  const id = params.id ?? "";
  if (!(await isMember(id))) notFound();
  const check = readViewReason(new URL(request.url).searchParams);
  if (check.state !== "ok") throw redirect(`/staff/members?next=${encodeURIComponent(`/staff/members/${id}/export`)}`);
  let exported: object | null;
  try {
    exported = await memberExport(id, { actorId: user.id, reason: check.reason });
  } catch (error) {
    if (!(error instanceof AuditUnavailableError)) throw error;
    const t = translator(resolveLanguage(request, user.language));
    return new Response(t("staffMembers.exportFailed"), {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (!exported) notFound();
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="member-${id}.json"`,
    },
  });
}
