import type { ListSlotsQueryDto, Page, SlotView, SlotWeekQueryDto, SlotWeekView } from '@jiaolian/contracts';
import { AccessScope, likePattern, NotFoundError, pageWindow, sortOrder, toPage, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { placementVisibility, SqlParams, todayInShanghai } from '../common/access.js';
import { TeachersService } from '../teachers/teachers.service.js';
import { SLOT_SELECT, timed, toSlotView, type SlotRow } from './slot.row.js';
import { travelWarnings, weekStart } from './timetable.rules.js';

/** Slots of placements that were not called off (rejected or cancelled): those were never taught. */
const TAUGHT = `p.status NOT IN ('rejected', 'cancelled')`;

/** Reading the itinerant timetable: the alliance-level list and the week of a teacher or a school. */
@Injectable()
export class TimetableQueries {
  constructor(private readonly dataSource: DataSource, private readonly teachers: TeachersService) {}

  async list(scope: AccessScope, query: ListSlotsQueryDto): Promise<Page<SlotView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { weekday: 's.weekday', startsAt: 's.starts_at', updatedAt: 's.updated_at', startsOn: 's.starts_on' }, 'weekday');
    const p = new SqlParams();
    const where = [TAUGHT];
    const visibility = placementVisibility(scope, 'p', p);
    if (visibility) where.push(visibility);
    if (query.allianceId) where.push(`s.alliance_id = ${p.bind(query.allianceId)}`);
    if (query.teacherId) where.push(`s.teacher_id = ${p.bind(query.teacherId)}`);
    if (query.placementId) where.push(`s.placement_id = ${p.bind(query.placementId)}`);
    if (query.weekday) where.push(`s.weekday = ${p.bind(query.weekday)}`);
    if (query.subject) where.push(`s.subject = ${p.bind(query.subject)}`);
    if (query.on) where.push(`daterange(s.starts_on, s.ends_on, '[]') @> ${p.bind(query.on)}::date`);
    if (query.schoolId) {
      const school = p.bind(query.schoolId);
      where.push(`(s.school_id = ${school} OR p.home_school_id = ${school})`);
    }
    if (query.q) {
      const q = p.bind(likePattern(query.q));
      where.push(`(t.name ILIKE ${q} ESCAPE '\\' OR s.class_name ILIKE ${q} ESCAPE '\\')`);
    }
    const rows: (SlotRow & { total: string })[] = await this.dataSource.query(
      `${SLOT_SELECT.replace('SELECT s.id,', 'SELECT count(*) OVER () AS total, s.id,')} WHERE ${where.join(' AND ')}
        ORDER BY ${order.column} ${order.direction}, s.weekday, s.starts_at, s.id LIMIT ${p.bind(window.pageSize)} OFFSET ${p.bind(window.offset)}`,
      p.values,
    );
    let total = rows.length ? Number(rows[0]?.total) : 0;
    if (!rows.length && window.offset > 0) {
      const [count] = await this.dataSource.query(
        `SELECT count(*)::int AS total FROM timetable_slot s JOIN placement p ON p.id = s.placement_id JOIN teacher t ON t.id = s.teacher_id
          WHERE ${where.join(' AND ')}`,
        p.values.slice(0, -2),
      );
      total = count.total;
    }
    return toPage(rows.map(toSlotView), total, window);
  }

  /**
   * A teacher's week (every slot at every host school) or a school's (lessons it hosts and lessons its
   * teachers give elsewhere), as it runs in the week of `on` (default today in Asia/Shanghai).
   */
  async week(scope: AccessScope, query: SlotWeekQueryDto, now = new Date()): Promise<SlotWeekView> {
    if (Boolean(query.teacherId) === Boolean(query.schoolId)) throw ValidationError.of('teacherId', 'exchange.timetable.teacher-or-school');
    const on = query.on ?? todayInShanghai(now);
    const p = new SqlParams();
    const where = [TAUGHT, `daterange(s.starts_on, s.ends_on, '[]') @> ${p.bind(on)}::date`];
    const visibility = placementVisibility(scope, 'p', p);
    if (visibility) where.push(visibility);
    if (query.teacherId) {
      await this.teacherSeen(scope, query.teacherId);
      where.push(`s.teacher_id = ${p.bind(query.teacherId)}`);
    } else {
      const school = p.bind(query.schoolId);
      where.push(`(s.school_id = ${school} OR p.home_school_id = ${school})`);
    }
    const rows: SlotRow[] = await this.dataSource.query(`${SLOT_SELECT} WHERE ${where.join(' AND ')} ORDER BY s.weekday, s.starts_at, t.name, s.id LIMIT 1000`, p.values);
    const slots = rows.map(toSlotView);
    return { on, weekStart: weekStart(on), slots, travelWarnings: travelWarnings(slots.map(timed)) };
  }

  /** A host school sees the visiting teacher's week through the placement, though the teacher belongs to another school. */
  private async teacherSeen(scope: AccessScope, teacherId: string): Promise<void> {
    try {
      await this.teachers.visible(scope, teacherId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const p = new SqlParams();
      const visibility = placementVisibility(scope, 'p', p) ?? 'true';
      const [seen] = await this.dataSource.query(`SELECT 1 FROM placement p WHERE p.teacher_id = ${p.bind(teacherId)} AND ${visibility} LIMIT 1`, p.values);
      if (!seen) throw error;
    }
  }
}
