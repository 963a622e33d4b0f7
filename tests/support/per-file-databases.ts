// Runs before each test file: a fresh pair of databases copied from the
// migrated templates, and the environment pointing at them, before any app
// module reads it.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { dropDatabases, provisionStores } from "../../app/infra/db/provision.server";
import { TEMPLATE, testStores } from "./stores";

const adminUrl = inject("pgAdminUrl");
const suffix = `${process.env.VITEST_POOL_ID ?? "0"}_${randomBytes(4).toString("hex")}`;
const names = { panel: `panel_t_${suffix}`, vault: `vault_t_${suffix}` };

const urls = await provisionStores(adminUrl, testStores(names.panel, names.vault), { template: TEMPLATE });
Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: urls.panelUrl,
  VAULT_DATABASE_URL: urls.vaultUrl,
  APP_SECRET: "test-secret-test-secret-test-secret-0123",
  SMTP_URL: process.env.SMTP_URL ?? "smtp://127.0.0.1:9",
  PUBLIC_URL: "http://localhost:3000",
  DEMO_DATA: "false",
  MAIL_RATE_PER_SECOND: "10000",
});
process.env.TEST_PG_ADMIN_URL_FOR_FILE = adminUrl;

afterAll(async () => {
  const { disconnectPanelDb } = await import("../../app/infra/db/panel.server");
  const { disconnectVaultDb } = await import("../../app/modules/vault/db.server");
  await disconnectPanelDb();
  await disconnectVaultDb();
  await dropDatabases(adminUrl, [names.panel, names.vault]);
});
