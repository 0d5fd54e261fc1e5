import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import { IdDto } from '../common/requests.js';
import { BOOKING_STATUSES, FACILITY_KINDS, type BookingStatus, type FacilityKind } from './enums.js';

export class CreateFacilityDto {
  @ApiProperty({ format: 'uuid', description: 'The school that owns and shares the facility' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ enum: FACILITY_KINDS, description: 'lab 实验室, music_room 音乐室, youth_palace 少年宫, farm_base 农耕基地, equipment 设备, other 其他' })
  @IsIn(FACILITY_KINDS)
  kind: FacilityKind;

  @ApiProperty({ example: '科学实验室', maxLength: 64 })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiProperty({ minimum: 1, maximum: 5000, description: 'People at once (units for equipment)' })
  @IsInt()
  @Min(1)
  @Max(5000)
  capacity: number;

  @ApiProperty({ example: '周一至周五 14:00–17:00', maxLength: 120, description: 'Open hours as the school states them' })
  @IsString()
  @IsNotBlank()
  @MaxLength(120)
  openHours: string;

  @ApiPropertyOptional({ example: '综合楼三楼', maxLength: 120 })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  location?: string;
}

export class UpdateFacilityDto extends PartialType(OmitType(CreateFacilityDto, ['schoolId'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'false withdraws it from booking' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class UpdateFacilityRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateFacilityDto) changes: UpdateFacilityDto;
}

export class ListFacilitiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ enum: FACILITY_KINDS })
  @IsOptional()
  @IsIn(FACILITY_KINDS)
  kind?: FacilityKind;
}

export class FacilityView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty({ enum: FACILITY_KINDS }) kind: FacilityKind;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() capacity: number;
  @ApiProperty() openHours: string;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Whether the caller may change it and decide its bookings' }) canManage: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreateBookingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  facilityId: string;

  @ApiProperty({ format: 'uuid', description: 'The school that books (one of the caller\'s schools)' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-03T06:00:00Z' })
  @IsDateString({ strict: true })
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-03T08:00:00Z' })
  @IsDateString({ strict: true })
  endsAt: string;

  @ApiProperty({ example: '四年级科学实验课：植物的生长', maxLength: 200 })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  purpose: string;

  @ApiProperty({ minimum: 1, maximum: 5000 })
  @IsInt()
  @Min(1)
  @Max(5000)
  attendees: number;
}

export class RejectBookingDto {
  @ApiProperty({ example: '当天场地已安排全校活动', maxLength: 500 })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

export class CancelBookingDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RejectBookingRequest extends IdDto {
  @ValidateNested() @Type(() => RejectBookingDto) body: RejectBookingDto;
}

export class CancelBookingRequest extends IdDto {
  @ValidateNested() @Type(() => CancelBookingDto) body: CancelBookingDto;
}

export const BOOKING_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type BookingDirection = (typeof BOOKING_DIRECTIONS)[number];

export class ListBookingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ enum: BOOKING_STATUSES })
  @IsOptional()
  @IsIn(BOOKING_STATUSES)
  status?: BookingStatus;

  @ApiPropertyOptional({ enum: BOOKING_DIRECTIONS, description: 'incoming: for facilities of my schools (to approve); outgoing: requested by my schools' })
  @IsOptional()
  @IsIn(BOOKING_DIRECTIONS)
  direction?: BookingDirection;

  @ApiPropertyOptional({ format: 'date-time', description: 'Bookings ending after this instant' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Bookings starting before this instant' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class BookingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty() facilityName: string;
  @ApiProperty({ enum: FACILITY_KINDS }) facilityKind: FacilityKind;
  @ApiProperty({ format: 'uuid' }) ownerSchoolId: string;
  @ApiProperty() ownerSchoolName: string;
  @ApiProperty({ format: 'uuid' }) requesterSchoolId: string;
  @ApiProperty() requesterSchoolName: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty() requestedByName: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() purpose: string;
  @ApiProperty() attendees: number;
  @ApiProperty({ enum: BOOKING_STATUSES }) status: BookingStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was rejected or cancelled' }) reason: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ description: 'Whether the caller may approve or reject it' }) canDecide: boolean;
  @ApiProperty({ description: 'Whether the caller may cancel it' }) canCancel: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
