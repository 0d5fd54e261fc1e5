import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { IdDto } from '../common/requests.js';
import { ExamTransitionDto, UpdateExamDto } from './exams.dto.js';

/** Bus payloads of subjects that act on one exam: the id and the body, validated again by the service. */
export class UpdateExamRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateExamDto) changes: UpdateExamDto;
}

export class ExamTransitionRequest extends IdDto {
  @ValidateNested() @Type(() => ExamTransitionDto) body: ExamTransitionDto;
}
