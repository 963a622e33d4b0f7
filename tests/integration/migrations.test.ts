import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("migrations", () => {
  for (const store of ["panel", "vault"] as const) {
    it(`${store}: the last migration's schema snapshot is the current schema (run npm run db:migration after a change)`, async () => {
      const dir = path.resolve("prisma", store, "migrations");
      const last = (await readdir(dir)).sort().at(-1)!;
      const snapshot = await readFile(path.join(dir, last, "schema.prisma"), "utf8");
      expect(await readFile(path.resolve("prisma", store, "schema.prisma"), "utf8")).toBe(snapshot);
    });
  }
});
