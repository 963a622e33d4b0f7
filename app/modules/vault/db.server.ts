// The vault (answers) store: its own database, role and connection. Only the
// vault module imports this client (enforced by lint).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/vault/client";
import { env } from "~/infra/env.server";

const holder = globalThis as unknown as { __vaultDb?: PrismaClient };

export function vaultDb(): PrismaClient {
  holder.__vaultDb ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().VAULT_DATABASE_URL, max: 10 }),
  });
  return holder.__vaultDb;
}

export async function disconnectVaultDb() {
  await holder.__vaultDb?.$disconnect();
  holder.__vaultDb = undefined;
}
