// The two stores as provisioning makes them: each role reaches its own
// database only. And the migrator: applies each migration once, and refuses
// to go on when an applied migration's text has changed.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { listMigrations, migrate } from "~/infra/db/migrate.server";
import { dropDatabases, provisionStores } from "~/infra/db/provision.server";

const adminUrl = process.env.TEST_PG_ADMIN_URL_FOR_FILE!;
const suffix = randomBytes(4).toString("hex");
// Made here the way production makes them (no template): fresh roles and databases.
const spec = {
  panel: { database: `iso_panel_${suffix}`, role: `iso_panel_${suffix}`, password: `panel-${suffix}-password` },
  vault: { database: `iso_vault_${suffix}`, role: `iso_vault_${suffix}`, password: `vault-${suffix}-password` },
};
const urls = await provisionStores(adminUrl, spec);

afterAll(async () => {
  await dropDatabases(adminUrl, [spec.panel.database, spec.vault.database]);
  await query(adminUrl, `DROP ROLE IF EXISTS ${spec.panel.role}`);
  await query(adminUrl, `DROP ROLE IF EXISTS ${spec.vault.role}`);
});

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** `from`'s role and password, pointed at `to`'s database. */
function crossUrl(from: string, to: string) {
  const url = new URL(from);
  url.pathname = new URL(to).pathname;
  return url.toString();
}

/** A snapshot of a database's schema: tables, columns, constraints, indexes and applied migrations. */
async function schemaOf(url: string) {
  const columns = await query(
    url,
    `SELECT table_name::text, column_name::text, data_type::text, is_nullable::text, column_default::text
     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
  );
  const constraints = await query(
    url,
    `SELECT conrelid::regclass::text AS table, conname::text AS name, pg_get_constraintdef(oid) AS def
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  const indexes = await query(url, `SELECT indexname::text, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
  const migrations = await query(url, `SELECT name, checksum, applied_at FROM "_migrations" ORDER BY name`);
  return { columns, constraints, indexes, migrations };
}

describe("store isolation", () => {
  for (const [label, stores] of [
    ["freshly provisioned stores", () => urls],
    ["this test file's stores", () => ({ panelUrl: process.env.DATABASE_URL!, vaultUrl: process.env.VAULT_DATABASE_URL! })],
  ] as const) {
    it(`${label}: each role connects to its own database and is refused the other's`, async () => {
      const { panelUrl, vaultUrl } = stores();
      expect(await query(panelUrl, "SELECT current_user::text AS who")).toHaveLength(1);
      expect(await query(vaultUrl, "SELECT current_user::text AS who")).toHaveLength(1);
      await expect(query(crossUrl(panelUrl, vaultUrl), "SELECT 1")).rejects.toMatchObject({ code: "42501" });
      await expect(query(crossUrl(vaultUrl, panelUrl), "SELECT 1")).rejects.toMatchObject({ code: "42501" });
    });
  }

  it("neither role may step outside its store: no superuser, no role or database making, no PUBLIC connect", async () => {
    const roles = await query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean }>(
      adminUrl,
      `SELECT rolname::text, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = ANY($1)`,
      [[spec.panel.role, spec.vault.role]],
    );
    expect(roles).toHaveLength(2);
    for (const role of roles) expect(role).toMatchObject({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const privileges = await query<{ datname: string; panel: boolean; vault: boolean; public: boolean }>(
      adminUrl,
      `SELECT datname::text,
              has_database_privilege($1, oid, 'CONNECT') AS panel,
              has_database_privilege($2, oid, 'CONNECT') AS vault,
              EXISTS (SELECT 1 FROM aclexplode(coalesce(datacl, acldefault('d', datdba))) acl
                      WHERE acl.grantee = 0 AND acl.privilege_type = 'CONNECT') AS public
       FROM pg_database WHERE datname = ANY($3) ORDER BY datname`,
      [spec.panel.role, spec.vault.role, [spec.panel.database, spec.vault.database]],
    );
    expect(privileges).toEqual([
      { datname: spec.panel.database, panel: true, vault: false, public: false },
      { datname: spec.vault.database, panel: false, vault: true, public: false },
    ]);
  });
});

describe("migrations", () => {
  it("apply every migration once; a second run applies nothing and changes nothing", async () => {
    for (const store of ["panel", "vault"] as const) {
      const url = store === "panel" ? urls.panelUrl : urls.vaultUrl;
      const all = (await listMigrations(store)).map((m) => m.name);
      expect(await migrate(url, store)).toEqual(all);
      const before = await schemaOf(url);
      expect(before.migrations.map((m) => m.name)).toEqual(all);
      expect(await migrate(url, store)).toEqual([]);
      expect(await schemaOf(url)).toEqual(before);
    }
  });

  it("refuses to run when an applied migration's text no longer matches its checksum, and changes nothing", async () => {
    const [first] = await listMigrations("panel");
    await query(urls.panelUrl, `UPDATE "_migrations" SET checksum = $1 WHERE name = $2`, ["0".repeat(64), first!.name]);
    const before = await schemaOf(urls.panelUrl);
    await expect(migrate(urls.panelUrl, "panel")).rejects.toThrow(`panel migration ${first!.name} was changed after it was applied`);
    expect(await schemaOf(urls.panelUrl)).toEqual(before);
    // The advisory lock was released: the next run (with the record put right) goes through.
    await query(urls.panelUrl, `UPDATE "_migrations" SET checksum = $1 WHERE name = $2`, [first!.checksum, first!.name]);
    expect(await migrate(urls.panelUrl, "panel")).toEqual([]);
  });
});
