import { z } from "zod";
import { parseForm } from "~/infra/http/form.server";
import type { Language } from "~/infra/i18n/i18n";
import { changeConsent } from "./consent.server";
import { basePurposes } from "./purposes";

const schema = z.object({ purpose: z.enum(basePurposes), intent: z.enum(["give", "withdraw"]) });

/** The give/withdraw buttons of ConsentList, for the account page and the email link. */
export async function handleConsentForm(
  request: Request,
  member: { userId: string; language: Language },
  channel: "WEB" | "EMAIL_LINK",
) {
  const form = await parseForm(request, schema);
  if (!form.ok) throw new Response("Bad request", { status: 400 });
  await changeConsent({
    userId: member.userId,
    purpose: form.data.purpose,
    action: form.data.intent === "give" ? "GIVEN" : "WITHDRAWN",
    language: member.language,
    channel,
  });
}
