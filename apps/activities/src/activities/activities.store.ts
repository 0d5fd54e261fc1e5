import type { ActivityView, NamedRef } from '@jiaolian/contracts';
import { NotFoundError, type AccessScope } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canManage, SqlParams, visibleSql } from '../common/access.js';
import { iso } from '../common/time.js';
import { ActivityEntity } from './activity.entity.js';
import { toRRule } from './recurrence.js';

/** An activity row with the names the directory knows, as the store's SELECT answers it. */
export interface ActivityRow {
  id: string; district_id: string; alliance_id: string; organiser_school_id: string; kind: ActivityEntity['kind']; title: string;
  description: string | null; starts_at: Date; ends_at: Date; place_kind: ActivityEntity['placeKind']; place_school_id: string | null;
  place_facility: string | null; place_url: string | null; audience: ActivityEntity['audience']; capacity_per_school: number | null;
  recurrence: ActivityEntity['recurrence']; last_occurrence_at: Date | null; body_id: string | null; status: ActivityEntity['status']; cancel_reason: string | null;
  created_by: string; created_at: Date; updated_at: Date;
  alliance_name: string | null; organiser_name: string | null; place_school_name: string | null; total?: string;
}

export const ACTIVITY_SELECT = `
  SELECT a.*, da.name AS alliance_name, os.name AS organiser_name, ps.name AS place_school_name
    FROM activity a
    LEFT JOIN directory_alliance da ON da.id = a.alliance_id
    LEFT JOIN directory_school os ON os.id = a.organiser_school_id
    LEFT JOIN directory_school ps ON ps.id = a.place_school_id`;

export function toEntity(row: ActivityRow): ActivityEntity {
  return Object.assign(new ActivityEntity(), {
    id: row.id, districtId: row.district_id, allianceId: row.alliance_id, organiserSchoolId: row.organiser_school_id, kind: row.kind, title: row.title,
    description: row.description, startsAt: row.starts_at, endsAt: row.ends_at, placeKind: row.place_kind, placeSchoolId: row.place_school_id,
    placeFacility: row.place_facility, placeUrl: row.place_url, audience: row.audience, capacityPerSchool: row.capacity_per_school,
    recurrence: row.recurrence, lastOccurrenceAt: row.last_occurrence_at, bodyId: row.body_id ?? null, status: row.status, cancelReason: row.cancel_reason,
    createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at,
  });
}

const ref = (id: string, name: string | null): NamedRef => ({ id, name: name ?? '' });

export function toView(scope: AccessScope, row: ActivityRow): ActivityView {
  const activity = toEntity(row);
  return {
    id: row.id, districtId: row.district_id, alliance: ref(row.alliance_id, row.alliance_name), organiserSchool: ref(row.organiser_school_id, row.organiser_name),
    kind: row.kind, title: row.title, description: row.description, startsAt: iso(row.starts_at), endsAt: iso(row.ends_at), timeZone: 'Asia/Shanghai',
    place: {
      kind: row.place_kind, school: row.place_school_id ? ref(row.place_school_id, row.place_school_name) : null,
      facilityName: row.place_facility, url: row.place_url,
    },
    audience: row.audience, capacityPerSchool: row.capacity_per_school, recurrence: row.recurrence, rrule: toRRule(row.recurrence),
    bodyId: row.body_id ?? null, status: row.status, cancelReason: row.cancel_reason, canManage: canManage(scope, activity),
    createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
  };
}

/** Reads activities the caller may see; the one place that turns a foreign id into 404. */
@Injectable()
export class ActivitiesStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The activity if the caller may see it (locked FOR UPDATE when asked), else NotFoundError. */
  async visibleRow(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<ActivityRow> {
    const p = new SqlParams();
    const idParam = p.add(id);
    const rows: ActivityRow[] = await manager.query(
      `${ACTIVITY_SELECT} WHERE a.id = ${idParam} AND ${visibleSql(scope, 'a', p)}${lock ? ' FOR UPDATE OF a' : ''}`, p.values,
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('Activity', id);
    return row;
  }

  async visible(scope: AccessScope, id: string, manager?: EntityManager, lock = false): Promise<ActivityEntity> {
    return toEntity(await this.visibleRow(scope, id, manager, lock));
  }
}
