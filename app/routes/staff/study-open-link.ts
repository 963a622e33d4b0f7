// POST only: turn a study's open link (no invitation, no identity) on or off.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/infra/auth/guard.server";
import { parseForm } from "~/infra/http/form.server";
import { setOpenLink } from "~/modules/studies/open-link.server";

const schema = z.object({ intent: z.enum(["enable", "disable"]) });

export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "studies.manage");
  const form = await parseForm(request, schema);
  if (!form.ok) throw new Response("Bad request", { status: 400 });
  const done = await setOpenLink(user, params.id ?? "", form.data.intent === "enable");
  if (!done) throw new Response("Not found", { status: 404 });
  return redirect(`/staff/studies/${params.id}`);
}
