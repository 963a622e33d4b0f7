import type { Prisma } from "~/infra/db/panel.server";
import { db } from "~/infra/db/panel.server";
import type { Role } from "~/infra/auth/roles";
import { normaliseEmail } from "~/infra/security/hash.server";
import { recordAudit } from "~/modules/audit/record.server";
import type { StaffAccountInput } from "./account-schema";
import { hashPassword } from "./password.server";

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

export type CreateStaffResult = { ok: true; id: string } | { ok: false; reason: "email-taken" };

/** An admin adds a staff account; the audit event is written in the same transaction. */
export async function createStaffAccount(input: StaffAccountInput, actorId: string): Promise<CreateStaffResult> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const taken = await tx.user.findFirst({ where: { email, kind: "STAFF" }, select: { id: true } });
    if (taken) return { ok: false as const, reason: "email-taken" as const };
    const user = await tx.user.create({
      data: { kind: "STAFF", email, name: input.name, language: input.language, roles: input.roles, passwordHash },
      select: { id: true },
    });
    await recordAudit({ actorId, action: "staff.create", subjectId: user.id, data: { roles: input.roles.join(",") } }, tx);
    return { ok: true as const, id: user.id };
  });
}
