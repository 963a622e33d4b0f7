// A bad environment stops `server/main.ts` at start, with a message that names
// the variable, before it touches a database or a port.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { freePort } from "~/infra/db/embedded-postgres.server";

interface Exit {
  code: number | null;
  output: string;
}

/** Runs the real entry point with `overrides` (undefined removes a variable). */
async function start(overrides: Record<string, string | undefined>): Promise<Exit> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(await freePort()),
    DEMO_DATA: "false",
    ...overrides,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`still running after 20 s:\n${output}`));
    }, 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("a bad environment", () => {
  it.concurrent("PORT that is not a number: exits non-zero naming PORT", async () => {
    const { code, output } = await start({ PORT: "abc" });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toMatch(/^\s*PORT: /m);
    expect(output).not.toContain("Panel is running");
  });

  it.concurrent("APP_SECRET shorter than 32 characters: exits non-zero naming APP_SECRET, without echoing it", async () => {
    const { code, output } = await start({ APP_SECRET: "too-short-secret-value" });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toMatch(/^\s*APP_SECRET: .*32/m);
    expect(output).not.toContain("too-short-secret-value");
    expect(output).not.toContain("Panel is running");
  });

  it.concurrent("DATABASE_URL without VAULT_DATABASE_URL: exits non-zero naming VAULT_DATABASE_URL", async () => {
    const { code, output } = await start({ VAULT_DATABASE_URL: undefined });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toContain("VAULT_DATABASE_URL");
    // It did not fall back to starting the embedded server for the missing store.
    expect(output).not.toMatch(/Embedded PostgreSQL/);
    expect(output).not.toContain("Panel is running");
  });
});
