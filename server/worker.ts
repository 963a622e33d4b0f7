// `tsx server/worker.ts`: the campaign sender on its own, beside the app
// instances (which run one too) or instead of theirs. It needs the same
// environment as an instance against external PostgreSQL: DATABASE_URL,
// VAULT_DATABASE_URL, SMTP_URL and APP_SECRET (read from
// DATA_DIR/secrets.json when unset, like `npm start`). It never starts the
// embedded PostgreSQL: that belongs to the `npm start` process owning DATA_DIR.
//
// Unlike server/main.ts it imports the app modules from the sources through
// tsx (the `~` alias comes from tsconfig paths), as the tests do. main.ts
// loads the build so that the routes and its runtime share one copy of each
// module; this process serves no routes, so there is nothing to share, and it
// then runs without a build and without React or Vite loaded.
//
// Several may run at once: rows are claimed with FOR UPDATE SKIP LOCKED and a
// lease (MAIL_LEASE_SECONDS). SIGTERM/SIGINT let the messages in flight finish
// and be marked; a SIGKILL loses nothing either (their lease runs out and
// another worker sends them again, flagged maybeDuplicate).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { EnvError, parseEnv } from "~/infra/env.server";

function completeEnv() {
  const parsed = parseEnv(process.env);
  if (!parsed.APP_SECRET) {
    const file = path.join(path.resolve(parsed.DATA_DIR), "secrets.json");
    if (existsSync(file)) process.env.APP_SECRET = (JSON.parse(readFileSync(file, "utf8")) as { appSecret: string }).appSecret;
  }
  const missing = (["DATABASE_URL", "VAULT_DATABASE_URL", "SMTP_URL", "APP_SECRET"] as const).filter((key) => !process.env[key]);
  if (missing.length > 0) {
    throw new EnvError(
      `Invalid environment:\n${missing.map((m) => `  ${m}: required by the worker (the same value as the app instances')`).join("\n")}`,
    );
  }
}

async function main() {
  completeEnv();
  const { log } = await import("~/infra/log.server");
  const { startCampaignWorker, stopCampaignWorker } = await import("~/modules/campaigns/sender.server");
  const { closeMailTransport } = await import("~/infra/mail/transport.server");
  const { disconnectPanelDb } = await import("~/infra/db/panel.server");

  startCampaignWorker({ onError: (error) => log.error("campaign worker", { error: (error as Error).message }) });
  log.info("campaign worker started", { pid: process.pid });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopCampaignWorker();
    closeMailTransport();
    await disconnectPanelDb();
    log.info("campaign worker stopped", { pid: process.pid });
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
  } else {
    process.stderr.write(`The campaign worker could not start: ${(error as Error)?.stack ?? error}\n`);
  }
  process.exit(1);
});
