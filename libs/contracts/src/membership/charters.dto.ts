import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, Min, IsString, IsUUID, MaxLength, ValidateNested,
} from 'class-validator';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';
import { SchoolRef } from './alliances.dto.js';

/*
 * Charters and agreements (章程与协议) of an alliance: versioned documents that every member school
 * signs through its school admin. A version is drafted, sent for signing, comes into force when every
 * school that was a member when it was sent has signed, and expires after its validity period.
 */

/** charter (章程), cooperation agreement (合作协议), pairing agreement (帮扶协议, only for a pairing). */
export const CHARTER_KINDS = ['charter', 'cooperation_agreement', 'pairing_agreement'] as const;
export type CharterKind = (typeof CHARTER_KINDS)[number];

/** draft (草稿) → signing (签署中) → in_force (生效) → superseded (已被修订版取代) or expired (已到期). */
export const CHARTER_VERSION_STATUSES = ['draft', 'signing', 'in_force', 'superseded', 'expired'] as const;
export type CharterVersionStatus = (typeof CHARTER_VERSION_STATUSES)[number];

/** The longest text of a version body (Markdown); about 50 pages of Chinese text. */
export const CHARTER_BODY_MAX = 100_000;
export const CHARTER_FILE_EXTENSIONS = ['.pdf', '.docx', '.doc', '.odt', '.txt', '.md'] as const;
export const CHARTER_FILE_MAX_MB = 20;

export class CharterDutyDto {
  @ApiProperty({ format: 'uuid', description: 'A member school of the alliance' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ maxLength: 2000, description: "The school's duties under this version" })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  duties: string;
}

/** The editable content of a draft version: Markdown text and the structured fields. */
export class CharterContentDto {
  @ApiPropertyOptional({ maxLength: CHARTER_BODY_MAX, description: 'The text as Markdown (shown as text, never as HTML)' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(CHARTER_BODY_MAX)
  body?: string;

  @ApiPropertyOptional({ maxLength: 4000, description: 'What the schools share (teachers, resources, facilities, exams …)' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(4000)
  sharedScope?: string;

  @ApiPropertyOptional({ type: [CharterDutyDto], description: "Each member school's duties (one entry per school)" })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CharterDutyDto)
  duties?: CharterDutyDto[];

  @ApiPropertyOptional({ maxLength: 4000, description: 'How disputes between the schools are resolved' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(4000)
  disputeResolution?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-09-01', description: 'First day of validity' })
  @OptionalNotNull()
  @IsDateString({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional({ format: 'date', example: '2029-08-31', description: 'Last day of validity' })
  @OptionalNotNull()
  @IsDateString({ strict: true })
  validTo?: string;
}

export class CreateCharterDocumentDto extends CharterContentDto {
  @ApiProperty({ enum: CHARTER_KINDS, description: 'charter (章程), cooperation_agreement (合作协议); pairing_agreement (帮扶协议) for a pairing' })
  @IsIn(CHARTER_KINDS)
  kind: CharterKind;

  @ApiProperty({ maxLength: 100, example: '城关教育联盟章程' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title: string;
}

export class UpdateCharterDraftDto extends CharterContentDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title?: string;
}

export class SignCharterDto {
  @ApiProperty({ format: 'uuid', description: 'The school you sign for (you must be its school admin)' })
  @IsUUID()
  schoolId: string;
}

export class WithdrawCharterDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'Why the version is taken back to draft' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class UploadCharterFileForm {
  @ApiProperty({ type: 'string', format: 'binary', description: `The signed text as a file (${CHARTER_FILE_EXTENSIONS.join(', ')})` })
  file: unknown;
}

// --- bus payloads ---------------------------------------------------------------------------------

export class CharterAllianceRef {
  @IsUUID() allianceId: string;
}

export class CharterDocumentRef extends CharterAllianceRef {
  @IsUUID() documentId: string;
}

export class CharterVersionRef extends CharterDocumentRef {
  @IsUUID() versionId: string;
}

export class CreateCharterDocumentRequest extends CharterAllianceRef {
  @ValidateNested() @Type(() => CreateCharterDocumentDto) body: CreateCharterDocumentDto;
}

export class UpdateCharterDraftRequest extends CharterVersionRef {
  @ValidateNested() @Type(() => UpdateCharterDraftDto) changes: UpdateCharterDraftDto;
}

export class SignCharterRequest extends CharterVersionRef {
  @ValidateNested() @Type(() => SignCharterDto) body: SignCharterDto;
}

export class WithdrawCharterRequest extends CharterVersionRef {
  @ValidateNested() @Type(() => WithdrawCharterDto) body: WithdrawCharterDto;
}

export class CharterFileDto {
  @IsString() @MaxLength(300) key: string;
  @IsString() @MaxLength(255) filename: string;
  @IsString() @MaxLength(200) contentType: string;
  @IsString() @MaxLength(64) sha256: string;
  @IsInt() @Min(0) size: number;
}

/** A file the gateway streamed into the store, attached to a draft as its text. */
export class AttachCharterFileRequest extends CharterVersionRef {
  @ValidateNested() @Type(() => CharterFileDto) file: CharterFileDto;
}

// --- views ----------------------------------------------------------------------------------------

export class CharterDutyView {
  @ApiProperty({ type: SchoolRef }) school: SchoolRef;
  @ApiProperty() duties: string;
}

export class CharterFileView {
  @ApiProperty() filename: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
  @ApiProperty({ description: 'SHA-256 of the file bytes, hex' }) sha256: string;
}

export class CharterSignatureView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: SchoolRef }) school: SchoolRef;
  @ApiProperty({ description: 'The signer (a user id)' }) signedById: string;
  @ApiProperty() signedByName: string;
  @ApiProperty({ format: 'date-time' }) signedAt: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical bytes of the version as signed' }) contentSha256: string;
  @ApiProperty({ description: 'The version still hashes to what was signed (checked on every read)' }) hashMatches: boolean;
}

export class CharterSchoolSigningView {
  @ApiProperty({ type: SchoolRef }) school: SchoolRef;
  @ApiProperty({ description: 'A member when the version was sent: its signature is needed for the version to come into force' }) required: boolean;
  @ApiProperty({ description: 'An active member of the alliance now' }) currentMember: boolean;
  @ApiProperty({ type: CharterSignatureView, nullable: true }) signature: CharterSignatureView | null;
}

export class CharterVersionSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '1 for the first version, +1 for each amendment' }) number: number;
  @ApiProperty({ enum: CHARTER_VERSION_STATUSES, description: 'expired is reported as soon as validTo has passed (Asia/Shanghai days)' }) status: CharterVersionStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) validFrom: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) validTo: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) inForceAt: string | null;
  @ApiProperty({ description: 'Schools whose signature the version needs' }) requiredCount: number;
  @ApiProperty({ description: 'Of those, the schools that have signed' }) signedCount: number;
}

