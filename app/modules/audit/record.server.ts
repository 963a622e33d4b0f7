import type { PanelTransaction } from "~/infra/db/panel.server";
import { db } from "~/infra/db/panel.server";

export interface AuditInput {
  actorId: string | null;
  action: string;
  subjectId?: string;
  reason?: string;
  data?: Record<string, string | number | boolean | null>;
}

/** Appends an audit event; inside a transaction when the caller's change needs it. */
export async function recordAudit(event: AuditInput, tx?: PanelTransaction) {
  await (tx ?? db).auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      subjectId: event.subjectId ?? null,
      reason: event.reason ?? null,
      data: event.data ?? undefined,
    },
  });
}
