import {
  ActivitiesEvents, type ActionItemEvent, type ActionItemView, type ListActionItemsQueryDto, type MinutesRecordedEvent, type MinutesView, type Page,
  type SaveMinutesDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage, ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ActivitiesStore } from '../activities/activities.store.js';
import type { ActivityEntity } from '../activities/activity.entity.js';
import { isOccurrence } from '../activities/recurrence.js';
import { canManage, SqlParams, visibleSql } from '../common/access.js';
import { dateOnly, iso, isoOrNull, shanghaiDate } from '../common/time.js';
import { actionItemStatus } from './action-item.rules.js';

interface ItemRow {
  id: string; minutes_id: string; activity_id: string; activity_title: string; alliance_id: string; alliance_name: string | null; district_id: string;
  organiser_school_id: string; occurrence_start: Date; title: string; owner_user_id: string | null; owner_name: string; owner_school_id: string | null;
  owner_school_name: string | null; due_on: string | Date; done_at: Date | null; done_by: string | null; total?: string;
}

const ITEM_SELECT = `
  SELECT ai.*, to_char(ai.due_on, 'YYYY-MM-DD') AS due_on, a.title AS activity_title, a.organiser_school_id, m.occurrence_start, da.name AS alliance_name, os.name AS owner_school_name
    FROM action_item ai
    JOIN activity a ON a.id = ai.activity_id
    JOIN minutes m ON m.id = ai.minutes_id
    LEFT JOIN directory_alliance da ON da.id = ai.alliance_id
    LEFT JOIN directory_school os ON os.id = ai.owner_school_id`;

interface MinutesRow { id: string; activity_id: string; occurrence_start: Date; summary: string; decisions: string[]; recorded_by: string | null; updated_at: Date }

