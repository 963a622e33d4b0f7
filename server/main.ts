// `npm start`: prepare the stores and mail, load the built app, serve it.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { EnvError, parseEnv } from "~/infra/env.server";
import { createHttpApp } from "./http";
import { prepare } from "./prepare";

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const env = parseEnv(process.env);
  const prepared = await prepare(say);
  const buildDir = path.resolve("build");
  const build = (await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href)) as ServerBuild;
  const runtime = build.entry.module as unknown as {
    boot(options?: { worker?: boolean }): Promise<void>;
    shutdown(): Promise<void>;
  };
  await runtime.boot();
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  const app = createHttpApp(build, { publicUrl, trustProxy: env.TRUST_PROXY, buildDir });
  const server = app.listen(env.PORT, () => {
    say("");
    say(`Panel is running at ${publicUrl}`);
    for (const note of prepared.notes) say(note);
    if (env.DEMO_DATA ?? env.NODE_ENV !== "production") say("Demo sign-in: see README (staff password demo-panel-2026, member member@panel.example)");
    say("");
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say("Stopping Panel…");
    server.close();
    await runtime.shutdown();
    await prepared.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
  } else {
    process.stderr.write(`Panel could not start: ${(error as Error)?.stack ?? error}\n`);
  }
  process.exit(1);
});
