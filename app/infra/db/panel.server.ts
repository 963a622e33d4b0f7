// The panel (identity) store. Every module reaches its own tables through this
// client; the vault has its own client inside app/modules/vault.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/panel/client";
import { env } from "~/infra/env.server";

export type { Prisma } from "~/generated/panel/client";

const holder = globalThis as unknown as { __panelDb?: ReturnType<typeof create>; __panelPool?: pg.Pool };

function create() {
  holder.__panelPool ??= newPool(env().DATABASE_URL);
  const client = new PrismaClient({ adapter: new PrismaPg(holder.__panelPool) });
  // Cheap insurance: a bulk write with an empty filter is always a bug here.
  return client.$extends({
    query: {
      $allModels: {
        async deleteMany({ model, args, query }) {
          refuseEmptyWhere(model, "deleteMany", args.where);
          return query(args);
        },
        async updateMany({ model, args, query }) {
          refuseEmptyWhere(model, "updateMany", args.where);
          return query(args);
        },
      },
    },
  });
}

function newPool(connectionString: string) {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection that dies (server restart) is dropped; the next query opens a new one.
  pool.on("error", () => {});
  return pool;
}

function refuseEmptyWhere(model: string, operation: string, where: object | undefined) {
  if (!where || Object.keys(where).length === 0) {
    throw new Error(`${model}.${operation} without a filter is refused`);
  }
}

export type PanelClient = ReturnType<typeof create>;
export type PanelTransaction = Parameters<Parameters<PanelClient["$transaction"]>[0]>[0];

/**
 * The connection pool under the panel client, for the few hot paths where one
 * plain parameterised statement beats the ORM (answering a survey). Same
 * database, same role, same connections.
 */
export function panelPool(): pg.Pool {
  holder.__panelDb ??= create();
  return holder.__panelPool!;
}

/** The shared panel client, made on first use so tests can set the URL first. */
export const db: PanelClient = new Proxy({} as PanelClient, {
  get(_target, property) {
    holder.__panelDb ??= create();
    const value = Reflect.get(holder.__panelDb, property);
    return typeof value === "function" ? value.bind(holder.__panelDb) : value;
  },
});

export async function disconnectPanelDb() {
  await holder.__panelDb?.$disconnect();
  holder.__panelDb = undefined;
  const pool = holder.__panelPool;
  holder.__panelPool = undefined;
  if (pool && !pool.ended) await pool.end();
}
