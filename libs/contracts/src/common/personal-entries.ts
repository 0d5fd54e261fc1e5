import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

/**
 * Bus payload of the "mine" queries (activities.registration.mine, curriculum.booking.mine): the
 * caller's own entries overlapping [from, to). The caller is who the entries belong to, so these
 * answer users only and need no other scope.
 */
export class PersonalRangeRequest {
  @IsISO8601({ strict: true }) from: string;
  @IsISO8601({ strict: true }) to: string;
}

/** One entry of a person's calendar as the owning service tells it. */
export class PersonalEntryView {
  @ApiProperty({ description: 'Stable id of the entry (e.g. registration id)' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The object it belongs to (activity, booking …)' }) refId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Where: school, room, or an online link' }) place: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Status code of the entry where it has one (a booking: pending or approved)' }) detail: string | null;
}
