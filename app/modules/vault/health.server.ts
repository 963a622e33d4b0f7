import { vaultDb } from "./db.server";

/** True when the vault store answers a trivial query. */
export async function vaultAnswers(): Promise<boolean> {
  try {
    await vaultDb().$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
