import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { IdDto } from '../common/requests.js';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';

/*
 * The organisation of an alliance (联盟组织机构): its bodies (理事会, 秘书处, 领导小组, 工作组,
 * 学科中心组, 工作室) and the people who sit in them, each for a term.
 */

/** council 理事会, secretariat 秘书处, leadership_group 领导小组, working_group 工作组, subject_centre 学科中心组, studio 工作室 */
export const BODY_KINDS = ['council', 'secretariat', 'leadership_group', 'working_group', 'subject_centre', 'studio'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** Kinds of working group: 教学研讨组, 教师培训组, 学生活动组, 资源共享组, or another the name says. */
export const WORKING_GROUP_CATEGORIES = ['teaching_research', 'teacher_training', 'student_activities', 'resource_sharing', 'other'] as const;
/** Kinds of studio: 名师工作室, 学科工作室, 班主任工作室. */
export const STUDIO_CATEGORIES = ['master_teacher', 'subject', 'head_teacher'] as const;
export const BODY_CATEGORIES = [...WORKING_GROUP_CATEGORIES, ...STUDIO_CATEGORIES] as const;
export type BodyCategory = (typeof BODY_CATEGORIES)[number];

/** leader 组长 (a studio's 领衔人), deputy 副组长, member 成员 */
export const BODY_ROLES = ['leader', 'deputy', 'member'] as const;
export type BodyRole = (typeof BODY_ROLES)[number];

const trueish = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateBodyDto {
  @ApiProperty({ enum: BODY_KINDS, description: 'council 理事会, secretariat 秘书处, leadership_group 领导小组, working_group 工作组, subject_centre 学科中心组, studio 工作室' })
  @IsIn(BODY_KINDS)
  kind: BodyKind;

  @ApiProperty({ example: '教学研讨组', maxLength: 64 })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({
    enum: BODY_CATEGORIES,
    description: 'Required for a working group (teaching_research 教学研讨组, teacher_training 教师培训组, student_activities 学生活动组, resource_sharing 资源共享组, other) and a studio (master_teacher 名师工作室, subject 学科工作室, head_teacher 班主任工作室); not allowed otherwise',
  })
  @IsOptional()
  @IsIn(BODY_CATEGORIES)
  category?: BodyCategory;

  @ApiPropertyOptional({ example: '数学', maxLength: 32, description: 'Required for a subject centre and a subject studio; allowed for a master teacher studio' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(32)
  subject?: string;

  @ApiPropertyOptional({ maxLength: 4000, description: 'Responsibilities (职责)' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  responsibilities?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The body it sits under, of the same alliance (e.g. a working group under the council)' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class UpdateBodyDto {
  @ApiPropertyOptional({ maxLength: 64 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  responsibilities?: string;

  @ApiPropertyOptional({ maxLength: 32, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(32)
  subject?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Move the body under another of the alliance; null puts it at the top' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class DissolveBodyDto {
  @ApiProperty({ maxLength: 500, description: 'Why the body is dissolved; every current membership ends with it' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

export class ListBodiesQueryDto {
  @ApiPropertyOptional({ description: 'Also list dissolved bodies', default: false })
  @IsOptional()
  @Transform(trueish)
  @IsBoolean()
  includeDissolved?: boolean;
}

export class AddBodyMemberDto {
  @ApiProperty({ format: 'uuid', description: 'A user holding a teacher or school admin role at schoolId' })
  @IsUUID()
  userId: string;

  @ApiProperty({ format: 'uuid', description: 'The member school of the alliance the person sits for' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ enum: BODY_ROLES, description: 'leader 组长, deputy 副组长, member 成员; at most one current leader' })
  @IsIn(BODY_ROLES)
  role: BodyRole;

  @ApiProperty({ format: 'date', example: '2026-09-01', description: 'First day of the term' })
  @IsDateString({ strict: true })
  termFrom: string;

  @ApiPropertyOptional({ format: 'date', example: '2028-08-31', description: 'Last day of the term; open if left out' })
  @IsOptional()
  @IsDateString({ strict: true })
  termTo?: string;
}

export class EndBodyMemberDto {
  @ApiProperty({ format: 'date', example: '2027-01-31', description: 'The last day of the membership (not before its first day)' })
  @IsDateString({ strict: true })
  endedOn: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ListBodyCandidatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only people of this member school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

/* bus payloads */

export class CreateBodyRequest {
  @IsUUID() allianceId: string;
  @ValidateNested() @Type(() => CreateBodyDto) body: CreateBodyDto;
}

export class ListBodiesRequest extends ListBodiesQueryDto {
  @IsUUID() allianceId: string;
}

export class UpdateBodyRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateBodyDto) changes: UpdateBodyDto;
}

export class DissolveBodyRequest extends IdDto {
  @ValidateNested() @Type(() => DissolveBodyDto) body: DissolveBodyDto;
}

export class AddBodyMemberRequest extends IdDto {
  @ValidateNested() @Type(() => AddBodyMemberDto) body: AddBodyMemberDto;
}

export class EndBodyMemberRequest {
  @IsUUID() bodyId: string;
  @IsUUID() memberId: string;
  @ValidateNested() @Type(() => EndBodyMemberDto) body: EndBodyMemberDto;
}

export class ListBodyCandidatesRequest extends ListBodyCandidatesQueryDto {
  @IsUUID() allianceId: string;
}

/** membership.body.refs: other services check the bodies an object names (a body the caller cannot see is left out). */
export class BodyRefsQuery {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsUUID('all', { each: true }) ids: string[];
}

/* views */

export class BodyRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class BodyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ enum: BODY_KINDS }) kind: BodyKind;
  @ApiProperty({ enum: BODY_CATEGORIES, nullable: true, type: String }) category: BodyCategory | null;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) subject: string | null;
  @ApiProperty({ nullable: true, type: String }) responsibilities: string | null;
  @ApiProperty({ enum: ['active', 'dissolved'] }) status: 'active' | 'dissolved';
  @ApiProperty({ description: 'Current members' }) memberCount: number;
  @ApiProperty({ nullable: true, type: String, description: 'The current leader (组长 / 领衔人), if any' }) leaderName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dissolvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) dissolveReason: string | null;
}

export class PersonRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class BodyMemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) bodyId: string;
  @ApiProperty({ type: PersonRef }) user: PersonRef;
  @ApiProperty({ type: BodyRef, description: 'The member school the person sits for' }) school: BodyRef;
  @ApiProperty({ enum: BODY_ROLES }) role: BodyRole;
  @ApiProperty({ format: 'date' }) termFrom: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) termTo: string | null;
  @ApiProperty({ enum: ['current', 'ended'] }) status: 'current' | 'ended';
  @ApiProperty({ format: 'date', nullable: true, type: String }) endedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) endReason: string | null;
}

export class BodyDetailView extends BodyView {
  @ApiProperty({ type: BodyRef, nullable: true }) parent: BodyRef | null;
  @ApiProperty({ type: BodyRef, description: 'The alliance the body belongs to' }) alliance: BodyRef;
  @ApiProperty({ type: [BodyMemberView], description: 'Every membership, current and ended' }) members: BodyMemberView[];
}

/** One of a person's body memberships, for their user page. */
export class UserBodyMembershipView extends BodyMemberView {
  @ApiProperty({ type: BodyRef }) body: BodyRef;
  @ApiProperty({ enum: BODY_KINDS }) bodyKind: BodyKind;
  @ApiProperty({ type: BodyRef }) alliance: BodyRef;
}

/** A person who may sit in a body of the alliance: a teacher or school admin of a member school. */
export class BodyCandidateView {
  @ApiProperty({ type: PersonRef }) user: PersonRef;
  @ApiProperty({ type: BodyRef }) school: BodyRef;
}

/** What membership.body.refs answers for each visible body. */
export interface BodyRefView {
  id: string;
  allianceId: string;
  districtId: string;
  name: string;
  kind: BodyKind;
  status: 'active' | 'dissolved';
}

/* events */

export interface BodyEvent {
  bodyId: string;
  allianceId: string;
  districtId: string;
  parentId: string | null;
  kind: BodyKind;
  category: BodyCategory | null;
  name: string;
  subject: string | null;
  status: 'active' | 'dissolved';
  version: number;
}

export interface BodyMemberEvent {
  bodyMemberId: string;
  bodyId: string;
  allianceId: string;
  districtId: string;
  userId: string;
  schoolId: string;
  role: BodyRole;
  termFrom: string;
  termTo: string | null;
  endedOn: string | null;
}
