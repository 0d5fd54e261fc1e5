import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { IdDto } from '../common/requests.js';
import { UpdateTeacherDto } from './teachers.dto.js';

export class UpdateTeacherRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateTeacherDto) changes: UpdateTeacherDto;
}