/** Minutes of meetings with their action items, and the lists of items per alliance and per person. */
@Injectable()
export class MinutesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activities: ActivitiesStore,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(scope: AccessScope, activityId: string, now = new Date()): Promise<MinutesView[]> {
    const activity = await this.activities.visible(scope, activityId);
    return this.minutesOf(this.dataSource.manager, scope, activity, now);
  }

  /** Creates or replaces the minutes of one occurrence: items with an id are kept and updated, new ones added, open ones left out removed. */
  async save(scope: AccessScope, activityId: string, dto: SaveMinutesDto, now = new Date()): Promise<MinutesView> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.activities.visible(scope, activityId, manager, true);
      if (!canManage(scope, activity)) throw ForbiddenError.of('activities.minutes.edit-forbidden');
      const occurrence = dto.occurrenceStart ? new Date(dto.occurrenceStart) : activity.startsAt;
      if (!isOccurrence(activity.startsAt, activity.recurrence, occurrence)) {
        throw ValidationError.of('occurrenceStart', 'activities.occurrence.unknown');
      }
      await this.assertOwnerSchools(manager, activity, dto);
      const [existing]: MinutesRow[] = await manager.query('SELECT * FROM minutes WHERE activity_id = $1 AND occurrence_start = $2', [activity.id, occurrence]);
      const before = existing ? await this.snapshot(manager, existing) : null;
      const decisions = dto.decisions.map((d) => d.trim());
      let minutesId: string;
      if (existing) {
        minutesId = existing.id;
        await manager.query('UPDATE minutes SET summary = $2, decisions = $3, recorded_by = $4, updated_at = now() WHERE id = $1',
          [minutesId, dto.summary, JSON.stringify(decisions), scope.caller.displayName ?? scope.caller.id]);
      } else {
        const [row]: { id: string }[] = await manager.query(
          'INSERT INTO minutes (activity_id, occurrence_start, summary, decisions, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [activity.id, occurrence, dto.summary, JSON.stringify(decisions), scope.caller.displayName ?? scope.caller.id],
        );
        minutesId = row!.id;
      }
      const current: { id: string; done_at: Date | null }[] = await manager.query('SELECT id, done_at FROM action_item WHERE minutes_id = $1', [minutesId]);
      const known = new Set(current.map((c) => c.id));
      const kept = new Set<string>();
      for (const [index, item] of dto.actionItems.entries()) {
        if (item.id) {
          if (!known.has(item.id)) throw ValidationError.of(`actionItems.${index}.id`, 'activities.minutes.unknown-item');
          kept.add(item.id);
          await manager.query(
            'UPDATE action_item SET title = $2, owner_user_id = $3, owner_name = $4, owner_school_id = $5, due_on = $6 WHERE id = $1',
            [item.id, item.title.trim(), item.ownerUserId ?? null, item.ownerName.trim(), item.ownerSchoolId ?? null, item.dueOn],
          );
        } else {
          await manager.query(
            `INSERT INTO action_item (minutes_id, activity_id, alliance_id, district_id, title, owner_user_id, owner_name, owner_school_id, due_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [minutesId, activity.id, activity.allianceId, activity.districtId, item.title.trim(), item.ownerUserId ?? null, item.ownerName.trim(),
              item.ownerSchoolId ?? null, item.dueOn],
          );
        }
      }
      // done items are history: leaving them out of the list does not erase them
      const dropped = current.filter((c) => !kept.has(c.id) && !c.done_at).map((c) => c.id);
      if (dropped.length) await manager.query('DELETE FROM action_item WHERE id = ANY($1::uuid[])', [dropped]);
      const [saved]: MinutesRow[] = await manager.query('SELECT * FROM minutes WHERE id = $1', [minutesId]);
      const after = await this.snapshot(manager, saved!);
      await this.audit.record(manager, scope.caller, {
        districtId: activity.districtId, action: existing ? 'minutes.updated' : 'minutes.recorded', entityType: 'minutes', entityId: minutesId, before, after,
      });
      await this.outbox.add<MinutesRecordedEvent>(manager, scope.caller, {
        subject: ActivitiesEvents.minutesRecorded, districtId: activity.districtId,
        data: {
          minutesId, activityId: activity.id, districtId: activity.districtId, allianceId: activity.allianceId, occurrenceStart: iso(occurrence),
          actionItemIds: (after['actionItems'] as { id: string }[]).map((i) => i.id),
        },
      });
      const views = await this.minutesOf(manager, scope, activity, now);
      return views.find((v) => v.id === minutesId) as MinutesView;
    });
  }

  async listItems(scope: AccessScope, query: ListActionItemsQueryDto, now = new Date()): Promise<Page<ActionItemView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { dueOn: 'ai.due_on', createdAt: 'ai.created_at', title: 'ai.title' }, 'dueOn');
    const p = new SqlParams();
    const where = [visibleSql(scope, 'ai', p)];
    const today = shanghaiDate(now);
    if (query.allianceId) where.push(`ai.alliance_id = ${p.add(query.allianceId)}`);
    if (query.activityId) where.push(`ai.activity_id = ${p.add(query.activityId)}`);
    if (query.mine) where.push(`(ai.owner_user_id::text = ${p.add(scope.caller.id)} OR ai.owner_school_id = ANY(${p.add(scope.adminSchoolIds())}::uuid[]))`);
    if (query.status === 'done') where.push('ai.done_at IS NOT NULL');
    if (query.status === 'pending') where.push('ai.done_at IS NULL');
    if (query.status === 'open') where.push(`ai.done_at IS NULL AND ai.due_on >= ${p.add(today)}::date`);
    if (query.status === 'overdue') where.push(`ai.done_at IS NULL AND ai.due_on < ${p.add(today)}::date`);
    if (query.q) where.push(`(ai.title ILIKE ${p.add(likePattern(query.q))} ESCAPE '\\' OR ai.owner_name ILIKE $${p.values.length} ESCAPE '\\')`);
    const rows: ItemRow[] = await this.dataSource.query(
      `${ITEM_SELECT.replace('SELECT ai.*,', 'SELECT ai.*, count(*) OVER () AS total,')} WHERE ${where.join(' AND ')}
        ORDER BY ${order.column} ${order.direction}, ai.id OFFSET ${p.add(window.offset)} LIMIT ${p.add(window.pageSize)}`,
      p.values,
    );
    return toPage(rows.map((row) => this.itemView(scope, row, now)), rows[0]?.total ? Number(rows[0].total) : 0, window);
  }

  async complete(scope: AccessScope, id: string, now = new Date()): Promise<ActionItemView> {
    return this.mark(scope, id, true, now);
  }

  async reopen(scope: AccessScope, id: string, now = new Date()): Promise<ActionItemView> {
    return this.mark(scope, id, false, now);
  }

  private async mark(scope: AccessScope, id: string, done: boolean, now: Date): Promise<ActionItemView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.visibleItem(manager, scope, id, true);
      if (!this.mayComplete(scope, row)) throw ForbiddenError.of('activities.action-item.mark-forbidden');
      if (done === (row.done_at !== null)) throw ConflictError.of(done ? 'activities.action-item.already-done' : 'activities.action-item.not-done');
      await manager.query('UPDATE action_item SET done_at = $2, done_by = $3 WHERE id = $1',
        [id, done ? now : null, done ? (scope.caller.displayName ?? scope.caller.id) : null]);
      const after = await this.visibleItem(manager, scope, id);
      await this.audit.record(manager, scope.caller, {
        districtId: row.district_id, action: done ? 'action_item.completed' : 'action_item.reopened', entityType: 'action_item', entityId: id,
        before: { title: row.title, doneAt: isoOrNull(row.done_at), doneBy: row.done_by }, after: { title: after.title, doneAt: isoOrNull(after.done_at), doneBy: after.done_by },
      });
      await this.outbox.add<ActionItemEvent>(manager, scope.caller, {
        subject: done ? ActivitiesEvents.actionItemCompleted : ActivitiesEvents.actionItemReopened, districtId: row.district_id,
        data: { actionItemId: id, activityId: row.activity_id, districtId: row.district_id, allianceId: row.alliance_id, ownerUserId: row.owner_user_id, ownerSchoolId: row.owner_school_id },
      });
      return this.itemView(scope, after, now);
    });
  }

  private async visibleItem(manager: EntityManager, scope: AccessScope, id: string, lock = false): Promise<ItemRow> {
    const p = new SqlParams();
    const idParam = p.add(id);
    const [row]: ItemRow[] = await manager.query(`${ITEM_SELECT} WHERE ai.id = ${idParam} AND ${visibleSql(scope, 'ai', p)}${lock ? ' FOR UPDATE OF ai' : ''}`, p.values);
    if (!row) throw new NotFoundError('Action item', id);
    return row;
  }

  private mayComplete(scope: AccessScope, row: ItemRow): boolean {
    return canManage(scope, { districtId: row.district_id, allianceId: row.alliance_id, organiserSchoolId: row.organiser_school_id })
      || row.owner_user_id === scope.caller.id
      || (row.owner_school_id !== null && scope.isSchoolAdmin(row.owner_school_id, row.district_id));
  }

  private itemView(scope: AccessScope, row: ItemRow, now: Date): ActionItemView {
    const dueOn = dateOnly(row.due_on);
    return {
      id: row.id, minutesId: row.minutes_id, activity: { id: row.activity_id, name: row.activity_title }, alliance: { id: row.alliance_id, name: row.alliance_name ?? '' },
      occurrenceStart: iso(row.occurrence_start), title: row.title, ownerUserId: row.owner_user_id, ownerName: row.owner_name,
      ownerSchool: row.owner_school_id ? { id: row.owner_school_id, name: row.owner_school_name ?? '' } : null, dueOn,
      status: actionItemStatus({ doneAt: row.done_at, dueOn }, now), doneAt: isoOrNull(row.done_at), doneBy: row.done_by, canComplete: this.mayComplete(scope, row),
    };
  }

  private async minutesOf(manager: EntityManager, scope: AccessScope, activity: ActivityEntity, now: Date): Promise<MinutesView[]> {
    const minutes: MinutesRow[] = await manager.query('SELECT * FROM minutes WHERE activity_id = $1 ORDER BY occurrence_start DESC', [activity.id]);
    if (!minutes.length) return [];
    const items: ItemRow[] = await manager.query(`${ITEM_SELECT} WHERE ai.activity_id = $1 ORDER BY ai.due_on, ai.created_at, ai.id`, [activity.id]);
    return minutes.map((m) => ({
      id: m.id, activityId: m.activity_id, occurrenceStart: iso(m.occurrence_start), summary: m.summary, decisions: m.decisions,
      actionItems: items.filter((i) => i.minutes_id === m.id).map((i) => this.itemView(scope, i, now)), recordedBy: m.recorded_by, updatedAt: iso(m.updated_at),
    }));
  }

  private async snapshot(manager: EntityManager, minutes: MinutesRow): Promise<Record<string, unknown>> {
    const items: { id: string; title: string; owner_name: string; owner_user_id: string | null; owner_school_id: string | null; due_on: string | Date; done_at: Date | null }[] =
      await manager.query('SELECT * FROM action_item WHERE minutes_id = $1 ORDER BY due_on, id', [minutes.id]);
    return {
      occurrenceStart: iso(minutes.occurrence_start), summary: minutes.summary, decisions: minutes.decisions,
      actionItems: items.map((i) => ({ id: i.id, title: i.title, ownerName: i.owner_name, ownerUserId: i.owner_user_id, ownerSchoolId: i.owner_school_id, dueOn: dateOnly(i.due_on), done: i.done_at !== null })),
    };
  }

  private async assertOwnerSchools(manager: EntityManager, activity: ActivityEntity, dto: SaveMinutesDto): Promise<void> {
    const ids = [...new Set(dto.actionItems.map((i) => i.ownerSchoolId).filter((id): id is string => !!id))];
    if (!ids.length) return;
    const rows: { school_id: string }[] = await manager.query(
      'SELECT school_id FROM directory_member WHERE alliance_id = $1 AND school_id = ANY($2::uuid[])', [activity.allianceId, ids],
    );
    const members = new Set(rows.map((r) => r.school_id));
    const index = dto.actionItems.findIndex((i) => i.ownerSchoolId && !members.has(i.ownerSchoolId));
    if (index >= 0) throw ValidationError.of(`actionItems.${index}.ownerSchoolId`, 'activities.minutes.owner-not-member');
  }
}
