import type { AllianceKind, AllianceStatus, JoinRequestKind, JoinRequestStatus, MemberRole } from '@jiaolian/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'alliance' })
export class AllianceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'district_id', type: 'uuid' }) districtId: string;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @Column({ type: 'varchar', length: 16 }) kind: AllianceKind;
  @Column({ type: 'varchar', length: 16 }) status: AllianceStatus;
  @Column({ name: 'core_school_id', type: 'uuid' }) coreSchoolId: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'starts_on', type: 'date', nullable: true }) startsOn: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /** raised by every update; events that carry the name say which version they describe */
  @VersionColumn({ type: 'int' }) version: number;
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true }) activatedAt: Date | null;
  @Column({ name: 'dissolved_at', type: 'timestamptz', nullable: true }) dissolvedAt: Date | null;
  @Column({ name: 'dissolve_reason', type: 'text', nullable: true }) dissolveReason: string | null;
}

/** One membership period of a school in an alliance; leaving closes the row, re-joining opens a new one. */
@Entity({ name: 'alliance_member' })
export class AllianceMemberEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'alliance_id', type: 'uuid' }) allianceId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'varchar', length: 16 }) role: MemberRole;
  @Column({ name: 'joined_at', type: 'timestamptz' }) joinedAt: Date;
  @Column({ name: 'left_at', type: 'timestamptz', nullable: true }) leftAt: Date | null;
  @Column({ name: 'left_reason', type: 'text', nullable: true }) leftReason: string | null;
}

@Entity({ name: 'join_request' })
export class JoinRequestEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'alliance_id', type: 'uuid' }) allianceId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'varchar', length: 16 }) kind: JoinRequestKind;
  @Column({ type: 'varchar', length: 16 }) status: JoinRequestStatus;
  @Column({ type: 'varchar', length: 16 }) role: MemberRole;
  @Column({ type: 'text', nullable: true }) message: string | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy: string;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  /** across districts: the asked side accepted while district approvals were outstanding */
  @Column({ name: 'answered_by', type: 'text', nullable: true }) answeredBy: string | null;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt: Date | null;
}
