// Vitest global setup: one PostgreSQL server for the run (the embedded one, or
// the server in TEST_PG_ADMIN_URL), with migrated template databases that each
// test file copies (tests/support/per-file-databases.ts).
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../app/infra/db/embedded-postgres.server";
import { migrate } from "../../app/infra/db/migrate.server";
import { dropDatabases, provisionStores } from "../../app/infra/db/provision.server";
import { TEMPLATE, testStores } from "./stores";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_PG_ADMIN_URL;
  let stop = async () => {};
  if (!adminUrl) {
    // Under the system temp folder: throwaway, and reachable by the postgres user.
    const dir = path.join(tmpdir(), `panel-test-postgres-${process.pid}`);
    await rm(dir, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({ dir });
    adminUrl = server.adminUrl;
    stop = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  await dropDatabases(adminUrl, [TEMPLATE.panel, TEMPLATE.vault]);
  const urls = await provisionStores(adminUrl, testStores(TEMPLATE.panel, TEMPLATE.vault));
  await migrate(urls.panelUrl, "panel");
  await migrate(urls.vaultUrl, "vault");
  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await dropDatabases(adminUrl, [TEMPLATE.panel, TEMPLATE.vault]).catch(() => {});
    await stop();
  };
}
