// The vault (answers) store: its own database, role and connection. Only the
// vault module imports this client (enforced by lint).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/vault/client";
import { env } from "~/infra/env.server";

const holder = globalThis as unknown as { __vaultDb?: PrismaClient; __vaultPool?: pg.Pool };

export function vaultDb(): PrismaClient {
  if (!holder.__vaultDb) {
    const pool = new pg.Pool({ connectionString: env().VAULT_DATABASE_URL, max: 10 });
    // An idle connection that dies (server restart) is dropped; the next query opens a new one.
    pool.on("error", () => {});
    holder.__vaultPool = pool;
    holder.__vaultDb = new PrismaClient({ adapter: new PrismaPg(pool) });
  }
  return holder.__vaultDb;
}

/**
 * The pool under the vault client, for the submission path where one plain
 * statement does what several ORM calls would (same database, role and
 * connections). Only this module uses it.
 */
export function vaultPool(): pg.Pool {
  vaultDb();
  return holder.__vaultPool!;
}

export async function disconnectVaultDb() {
  await holder.__vaultDb?.$disconnect();
  holder.__vaultDb = undefined;
  const pool = holder.__vaultPool;
  holder.__vaultPool = undefined;
  if (pool && !pool.ended) await pool.end();
}
