import { ActivitiesSubjects, PersonalRangeRequest, type Caller, type PersonalEntryView } from '@jiaolian/contracts';
import { CurrentCaller } from '@jiaolian/service-kit';
import { Controller, Injectable } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { iso } from '../common/time.js';

interface MineRow {
  id: string; activity_id: string; title: string; starts_at: Date; ends_at: Date; place_kind: 'school' | 'facility' | 'online';
  school_name: string | null; place_facility: string | null; place_url: string | null;
}

/** Where an activity takes place, in one line: the school and room, or the online link. */
const placeOf = (r: MineRow): string | null =>
  r.place_kind === 'online' ? r.place_url : [r.school_name, r.place_facility].filter(Boolean).join(' · ') || null;

/**
 * The activities a user registered for themselves as a teacher (registrations name the person who
 * registered by user id), one entry per registered occurrence, for the teacher's week in teacher
 * exchange. Only the caller's own registrations: the caller is the scope.
 */
@Injectable()
export class MyRegistrationsService {
  constructor(private readonly dataSource: DataSource) {}

  async mine(caller: Caller, range: PersonalRangeRequest): Promise<PersonalEntryView[]> {
    if (caller.kind !== 'user') return [];
    const rows: MineRow[] = await this.dataSource.query(
      `SELECT r.id, r.activity_id, a.title, r.occurrence_start AS starts_at, r.occurrence_start + (a.ends_at - a.starts_at) AS ends_at,
              a.place_kind, ds.name AS school_name, a.place_facility, a.place_url
         FROM registration r
         JOIN activity a ON a.id = r.activity_id
         LEFT JOIN directory_school ds ON ds.id = a.place_school_id
        WHERE r.registered_by = $1 AND r.participant_kind = 'teacher' AND r.status = 'registered' AND a.status = 'scheduled'
          AND r.occurrence_start < $3 AND r.occurrence_start + (a.ends_at - a.starts_at) > $2
        ORDER BY r.occurrence_start, r.id`,
      [caller.id, range.from, range.to],
    );
    return rows.map((r) => ({ id: r.id, refId: r.activity_id, title: r.title, startsAt: iso(r.starts_at), endsAt: iso(r.ends_at), place: placeOf(r), detail: null }));
  }
}

@Controller()
export class MyRegistrationsController {
  constructor(private readonly registrations: MyRegistrationsService) {}

  @MessagePattern(ActivitiesSubjects.registrationMine)
  mine(@Payload() range: PersonalRangeRequest, @CurrentCaller() caller: Caller): Promise<PersonalEntryView[]> {
    return this.registrations.mine(caller, range);
  }
}