export class CharterPermissionsView {
  @ApiProperty() edit: boolean;
  @ApiProperty() send: boolean;
  @ApiProperty() withdraw: boolean;
  @ApiProperty() amend: boolean;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Schools the caller may sign for now' }) signFor: string[];
}

export class CharterVersionView extends CharterVersionSummaryView {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty({ enum: CHARTER_KINDS }) kind: CharterKind;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String, description: 'Markdown; show as text' }) body: string | null;
  @ApiProperty({ type: CharterFileView, nullable: true }) file: CharterFileView | null;
  @ApiProperty({ nullable: true, type: String }) sharedScope: string | null;
  @ApiProperty({ type: [CharterDutyView] }) duties: CharterDutyView[];
  @ApiProperty({ nullable: true, type: String }) disputeResolution: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The in-force version this amendment was drafted from' }) amends: string | null;
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical bytes of the version as it is now' }) contentSha256: string;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 fixed when the version was sent; null for a draft' }) sentSha256: string | null;
  @ApiProperty({ description: 'false when the stored content no longer hashes to what was sent and signed' }) intact: boolean;
  @ApiProperty({ type: [CharterSchoolSigningView], description: 'Every school required to sign and every current member, with its signature if any' })
  schools: CharterSchoolSigningView[];
  @ApiProperty({ type: CharterPermissionsView, description: 'What the caller may do now' }) may: CharterPermissionsView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CharterDocumentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty({ enum: CHARTER_KINDS }) kind: CharterKind;
  @ApiProperty() title: string;
  @ApiProperty({ type: CharterVersionSummaryView, nullable: true, description: 'The version in force (or expired last), if any' })
  current: CharterVersionSummaryView | null;
  @ApiProperty({ type: CharterVersionSummaryView, nullable: true, description: 'The draft or the version out for signing, if any' })
  pending: CharterVersionSummaryView | null;
  @ApiProperty({ type: [SchoolRef], description: 'Active member schools that have not signed the pending version, or else the current one' })
  unsignedSchools: SchoolRef[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CharterDocumentDetailView extends CharterDocumentView {
  @ApiProperty({ type: [CharterVersionSummaryView], description: 'Every version the caller may see, newest first' })
  versions: CharterVersionSummaryView[];
}

export class CharterFileDownloadView {
  key: string;
  filename: string;
}

// --- events ---------------------------------------------------------------------------------------

/** A charter version changed state or content (sent, signed, in force, expired, draft edited). */
export interface CharterVersionEvent {
  documentId: string;
  versionId: string;
  allianceId: string;
  allianceName: string;
  districtId: string;
  kind: CharterKind;
  title: string;
  number: number;
  status: CharterVersionStatus;
  validTo: string | null;
  /** set once the version was sent: the hash every signature is of */
  contentSha256: string | null;
}

export interface CharterSentForSigningEvent extends CharterVersionEvent {
  /** the schools whose admins are asked to sign */
  schoolIds: string[];
}

export interface CharterSignedEvent extends CharterVersionEvent {
  schoolId: string;
  signedById: string;
  signedAt: string;
  remainingSchoolIds: string[];
}

/** A version in force ends its validity soon (sent 30 and 7 days ahead): the alliance admins are reminded. */
export interface CharterExpiringSoonEvent extends CharterVersionEvent {
  daysLeft: number;
}
