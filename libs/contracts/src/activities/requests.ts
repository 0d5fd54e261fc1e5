import { Type } from 'class-transformer';
import { IsIn, ValidateNested } from 'class-validator';
import { IdDto } from '../common/requests.js';
import { CancelActivityDto, CancelOccurrenceDto, UpdateActivityDto } from './activities.dto.js';
import { BRIEFING_FORMATS, type BriefingFormat } from './briefings.dto.js';
import { SaveMinutesDto } from './minutes.dto.js';
import { AttendanceQueryDto, CreateRegistrationDto, ListRegistrationsQueryDto } from './registrations.dto.js';

/* Bus payloads of the activities subjects that act on one object: its id and the body or query. */

export class UpdateActivityRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateActivityDto) changes: UpdateActivityDto;
}

export class CancelActivityRequest extends IdDto {
  @ValidateNested() @Type(() => CancelActivityDto) body: CancelActivityDto;
}

export class CancelOccurrenceRequest extends IdDto {
  @ValidateNested() @Type(() => CancelOccurrenceDto) body: CancelOccurrenceDto;
}

export class CreateRegistrationRequest extends IdDto {
  @ValidateNested() @Type(() => CreateRegistrationDto) body: CreateRegistrationDto;
}

export class ListRegistrationsRequest extends IdDto {
  @ValidateNested() @Type(() => ListRegistrationsQueryDto) query: ListRegistrationsQueryDto;
}

export class AttendanceRequest extends IdDto {
  @ValidateNested() @Type(() => AttendanceQueryDto) query: AttendanceQueryDto;
}

export class SaveMinutesRequest extends IdDto {
  @ValidateNested() @Type(() => SaveMinutesDto) body: SaveMinutesDto;
}

export class BriefingDownloadRequest extends IdDto {
  @IsIn(BRIEFING_FORMATS) format: BriefingFormat;
}
