// The panel (identity) store. Every module reaches its own tables through this
// client; the vault has its own client inside app/modules/vault.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/panel/client";
import { env } from "~/infra/env.server";

export type { Prisma } from "~/generated/panel/client";

function create() {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 }),
  });
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

function refuseEmptyWhere(model: string, operation: string, where: object | undefined) {
  if (!where || Object.keys(where).length === 0) {
    throw new Error(`${model}.${operation} without a filter is refused`);
  }
}

export type PanelClient = ReturnType<typeof create>;
export type PanelTransaction = Parameters<Parameters<PanelClient["$transaction"]>[0]>[0];

const holder = globalThis as unknown as { __panelDb?: PanelClient };

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
}
