// Everything that must be true before the app takes a request: a valid
// environment, both stores (the embedded server when no DATABASE_URL is given),
// migrations applied, a mail server (a local catch-all inbox when no SMTP_URL).
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startEmbeddedPostgres } from "~/infra/db/embedded-postgres.server";
import { migrate } from "~/infra/db/migrate.server";
import { provisionStores } from "~/infra/db/provision.server";
import { parseEnv } from "~/infra/env.server";

interface Secrets {
  appSecret: string;
  panelPassword: string;
  vaultPassword: string;
}

async function localSecrets(dataDir: string): Promise<Secrets> {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as Secrets;
  const secret = () => randomBytes(24).toString("base64url");
  const secrets = { appSecret: secret() + secret(), panelPassword: secret(), vaultPassword: secret() };
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export interface Prepared {
  stop(): Promise<void>;
  notes: string[];
}

/** Secrets, both stores (embedded when no DATABASE_URL) and migrations. */
export async function prepareStores(log: (line: string) => void): Promise<Prepared> {
  const env = parseEnv(process.env);
  const dataDir = path.resolve(env.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the postgres user and must pass through DATA_DIR.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o711);
  const stops: (() => Promise<void>)[] = [];
  const notes: string[] = [];

  const secrets = await localSecrets(dataDir);
  if (!env.APP_SECRET) {
    if (env.NODE_ENV === "production" && env.DATABASE_URL) {
      log("APP_SECRET is not set: using the one in DATA_DIR/secrets.json. Set it explicitly when several instances run.");
    }
    process.env.APP_SECRET = secrets.appSecret;
  }

  if (!env.DATABASE_URL) {
    const server = await startEmbeddedPostgres({ dir: path.join(dataDir, "postgres"), port: env.EMBEDDED_PG_PORT });
    stops.push(() => server.stop());
    const urls = await provisionStores(server.adminUrl, {
      panel: { database: "panel", role: "panel", password: secrets.panelPassword },
      vault: { database: "vault", role: "vault", password: secrets.vaultPassword },
    });
    process.env.DATABASE_URL = urls.panelUrl;
    process.env.VAULT_DATABASE_URL = urls.vaultUrl;
    notes.push(`Embedded PostgreSQL on 127.0.0.1:${server.port}, data in ${path.join(dataDir, "postgres")}`);
  }
  const panelApplied = await migrate(process.env.DATABASE_URL!, "panel");
  const vaultApplied = await migrate(process.env.VAULT_DATABASE_URL!, "vault");
  if (panelApplied.length + vaultApplied.length > 0) {
    log(`Migrations applied: panel ${panelApplied.join(", ") || "none"}; vault ${vaultApplied.join(", ") || "none"}`);
  }

  return {
    notes,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => {});
    },
  };
}

/** Everything `npm start` needs: the stores, then a mail server. */
export async function prepare(log: (line: string) => void): Promise<Prepared> {
  const stores = await prepareStores(log);
  const env = parseEnv(process.env);
  const dataDir = path.resolve(env.DATA_DIR);
  const notes = [...stores.notes];
  const stops: (() => Promise<void>)[] = [() => stores.stop()];
  if (!env.SMTP_URL) {
    const { MailDev } = await import("maildev");
    const inbox = new MailDev({
      smtp: env.DEV_INBOX_SMTP_PORT,
      web: env.DEV_INBOX_WEB_PORT,
      ip: "127.0.0.1",
      webIp: "127.0.0.1",
      silent: true,
      mailDirectory: path.join(dataDir, "inbox"),
    } as never);
    await inbox.start();
    stops.push(() => inbox.stop());
    process.env.SMTP_URL = `smtp://127.0.0.1:${env.DEV_INBOX_SMTP_PORT}`;
    notes.push(`Mail goes to a local test inbox (no SMTP_URL): http://127.0.0.1:${env.DEV_INBOX_WEB_PORT}`);
  }

  return {
    notes,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => {});
    },
  };
}
