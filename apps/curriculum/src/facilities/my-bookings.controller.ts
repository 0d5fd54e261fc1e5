import { CurriculumSubjects, PersonalRangeRequest, type Caller, type PersonalEntryView } from '@jiaolian/contracts';
import { CurrentCaller } from '@jiaolian/service-kit';
import { Controller, Injectable } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { iso } from '../common/access.js';

interface MineRow { id: string; facility_id: string; facility_name: string; school_name: string | null; purpose: string; starts_at: Date; ends_at: Date; status: string }

/**
 * The facility bookings a user made that still hold (pending or approved), for the teacher's week in
 * teacher exchange. Only the caller's own bookings: the caller is the scope.
 */
@Injectable()
export class MyBookingsService {
  constructor(private readonly dataSource: DataSource) {}

  async mine(caller: Caller, range: PersonalRangeRequest): Promise<PersonalEntryView[]> {
    if (caller.kind !== 'user') return [];
    const rows: MineRow[] = await this.dataSource.query(
      `SELECT b.id, b.facility_id, f.name AS facility_name, ds.name AS school_name, b.purpose, b.starts_at, b.ends_at, b.status
         FROM booking b
         JOIN facility f ON f.id = b.facility_id
         LEFT JOIN directory_school ds ON ds.id = b.owner_school_id
        WHERE b.requested_by = $1 AND b.status IN ('pending', 'approved') AND b.starts_at < $3 AND b.ends_at > $2
        ORDER BY b.starts_at, b.id`,
      [caller.id, range.from, range.to],
    );
    return rows.map((r) => ({
      id: r.id, refId: r.id, title: `${r.facility_name} · ${r.purpose}`, startsAt: iso(r.starts_at), endsAt: iso(r.ends_at),
      place: [r.school_name, r.facility_name].filter(Boolean).join(' · ') || null, detail: r.status,
    }));
  }
}

@Controller()
export class MyBookingsController {
  constructor(private readonly bookings: MyBookingsService) {}

  @MessagePattern(CurriculumSubjects.bookingMine)
  mine(@Payload() range: PersonalRangeRequest, @CurrentCaller() caller: Caller): Promise<PersonalEntryView[]> {
    return this.bookings.mine(caller, range);
  }
}
