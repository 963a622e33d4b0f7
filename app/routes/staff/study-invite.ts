// POST only: invite a simple random sample of eligible members to a study.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/infra/auth/guard.server";
import { parseForm } from "~/infra/http/form.server";
import { inviteSample } from "~/modules/studies/invitations.server";

const schema = z.object({ count: z.coerce.number().int().min(1).max(5000) });

export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const form = await parseForm(request, schema);
  if (!form.ok) return redirect(`/staff/studies/${params.id}?inviteError=1`);
  const invited = await inviteSample(user, params.id ?? "", form.data.count);
  if (invited === null) throw new Response("Not found", { status: 404 });
  return redirect(`/staff/studies/${params.id}?invited=${invited}`);
}
