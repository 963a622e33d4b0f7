// The studies list: the ones this staff user may see, by status, searched by
// title in any language, a page at a time. Only what the list shows leaves.
import type { SessionUser } from "~/infra/auth/session.server";
import { languages } from "~/infra/i18n/i18n";
import type { LocalText } from "~/modules/surveys/definition";
import { listStudies, type StudyStatusName } from "./studies.server";

export const STUDIES_PAGE_SIZE = 25;

export async function findStudies(user: SessionUser, filter: { q: string; status?: StudyStatusName; page: number }) {
  const all = await listStudies(user, { status: filter.status });
  const needle = filter.q.trim().toLocaleLowerCase("fi");
  // Titles are JSON per language; a researcher's studies are few enough to search here.
  const matching = needle
    ? all.filter((study) => languages.some((l) => String((study.title as Partial<LocalText>)[l] ?? "").toLocaleLowerCase("fi").includes(needle)))
    : all;
  const pages = Math.max(1, Math.ceil(matching.length / STUDIES_PAGE_SIZE));
  const rows = matching.slice((filter.page - 1) * STUDIES_PAGE_SIZE, filter.page * STUDIES_PAGE_SIZE).map((study) => ({
    id: study.id,
    title: study.title as LocalText,
    type: study.type,
    status: study.status,
    owner: study.owner?.name || study.owner?.email || null,
    invitations: study._count.invitations,
    closesAt: study.closesAt,
    createdAt: study.createdAt,
  }));
  return { rows, total: matching.length, pages };
}
