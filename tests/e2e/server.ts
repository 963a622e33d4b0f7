// The server the end-to-end tests talk to: `npm start` as a newcomer runs it
// (embedded PostgreSQL, demo data, local web inbox), in a fresh data folder so
// every run starts from the same seeded state.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const dataDir = path.resolve(".tmp", "e2e-data");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

for (const key of ["DATABASE_URL", "VAULT_DATABASE_URL", "SMTP_URL", "APP_SECRET", "EMBEDDED_PG_PORT"]) delete process.env[key];
Object.assign(process.env, {
  NODE_ENV: "production",
  PORT: "3100",
  PUBLIC_URL: "http://localhost:3100",
  DATA_DIR: dataDir,
  DEMO_DATA: "true",
  DEV_INBOX_SMTP_PORT: "1125",
  DEV_INBOX_WEB_PORT: "1180",
  MAIL_RATE_PER_SECOND: "50",
});

await import("../../server/main");
