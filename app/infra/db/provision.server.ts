// Creates the two stores on a server we administer (the embedded one, or a
// test server): a role and a database each, and neither role can connect to
// the other's database.
import pg from "pg";

export interface StoreSpec {
  database: string;
  role: string;
  password: string;
}

function withDatabase(adminUrl: string, database: string, user?: StoreSpec) {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  if (user) {
    url.username = encodeURIComponent(user.role);
    url.password = encodeURIComponent(user.password);
  }
  return url.toString();
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier ${name}`);
  return `"${name}"`;
};

/** Idempotent: makes roles and databases that are missing; returns connection URLs. */
export async function provisionStores(
  adminUrl: string,
  stores: { panel: StoreSpec; vault: StoreSpec },
  options: { template?: { panel: string; vault: string } } = {},
) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const key of ["panel", "vault"] as const) {
      const spec = stores[key];
      const role = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [spec.role]);
      if (role.rowCount === 0) {
        await admin.query(`CREATE ROLE ${ident(spec.role)} LOGIN PASSWORD '${spec.password.replace(/'/g, "''")}'`);
      }
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [spec.database]);
      if (exists.rowCount === 0) {
        const template = options.template ? ` TEMPLATE ${ident(options.template[key])}` : "";
        await admin.query(
          `CREATE DATABASE ${ident(spec.database)} OWNER ${ident(spec.role)}${template} ENCODING 'UTF8'`,
        );
        await admin.query(`REVOKE ALL ON DATABASE ${ident(spec.database)} FROM PUBLIC`);
        await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(spec.database)} TO ${ident(spec.role)}`);
      }
    }
  } finally {
    await admin.end();
  }
  return {
    panelUrl: withDatabase(adminUrl, stores.panel.database, stores.panel),
    vaultUrl: withDatabase(adminUrl, stores.vault.database, stores.vault),
  };
}

export async function dropDatabases(adminUrl: string, names: string[]) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
