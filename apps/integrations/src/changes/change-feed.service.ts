import {
  CHANGES_DEFAULT_LIMIT, decodeChangeCursor, encodeChangeCursor, parsePublicEventTypes, type Caller, type ChangeOperation, type ChangesLatestView,
  type ChangesPageView, type ChangeView, type ListChangesQueryDto,
} from '@jiaolian/contracts';
import { ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { feedReach } from './change-feed.rules.js';

interface ChangeRow {
  seq: string;
  event_id: string;
  public_type: string;
  version: number;
  resource_type: string;
  resource_id: string;
  operation: ChangeOperation;
  district_id: string;
  alliance_id: string | null;
  school_id: string | null;
  occurred_at: Date;
  payload: Record<string, unknown>;
  head: string;
}

/** Reads the change log for a caller, in seq order, from a cursor. */
@Injectable()
export class ChangeFeedService {
  constructor(private readonly dataSource: DataSource) {}

  async list(caller: Caller, query: ListChangesQueryDto): Promise<ChangesPageView> {
    const reach = feedReach(caller);
    const after = query.after === undefined ? '0' : decodeChangeCursor(query.after);
    if (after === undefined) throw ValidationError.of('after', 'field.isChangeCursor');
    const types = query.types === undefined ? undefined : parsePublicEventTypes(query.types);
    if (query.types !== undefined && types === undefined) throw ValidationError.of('types', 'field.isPublicEventTypeList');
    const limit = query.limit ?? CHANGES_DEFAULT_LIMIT;

    const params: unknown[] = [];
    const bind = (value: unknown): string => `$${params.push(value)}`;
    const where = [`c.seq > ${bind(after)}::bigint`];
    if (!reach.all) {
      const districts = bind(reach.districtIds);
      const alliances = bind(reach.allianceIds);
      // a row of an alliance belongs to that alliance only; a school's own row (no alliance) to the
      // alliances the school is an active member of now (the directory kept from membership events)
      where.push(`(c.district_id = ANY(${districts}::uuid[])
        OR c.alliance_id = ANY(${alliances}::uuid[])
        OR (c.alliance_id IS NULL AND c.school_id IN (
              SELECT m.school_id FROM directory_member m WHERE m.alliance_id = ANY(${alliances}::uuid[]) AND m.active)))`);
    }
    if (reach.domains) where.push(`c.domain = ANY(${bind(reach.domains)}::text[])`);
    if (types) where.push(`c.public_type = ANY(${bind(types)}::text[])`);
    // One statement, one snapshot: the head is the newest seq this snapshot sees. Because inserts are
    // serialised (see CHANGE_LOG_LOCK), no row at or below it can appear later, so a reader that found
    // nothing more may move its cursor to the head and skip the rows it may not see for good.
    const rows: ChangeRow[] = await this.dataSource.query(
      `WITH head AS (SELECT COALESCE(max(seq), 0)::text AS head FROM change_log)
       SELECT c.seq::text AS seq, c.event_id, c.public_type, c.version, c.resource_type, c.resource_id, c.operation, c.district_id, c.alliance_id,
              c.school_id, c.occurred_at, c.payload, head.head
         FROM head LEFT JOIN LATERAL (
           SELECT * FROM change_log c WHERE ${where.join(' AND ')} ORDER BY c.seq LIMIT ${bind(limit + 1)}
         ) c ON true
        ORDER BY c.seq`,
      params,
    );
    const head = rows[0]?.head ?? '0';
    const found = rows.filter((row) => row.seq !== null);
    const hasMore = found.length > limit;
    const items = found.slice(0, limit).map(toChangeView);
    const lastSeen = hasMore ? found[limit - 1]!.seq : maxOf(head, after);
    return { items, next: encodeChangeCursor(lastSeen), hasMore };
  }

  async latest(caller: Caller): Promise<ChangesLatestView> {
    feedReach(caller);
    const [row]: { seq: string; recorded_at: Date | null }[] = await this.dataSource.query(
      `SELECT COALESCE(max(seq), 0)::text AS seq, (SELECT recorded_at FROM change_log ORDER BY seq DESC LIMIT 1) AS recorded_at FROM change_log`,
    );
    return { cursor: encodeChangeCursor(row?.seq ?? '0'), recordedAt: row?.recorded_at ? new Date(row.recorded_at).toISOString() : null };
  }
}

const maxOf = (a: string, b: string): string => (BigInt(a) >= BigInt(b) ? a : b);

function toChangeView(row: ChangeRow): ChangeView {
  return {
    cursor: encodeChangeCursor(row.seq), id: row.event_id, type: row.public_type, version: row.version, occurredAt: new Date(row.occurred_at).toISOString(),
    resourceType: row.resource_type, resourceId: row.resource_id, operation: row.operation, districtId: row.district_id, allianceId: row.alliance_id,
    schoolId: row.school_id, data: row.payload,
  };
}
