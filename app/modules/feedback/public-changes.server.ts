// The public "you said, we did" list: the changes handlers chose to publish,
// newest first. Only what customers said and what was done (both in the
// handler's words, masked once more in case a detail slipped in), the unit and
// the day; never anything from the item behind it.
import { db } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { maskFreeText } from "~/modules/results/masking";

export const CHANGES_PER_PAGE = 20;

export interface PublicChange {
  id: string;
  language: Language;
  said: string;
  did: string;
  unitName: string | null;
  /** "YYYY-MM-DD" */
  publishedOn: string;
}

/** One page of published changes, optionally of one service; a page past the end shows the last. */
export async function publishedChanges({ page, serviceId }: { page: number; serviceId: string | null }) {
  const where = serviceId ? { serviceId } : {};
  const total = await db.publishedChange.count({ where });
  const pages = Math.max(1, Math.ceil(total / CHANGES_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db.publishedChange.findMany({
    where,
    orderBy: [{ publishedOn: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * CHANGES_PER_PAGE,
    take: CHANGES_PER_PAGE,
    select: { id: true, language: true, said: true, did: true, unitName: true, publishedOn: true },
  });
  const items: PublicChange[] = rows.map((row) => ({
    id: row.id,
    language: row.language,
    said: maskFreeText(row.said),
    did: maskFreeText(row.did),
    unitName: row.unitName,
    publishedOn: row.publishedOn.toISOString().slice(0, 10),
  }));
  return { items, total, page: current, pages };
}

/** The services that have published changes, for the filter, named in three languages. */
export async function servicesWithChanges() {
  const used = await db.publishedChange.findMany({ where: { serviceId: { not: null } }, distinct: ["serviceId"], select: { serviceId: true } });
  const ids = used.flatMap((u) => (u.serviceId ? [u.serviceId] : []));
  if (ids.length === 0) return [];
  return db.feedbackService.findMany({
    where: { id: { in: ids } },
    select: { id: true, nameFi: true, nameSv: true, nameEn: true },
    orderBy: [{ sortOrder: "asc" }, { nameFi: "asc" }],
  });
}
