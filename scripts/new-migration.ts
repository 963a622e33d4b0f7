// `npm run db:migration -- <panel|vault> <name>`: writes the SQL that takes the
// store from its last migration's schema snapshot to prisma/<store>/schema.prisma.
// Prisma's CLI makes the SQL (`migrate diff`); it needs a reachable server, so a
// throwaway embedded PostgreSQL is started for it. See docs/decisions/0002.
import { execFileSync } from "node:child_process";
import { chmod, copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../app/infra/db/embedded-postgres.server";

const [store, rawName] = process.argv.slice(2);
if ((store !== "panel" && store !== "vault") || !rawName) {
  console.error("usage: npm run db:migration -- <panel|vault> <name>");
  process.exit(2);
}
const name = rawName.toLowerCase().replace(/[^a-z0-9]+/g, "_");
const dir = path.resolve("prisma", store, "migrations");
const existing = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const last = existing.at(-1);
const number = String(existing.length + 1).padStart(4, "0");

const scratch = await mkdtemp(path.join(tmpdir(), "panel-migration-"));
await chmod(scratch, 0o711);
const server = await startEmbeddedPostgres({ dir: path.join(scratch, "pg") });
try {
  const urlVariable = store === "panel" ? "DATABASE_URL" : "VAULT_DATABASE_URL";
  const from = last ? ["--from-schema-datamodel", path.join(dir, last, "schema.prisma")] : ["--from-empty"];
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--config", `prisma/${store}.config.ts`, ...from, "--to-schema-datamodel", `prisma/${store}/schema.prisma`, "--script"],
    { env: { ...process.env, [urlVariable]: server.adminUrl }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log("The schema has not changed since the last migration; nothing written.");
  } else {
    const target = path.join(dir, `${number}_${name}`);
    await mkdir(target);
    await writeFile(path.join(target, "migration.sql"), sql);
    await copyFile(`prisma/${store}/schema.prisma`, path.join(target, "schema.prisma"));
    console.log(`Wrote ${path.relative(process.cwd(), target)}/migration.sql — review it before committing.`);
  }
} finally {
  await server.stop();
  await rm(scratch, { recursive: true, force: true });
}
