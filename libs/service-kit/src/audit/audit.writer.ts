import type { Caller } from '@jiaolian/contracts';
import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  districtId: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/** Writes the audit record inside the caller's transaction: the change and its record commit together. */
export class AuditWriter {
  async record(manager: EntityManager, caller: Caller, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (district_id, actor_kind, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        entry.districtId, caller.kind, caller.id, caller.displayName ?? null, entry.action, entry.entityType, entry.entityId,
        entry.before ? JSON.stringify(entry.before) : null, entry.after ? JSON.stringify(entry.after) : null, caller.requestId,
      ],
    );
  }
}
