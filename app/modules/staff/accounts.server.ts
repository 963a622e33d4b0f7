import type { Prisma } from "~/infra/db/panel.server";
import { db } from "~/infra/db/panel.server";
import type { Role } from "~/infra/auth/roles";

export const STAFF_PAGE_SIZE = 25;

const staffListSelect = {
  id: true,
  name: true,
  email: true,
  roles: true,
  status: true,
  lastSignInAt: true,
} satisfies Prisma.UserSelect;

export async function listStaff(filter: { query?: string; role?: Role; page: number }) {
  const where: Prisma.UserWhereInput = {
    kind: "STAFF",
    ...(filter.role ? { roles: { has: filter.role } } : {}),
    ...(filter.query
      ? {
          OR: [
            { email: { contains: filter.query, mode: "insensitive" } },
            { name: { contains: filter.query, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      select: staffListSelect,
      orderBy: [{ name: "asc" }, { email: "asc" }],
      skip: (filter.page - 1) * STAFF_PAGE_SIZE,
      take: STAFF_PAGE_SIZE,
    }),
  ]);
  return { total, pages: Math.max(1, Math.ceil(total / STAFF_PAGE_SIZE)), rows };
}
