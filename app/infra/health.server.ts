import { db } from "~/infra/db/panel.server";
import { vaultAnswers } from "~/modules/vault/health.server";

const TIMEOUT_MS = 2000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
}

async function panelAnswers() {
  try {
    await within(db.$queryRaw`SELECT 1`, TIMEOUT_MS);
    return true;
  } catch {
    return false;
  }
}

/** Both stores must answer for the instance to take traffic. */
export async function checkHealth() {
  const [panel, vault] = await Promise.all([panelAnswers(), within(vaultAnswers(), TIMEOUT_MS).catch(() => false)]);
  return {
    status: panel && vault ? ("ok" as const) : ("unavailable" as const),
    panel: panel ? "ok" : "unavailable",
    vault: vault ? "ok" : "unavailable",
  };
}
