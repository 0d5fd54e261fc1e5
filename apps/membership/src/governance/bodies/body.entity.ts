import type { BodyCategory, BodyKind, BodyRole } from '@jiaolian/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A body of an alliance's organisation (理事会, 秘书处, 领导小组, 工作组, 学科中心组, 工作室). */
@Entity({ name: 'alliance_body' })
export class BodyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'district_id', type: 'uuid' }) districtId: string;
  @Column({ name: 'alliance_id', type: 'uuid' }) allianceId: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ type: 'varchar', length: 24 }) kind: BodyKind;
  @Column({ type: 'varchar', length: 24, nullable: true }) category: BodyCategory | null;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) subject: string | null;
  @Column({ type: 'text', nullable: true }) responsibilities: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ type: 'int' }) version: number;
  @Column({ name: 'dissolved_at', type: 'timestamptz', nullable: true }) dissolvedAt: Date | null;
  @Column({ name: 'dissolve_reason', type: 'text', nullable: true }) dissolveReason: string | null;
}

/** One term of a person in a body; ending it fills endedOn and keeps the row. */
@Entity({ name: 'alliance_body_member' })
export class BodyMemberEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'body_id', type: 'uuid' }) bodyId: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'varchar', length: 16 }) role: BodyRole;
  @Column({ name: 'term_from', type: 'date' }) termFrom: string;
  @Column({ name: 'term_to', type: 'date', nullable: true }) termTo: string | null;
  @Column({ name: 'ended_on', type: 'date', nullable: true }) endedOn: string | null;
  @Column({ name: 'end_reason', type: 'text', nullable: true }) endReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
