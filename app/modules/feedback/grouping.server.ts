// Recurrence grouping of feedback (docs/decisions/0018-feedback-inbox.md).
import type { PanelTransaction } from "~/infra/db/panel.server";

/**
 * Stores the item's stems and puts it into the group of the most similar
 * earlier feedback, or a new group of its own. Called in the transaction that
 * creates the item. Returns the group id.
 */
export async function assignGroup(tx: PanelTransaction, feedbackId: string): Promise<string> {
  void tx;
  throw new Error(`grouping is not built yet (${feedbackId})`);
}
