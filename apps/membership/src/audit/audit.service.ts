import type { AuditQueryDto, AuditRecordView, Page } from '@jiaolian/contracts';
import { AccessScope, ForbiddenError, likePattern, pageWindow, sortOrder, toPage } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { iso } from '../common/access.js';

interface AuditRow {
  id: string; at: Date; actor_kind: string; actor_id: string; actor_name: string | null; action: string; entity_type: string;
  entity_id: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; request_id: string | null;
}

/** The audit trail of the districts the caller administers (the platform admin sees every district). */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: AccessScope, query: AuditQueryDto): Promise<Page<AuditRecordView>> {
    if (!scope.isPlatformAdmin && !scope.adminDistrictIds().length) throw ForbiddenError.of('membership.audit.read-forbidden');
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { at: 'at', action: 'action', entityType: 'entity_type' }, '-at');
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => { params.push(value); return `$${params.length}`; };
    if (!scope.isPlatformAdmin) where.push(`district_id = ANY(${param(scope.adminDistrictIds())}::text[])`);
    if (query.entityType) where.push(`entity_type = ${param(query.entityType)}`);
    if (query.entityId) where.push(`entity_id = ${param(query.entityId)}`);
    if (query.q) where.push(`(action ILIKE ${param(likePattern(query.q))} OR actor_name ILIKE $${params.length})`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_log ${filter}`, params);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM audit_log ${filter} ORDER BY ${order.column} ${order.direction}, id LIMIT ${param(window.pageSize)} OFFSET ${param(window.offset)}`, params,
    );
    return toPage(rows.map((r) => ({
      id: r.id, at: iso(r.at), actorKind: r.actor_kind, actorId: r.actor_id, actorName: r.actor_name, action: r.action,
      entityType: r.entity_type, entityId: r.entity_id, before: r.before, after: r.after, requestId: r.request_id,
    })), total, window);
  }
}
