import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min,
  ValidateNested,
} from 'class-validator';
import { IsNotBlank } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import {
  GENDER_CODES, IMPORT_MODES, TEACHER_EMPTY_CELL_RULES, TEACHER_RANK_CODES, TEACHER_ROW_OUTCOMES, type TeacherEmptyCellRule, type TeacherRowOutcome, TEACHER_SUBJECT_CODES, TEACHER_TITLE_CODES, type Gender, type ImportMode, type TeacherRank,
  type TeacherSubject, type TeacherTitle,
} from './enums.js';

export class CreateTeacherDto {
  @ApiProperty({ format: 'uuid', description: 'Home school (人事关系所在学校)' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ description: 'Staff number (工号), unique within the school', example: 'T2026001', maxLength: 32 })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'staffNo must be 1–32 letters, digits, - or _' })
  staffNo: string;

  @ApiProperty({ example: '王丽', maxLength: 32 })
  @IsString()
  @IsNotBlank()
  @MaxLength(32)
  name: string;

  @ApiProperty({ enum: GENDER_CODES })
  @IsIn(GENDER_CODES)
  gender: Gender;

  @ApiProperty({ enum: TEACHER_SUBJECT_CODES, isArray: true, description: 'Subjects taught (任教学科)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsIn(TEACHER_SUBJECT_CODES, { each: true })
  subjects: TeacherSubject[];

  @ApiProperty({ enum: TEACHER_TITLE_CODES, description: 'Professional title (职称)' })
  @IsIn(TEACHER_TITLE_CODES)
  title: TeacherTitle;

  @ApiProperty({ enum: TEACHER_RANK_CODES, description: 'none, backbone (骨干教师) or subject_leader (学科带头人)' })
  @IsIn(TEACHER_RANK_CODES)
  rank: TeacherRank;

  @ApiProperty({ description: 'Middle manager (中层干部)' })
  @IsBoolean()
  middleManager: boolean;
}

export class UpdateTeacherDto extends PartialType(OmitType(CreateTeacherDto, ['schoolId'] as const), { skipNullProperties: false }) {}

export class ListTeachersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Home school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ enum: TEACHER_SUBJECT_CODES })
  @IsOptional()
  @IsIn(TEACHER_SUBJECT_CODES)
  subject?: TeacherSubject;

  @ApiPropertyOptional({ enum: TEACHER_RANK_CODES })
  @IsOptional()
  @IsIn(TEACHER_RANK_CODES)
  rank?: TeacherRank;

  @ApiPropertyOptional({ description: 'Only middle managers (true) or only others (false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  middleManager?: boolean;
}

export class TeacherView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ description: 'Home school name as membership announced it' }) schoolName: string;
  @ApiProperty() staffNo: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: GENDER_CODES }) gender: Gender;
  @ApiProperty({ enum: TEACHER_SUBJECT_CODES, isArray: true }) subjects: TeacherSubject[];
  @ApiProperty({ enum: TEACHER_TITLE_CODES }) title: TeacherTitle;
  @ApiProperty({ enum: TEACHER_RANK_CODES }) rank: TeacherRank;
  @ApiProperty() middleManager: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** A file the gateway put into the file store; only this travels on the bus. */
export class StoredFileRef {
  @IsString() @IsNotEmpty() key: string;
  @IsInt() @Min(0) size: number;
  @IsString() sha256: string;
  @IsString() contentType: string;
  @IsString() @IsNotEmpty() filename: string;
}

/** teacher-exchange.teacher.import: the uploaded file, the home school and the mode. */
export class ImportTeachersRequest {
  @IsUUID() schoolId: string;
  @IsIn(IMPORT_MODES) mode: ImportMode;
  @IsOptional() @IsIn(TEACHER_EMPTY_CELL_RULES) empty?: TeacherEmptyCellRule;
  @IsOptional() @IsBoolean() dryRun?: boolean;
  @ValidateNested() @Type(() => StoredFileRef) file: StoredFileRef;
}

