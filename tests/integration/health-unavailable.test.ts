// /healthz must say 503 when a store does not answer. This file points the
// vault at a port where nothing listens before any app module reads the env.
import { describe, expect, it } from "vitest";
import { freePort } from "~/infra/db/embedded-postgres.server";

const deadPort = await freePort();
const vaultUrl = new URL(process.env.VAULT_DATABASE_URL!);
vaultUrl.port = String(deadPort);
process.env.VAULT_DATABASE_URL = vaultUrl.toString();

const { loader } = await import("~/routes/healthz");

describe("/healthz with the vault down", () => {
  it("answers 503 and names the store that is down", async () => {
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", panel: "ok", vault: "unavailable" });
  });
});
