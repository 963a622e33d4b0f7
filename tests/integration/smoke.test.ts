import { describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { checkHealth } from "~/infra/health.server";

describe("test databases", () => {
  it("give each file its own migrated, empty panel store", async () => {
    expect(await db.user.count()).toBe(0);
  });

  it("answer the health check", async () => {
    expect(await checkHealth()).toEqual({ status: "ok", panel: "ok", vault: "ok" });
  });
});
