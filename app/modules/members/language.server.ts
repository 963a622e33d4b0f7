import { db } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";

/** The language emails and pages use for this person from now on. */
export async function saveLanguage(userId: string, language: Language) {
  await db.user.update({ where: { id: userId }, data: { language } });
}