/** The multipart form fields of the import route (sent before the file part). */
export class ImportTeachersFieldsDto {
  @ApiProperty({ format: 'uuid', description: 'Home school of every imported teacher' })
  @IsUUID()
  schoolId: string;

  @ApiPropertyOptional({ enum: IMPORT_MODES, default: 'all', description: 'all: nothing is imported unless every row is good; valid-only: the good rows are imported' })
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;

  @ApiPropertyOptional({
    enum: TEACHER_EMPTY_CELL_RULES, default: 'keep',
    description: 'What an empty 职称, 骨干级别 or 是否中层 cell means for a teacher already on the roster: keep the stored value, or clear it to 未定级 / 无 / 否',
  })
  @IsOptional()
  @IsIn(TEACHER_EMPTY_CELL_RULES)
  empty?: TeacherEmptyCellRule;

  @ApiPropertyOptional({
    enum: ['true', 'false'], default: 'false',
    description: 'true: run every check and answer what the import would create, update, leave unchanged and reject, row by row, writing nothing (no teachers, no audit, no event)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}

export class ImportRowError {
  @ApiProperty({ description: 'Row number in the sheet (the header is row 1)' }) row: number;
  @ApiProperty({ description: 'Column (Chinese header) at fault' }) field: string;
  @ApiProperty({ description: 'In the language of Accept-Language (zh-CN by default, en)' }) message: string;
  @ApiPropertyOptional({ description: 'Stable code of what is wrong with the row, e.g. exchange.teacher-import.staff-no-repeated' }) code?: string;
  @ApiPropertyOptional({
    description: 'The values the message was built from, for clients that show their own text',
    type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  })
  params?: Record<string, string | number>;
}

export class TeacherImportRowView {
  @ApiProperty({ description: 'Row number in the sheet (the header is row 1)' }) row: number;
  @ApiProperty({ description: 'The row\'s staff number as written' }) staffNo: string;
  @ApiProperty({ enum: TEACHER_ROW_OUTCOMES, description: 'inserted: a new teacher; updated: a stored teacher changes; unchanged: the row matches the roster; rejected: the row has errors' })
  outcome: TeacherRowOutcome;
  @ApiProperty({ type: [ImportRowError] }) errors: ImportRowError[];
}

export class TeacherImportRowCounts {
  @ApiProperty() inserted: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() rejected: number;
}

export class TeacherImportReport {
  @ApiProperty({ description: 'True when nothing was written: the report says what the import would do' }) dryRun: boolean;
  @ApiProperty({ enum: TEACHER_EMPTY_CELL_RULES }) empty: TeacherEmptyCellRule;
  @ApiProperty({ description: 'Data rows read' }) total: number;
  @ApiProperty() created: number;
  @ApiProperty({ description: 'Rows that matched an existing staff number (changed or not; rowCounts tells them apart)' }) updated: number;
  @ApiProperty({ description: 'Bad rows not imported' }) skipped: number;
  @ApiProperty({ description: 'Mode all with a rejected row: nothing is (or would be) imported' }) blocked: boolean;
  @ApiProperty({ type: TeacherImportRowCounts, description: 'Rows by outcome' }) rowCounts: TeacherImportRowCounts;
  @ApiProperty({ type: [TeacherImportRowView], description: 'Every row\'s outcome in sheet order' }) rowOutcomes: TeacherImportRowView[];
  @ApiProperty({ type: [ImportRowError] }) errors: ImportRowError[];
}

export const TEMPLATE_FORMATS = ['xlsx', 'csv'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

export class ImportTemplateQueryDto {
  @ApiPropertyOptional({ enum: TEMPLATE_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(TEMPLATE_FORMATS)
  format?: TemplateFormat;
}

/** Where the service wrote the template; the gateway streams it by key. */
export interface ImportTemplateFile {
  key: string;
  filename: string;
}
