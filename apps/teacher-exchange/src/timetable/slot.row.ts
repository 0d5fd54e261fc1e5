import type { PlacementStatus, SlotView, TeacherSubject } from '@jiaolian/contracts';
import { iso, isoDate } from '../common/access.js';
import type { TimedSlot } from './timetable.rules.js';

export interface SlotRow {
  id: string; placement_id: string; district_id: string; alliance_id: string; teacher_id: string; teacher_name: string; home_school_id: string;
  home_school_name: string | null; school_id: string; school_name: string | null; weekday: number; starts_at: string; ends_at: string;
  subject: TeacherSubject; grade: number; class_name: string | null; note: string | null; placement_status: PlacementStatus;
  starts_on: string | Date; ends_on: string | Date; updated_at: Date;
}

/** Every slot query reads from here; `p` is the placement, the alias the visibility filter expects. */
export const SLOT_SELECT = `
  SELECT s.id, s.placement_id, s.district_id, s.alliance_id, s.teacher_id, t.name AS teacher_name, p.home_school_id, hs.name AS home_school_name,
         s.school_id, ss.name AS school_name, s.weekday, to_char(s.starts_at, 'HH24:MI') AS starts_at, to_char(s.ends_at, 'HH24:MI') AS ends_at,
         s.subject, s.grade, s.class_name, s.note, p.status AS placement_status, s.starts_on, s.ends_on, s.updated_at
    FROM timetable_slot s
    JOIN placement p ON p.id = s.placement_id
    JOIN teacher t ON t.id = s.teacher_id
    LEFT JOIN directory_school hs ON hs.id = p.home_school_id
    LEFT JOIN directory_school ss ON ss.id = s.school_id`;

export const toSlotView = (r: SlotRow): SlotView => ({
  id: r.id, placementId: r.placement_id, districtId: r.district_id, allianceId: r.alliance_id, teacherId: r.teacher_id, teacherName: r.teacher_name,
  homeSchoolId: r.home_school_id, homeSchoolName: r.home_school_name ?? '', schoolId: r.school_id, schoolName: r.school_name ?? '',
  weekday: Number(r.weekday), startsAt: r.starts_at, endsAt: r.ends_at, subject: r.subject, grade: Number(r.grade), className: r.class_name, note: r.note,
  placementStatus: r.placement_status, startsOn: isoDate(r.starts_on), endsOn: isoDate(r.ends_on), updatedAt: iso(r.updated_at),
});

export const timed = (v: SlotView): TimedSlot => ({
  id: v.id, teacherId: v.teacherId, schoolId: v.schoolId, weekday: v.weekday, startsAt: v.startsAt, endsAt: v.endsAt, startsOn: v.startsOn, endsOn: v.endsOn,
});
