// `npm start` with no DATABASE_URL: the embedded server keeps its data in
// DATA_DIR across a stop and a start, and demo data is seeded only once.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startAppServer } from "../support/app-server";
import { startSmtpSink } from "../support/smtp-sink";

const dataDir = await mkdtemp(path.join(tmpdir(), "panel-restart-"));
const sink = await startSmtpSink();

afterAll(async () => {
  await sink.close();
  await rm(dataDir, { recursive: true, force: true });
});

const embedded = {
  DATABASE_URL: undefined,
  VAULT_DATABASE_URL: undefined,
  APP_SECRET: undefined,
  DATA_DIR: dataDir,
  DEMO_DATA: "true",
  SMTP_URL: sink.url,
};

describe("the embedded default", () => {
  it("keeps its data across a restart and seeds only once", async () => {
    const first = await startAppServer(embedded);
    const port = /Embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(first.output())?.[1];
    expect(port).toBeDefined();
    expect(first.output()).toContain("demo data seeded");
    // A staff member signs in, which writes a session row.
    const signIn = await fetch(`${first.url}/staff/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: first.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=admin%40panel.example&password=demo-panel-2026",
    });
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.getSetCookie()[0]!.split(";")[0]!;
    await first.stop();

    const second = await startAppServer(embedded);
    expect(second.output()).not.toContain("demo data seeded");
    // The session made before the restart is still valid: the row survived.
    const dashboard = await fetch(`${second.url}/staff`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("Aino Admin");
    const secondPort = /Embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(second.output())?.[1];
    const secrets = JSON.parse(await readFile(path.join(dataDir, "secrets.json"), "utf8")) as { panelPassword: string };
    const client = new pg.Client({ connectionString: `postgresql://panel:${encodeURIComponent(secrets.panelPassword)}@127.0.0.1:${secondPort}/panel` });
    await client.connect();
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM "User" WHERE kind = 'MEMBER'`);
    await client.end();
    expect(Number(rows[0]!.count)).toBe(300);
    await second.stop();
  }, 120_000);
});
