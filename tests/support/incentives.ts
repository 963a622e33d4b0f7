// Incentives for tests: staff of each role, studies with a reward rule,
// members who completed them (by the panel's own completion mark), what a
// payout batch would take, the vault made unreachable for a while, and the
// import graph of a set of modules.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { SessionUser } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { saveRewardRule, type RewardCondition, type RewardKind } from "~/modules/incentives/incentives.server";
import { markCompleted } from "~/modules/studies/invitations.server";
import { createMember } from "./members";
import { invite, openStudy } from "./studies";
import { workshopStudy } from "./workshops";

const unique = () => Math.random().toString(36).slice(2, 9);

export async function staff(roles: string[]): Promise<SessionUser> {
  const email = `staff-${unique()}@panel.example`;
  const user = await db.user.create({ data: { kind: "STAFF", roles: roles as never, email, name: email } });
  return { id: user.id, kind: "STAFF", roles, email, name: email, language: "fi" };
}

export interface RuleValues {
  kind: RewardKind;
  condition?: RewardCondition;
  amount: string;
  budget: string;
  prizes?: string;
  charity?: string;
}

/** A study open for answers (a survey, or a workshop for ATTENDED) with the rule saved through the module. */
export async function rewardStudy(owner: SessionUser, rule: RuleValues) {
  const condition = rule.condition ?? "COMPLETED";
  const study = condition === "ATTENDED" ? await workshopStudy(owner) : await openStudy(owner, { title: { fi: `Kysely ${unique()}`, sv: `Enkät ${unique()}`, en: `Survey ${unique()}` } });
  const saved = await saveRewardRule(owner, study.id, { condition, prizes: "", charity: "", ...rule });
  if (!saved?.ok) throw new Error(`rule not saved: ${JSON.stringify(saved)}`);
  return { study, ruleId: saved.ruleId };
}

export interface TestMember {
  id: string;
  email: string;
  cookie: string;
  language: Language;
}

export async function members(prefix: string, count: number, language: Language = "fi"): Promise<TestMember[]> {
  const made: TestMember[] = [];
  for (let i = 0; i < count; i++) {
    const member = await createMember(`${prefix}-${i}-${unique()}@members.example`, { language });
    made.push({ ...member, language });
  }
  return made;
}

/** Invites the members to the study; returns their invitation ids in order. */
export async function invited(studyId: string, people: { id: string; email: string }[]) {
  await invite(studyId, people);
  const rows = await db.invitation.findMany({ where: { studyId, userId: { in: people.map((p) => p.id) } }, select: { id: true, userId: true } });
  return people.map((p) => rows.find((r) => r.userId === p.id)!.id);
}

/** Invites the members and marks each invitation completed on `day` as a submission does. */
export async function completed(studyId: string, people: { id: string; email: string }[], day: string) {
  const ids = await invited(studyId, people);
  for (const id of ids) await markCompleted(id, day);
  return ids;
}

/** The rewards a payout batch would take now: approved donations, approved transfers with an account, not yet in a batch. */
export async function payableNow(): Promise<string[]> {
  const rows = await db.reward.findMany({
    where: { status: "APPROVED", payoutBatchId: null, OR: [{ kind: "CHARITY" }, { kind: "BANK_TRANSFER", user: { bankAccount: { isNot: null } } }] },
    select: { id: true },
  });
  return rows.map((r) => r.id).sort();
}

/** Every row of the tables as JSON text, as a database administrator would read them. */
export async function dumpTables(tables: string[]): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
    parts.push(...rows.map((r) => `${table} ${r.row}`));
  }
  return parts.join("\n");
}

async function adminQuery<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL_FOR_FILE! });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Runs `body` while this file's vault database cannot be reached: the
 * superuser takes CONNECT from the vault's role and PUBLIC and ends every
 * connection to it (the app's pool included). Put back afterwards, however
 * `body` ends; the database's privileges are then as before.
 */
export async function withVaultUnreachable<T>(body: () => Promise<T>): Promise<T> {
  const vault = new URL(process.env.VAULT_DATABASE_URL!);
  const database = decodeURIComponent(vault.pathname.slice(1));
  const role = decodeURIComponent(vault.username);
  const [before] = await adminQuery<{ acl: string | null }>(`SELECT datacl::text AS acl FROM pg_database WHERE datname = $1`, [database]);
  await adminQuery(`REVOKE CONNECT ON DATABASE ${ident(database)} FROM ${ident(role)}, PUBLIC`);
  try {
    await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
    return await body();
  } finally {
    await adminQuery(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(role)}`);
    const [after] = await adminQuery<{ acl: string | null }>(`SELECT datacl::text AS acl FROM pg_database WHERE datname = $1`, [database]);
    if (after?.acl !== before?.acl) throw new Error(`vault privileges not restored: ${before?.acl} → ${after?.acl}`);
  }
}

/**
 * Every app file reached from `entries` by runtime imports (static, re-exports
 * and dynamic import()), following "~/" and relative paths within app/.
 * Type-only imports are not followed: they are gone at run time.
 */
export function importGraph(entries: string[]): Map<string, string | null> {
  const root = path.resolve("app");
  const reached = new Map<string, string | null>();
  const resolve = (from: string, spec: string) => {
    const base = spec.startsWith("~/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
    if (!base) return null;
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    throw new Error(`cannot resolve ${spec} from ${from}`);
  };
  const stack = entries.map((e) => path.resolve(e));
  for (const entry of stack) reached.set(entry, null);
  while (stack.length > 0) {
    const file = stack.pop()!;
    const text = readFileSync(file, "utf8");
    const specs = [
      ...[...text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm)].filter((m) => !m[1]).map((m) => m[2]!),
      ...[...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!),
    ];
    for (const spec of specs) {
      const target = resolve(file, spec);
      if (target && target.startsWith(root) && !reached.has(target)) {
        reached.set(target, file);
        stack.push(target);
      }
    }
  }
  return reached;
}

/** The import chain from an entry to `file`, for a readable failure. */
export function chainTo(graph: Map<string, string | null>, file: string): string {
  const chain: string[] = [];
  for (let at: string | null | undefined = file; at; at = graph.get(at)) chain.push(path.relative(process.cwd(), at));
  return chain.reverse().join(" → ");
}

export const moduleFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));

/** A valid Finnish IBAN (the banks' own example). */
export const VALID_IBAN = "FI21 1234 5600 0007 85";
