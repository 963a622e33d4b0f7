import type { StoreSpec } from "../../app/infra/db/provision.server";

export const TEMPLATE = { panel: "panel_template", vault: "vault_template" };

/** The roles are the same as in production: one per store, no cross access. */
export function testStores(panelDatabase: string, vaultDatabase: string): { panel: StoreSpec; vault: StoreSpec } {
  return {
    panel: { database: panelDatabase, role: "panel_test", password: "panel-test-password" },
    vault: { database: vaultDatabase, role: "vault_test", password: "vault-test-password" },
  };
}
