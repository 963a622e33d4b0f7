// Who may be put on a study's team: active staff who may manage studies, and
// facilitators, who run its slots (their role keeps them out of study pages).
import type { Prisma } from "~/infra/db/panel.server";
import { db } from "~/infra/db/panel.server";

const candidateWhere: Prisma.UserWhereInput = { kind: "STAFF", status: "ACTIVE", roles: { hasSome: ["RESEARCHER", "FACILITATOR", "ADMIN"] } };

/** Researchers, facilitators and admins to choose from, the owner left out (always on the team). */
export async function teamCandidates(ownerId: string | null) {
  return db.user.findMany({
    where: { ...candidateWhere, ...(ownerId ? { id: { not: ownerId } } : {}) },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    take: 500,
  });
}

/** Whether every id is someone who may be on a team. */
export async function teamIsValid(ids: string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const found = await db.user.count({ where: { ...candidateWhere, id: { in: [...new Set(ids)] } } });
  return found === new Set(ids).size;
}
