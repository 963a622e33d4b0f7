// The e2e server's own database (its embedded PostgreSQL, found from its data
// folder), for what a spec cannot do through pages: add its own staff
// accounts, or let a booked session begin without waiting for it.
import { readFileSync } from "node:fs";
import path from "node:path";

type PanelDb = (typeof import("../../app/infra/db/panel.server"))["db"];

export async function withServerDatabase<T>(run: (db: PanelDb) => Promise<T>): Promise<T> {
  const dataDir = path.resolve(".tmp", "e2e-data");
  const secrets = JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { appSecret: string; panelPassword: string; vaultPassword: string };
  const port = readFileSync(path.join(dataDir, "postgres", "cluster", "postmaster.pid"), "utf8").split("\n")[3]!.trim();
  const url = (role: string, password: string) => `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/${role}`;
  Object.assign(process.env, {
    DATABASE_URL: url("panel", secrets.panelPassword),
    VAULT_DATABASE_URL: url("vault", secrets.vaultPassword),
    APP_SECRET: secrets.appSecret,
    SMTP_URL: "smtp://127.0.0.1:1125",
    PUBLIC_URL: "http://localhost:3100",
  });
  const { db, disconnectPanelDb } = await import("../../app/infra/db/panel.server");
  try {
    return await run(db);
  } finally {
    await disconnectPanelDb();
  }
}

/** Adds staff accounts with the demo staff password (staff sign-in allows 10 tries per address in 15 minutes, so each spec has its own). */
export async function createE2eStaff(accounts: { email: string; name: string; roles: ("RESEARCHER" | "FACILITATOR" | "FEEDBACK_HANDLER" | "ADMIN")[] }[]) {
  await withServerDatabase(async (db) => {
    const demo = await db.user.findFirstOrThrow({ where: { email: "researcher@panel.example", kind: "STAFF" }, select: { passwordHash: true } });
    await db.user.createMany({
      data: accounts.map((account) => ({ kind: "STAFF" as const, language: "fi" as const, passwordHash: demo.passwordHash, ...account })),
    });
  });
}
